// Every step a verification reports carries a stable code and its parameters beside the English
// message, so an app can say it in the reader's language (the CLI and gateway print `message`).
// This table is the one list of codes: each names its parameters and what kind of value each is,
// which tells a translator's renderer how to show it (see PARAM_KINDS). A code never changes
// meaning; a new wording that needs other parameters gets a new code.
import { STEP_IDS } from "./types.ts";

/**
 * How a parameter is shown. The value itself is plain JSON (a string or a number):
 * - text: as given (names, URLs, ids, a detail a third-party library wrote in English);
 * - number: a count or an index (Intl.NumberFormat; `count` also picks the plural);
 * - date: an ISO 8601 instant (Intl.DateTimeFormat);
 * - hex: a uid, batch id, address or key (may be shortened for display);
 * - duration: milliseconds;
 * - term:<set>: one word of a fixed set, translated from the set's list (`term:document` → a document kind);
 * - terms:<set>: several words of a set, comma-separated;
 * - source: where the badge data was read from — a word of the `source` set, or a URL;
 * - name?: an optional name, shown in parentheses after what it names (absent: nothing);
 * - quote?: the issuer's optional words, quoted after a colon (absent: nothing);
 * - reason?: an optional revocation reason of the `reason` set, in parentheses ("unspecified" or absent: nothing).
 */
export const PARAM_KINDS = [
  "text",
  "number",
  "date",
  "hex",
  "duration",
  "source",
  "name?",
  "quote?",
  "reason?",
  "term:document",
  "term:standing",
  "term:step",
  "terms:field",
] as const;
export type ParamKind = (typeof PARAM_KINDS)[number];

/** The words of each term set (what `term:<set>` / `terms:<set>` values may be). */
export const TERMS = {
  document: [
    "hosted-badge",
    "hosted-assertion",
    "badge-class",
    "issuer-profile",
    "revocation-list",
    "status-list",
    "did-document",
    "controller-document",
    "signing-key",
    "key-document",
  ],
  standing: ["accredited", "accredited-other-name", "self-declared", "suspended", "unregistered"],
  field: ["recipient", "badge", "issuedOn", "expires", "evidence", "narrative", "uid"],
  step: STEP_IDS,
  source: ["baked-png", "baked-svg", "file", "text", "object", "share-link"],
  reason: ["unspecified", "issued-in-error", "misconduct", "superseded", "withdrawn", "key-compromised"],
} as const;
export type DocumentTerm = (typeof TERMS.document)[number];
export type SourceTerm = (typeof TERMS.source)[number];

const none = {} as const;

/** Every step code, with its parameters' kinds. */
export const STEP_CODES = {
  // ---------------------------------------------------------------- any step
  "run.not-reached": none,
  "run.budget-exceeded": { step: "term:step", budget: "duration" },
  "run.unexpected": { detail: "text" },
  /** The CLI's JSON report, when the credential was too deep to write out. */
  "run.credential-left-out": { detail: "text" },
  /** A step recorded without a code (an older call site): the app shows its English message. */
  "run.uncoded": none,

  // ---------------------------------------------------------------- fetching a document (any step)
  "fetch.not-http": { document: "term:document", url: "text" },
  "fetch.not-http-target": { url: "text" },
  "fetch.no-fetch": { document: "term:document" },
  "fetch.timeout": { document: "term:document", url: "text", budget: "duration" },
  "fetch.failed": { document: "term:document", url: "text", detail: "text" },
  "fetch.http-status": { document: "term:document", url: "text", httpStatus: "number" },
  "fetch.not-json": { document: "term:document", url: "text" },
  "fetch.refused": { document: "term:document", url: "text", detail: "text" },
  "fetch.too-many": { max: "number", url: "text" },
  "fetch.too-many-redirects": { url: "text", max: "number" },
  "fetch.private-host": { url: "text", detail: "text" },
  "fetch.too-large": { document: "term:document", url: "text", max: "number" },

  // ---------------------------------------------------------------- parse
  "parse.file-too-large": { bytes: "number", max: "number" },
  "parse.not-utf8": none,
  "parse.empty": { source: "source" },
  "parse.too-long": { length: "number", max: "number" },
  "parse.json-refused": { source: "source", detail: "text" },
  "parse.not-json": { source: "source", detail: "text" },
  "parse.not-object": none,
  "parse.object-refused": { detail: "text" },
  "parse.jws-payload-refused": { source: "source", detail: "text" },
  "parse.jws-no-payload": { source: "source" },
  "parse.vc-not-badge": none,
  "parse.not-badge-json": none,
  "parse.jws-not-badge": none,
  "parse.baked-unreadable": { format: "text", detail: "text" },
  "parse.not-badge-file": none,
  "parse.nothing": none,
  "parse.not-badge-text": none,
  "parse.read-ob3": { source: "source" },
  "parse.read-ob2": { source: "source" },
  "parse.read-ob3-jwt": { source: "source" },
  "parse.read-ob2-jws": { source: "source" },
  "parse.read-hosted-url": { uid: "hex", chainId: "number" },
  "parse.read-hosted-url-keyed": { uid: "hex", chainId: "number" },
  "parse.hosted-answers": { url: "text" },
  "parse.read-share-link": { uid: "hex", chainId: "number" },
  "parse.read-share-link-record": { uid: "hex", chainId: "number" },
  "parse.read-share-link-credential": { uid: "hex", chainId: "number" },
  "parse.link-too-long": { length: "number", max: "number" },
  "parse.link-credential-too-large": { max: "number" },
  "parse.link-credential-damaged": none,
  "parse.link-credential-other-badge": { registry: "hex", chainId: "number", linkRegistry: "hex", linkChainId: "number" },
  "parse.payload-unreadable": { chainId: "number", detail: "text" },
  "parse.not-published": none,
  "parse.key-does-not-open": { detail: "text" },
  "parse.payload-not-json": none,
  "parse.payload-other-registry": { registry: "hex", chainId: "number", linkRegistry: "hex", linkChainId: "number" },

  // ---------------------------------------------------------------- format
  "format.ob3-ok": none,
  "format.ob3-ok-vc11": none,
  "format.ob3-broken": { count: "number", problems: "text" },
  "format.ob3-no-context-issuer": none,
  "format.ob2-ok": none,
  "format.ob2-broken": { count: "number", problems: "text" },
  "format.hosted-no-https-id": none,
  "format.host-answers": none,
  "format.withheld": none,
  "format.withheld-not-published": none,

  // ---------------------------------------------------------------- proof
  "proof.valid-chain-key": { suite: "text" },
  "proof.valid-published-key": { suite: "text" },
  "proof.chain-keys-unreadable": { chainId: "number", detail: "text" },
  "proof.key-not-registered": { key: "text" },
  "proof.key-not-issuers-chain": { controller: "text", issuer: "text" },
  "proof.key-not-issuers": { controller: "text", issuer: "text" },
  "proof.method-unusable": { method: "text" },
  "proof.did-web-invalid": { detail: "text" },
  "proof.not-verified": { detail: "text" },
  "proof.remote-context": { detail: "text" },
  "proof.json-ld-refused": { detail: "text" },
  "proof.jwt-not-verified": { detail: "text" },
  "proof.jwt-embedded-key": { alg: "text" },
  "proof.jwt-valid": { alg: "text", kid: "text" },
  "proof.ob2-no-fetch": none,
  "proof.jws-not-verified": { detail: "text" },
  "proof.signature-missing": none,
  "proof.ob2-signature-valid": none,
  "proof.hosted-other-id": { url: "text", id: "text" },
  "proof.no-issuer-profile": none,
  "proof.origin-not-allowed": { host: "text" },
  "proof.hosted-origin-ok": { host: "text" },
  "proof.hosted-at": { url: "text" },
  "proof.issuer-record-unreadable": { issuerId: "number", chainId: "number", detail: "text" },
  "proof.hosted-no-allowed-host": { host: "text", issuerId: "number" },
  "proof.hosted-host-not-allowed": { host: "text", issuerId: "number", allowed: "text" },
  "proof.given-altered": { fields: "terms:field", count: "number" },
  "proof.hosted-altered": { fields: "terms:field", count: "number", url: "text" },
  "proof.hosted-chain-ok": { host: "text", issuerId: "number" },
  "proof.hosted-chain-ok-claim": { host: "text", issuerId: "number" },
  "proof.untrusted-no-rpc": { chainId: "number" },
  "proof.untrusted-matches": { registry: "hex" },
  "proof.untrusted-keys-unreadable": none,
  "proof.withheld": none,

  // ---------------------------------------------------------------- anchor
  "anchor.recorded": { chainId: "number", registry: "hex", issuedAt: "date", block: "number" },
  "anchor.recorded-batch": { chainId: "number", registry: "hex", issuedAt: "date", block: "number", batchId: "hex" },
  "anchor.recorded-hosted": { chainId: "number", registry: "hex", issuedAt: "date" },
  "anchor.recorded-hosted-batch": { chainId: "number", registry: "hex", issuedAt: "date", batchId: "hex" },
  "anchor.unanchored-proof": none,
  "anchor.unanchored-signature": none,
  "anchor.unanchored-hosted": none,
  "anchor.inconsistent": { detail: "text" },
  "anchor.vc11": none,
  "anchor.not-in-batch": { uid: "hex", count: "number", batchId: "hex" },
  "anchor.batch-root-mismatch": { batchId: "hex" },
  "anchor.unknown-batch": { registry: "hex", chainId: "number", batchId: "hex", uid: "hex" },
  "anchor.registry-unreadable": { registry: "hex", chainId: "number", detail: "text" },
  "anchor.recipient-not-wallet": { recipient: "text", chainId: "number", detail: "text" },
  "anchor.recipient-other-chain": { walletChainId: "number", chainId: "number" },
  "anchor.class-mismatch": { namedClassId: "number", namedChainId: "number", classId: "number", chainId: "number" },
  "anchor.id-names-other": { id: "text", uid: "hex" },
  "anchor.altered-for-link": { expectedUid: "hex", uid: "hex" },
  "anchor.not-recorded": { registry: "hex", chainId: "number" },
  "anchor.issuer-mismatch": { recordedIssuerId: "number", namedIssuerId: "number" },
  "anchor.hosted-not-found": { uid: "hex", chainId: "number", registries: "text" },
  "anchor.link-not-recorded": { uid: "hex", registry: "hex", chainId: "number" },
  "anchor.record-not-found": { uid: "hex", registry: "hex", chainId: "number" },
  "anchor.record-not-in-batch": { uid: "hex", registry: "hex", chainId: "number", batchId: "hex" },
  "anchor.untrusted-registry": { registry: "hex", chainId: "number" },
  "anchor.untrusted-chain": { chainId: "number" },
  "anchor.no-rpc": { chainId: "number" },
  "anchor.rpc-down": { chainId: "number", detail: "text" },
  "anchor.rpc-wrong-chain": { chainId: "number", actualChainId: "number" },

  // ---------------------------------------------------------------- issuer
  "issuer.accredited": { id: "number", name: "name?" },
  "issuer.accredited-key": { id: "number", name: "name?" },
  "issuer.self-declared": { id: "number", name: "name?" },
  "issuer.self-declared-key": { id: "number", name: "name?" },
  "issuer.suspended": { id: "number", name: "name?" },
  "issuer.namesake": { name: "text", namesakeId: "number", namesakeName: "text", id: "number", standing: "term:standing" },
  "issuer.namesake-key": { name: "text", namesakeId: "number", namesakeName: "text", id: "number", standing: "term:standing" },
  "issuer.unregistered": { id: "number" },
  "issuer.key-invalid-at-issue": none,
  "issuer.namesake-unreadable": { name: "text", detail: "text" },
  "issuer.not-recorded": none,

  // ---------------------------------------------------------------- status
  "status.standing": none,
  "status.standing-list-foreign": { url: "text" },
  "status.standing-list-not-batch": none,
  "status.standing-entry-other": {
    classId: "text",
    list: "text",
    entry: "text",
    expectedClassId: "number",
    expectedList: "number",
    expectedEntry: "number",
  },
  "status.revoked": { revokedAt: "date", reasonCode: "reason?", reason: "quote?" },
  "status.erased": none,
  "status.revoked-by-host": { reason: "quote?" },
  "status.no-revocation-list": none,
  "status.revocation-list-listed": { reason: "quote?" },
  "status.not-in-revocation-list": none,
  "status.no-status-method": none,
  "status.entry-not-object": none,
  "status.method-unknown": { type: "text" },
  "status.revocation-list-no-id": none,
  "status.revocation-list-invalid": { url: "text" },
  "status.entry-no-purpose": { kind: "text" },
  "status.entry-bad-index": { index: "text" },
  "status.entry-no-url": { kind: "text" },
  "status.entry-bad-size": { kind: "text", size: "text" },
  "status.entry-size-unsupported": { kind: "text", size: "number", max: "number" },
  "status.entry-size-purpose": { kind: "text", purpose: "text", size: "number" },
  "status.messages-missing": none,
  "status.message-invalid": { item: "text", size: "number" },
  "status.index-outside": { index: "number", url: "text", bits: "number" },
  "status.message-unknown": { value: "text", purpose: "text" },
  "status.revoked-message": { message: "text" },
  "status.suspended-message": { message: "text" },
  "status.issuer-message": { message: "text" },
  "status.list-revoked": none,
  "status.list-not-revoked": none,
  "status.list-suspended": none,
  "status.list-not-suspended": none,
  "status.list-other-set": { purpose: "text" },
  "status.list-other-clear": { purpose: "text" },
  "status.list-not-json": { url: "text" },
  "status.list-wrong-type": { url: "text", type: "text" },
  "status.list-no-subject": { url: "text", type: "text" },
  "status.list-wrong-purpose": { url: "text", purposes: "text", purpose: "text" },
  "status.list-no-issuer": { url: "text" },
  "status.list-other-issuer": { url: "text", listIssuer: "text", issuer: "text" },
  "status.list-not-yet-valid": { url: "text", validFrom: "date" },
  "status.list-expired": { url: "text", validUntil: "date" },
  "status.list-unsigned": { url: "text" },
  "status.list-no-bits": { url: "text" },
  "status.list-signature-invalid": { url: "text", detail: "text" },
  "status.list-bad-base64": none,
  "status.list-corrupt": none,

  // ---------------------------------------------------------------- validity
  "validity.valid-until": { expiresAt: "date" },
  "validity.no-expiry": none,
  "validity.expired": { expiresAt: "date" },
  "validity.not-yet-valid": { validFrom: "date" },
  "validity.not-yet-issued": { issuedOn: "date" },
  "validity.expiry-mismatch": { chainExpiresAt: "date", expiresAt: "date" },
  "validity.expiry-mismatch-chain-none": { expiresAt: "date" },
  "validity.expiry-mismatch-credential-none": { chainExpiresAt: "date" },

  // ---------------------------------------------------------------- recipient
  "recipient.none-given": none,
  "recipient.matched-email": { email: "text" },
  "recipient.matched-wallet": { wallet: "hex" },
  "recipient.matched-both": { email: "text", wallet: "hex" },
  "recipient.wallet-not-matched": { wallet: "hex" },
  "recipient.email-not-matched": { email: "text" },
  "recipient.no-email": none,
  "recipient.no-wallet": none,
  "recipient.no-email-no-wallet": none,
  "recipient.record-wallet-matched": { wallet: "hex" },
  "recipient.record-wallet-not-matched": { wallet: "hex" },
  "recipient.record-no-wallet": none,
  "recipient.record-email-unchecked": none,
} as const satisfies Record<string, Readonly<Record<string, ParamKind>>>;

export type StepCode = keyof typeof STEP_CODES;

type ValueOf<Kind> = Kind extends "number" | "duration" ? number : Kind extends `${string}?` ? string | undefined : string;

/** The parameters a code takes, by name (what `STEP_CODES` lists for it). */
export type ParamsOf<C extends StepCode> = { [P in keyof (typeof STEP_CODES)[C]]: ValueOf<(typeof STEP_CODES)[C][P]> };

/** Parameters as a step carries them: plain JSON (absent optional values left out). */
export type StepParams = Record<string, string | number>;

export const isStepCode = (code: unknown): code is StepCode => typeof code === "string" && Object.hasOwn(STEP_CODES, code);

/** The params without their absent optional values (a step's params are plain JSON). */
export function plainParams(params: Record<string, string | number | undefined>): StepParams {
  const plain: StepParams = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined) plain[key] = value;
  return plain;
}
