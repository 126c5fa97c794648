// The rules 1EdTech's openbadges-validator-core (the OB 2.0 certification validator, Python, not on
// npm) applies to a hosted badge, written down as facts and applied to what a gateway serves. Each
// rule names the validator task it stands for. Read from the validator's tasks (validation.py,
// verification.py, graph.py, images.py, input.py) and its bakery (openbadges_bakery svg/png):
//   - documents are fetched with Accept "application/ld+json, application/json, image/png,
//     image/svg+xml"; a document whose `id` is not the URL it came from is fetched again at its id
//     (with a warning), so the id must be the URL;
//   - Assertion: id (IRI), type ∋ Assertion, recipient (IdentityObject, required), badge (fetched
//     BadgeClass), verification (type HostedBadge, alias "hosted"), issuedOn (DATETIME with a zone),
//     expires (optional), image (URL, not data:), narrative, evidence; issuedOn not in the future,
//     expires after issuedOn and not past;
//   - IdentityObject: type one of id/email/url/telephone, identity text, hashed boolean, salt text;
//     hashed ⇔ identity is md5$… / sha256$…; an unhashed email identity looks like an e-mail;
//   - BadgeClass: id, type ∋ BadgeClass, issuer (fetched Profile), name, description, image
//     (required, PNG/SVG, data: allowed), criteria (URL or narrative), alignment (targetName,
//     targetUrl URL), tags text;
//   - Profile (issuer): id http(s), type ∋ Issuer|Profile, name, url (URL), email (EMAIL, required),
//     verification.allowedOrigins URL_AUTHORITY (host names with a letters-only TLD: no port, no IP),
//     startsWith URL;
//   - hosted_id_in_verification_scope: when the issuer's verification has startsWith, the assertion
//     id starts with one; allowedOrigins (default: the issuer id's authority) must contain the
//     assertion id's authority (host:port as written), unless it is empty;
//   - verify_recipient_against_trusted_profile: the profile's identifiers of the assertion's
//     recipient type (e.g. `email: [...]`), hashed sha256(identifier + salt) if hashed, must match;
//   - images: fetched (2xx), content-type image/png or image/svg+xml;
//   - baked SVG (bakery): the element named `openbadges:assertion`; its last CDATA section is the
//     badge, else its `verify` attribute; baked PNG: the iTXt chunk keyword `openbadges`;
//   - a revoked hosted assertion (OB 2.0 spec, hosted verification): HTTP 410 with
//     {"@context", "id", "revoked": true, "revocationReason"?}.
import { createHash } from "node:crypto";

export type Fetched = { status: number; contentType: string; body: Buffer };
export type Fetcher = (url: string) => Promise<Fetched>;
export type RuleResult = { artefact: string; rule: string; passed: boolean; message: string };
export type RecipientProfile = { email?: string[]; url?: string[]; telephone?: string[]; id?: string[] };

export const VALIDATOR_ACCEPT = "application/ld+json, application/json, image/png, image/svg+xml";

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const listOf = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const isText = (v: unknown) => typeof v === "string";
const isUrl = (v: unknown) => {
  if (typeof v !== "string") return false;
  try {
    const u = new URL(v);
    return (u.protocol === "http:" || u.protocol === "https:") && /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i.test(v);
  } catch {
    return false;
  }
};
const isIri = (v: unknown) => isUrl(v) || (typeof v === "string" && (/^_:/.test(v) || /^urn:uuid:[0-9a-f-]{36}$/i.test(v)));
const isDataUri = (v: unknown) => typeof v === "string" && /^data:[^,]*?(base64)?,.*$/is.test(v);
const isDateTime = (v: unknown) =>
  typeof v === "string" && !Number.isNaN(Date.parse(v)) && (v.endsWith("Z") || /[+-](?:\d{4}|\d{2}|\d{2}:\d{2})$/.test(v));
const isEmail = (v: unknown) => typeof v === "string" && /^[^@\s]+@[^@\s]+$/.test(v);
const HASHED = /^(md5\$[\da-fA-F]{32}|sha256\$[\da-fA-F]{64})$/;
// validator-core's URL_AUTHORITY: a DNS host name (4–253 characters; labels of at most 63 letters,
// digits and inner hyphens; two labels or more, the last letters only): no port, no IP, no localhost.
const URL_AUTHORITY = /^(?=.{4,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
const authorityOf = (url: string) => {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url);
  return m?.[1] ?? "";
};
const identityHash = (identifier: string, salt: string, alg: "sha256" | "md5") =>
  `${alg}$${createHash(alg)
    .update(identifier + salt)
    .digest("hex")}`;

/** The rules applied to one artefact, recorded as they run. */
export class RuleLog {
  readonly results: RuleResult[] = [];
  readonly artefact: string;
  constructor(artefact: string) {
    this.artefact = artefact;
  }
  check(rule: string, passed: boolean, message = ""): boolean {
    this.results.push({ artefact: this.artefact, rule, passed, message });
    return passed;
  }
  get failed(): RuleResult[] {
    return this.results.filter((r) => !r.passed);
  }
  get summary(): { artefact: string; passed: number; total: number } {
    return { artefact: this.artefact, passed: this.results.length - this.failed.length, total: this.results.length };
  }
}

function parseJson(log: RuleLog, what: string, fetched: Fetched): Json | undefined {
  try {
    const value = JSON.parse(fetched.body.toString("utf8"));
    log.check(`${what}: JSON`, isJson(value), "the document is one JSON object");
    return isJson(value) ? value : undefined;
  } catch {
    log.check(`${what}: JSON`, false, `not JSON (${fetched.contentType})`);
    return undefined;
  }
}

function checkContext(log: RuleLog, what: string, doc: Json) {
  const context = doc["@context"];
  log.check(`${what}: OB 2.0 context`, typeof context === "string" ? context.includes("v2") : Array.isArray(context), String(context));
}

function checkIdIsUrl(log: RuleLog, what: string, doc: Json, url: string) {
  log.check(`${what}: id (IRI)`, isIri(doc.id), String(doc.id));
  log.check(`${what}: id is the URL it was fetched from`, doc.id === url, `fetched ${url}, id ${String(doc.id)}`);
}

function checkType(log: RuleLog, what: string, doc: Json, allowed: string[]) {
  log.check(
    `${what}: type`,
    listOf(doc.type).some((t) => allowed.includes(t as string)),
    `type ${JSON.stringify(doc.type)}`,
  );
}

function checkOptionalText(log: RuleLog, what: string, doc: Json, props: string[]) {
  for (const prop of props) if (doc[prop] !== undefined) log.check(`${what}: ${prop} (TEXT)`, listOf(doc[prop]).every(isText));
}

function checkIdentityObject(log: RuleLog, recipient: unknown): recipient is Json {
  if (!log.check("Assertion: recipient (required)", isJson(recipient), JSON.stringify(recipient))) return false;
  const r = recipient as Json;
  log.check("IdentityObject: type id|email|url|telephone", ["id", "email", "url", "telephone"].includes(r.type as string), String(r.type));
  log.check("IdentityObject: identity (text)", isText(r.identity));
  log.check("IdentityObject: hashed (boolean)", typeof r.hashed === "boolean");
  if (r.salt !== undefined) log.check("IdentityObject: salt (TEXT)", isText(r.salt));
  const looksHashed = HASHED.test(String(r.identity));
  log.check("IdentityObject: hashed ⇔ identity is md5$/sha256$", r.hashed === true ? looksHashed : !looksHashed, String(r.identity));
  if (r.hashed !== true && r.type === "email")
    log.check("IdentityObject: unhashed email is an e-mail", /[^@]+@[^@]+$/.test(String(r.identity)));
  return true;
}

async function checkImage(
  log: RuleLog,
  fetcher: Fetcher,
  what: string,
  image: unknown,
  opts: { required: boolean; allowDataUri: boolean },
) {
  if (image === undefined) {
    log.check(`${what}: image`, !opts.required, "no image");
    return;
  }
  const url = isJson(image) ? image.id : image;
  if (isDataUri(url)) {
    if (!log.check(`${what}: image data URI allowed`, opts.allowDataUri)) return;
    log.check(`${what}: image data URI is PNG or SVG`, /^data:[^,]*image\/(png|svg\+xml)/i.test(String(url)));
    return;
  }
  if (!log.check(`${what}: image (URL)`, isUrl(url), String(url))) return;
  const fetched = await fetcher(String(url));
  log.check(`${what}: image fetched`, fetched.status >= 200 && fetched.status < 300, `HTTP ${fetched.status}`);
  log.check(`${what}: image is PNG or SVG`, /^image\/(png|svg\+xml)/.test(fetched.contentType), fetched.contentType);
}

async function checkIssuer(log: RuleLog, fetcher: Fetcher, url: unknown): Promise<Json | undefined> {
  if (!log.check("BadgeClass: issuer (URL, fetched)", isUrl(url), String(url))) return undefined;
  const fetched = await fetcher(String(url));
  log.check("Issuer: fetched", fetched.status === 200, `HTTP ${fetched.status}`);
  const issuer = parseJson(log, "Issuer", fetched);
  if (!issuer) return undefined;
  checkContext(log, "Issuer", issuer);
  checkIdIsUrl(log, "Issuer", issuer, String(url));
  log.check("Issuer: id is http(s) (issuer_property_dependencies)", /^https?:\/\//.test(String(issuer.id)));
  checkType(log, "Issuer", issuer, ["Issuer", "Profile"]);
  log.check("Issuer: name (TEXT, required)", isText(issuer.name));
  log.check("Issuer: url (URL, required)", isUrl(issuer.url), String(issuer.url));
  log.check("Issuer: email (EMAIL, required)", isEmail(issuer.email), String(issuer.email));
  checkOptionalText(log, "Issuer", issuer, ["description"]);
  if (issuer.telephone !== undefined)
    log.check("Issuer: telephone (E.164)", /^\+?[1-9]\d{1,14}(;ext=\d+)?$/.test(String(issuer.telephone)));
  await checkImage(log, fetcher, "Issuer", issuer.image, { required: false, allowDataUri: true });
  const v = issuer.verification;
  if (v !== undefined && log.check("Issuer: verification (VerificationObject)", isJson(v))) {
    const verification = v as Json;
    if (verification.allowedOrigins !== undefined)
      for (const origin of listOf(verification.allowedOrigins))
        log.check(
          "Issuer: verification.allowedOrigins (URL_AUTHORITY)",
          typeof origin === "string" && URL_AUTHORITY.test(origin),
          String(origin),
        );
    for (const prefix of listOf(verification.startsWith)) log.check("Issuer: verification.startsWith (URL)", isUrl(prefix), String(prefix));
  }
  return issuer;
}

async function checkBadgeClass(log: RuleLog, fetcher: Fetcher, url: unknown): Promise<Json | undefined> {
  if (!log.check("Assertion: badge (URL, fetched)", isUrl(url), String(url))) return undefined;
  const fetched = await fetcher(String(url));
  log.check("BadgeClass: fetched", fetched.status === 200, `HTTP ${fetched.status}`);
  const badge = parseJson(log, "BadgeClass", fetched);
  if (!badge) return undefined;
  checkContext(log, "BadgeClass", badge);
  checkIdIsUrl(log, "BadgeClass", badge, String(url));
  checkType(log, "BadgeClass", badge, ["BadgeClass"]);
  log.check("BadgeClass: name (TEXT, required)", isText(badge.name));
  log.check("BadgeClass: description (TEXT, required)", isText(badge.description));
  await checkImage(log, fetcher, "BadgeClass", badge.image, { required: true, allowDataUri: true });
  const criteria = badge.criteria;
  log.check(
    "BadgeClass: criteria (URL, or narrative)",
    isUrl(criteria) || (isJson(criteria) && (isUrl(criteria.id) || isText(criteria.narrative))),
    JSON.stringify(criteria),
  );
  for (const a of listOf(badge.alignment))
    log.check("BadgeClass: alignment (targetName TEXT, targetUrl URL)", isJson(a) && isText(a.targetName) && isUrl(a.targetUrl));
  if (badge.tags !== undefined) log.check("BadgeClass: tags (TEXT)", listOf(badge.tags).every(isText));
  return badge;
}

/** hosted_id_in_verification_scope, as validator-core decides it. */
function checkVerificationScope(log: RuleLog, assertionId: string, issuer: Json) {
  const issuerId = String(issuer.id);
  const policy = isJson(issuer.verification) ? issuer.verification : {};
  const startsWith = listOf(policy.startsWith).map(String);
  if (startsWith.length)
    log.check(
      "Assertion: id starts with the issuer's verification.startsWith",
      startsWith.some((p) => assertionId.startsWith(p)),
      assertionId,
    );
  const allowed = listOf(policy.allowedOrigins ?? authorityOf(issuerId)).map(String);
  if (!allowed.length || !issuerId.startsWith("http")) {
    log.check("Assertion: hosted id in verification scope", true, "no origin to enforce (validator warns)");
    return;
  }
  log.check(
    "Assertion: hosted id in verification scope (authority ∈ allowedOrigins, default the issuer id's)",
    allowed.includes(authorityOf(assertionId)),
    `${authorityOf(assertionId)} in ${JSON.stringify(allowed)}`,
  );
}

/** verify_recipient_against_trusted_profile */
function checkRecipientProfile(log: RuleLog, recipient: Json, profile: RecipientProfile) {
  const type = String(recipient.type) as keyof RecipientProfile;
  const identifiers = profile[type];
  if (!log.check(`Recipient profile: identifier of type ${type} present`, Array.isArray(identifiers) && identifiers.length > 0)) return;
  const identity = String(recipient.identity);
  const salt = typeof recipient.salt === "string" ? recipient.salt : "";
  const matches = (identifiers ?? []).some((p) =>
    recipient.hashed === true
      ? identityHash(p, salt, identity.startsWith("md5") ? "md5" : "sha256") === identity.toLowerCase()
      : p === identity,
  );
  log.check(`Recipient profile: ${type} matches the assertion's recipient`, matches, identity);
}

export type AssertionRulesOptions = { recipientProfile?: RecipientProfile; now?: Date };

/** Every rule validator-core applies to the hosted assertion at `url` (and its badge class and issuer). */
export async function checkHostedAssertion(fetcher: Fetcher, url: string, log: RuleLog, options: AssertionRulesOptions = {}) {
  const fetched = await fetcher(url);
  log.check("Assertion: fetched (HTTP 200)", fetched.status === 200, `HTTP ${fetched.status}`);
  const assertion = parseJson(log, "Assertion", fetched);
  if (!assertion) return;
  checkContext(log, "Assertion", assertion);
  checkIdIsUrl(log, "Assertion", assertion, url);
  checkType(log, "Assertion", assertion, ["Assertion"]);
  const recipientOk = checkIdentityObject(log, assertion.recipient);
  const verification = assertion.verification;
  log.check(
    "Assertion: verification type HostedBadge",
    isJson(verification) && ["hosted", "HostedBadge"].includes(String(verification.type)),
    JSON.stringify(verification),
  );
  const now = options.now ?? new Date();
  const issued = Date.parse(String(assertion.issuedOn));
  log.check("Assertion: issuedOn (DATETIME with a zone)", isDateTime(assertion.issuedOn), String(assertion.issuedOn));
  log.check("Assertion: issuedOn not in the future", issued <= now.getTime(), String(assertion.issuedOn));
  if (assertion.expires !== undefined) {
    log.check("Assertion: expires (DATETIME with a zone)", isDateTime(assertion.expires), String(assertion.expires));
    const expires = Date.parse(String(assertion.expires));
    log.check("Assertion: expires not before issuedOn", expires >= issued);
    log.check("Assertion: not expired", expires >= now.getTime(), String(assertion.expires));
  }
  checkOptionalText(log, "Assertion", assertion, ["narrative"]);
  for (const e of listOf(assertion.evidence)) log.check("Assertion: evidence (URL or Evidence)", isUrl(e) || isJson(e));
  await checkImage(log, fetcher, "Assertion", assertion.image, { required: false, allowDataUri: false });
  const badge = await checkBadgeClass(log, fetcher, assertion.badge);
  const issuer = badge ? await checkIssuer(log, fetcher, badge.issuer) : undefined;
  if (issuer) checkVerificationScope(log, String(assertion.id), issuer);
  if (recipientOk && options.recipientProfile) checkRecipientProfile(log, assertion.recipient as Json, options.recipientProfile);
}

/** The OB 2.0 spec's answer for a revoked hosted assertion: 410 Gone with the revoked body, naming the URL. */
export async function checkRevokedAnswer(fetcher: Fetcher, url: string, log: RuleLog) {
  const fetched = await fetcher(url);
  log.check("Revoked: HTTP 410 Gone", fetched.status === 410, `HTTP ${fetched.status}`);
  const body = parseJson(log, "Revoked", fetched);
  if (!body) return;
  checkContext(log, "Revoked", body);
  log.check("Revoked: id is the URL", body.id === url, String(body.id));
  log.check("Revoked: revoked true", body.revoked === true);
  if (body.revocationReason !== undefined) log.check("Revoked: revocationReason (TEXT)", isText(body.revocationReason));
}

/** What the bakery reads from an SVG: the `openbadges:assertion` element's last CDATA section, else its `verify`. */
export function unbakeSvg(svg: string, log: RuleLog): string | undefined {
  log.check("SVG: xmlns:openbadges is http://openbadges.org", /xmlns:openbadges="http:\/\/openbadges\.org"/.test(svg));
  const m = /<openbadges:assertion\b([^>]*)>([\s\S]*?)<\/openbadges:assertion>/.exec(svg) ?? /<openbadges:assertion\b([^>]*)\/>/.exec(svg);
  if (!log.check("SVG: has an openbadges:assertion element", m !== null)) return undefined;
  const cdata = [...(m?.[2] ?? "").matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((c) => c[1] ?? "");
  const verify = /\bverify="([^"]*)"/.exec(m?.[1] ?? "")?.[1]?.replace(/&amp;/g, "&");
  log.check("SVG: the assertion JSON in CDATA (spec, hosted)", cdata.length === 1, `${cdata.length} CDATA section(s)`);
  return cdata.at(-1) ?? verify;
}

/** What the bakery reads from a PNG: the text of its iTXt chunk with keyword `openbadges` (uncompressed). */
export function unbakePng(png: Buffer, log: RuleLog): string | undefined {
  let at = 8;
  while (at + 8 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    if (type === "iTXt") {
      const data = png.subarray(at + 8, at + 8 + length);
      const nul = data.indexOf(0);
      if (data.toString("latin1", 0, nul) === "openbadges") {
        const compressed = data[nul + 1];
        const langEnd = data.indexOf(0, nul + 3);
        const keyEnd = data.indexOf(0, langEnd + 1);
        log.check("PNG: iTXt openbadges, uncompressed", compressed === 0);
        return data.toString("utf8", keyEnd + 1);
      }
    }
    at += 12 + length;
  }
  log.check("PNG: has an iTXt openbadges chunk", false);
  return undefined;
}

/** The input step on the unbaked text: JSON → its id is fetched (must be an https URL); a URL → fetched. */
export async function checkBaked(fetcher: Fetcher, unbaked: string | undefined, log: RuleLog, options: AssertionRulesOptions = {}) {
  if (!log.check("Baked: carries an assertion", typeof unbaked === "string" && unbaked.length > 0)) return undefined;
  let url = String(unbaked).trim();
  if (url.startsWith("{")) {
    const json = JSON.parse(url) as Json;
    if (!log.check("Baked JSON: its id is the hosted URL", isUrl(json.id), String(json.id))) return undefined;
    url = String(json.id);
  }
  await checkHostedAssertion(fetcher, url, log, options);
  return url;
}
