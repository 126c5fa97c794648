// OB 3.0 format check: 1EdTech's JSON Schemas (through ajv, draft 2019-09, with formats) plus a
// few rules the schemas cannot express, reported as plain-language problems.

import type { ErrorObject, ValidateFunction } from "ajv";
import Ajv2019Import from "ajv/dist/2019.js";
import addFormatsImport from "ajv-formats";
import { ChanceryError } from "../errors.ts";
import { OB3_SCHEMA_URLS, ob3Schemas } from "../schemas/index.ts";
import { ISO_DATE_TIME_WITH_ZONE } from "./dates.ts";
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
    // VC 2.0: validUntil is "the same or later" than validFrom.
    if (!Number.isNaN(from) && !Number.isNaN(until) && until < from)
      problems.push({ path: "validUntil", message: `validUntil (${doc.validUntil}) must not be before validFrom (${doc.validFrom}).` });
  }
  return problems;
}

/** The schema URLs a credential is checked against: those it names in `credentialSchema` that we ship, else AchievementCredential. */
function schemaUrlsOf(doc: Record<string, unknown>): string[] {
  const all = getValidators();
  const named = (Array.isArray(doc.credentialSchema) ? doc.credentialSchema : [])
    .map((s) => (s as { id?: unknown })?.id)
    .filter((id): id is string => typeof id === "string" && all.has(id) && id !== OB3_SCHEMA_URLS.profile);
  return named.length > 0 ? [...new Set(named)] : [OB3_SCHEMA_URLS.achievementCredential];
}

/** How many passes `wrapSingleValues` makes, and how many values one pass wraps (a hostile document has thousands). */
const MAX_WRAP_PASSES = 4;
const MAX_WRAPS_PER_PASS = 200;

/**
 * A copy of `doc` in which a single value stands as a list of one wherever the schema asks for a
 * list (`"type": "Profile"` for `["Profile"]`): JSON-LD reads both the same, so the signature covers
 * the same statements, and other issuers (the DCC's among them) write the short form.
 */
function wrapSingleValues(doc: Record<string, unknown>, schemaUrls: string[]): Record<string, unknown> {
  let current = doc;
  for (let pass = 0; pass < MAX_WRAP_PASSES; pass++) {
    const singles = schemaUrls
      .flatMap((url) => {
        const validate = validatorFor(url);
        return validate(current) ? [] : (validate.errors ?? []);
      })
      .filter((e) => e.keyword === "type" && [e.params.type].flat().includes("array") && e.data !== null && typeof e.data !== "number")
      .slice(0, MAX_WRAPS_PER_PASS);
    if (singles.length === 0) break;
    current = structuredClone(current);
    let wrapped = 0;
    for (const e of singles) if (wrapAt(current, e.instancePath)) wrapped++;
    if (wrapped === 0) break;
  }
  return current;
}

/** Replaces the value at a JSON pointer by a list holding it; false when there is nothing to wrap. */
function wrapAt(root: Record<string, unknown>, pointer: string): boolean {
  const keys = pointer
    .split("/")
    .slice(1)
    .map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
  const last = keys.pop();
  if (last === undefined) return false;
  let node: unknown = root;
  for (const key of keys) node = node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  if (!node || typeof node !== "object") return false;
  const parent = node as Record<string, unknown>;
  if (parent[last] === undefined || Array.isArray(parent[last])) return false;
  parent[last] = [parent[last]];
  return true;
}

/**
 * Problems with an OB 3.0 credential (an empty list means valid). Uses the schema named in
 * `credentialSchema` when we ship it (achievement or endorsement credential), else the
 * AchievementCredential schema. With `received` (a verifier reading someone else's credential),
 * forms JSON-LD reads the same are accepted: a single value where the schema lists one, and several
 * `credentialStatus` entries (VC 2.0 allows a list; the OB schema describes one), each checked.
 */
export function validateOb3Credential(credential: unknown, options: { received?: boolean } = {}): Problem[] {
  if (!credential || typeof credential !== "object" || Array.isArray(credential)) {
    return [{ path: "", message: "An Open Badges 3.0 credential must be a JSON object." }];
  }
  const doc = { ...(credential as Record<string, unknown>) };
  // The generated schema types proof as an array only; a single proof object is valid VC data.
  if (doc.proof !== undefined && !Array.isArray(doc.proof)) doc.proof = [doc.proof];
  const schemaUrls = schemaUrlsOf(doc);
  const statuses = options.received && Array.isArray(doc.credentialStatus) ? doc.credentialStatus : undefined;
  const variants = statuses?.length ? statuses.map((status) => ({ ...doc, credentialStatus: status })) : [doc];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const [i, variant] of variants.entries()) {
    const checked = options.received ? wrapSingleValues(variant, schemaUrls) : variant;
    for (const url of schemaUrls) {
      const validate = validatorFor(url);
      if (validate(checked)) continue;
      for (const problem of schemaProblems(validate.errors ?? [])) {
        const located =
          statuses && problem.path.startsWith("credentialStatus")
            ? {
                path: problem.path.replace(/^credentialStatus/, `credentialStatus[${i}]`),
                message: problem.message.replace(/^credentialStatus/, `credentialStatus[${i}]`),
              }
            : problem;
        if (!seen.has(located.message)) {
          seen.add(located.message);
          problems.push(located);
        }
      }
    }
  }
  for (const problem of semanticProblems(doc)) problems.push(problem);
  return problems;
}

export const VC_V1_CONTEXT = "https://www.w3.org/2018/credentials/v1";
export const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";

/** A VC 1.1 credential (`@context` starts with credentials/v1), as other issuers' OB 3.0 badges still often are. */
export function isVc11Credential(credential: unknown): boolean {
  const context = (credential as { "@context"?: unknown } | null)?.["@context"];
  return Array.isArray(context) ? context[0] === VC_V1_CONTEXT : context === VC_V1_CONTEXT;
}

/** Proof types the bundled contexts define: a proof of any other type is not valid JSON-LD (safe mode refuses it). */
const KNOWN_PROOF_TYPES = new Set(["DataIntegrityProof", "Ed25519Signature2020", "Ed25519Signature2018", "JsonWebSignature2020"]);

/** Each proof has a known type and names its key by a URL (what the Data Integrity and VC specs require). */
function proofProblems(credential: unknown): Problem[] {
  const proof = (credential as { proof?: unknown } | null)?.proof;
  const proofs = proof === undefined ? [] : Array.isArray(proof) ? proof : [proof];
  const problems: Problem[] = [];
  proofs.forEach((item, i) => {
    const at = Array.isArray(proof) ? `proof[${i}]` : "proof";
    const p = (item ?? {}) as Record<string, unknown>;
    if (typeof p.type !== "string" || !KNOWN_PROOF_TYPES.has(p.type))
      problems.push({
        path: `${at}.type`,
        message: `${at} is of type ${JSON.stringify(p.type)}, which no bundled context defines, so the credential is not valid JSON-LD.`,
      });
    else if (typeof p.verificationMethod !== "string" || !/^[a-z][a-z0-9+.-]*:\S+$/i.test(p.verificationMethod))
      problems.push({
        path: `${at}.verificationMethod`,
        message: `${at}.verificationMethod must be the URL of the signing key; got ${JSON.stringify(p.verificationMethod)}.`,
      });
  });
  return problems;
}

/**
 * Problems with an OB 3.0 credential a verifier received from another issuer: the `received` rules
 * of `validateOb3Credential`, for VC 2.0 or the VC 1.1 data model. In VC 1.1, `issuanceDate`
 * (required) and `expirationDate` stand for `validFrom` / `validUntil`, which VC 1.1 does not
 * define; the rest is 1EdTech's (VC 2.0) schema, applied with the VC 2.0 names, so one set of rules
 * holds for both.
 */
export function validateReceivedOb3Credential(credential: unknown): Problem[] {
  const proofs = proofProblems(credential);
  if (proofs.length > 0) return proofs;
  if (!isVc11Credential(credential)) return validateOb3Credential(credential, { received: true });
  const doc = { ...(credential as Record<string, unknown>) };
  const problems: Problem[] = [];
  for (const [vc11, vc2] of [
    ["issuanceDate", "validFrom"],
    ["expirationDate", "validUntil"],
  ] as const) {
    const value = doc[vc11];
    if (doc[vc2] !== undefined)
      problems.push({ path: vc2, message: `A VC 1.1 credential states its dates as issuanceDate / expirationDate; ${vc2} is VC 2.0.` });
    if (value === undefined) {
      if (vc11 === "issuanceDate")
        problems.push({ path: vc11, message: 'The credential (VC 1.1, credentials/v1) is missing the required property "issuanceDate".' });
      continue;
    }
    if (typeof value !== "string" || !ISO_DATE_TIME_WITH_ZONE.test(value) || Number.isNaN(Date.parse(value)))
      problems.push({
        path: vc11,
        message: `${vc11} must be an ISO 8601 date-time with a time zone, like 2024-01-31T12:00:00Z; got ${JSON.stringify(value)}.`,
      });
    doc[vc2] = value;
    delete doc[vc11];
  }
  if (problems.length > 0) return problems;
  const context = doc["@context"];
  doc["@context"] = [VC_V2_CONTEXT, ...(Array.isArray(context) ? context.slice(1) : [])];
  return validateOb3Credential(doc, { received: true }).map((problem) => ({
    path: problem.path === "validFrom" ? "issuanceDate" : problem.path === "validUntil" ? "expirationDate" : problem.path,
    message: problem.message.replace(/\bvalidFrom\b/g, "issuanceDate").replace(/\bvalidUntil\b/g, "expirationDate"),
  }));
}

/** Problems with an OB 3.0 issuer Profile (1EdTech profile schema). */
export function validateOb3Profile(profile: unknown): Problem[] {
  const validate = validatorFor(OB3_SCHEMA_URLS.profile);
  return validate(profile) ? [] : schemaProblems(validate.errors ?? []);
}
