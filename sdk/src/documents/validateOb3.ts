// OB 3.0 format check: 1EdTech's JSON Schemas (through ajv, draft 2019-09, with formats) plus a
// few rules the schemas cannot express, reported as plain-language problems.

import type { ErrorObject, ValidateFunction } from "ajv";
import Ajv2019Import from "ajv/dist/2019.js";
import addFormatsImport from "ajv-formats";
import { ChanceryError } from "../errors.ts";
import { OB3_SCHEMA_URLS, ob3Schemas } from "../schemas/index.ts";
import { type Problem, pathFromPointer, where } from "./problems.ts";

// CommonJS interop differs between node and bundlers: accept both shapes.
type Ajv2019Class = typeof import("ajv/dist/2019.js").default;
type AddFormats = typeof import("ajv-formats").default;
const Ajv2019 = ((Ajv2019Import as unknown as { default?: unknown }).default ?? Ajv2019Import) as Ajv2019Class;
const addFormats = ((addFormatsImport as unknown as { default?: unknown }).default ?? addFormatsImport) as AddFormats;

let validators: Map<string, ValidateFunction> | undefined;

function getValidators(): Map<string, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv2019({ allErrors: true, strict: false, verbose: true });
  addFormats(ajv);
  validators = new Map();
  for (const [url, schema] of ob3Schemas) validators.set(url, ajv.compile(schema));
  return validators;
}

/** The compiled validator of a bundled OB 3.0 schema. */
function validatorFor(url: string): ValidateFunction {
  const validate = getValidators().get(url);
  if (!validate) throw new ChanceryError("document-not-bundled", `The OB 3.0 schema ${url} is not bundled with the sdk.`);
  return validate;
}

const HASH_RE = /^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$/;

function describeType(type: unknown): string {
  const one = (t: string) => (t === "array" ? "a list" : t === "object" ? "an object" : t === "integer" ? "an integer" : `a ${t}`);
  return Array.isArray(type) ? type.map(String).map(one).join(" or ") : one(String(type));
}

function messageFor(e: ErrorObject): string {
  const at = where(pathFromPointer(e.instancePath), "The credential");
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return `${at} is missing the required property "${String(p.missingProperty)}".`;
    case "type":
      return `${at} must be ${describeType(p.type)}.`;
    case "enum": {
      const values = (p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ");
      const ext =
        p.orPattern === undefined
          ? ""
          : String(p.orPattern).includes("ext:")
            ? ', or an extension term "ext:…"'
            : ` (or text matching ${String(p.orPattern)})`;
      return `${at} must be one of ${values}${ext}; got ${JSON.stringify(e.data)}.`;
    }
    case "const":
      return `${at} must be ${JSON.stringify(p.allowedValue)}.`;
    case "contains": {
      const allowed = (e.parentSchema as { contains?: { enum?: unknown[] } })?.contains?.enum;
      return allowed
        ? `${at} must include ${allowed.map((v) => JSON.stringify(v)).join(" or ")}.`
        : `${at} does not contain a required item.`;
    }
    case "format":
      return p.format === "date-time"
        ? `${at} must be an ISO 8601 date-time with a time zone, like 2024-01-31T12:00:00Z; got ${JSON.stringify(e.data)}.`
        : `${at} must be a valid ${String(p.format)}; got ${JSON.stringify(e.data)}.`;
    case "pattern":
      if (e.instancePath === "/@context/1")
        return `@context[1] must be the Open Badges 3.0 context, https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json; got ${JSON.stringify(e.data)}.`;
      return `${at} does not have the expected form (${String(p.pattern)}); got ${JSON.stringify(e.data)}.`;
    case "minItems":
      return `${at} must have at least ${String(p.limit)} item${p.limit === 1 ? "" : "s"}.`;
    case "additionalProperties":
      return `${at} has a property "${String(p.additionalProperty)}" that is not allowed there.`;
    case "oneOf":
    case "anyOf":
      return `${at} does not match any of the allowed forms.`;
    default:
      return `${at} ${e.message ?? "is invalid"}.`;
  }
}

/** `/a/b/0` and every path above it (`/a/b`, `/a`, ``): to ask "is any error under here?" in O(1). */
function pathsAbove(errors: ErrorObject[]): Set<string> {
  const paths = new Set<string>();
  for (const e of errors) {
    let path = e.instancePath;
    while (!paths.has(path)) {
      paths.add(path);
      const cut = path.lastIndexOf("/");
      if (cut < 0) break;
      path = path.slice(0, cut);
    }
  }
  return paths;
}

// Linear in the number of errors (a hostile document can make ajv report hundreds of thousands):
// every "is there another error at or under this path" question is a set lookup.
/** ajv errors explained one by one; a hostile document can make ajv report one per item of a huge list. */
const MAX_SCHEMA_ERRORS = 1_000;

function schemaProblems(all: ErrorObject[]): Problem[] {
  const errors = all.length > MAX_SCHEMA_ERRORS ? all.slice(0, MAX_SCHEMA_ERRORS) : all;
  const isAlt = (e: ErrorObject) => e.keyword === "oneOf" || e.keyword === "anyOf";
  const inAlt = (e: ErrorObject) => /\/(oneOf|anyOf)\//.test(e.schemaPath);
  // Items failing a `contains` subschema are summarised by the contains error itself.
  let kept = errors.filter((e) => e.keyword !== "if" && !e.schemaPath.includes("/contains/"));
  // In "a string or an object" alternatives, a wrong-type error from one branch only restates
  // the alternative when the other branch has a real complaint (e.g. a missing property).
  const complaints = pathsAbove(kept.filter((o) => !isAlt(o) && o.keyword !== "type"));
  kept = kept.filter((e) => !(e.keyword === "type" && inAlt(e) && complaints.has(e.instancePath)));
  // Several wrong-type branch errors at one place become one "must be X or Y".
  const merged: ErrorObject[] = [];
  const typeAt = new Map<string, ErrorObject>();
  for (const e of kept) {
    if (e.keyword === "type") {
      const twin = typeAt.get(e.instancePath);
      if (twin) {
        const types = [...new Set([...[twin.params.type].flat(), ...[e.params.type].flat()])];
        twin.params = { ...twin.params, type: types };
        continue;
      }
      const copy = { ...e, params: { ...e.params } };
      typeAt.set(e.instancePath, copy);
      merged.push(copy);
      continue;
    }
    merged.push(e);
  }
  // An extensible vocabulary (a value from the list, or "ext:…") fails both branches: say it once.
  const patternsAt = new Map<string, ErrorObject[]>();
  for (const e of merged) {
    if (e.keyword !== "pattern") continue;
    const list = patternsAt.get(e.instancePath);
    if (list) list.push(e);
    else patternsAt.set(e.instancePath, [e]);
  }
  const folded = new Set<ErrorObject>();
  for (const e of merged) {
    if (e.keyword !== "enum") continue;
    const pattern = patternsAt.get(e.instancePath)?.shift();
    if (pattern) {
      (e.params as Record<string, unknown>).orPattern = pattern.params.pattern;
      folded.add(pattern);
    }
  }
  const unfolded = merged.filter((e) => !folded.has(e));
  // An alternatives failure is explained better by the errors inside it, when there are any.
  const inner = pathsAbove(unfolded.filter((o) => !isAlt(o)));
  kept = unfolded.filter((e) => !isAlt(e) || !inner.has(e.instancePath));
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const e of kept) {
    const problem = { path: pathFromPointer(e.instancePath), message: messageFor(e) };
    if (!seen.has(problem.message)) {
      seen.add(problem.message);
      out.push(problem);
    }
  }
  if (all.length > errors.length)
    out.push({ path: "", message: `The schema reports ${all.length - errors.length} more errors, not listed one by one.` });
  return out;
}

function semanticProblems(doc: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const subjects = Array.isArray(doc.credentialSubject) ? doc.credentialSubject : [doc.credentialSubject];
  subjects.forEach((subject, s) => {
    const base = Array.isArray(doc.credentialSubject) ? `credentialSubject[${s}]` : "credentialSubject";
    const ids = (subject as { identifier?: unknown })?.identifier;
    if (!Array.isArray(ids)) return;
    ids.forEach((id, i) => {
      const o = id as Record<string, unknown>;
      if (o?.hashed === true && typeof o.identityHash === "string" && !HASH_RE.test(o.identityHash)) {
        problems.push({
          path: `${base}.identifier[${i}].identityHash`,
          message: `${base}.identifier[${i}].identityHash is marked hashed but is not "sha256$" + 64 hex digits (or "md5$" + 32).`,
        });
      }
    });
  });
  if (typeof doc.validFrom === "string" && typeof doc.validUntil === "string") {
    const from = Date.parse(doc.validFrom);
    const until = Date.parse(doc.validUntil);
    if (!Number.isNaN(from) && !Number.isNaN(until) && until <= from)
      problems.push({ path: "validUntil", message: `validUntil (${doc.validUntil}) must be after validFrom (${doc.validFrom}).` });
  }
  return problems;
}

/**
 * Problems with an OB 3.0 credential (an empty list means valid). Uses the schema named in
 * `credentialSchema` when we ship it (achievement or endorsement credential), else the
 * AchievementCredential schema.
 */
export function validateOb3Credential(credential: unknown): Problem[] {
  if (!credential || typeof credential !== "object" || Array.isArray(credential)) {
    return [{ path: "", message: "An Open Badges 3.0 credential must be a JSON object." }];
  }
  const doc = { ...(credential as Record<string, unknown>) };
  // The generated schema types proof as an array only; a single proof object is valid VC data.
  if (doc.proof !== undefined && !Array.isArray(doc.proof)) doc.proof = [doc.proof];
  const all = getValidators();
  const named = (Array.isArray(doc.credentialSchema) ? doc.credentialSchema : [])
    .map((s) => (s as { id?: unknown })?.id)
    .filter((id): id is string => typeof id === "string" && all.has(id) && id !== OB3_SCHEMA_URLS.profile);
  const schemaUrls = named.length > 0 ? [...new Set(named)] : [OB3_SCHEMA_URLS.achievementCredential];
  const problems: Problem[] = [];
  for (const url of schemaUrls) {
    const validate = validatorFor(url);
    if (!validate(doc)) for (const problem of schemaProblems(validate.errors ?? [])) problems.push(problem);
  }
  for (const problem of semanticProblems(doc)) problems.push(problem);
  return problems;
}

/** Problems with an OB 3.0 issuer Profile (1EdTech profile schema). */
export function validateOb3Profile(profile: unknown): Problem[] {
  const validate = validatorFor(OB3_SCHEMA_URLS.profile);
  return validate(profile) ? [] : schemaProblems(validate.errors ?? []);
}
