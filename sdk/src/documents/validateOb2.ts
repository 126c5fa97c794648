// OB 2.0 format check, following the spec's rules (and those 1EdTech's validator enforces):
// required properties, IRIs for ids, ISO 8601 date-times with a zone, recipient hashes,
// `hashed` a boolean, no data: URI as an Assertion's image, hosted or signed verification.

import { OB2_CONTEXT_URL } from "../contexts/index.ts";
import { ISO_DATE_TIME_WITH_ZONE } from "./dates.ts";
import { isUrlAuthority } from "./ob2.ts";
import type { Problem } from "./problems.ts";

type Json = Record<string, unknown>;

const HASH_RE = /^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$/;
const RECIPIENT_TYPES = ["email", "url", "telephone", "id"];

/** OB 2.0 ids: http(s) URLs, urn:uuid: or blank nodes. */
export function isOb2Iri(value: unknown): boolean {
  if (typeof value !== "string") return false;
  if (/^_:[^\s]+$/.test(value)) return true;
  if (/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return true;
  try {
    const u = new URL(value);
    return (u.protocol === "https:" || u.protocol === "http:") && u.host.length > 0;
  } catch {
    return false;
  }
}

function isDataUri(value: unknown): boolean {
  return typeof value === "string" && /^data:/i.test(value.trim());
}

function types(value: unknown): string[] {
  return typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((t): t is string => typeof t === "string") : [];
}

class Checker {
  readonly problems: Problem[] = [];

  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  name(path: string, root: string): string {
    return path || root;
  }

  context(doc: Json, path: string, root: string): void {
    const ctx = doc["@context"];
    const ok = ctx === OB2_CONTEXT_URL || (Array.isArray(ctx) && ctx.includes(OB2_CONTEXT_URL));
    if (ctx === undefined) {
      if (!path) this.add("@context", `The ${root} is missing "@context"; it must be "${OB2_CONTEXT_URL}".`);
    } else if (!ok) {
      this.add(
        path ? `${path}.@context` : "@context",
        `${this.name(path ? `${path}.@context` : "", "@context")} must be "${OB2_CONTEXT_URL}" (or a list that includes it); got ${JSON.stringify(ctx)}.`,
      );
    }
  }

  requiredString(doc: Json, key: string, path: string, root: string): string | undefined {
    const at = path ? `${path}.${key}` : key;
    const v = doc[key];
    if (v === undefined || v === null) {
      this.add(at, `${this.name(path, root)} is missing the required property "${key}".`);
      return undefined;
    }
    if (typeof v !== "string" || v.trim() === "") {
      this.add(at, `${at} must be a non-empty text.`);
      return undefined;
    }
    return v;
  }

  iri(value: unknown, at: string, required: boolean, parent: string, key: string): void {
    if (value === undefined) {
      if (required) this.add(at, `${parent} is missing the required property "${key}".`);
      return;
    }
    if (!isOb2Iri(value)) this.add(at, `${at} must be an IRI (an http(s) URL, urn:uuid: or _:blank node); got ${JSON.stringify(value)}.`);
  }

  dateTime(value: unknown, at: string, required: boolean, parent: string, key: string): number | undefined {
    if (value === undefined) {
      if (required) this.add(at, `${parent} is missing the required property "${key}".`);
      return undefined;
    }
    if (typeof value !== "string" || !ISO_DATE_TIME_WITH_ZONE.test(value) || Number.isNaN(Date.parse(value))) {
      this.add(at, `${at} must be an ISO 8601 date-time with a time zone, like 2016-12-31T23:59:59Z; got ${JSON.stringify(value)}.`);
      return undefined;
    }
    return Date.parse(value);
  }

  type(doc: Json, expected: string[], path: string, root: string): void {
    const at = path ? `${path}.type` : "type";
    if (doc.type === undefined) {
      this.add(at, `${this.name(path, root)} is missing the required property "type".`);
    } else if (!types(doc.type).some((t) => expected.includes(t))) {
      this.add(at, `${at} must be ${expected.map((t) => JSON.stringify(t)).join(" or ")}; got ${JSON.stringify(doc.type)}.`);
    }
  }

  recipient(value: unknown, path: string): void {
    const at = path ? `${path}.recipient` : "recipient";
    if (value === undefined) {
      this.add(at, `${path || "The Assertion"} is missing the required property "recipient".`);
      return;
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      this.add(at, `${at} must be an IdentityObject { type, hashed, identity, salt? }.`);
      return;
    }
    const r = value as Json;
    if (typeof r.type !== "string") this.add(`${at}.type`, `${at} is missing the required property "type" (e.g. "email").`);
    else if (!RECIPIENT_TYPES.includes(r.type))
      this.add(
        `${at}.type`,
        `${at}.type must be one of ${RECIPIENT_TYPES.map((t) => JSON.stringify(t)).join(", ")}; got ${JSON.stringify(r.type)}.`,
      );
    if (r.hashed === undefined)
      this.add(`${at}.hashed`, `${at} is missing the required property "hashed" (true when identity is a salted hash).`);
    else if (typeof r.hashed !== "boolean")
      this.add(`${at}.hashed`, `${at}.hashed must be true or false (a boolean); got ${JSON.stringify(r.hashed)}.`);
    if (typeof r.identity !== "string" || r.identity === "")
      this.add(`${at}.identity`, `${at} is missing the required property "identity".`);
    else if (r.hashed === true && !HASH_RE.test(r.identity))
      this.add(
        `${at}.identity`,
        `${at}.identity is marked hashed but is not "sha256$" + 64 hex digits (or "md5$" + 32); got ${JSON.stringify(r.identity)}.`,
      );
    else if (r.hashed === false && HASH_RE.test(r.identity))
      this.add(`${at}.hashed`, `${at}.identity looks like a hash but hashed is false.`);
    if (r.salt !== undefined && typeof r.salt !== "string") this.add(`${at}.salt`, `${at}.salt must be text.`);
  }

  verification(value: unknown, path: string): void {
    const at = path ? `${path}.verification` : "verification";
    if (value === undefined) {
      this.add(
        at,
        `${path || "The Assertion"} is missing the required property "verification" ({ "type": "hosted" } or { "type": "signed", "creator": … }).`,
      );
      return;
    }
    const v = value as Json;
    if (!v || typeof v !== "object" || !["hosted", "HostedBadge", "signed", "SignedBadge"].includes(v.type as string)) {
      this.add(`${at}.type`, `${at}.type must be "hosted" or "signed"; got ${JSON.stringify(v?.type)}.`);
      return;
    }
    if ((v.type === "signed" || v.type === "SignedBadge") && v.creator !== undefined)
      this.iri(v.creator, `${at}.creator`, false, at, "creator");
  }

  image(value: unknown, at: string, required: boolean, parent: string, allowData: boolean): void {
    if (value === undefined) {
      if (required) this.add(at, `${parent} is missing the required property "image".`);
      return;
    }
    const id = typeof value === "string" ? value : value && typeof value === "object" ? (value as Json).id : undefined;
    if (isDataUri(id)) {
      if (!allowData) this.add(at, `${at} must not be a data: URI in an Assertion (OB 2.0 forbids it); link to the image instead.`);
      return;
    }
    if (!isOb2Iri(id)) this.add(at, `${at} must be an image URL (or an Image object with one); got ${JSON.stringify(value)}.`);
  }
}

function assertion(c: Checker, doc: Json, path: string): void {
  const root = "The Assertion";
  const parent = path || root;
  c.type(doc, ["Assertion"], path, root);
  const idAt = path ? `${path}.id` : "id";
  c.iri(doc.id, idAt, true, parent, "id");
  c.recipient(doc.recipient, path);
  const badgeAt = path ? `${path}.badge` : "badge";
  if (doc.badge === undefined) c.add(badgeAt, `${parent} is missing the required property "badge" (the BadgeClass URL or object).`);
  else if (typeof doc.badge === "string") c.iri(doc.badge, badgeAt, true, parent, "badge");
  else if (doc.badge && typeof doc.badge === "object") badgeClass(c, doc.badge as Json, badgeAt);
  else c.add(badgeAt, `${badgeAt} must be a BadgeClass URL or object.`);
  c.verification(doc.verification, path);
  const v = doc.verification as Json | undefined;
  if ((v?.type === "hosted" || v?.type === "HostedBadge") && typeof doc.id === "string" && isOb2Iri(doc.id) && !/^https?:/.test(doc.id)) {
    c.add(idAt, `A hosted Assertion's id must be the http(s) URL it is served from; got ${JSON.stringify(doc.id)}.`);
  }
  const issued = c.dateTime(doc.issuedOn, path ? `${path}.issuedOn` : "issuedOn", true, parent, "issuedOn");
  const expires = c.dateTime(doc.expires, path ? `${path}.expires` : "expires", false, parent, "expires");
  if (issued !== undefined && expires !== undefined && expires <= issued)
    c.add(path ? `${path}.expires` : "expires", `${path ? `${path}.` : ""}expires must be after issuedOn.`);
  c.image(doc.image, path ? `${path}.image` : "image", false, parent, false);
  if (doc.revoked !== undefined && typeof doc.revoked !== "boolean")
    c.add(path ? `${path}.revoked` : "revoked", `revoked must be true or false.`);
}

function badgeClass(c: Checker, doc: Json, path: string): void {
  const root = "The BadgeClass";
  const parent = path || root;
  const at = (k: string) => (path ? `${path}.${k}` : k);
  c.type(doc, ["BadgeClass"], path, root);
  c.iri(doc.id, at("id"), true, parent, "id");
  c.requiredString(doc, "name", path, root);
  c.requiredString(doc, "description", path, root);
  c.image(doc.image, at("image"), true, parent, true);
  if (doc.criteria === undefined) c.add(at("criteria"), `${parent} is missing the required property "criteria" (a URL or { narrative }).`);
  else if (typeof doc.criteria === "string") c.iri(doc.criteria, at("criteria"), true, parent, "criteria");
  else if (
    !doc.criteria ||
    typeof doc.criteria !== "object" ||
    ((doc.criteria as Json).id === undefined && (doc.criteria as Json).narrative === undefined)
  ) {
    c.add(at("criteria"), `${at("criteria")} needs an id (URL) or a narrative.`);
  }
  if (doc.issuer === undefined)
    c.add(at("issuer"), `${parent} is missing the required property "issuer" (the issuer Profile URL or object).`);
  else if (typeof doc.issuer === "string") c.iri(doc.issuer, at("issuer"), true, parent, "issuer");
  else if (doc.issuer && typeof doc.issuer === "object") profile(c, doc.issuer as Json, at("issuer"));
  else c.add(at("issuer"), `${at("issuer")} must be a Profile URL or object.`);
  if (doc.tags !== undefined && (!Array.isArray(doc.tags) || doc.tags.some((t) => typeof t !== "string")))
    c.add(at("tags"), `${at("tags")} must be a list of texts.`);
  if (doc.alignment !== undefined) {
    const list = Array.isArray(doc.alignment) ? doc.alignment : [doc.alignment];
    for (const [i, a] of list.entries()) {
      const ap = `${at("alignment")}[${i}]`;
      if (!a || typeof a !== "object") {
        c.add(ap, `${ap} must be an AlignmentObject.`);
        continue;
      }
      c.requiredString(a as Json, "targetName", ap, ap);
      c.iri((a as Json).targetUrl, `${ap}.targetUrl`, true, ap, "targetUrl");
    }
  }
}

function profile(c: Checker, doc: Json, path: string): void {
  const root = "The issuer Profile";
  const parent = path || root;
  const at = (k: string) => (path ? `${path}.${k}` : k);
  c.type(doc, ["Issuer", "Profile"], path, root);
  c.iri(doc.id, at("id"), true, parent, "id");
  c.requiredString(doc, "name", path, root);
  c.iri(doc.url, at("url"), true, parent, "url");
  if (doc.email !== undefined && (typeof doc.email !== "string" || !/^[^\s@]+@[^\s@]+$/.test(doc.email)))
    c.add(at("email"), `${at("email")} must be an e-mail address; got ${JSON.stringify(doc.email)}.`);
  if (doc.image !== undefined) c.image(doc.image, at("image"), false, parent, true);
  if (doc.revocationList !== undefined) c.iri(doc.revocationList, at("revocationList"), false, parent, "revocationList");
  if (doc.publicKey !== undefined) {
    const keys = Array.isArray(doc.publicKey) ? doc.publicKey : [doc.publicKey];
    for (const [i, k] of keys.entries()) {
      c.iri(typeof k === "string" ? k : (k as Json)?.id, `${at("publicKey")}${keys.length > 1 ? `[${i}]` : ""}`, true, parent, "publicKey");
    }
  }
  const v = doc.verification as Json | undefined;
  if (v !== undefined) {
    if (!v || typeof v !== "object")
      c.add(at("verification"), `${at("verification")} must be an object like { "allowedOrigins": ["badges.example.org"] }.`);
    else if (v.allowedOrigins !== undefined) {
      const origins = Array.isArray(v.allowedOrigins) ? v.allowedOrigins : [v.allowedOrigins];
      // validator-core's URL_AUTHORITY: a host name, no scheme, path or port, not an IP address.
      if (origins.some((o) => !isUrlAuthority(o)))
        c.add(
          at("verification.allowedOrigins"),
          `${at("verification.allowedOrigins")} must list host names like "badges.example.org" (no scheme, path or port, no IP address); on a port, leave it out.`,
        );
    }
  }
}

function revocationList(c: Checker, doc: Json): void {
  c.type(doc, ["RevocationList"], "", "The RevocationList");
  c.iri(doc.id, "id", true, "The RevocationList", "id");
  if (doc.issuer !== undefined)
    c.iri(typeof doc.issuer === "string" ? doc.issuer : (doc.issuer as Json)?.id, "issuer", false, "The RevocationList", "issuer");
  if (!Array.isArray(doc.revokedAssertions)) {
    c.add(
      "revokedAssertions",
      `The RevocationList ${doc.revokedAssertions === undefined ? 'is missing the required property "revokedAssertions"' : "revokedAssertions must be a list"}.`,
    );
    return;
  }
  for (const [i, entry] of doc.revokedAssertions.entries()) {
    const at = `revokedAssertions[${i}]`;
    if (typeof entry === "string") {
      c.iri(entry, at, true, at, "id");
      continue;
    }
    const e = entry as Json;
    if (!e || typeof e !== "object") {
      c.add(at, `${at} must be an assertion id or { id, revocationReason }.`);
      continue;
    }
    // Legacy OB 1.x lists name revoked badges by `uid`.
    if (e.id === undefined && typeof e.uid === "string") continue;
    c.iri(e.id, `${at}.id`, true, at, "id");
    if (e.revocationReason !== undefined && typeof e.revocationReason !== "string")
      c.add(`${at}.revocationReason`, `${at}.revocationReason must be text.`);
  }
}

/**
 * Problems with an OB 2.0 document (Assertion, BadgeClass, Issuer/Profile, RevocationList, or
 * the revoked-assertion body); an empty list means valid.
 */
export function validateOb2(document: unknown): Problem[] {
  const c = new Checker();
  if (!document || typeof document !== "object" || Array.isArray(document)) {
    c.add("", "An Open Badges 2.0 document must be a JSON object.");
    return c.problems;
  }
  const doc = document as Json;
  const t = types(doc.type);
  const kind = t.includes("Assertion")
    ? "Assertion"
    : t.includes("BadgeClass")
      ? "BadgeClass"
      : t.includes("Issuer") || t.includes("Profile")
        ? "Profile"
        : t.includes("RevocationList")
          ? "RevocationList"
          : doc.revoked === true && doc.type === undefined
            ? "Revoked"
            : undefined;
  c.context(doc, "", kind === "Profile" ? "issuer Profile" : (kind ?? "document"));
  switch (kind) {
    case "Assertion":
      assertion(c, doc, "");
      break;
    case "BadgeClass":
      badgeClass(c, doc, "");
      break;
    case "Profile":
      profile(c, doc, "");
      break;
    case "RevocationList":
      revocationList(c, doc);
      break;
    case "Revoked":
      c.iri(doc.id, "id", true, "The revoked-assertion response", "id");
      if (doc.revocationReason !== undefined && typeof doc.revocationReason !== "string")
        c.add("revocationReason", "revocationReason must be text.");
      break;
    default:
      c.add(
        "type",
        `The document's type must be "Assertion", "BadgeClass", "Issuer"/"Profile" or "RevocationList"; got ${JSON.stringify(doc.type)}.`,
      );
  }
  return c.problems;
}
