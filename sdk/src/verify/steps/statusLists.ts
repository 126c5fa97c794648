// The status step for OB 3.0 badges of other issuers: the status methods credentials use in the
// wild — W3C Bitstring Status List (revocation, suspension, message purposes), its predecessor
// StatusList2021, and 1EdTechRevocationList. Every entry of `credentialStatus` is read, not only the
// first. A status list credential only speaks for the badge when it is what it says: the right
// type and purpose, issued by the badge's own issuer, signed (its proof checked like the badge's),
// and inside its validity window. A list that cannot be fetched, is too big, malformed, unsigned or
// someone else's cannot say "not revoked": that entry is "error" (could not check), never "valid".
import { gunzipSync, inflateSync } from "fflate";
import { base64DecodeForgiving } from "../../codecs/base64.ts";
import { issuerIdOf } from "../../proofs/dataIntegrity.ts";
import { BudgetExceeded } from "../budget.ts";
import { type Failure, type Fetching, fetchJson } from "../fetch.ts";
import { asArray, isJson, type Json } from "../json.ts";
import { failuresOf, type Run } from "../run.ts";
import { type Said, StepLog, said, VerificationStepError } from "../steps.ts";
import type { Verdict } from "../types.ts";
import { checkDataIntegrityProof } from "./proof.ts";
import { dateOf } from "./validity.ts";

const fail = failuresOf("status");
/** Whatever goes wrong while getting a status list, the badge's status could not be checked. */
const listFailure: Failure = (what) => fail(what, "error");
const fetching = (run: Run): Fetching => ({ fetch: run.fetch, fail: listFailure, gone: "error" });

/** A status list bitstring is at least 16 kB; cap what a hostile list may inflate to. */
const MAX_BITSTRING_BYTES = 16 * 1024 * 1024;
/** Bitstring Status List allows status entries of up to… this many bits each (8 covers every list in use). */
const MAX_STATUS_SIZE = 8;

const BITSTRING_ENTRY = "BitstringStatusListEntry";
const STATUS_LIST_2021_ENTRY = "StatusList2021Entry";
const REVOCATION_LIST = "1EdTechRevocationList";

/** What one `credentialStatus` entry says. */
type Outcome = { verdict: "revoked" | "suspended" | "invalid" | "error" | "standing"; said: Said };
const outcome = (verdict: Outcome["verdict"], what: Said): Outcome => ({ verdict, said: what });

/** Worst first, within the status step: a list that says "revoked" is an answer even if another list is down. */
const OUTCOME_ORDER: Outcome["verdict"][] = ["revoked", "suspended", "invalid", "error", "standing"];

/** Each status entry the credential declares, all of them, summed up in one status step. */
export async function checkThirdPartyStatus(run: Run, credential: Json) {
  const entries = asArray(credential.credentialStatus);
  if (entries.length === 0) {
    run.log.passed("status", said("status.no-status-method", {}, "The credential declares no revocation method, so it cannot be revoked."));
    return;
  }
  const lists = new Map<string, Promise<unknown>>();
  const outcomes: Outcome[] = [];
  for (const [i, entry] of entries.entries()) {
    const where = entries.length > 1 ? `credentialStatus[${i}]: ` : "";
    try {
      outcomes.push(prefixed(where, await checkEntry(run, credential, entry, lists)));
    } catch (error) {
      if (!(error instanceof VerificationStepError)) throw error;
      const verdict = error.verdict === "invalid" ? "invalid" : "error";
      outcomes.push(prefixed(where, outcome(verdict, error.said)));
    }
  }
  const worst = OUTCOME_ORDER.find((verdict) => outcomes.some((o) => o.verdict === verdict)) ?? "standing";
  // The deciding entries first, then what the others said. Its code and params are the first
  // deciding entry's (a translation says that one; the English message says every entry).
  const ordered = [...outcomes.filter((o) => o.verdict === worst), ...outcomes.filter((o) => o.verdict !== worst)];
  const deciding = ordered[0]?.said ?? said("status.no-status-method", {}, "");
  const what: Said = { ...deciding, message: ordered.map((o) => o.said.message).join(" ") };
  if (worst === "standing") run.log.passed("status", what);
  else run.log.failed("status", what, worst satisfies Verdict);
}

const prefixed = (where: string, entry: Outcome): Outcome => ({
  ...entry,
  said: { ...entry.said, message: `${where}${entry.said.message}` },
});

async function checkEntry(run: Run, credential: Json, entry: unknown, lists: Map<string, Promise<unknown>>): Promise<Outcome> {
  if (!isJson(entry))
    throw fail(
      said("status.entry-not-object", {}, "A credentialStatus entry is not an object, so the credential's status could not be read."),
    );
  if (entry.type === REVOCATION_LIST) return checkRevocationList(run, credential, entry);
  if (entry.type === BITSTRING_ENTRY || entry.type === STATUS_LIST_2021_ENTRY) return checkBitstring(run, credential, entry, lists);
  const type = JSON.stringify(entry.type) ?? "undefined";
  throw fail(
    said(
      "status.method-unknown",
      { type },
      `The credential's status method (${type}) is not one this verifier knows (BitstringStatusListEntry, StatusList2021Entry, 1EdTechRevocationList), so its status could not be checked.`,
    ),
    "error",
  );
}

// ------------------------------------------------------------------ 1EdTech revocation list

async function checkRevocationList(run: Run, credential: Json, entry: Json): Promise<Outcome> {
  const url = typeof entry.id === "string" ? entry.id : undefined;
  if (!url)
    throw fail(said("status.revocation-list-no-id", {}, "The credential's 1EdTechRevocationList entry has no id (the list's URL)."));
  const list = await fetchJson(fetching(run), url, "revocation-list");
  // 1EdTech's validator reads `revokedCredential`; older lists (ours included) wrote `revokedCredentials`.
  const listed = isJson(list) ? [list.revokedCredential, list.revokedCredentials].filter(Array.isArray) : [];
  if (listed.length === 0)
    throw fail(
      said(
        "status.revocation-list-invalid",
        { url },
        `The issuer's revocation list at ${url} is not a 1EdTech revocation list (no revokedCredential array), so revocation could not be checked.`,
      ),
      "error",
    );
  const hit = listed
    .flat()
    .filter(isJson)
    .find((item) => item.id === credential.id);
  if (!hit) return outcome("standing", said("status.not-in-revocation-list", {}, "Not in the issuer's revocation list."));
  const reason = typeof hit.revocationReason === "string" ? hit.revocationReason : undefined;
  return outcome(
    "revoked",
    said(
      "status.revocation-list-listed",
      { reason },
      `Listed as revoked in the issuer's revocation list${reason !== undefined ? `: “${reason}”` : ""}.`,
    ),
  );
}

// ------------------------------------------------------------------ Bitstring Status List / StatusList2021

/** What a bitstring entry points at, once its fields are known good. */
type BitstringEntry = {
  kind: typeof BITSTRING_ENTRY | typeof STATUS_LIST_2021_ENTRY;
  purpose: string;
  index: number;
  size: number;
  url: string;
  messages?: Map<number, string>;
};

function readEntry(entry: Json): BitstringEntry {
  const kind = entry.type as BitstringEntry["kind"];
  if (typeof entry.statusPurpose !== "string" || entry.statusPurpose === "")
    throw fail(said("status.entry-no-purpose", { kind }, `The ${kind} has no statusPurpose, so what its bit means is unknown.`));
  const purpose = entry.statusPurpose;
  // The spec writes the index as a string; 1EdTech's own samples write a number: both are read.
  const raw = entry.statusListIndex;
  const index = typeof raw === "number" || (typeof raw === "string" && /^\d+$/.test(raw)) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(index) || index < 0)
    throw fail(
      said(
        "status.entry-bad-index",
        { index: JSON.stringify(entry.statusListIndex) ?? "undefined" },
        `The status list index ${JSON.stringify(entry.statusListIndex)} is not a whole number.`,
      ),
    );
  const url = entry.statusListCredential;
  if (typeof url !== "string" || !/^https?:\/\//i.test(url))
    throw fail(said("status.entry-no-url", { kind }, `The ${kind} names no status list URL (statusListCredential).`));
  const size = entry.statusSize === undefined ? 1 : Number(entry.statusSize);
  if (!Number.isSafeInteger(size) || size < 1)
    throw fail(
      said(
        "status.entry-bad-size",
        { kind, size: JSON.stringify(entry.statusSize) ?? "undefined" },
        `The ${kind}'s statusSize ${JSON.stringify(entry.statusSize)} is not a whole number of bits.`,
      ),
    );
  if (size > MAX_STATUS_SIZE)
    throw fail(
      said(
        "status.entry-size-unsupported",
        { kind, size, max: MAX_STATUS_SIZE },
        `The ${kind} uses ${size}-bit statuses; this verifier reads at most ${MAX_STATUS_SIZE}, so its status could not be checked.`,
      ),
      "error",
    );
  if (size > 1 && (purpose === "revocation" || purpose === "suspension"))
    throw fail(
      said(
        "status.entry-size-purpose",
        { kind, purpose, size },
        `A ${purpose} status is one bit, but this ${kind} says statusSize ${size}.`,
      ),
    );
  if (purpose === "message" || entry.statusMessage !== undefined) {
    const messages = statusMessages(entry.statusMessage, size);
    return { kind, purpose, index, size, url, messages };
  }
  return { kind, purpose, index, size, url };
}

/** statusMessage: `[{ status: "0x0", message: "pending" }, …]`, one per value the entry's bits can hold. */
function statusMessages(value: unknown, size: number): Map<number, string> {
  const messages = new Map<number, string>();
  if (!Array.isArray(value))
    throw fail(said("status.messages-missing", {}, "A message status entry must list its statusMessage values (status and message)."));
  for (const item of value) {
    const status = isJson(item) && typeof item.status === "string" && /^0x[0-9a-f]+$/i.test(item.status) ? Number(item.status) : Number.NaN;
    if (!isJson(item) || Number.isNaN(status) || status >= 2 ** size || typeof item.message !== "string")
      throw fail(
        said(
          "status.message-invalid",
          { item: JSON.stringify(item) ?? "undefined", size },
          `A statusMessage value ${JSON.stringify(item)} is not { status: "0x…", message: "…" } within ${size} bits.`,
        ),
      );
    messages.set(status, item.message);
  }
  return messages;
}

const LIST_TYPES = {
  [BITSTRING_ENTRY]: { credential: "BitstringStatusListCredential", subject: "BitstringStatusList" },
  [STATUS_LIST_2021_ENTRY]: { credential: "StatusList2021Credential", subject: "StatusList2021" },
} as const;

const typesOf = (value: unknown) => asArray(isJson(value) ? value.type : undefined).filter((t): t is string => typeof t === "string");

/** The entry's value in its list: revoked / suspended when set, or the issuer's message for it. */
export async function checkBitstring(
  run: Run,
  credential: Json,
  raw: Json,
  lists: Map<string, Promise<unknown>> = new Map(),
): Promise<Outcome> {
  const entry = readEntry(raw);
  let pending = lists.get(entry.url);
  if (!pending) {
    pending = fetchJson(fetching(run), entry.url, "status-list");
    pending.catch(() => undefined);
    lists.set(entry.url, pending);
  }
  const list = await pending;
  const bits = await checkListCredential(run, credential, entry, list);
  const start = entry.index * entry.size;
  if (start + entry.size > bits.length * 8)
    throw fail(
      said(
        "status.index-outside",
        { index: entry.index, url: entry.url, bits: bits.length * 8 },
        `Index ${entry.index} lies outside the status list at ${entry.url} (${bits.length * 8} bits), so the status could not be read.`,
      ),
      "error",
    );
  let value = 0;
  // Bit 0 is the most significant bit of the first byte (Bitstring Status List, StatusList2021).
  for (let bit = start; bit < start + entry.size; bit++) value = (value << 1) | (((bits[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1);
  const at = `the issuer's ${entry.purpose} list`;
  if (entry.messages) {
    const message = entry.messages.get(value);
    if (message === undefined)
      throw fail(
        said(
          "status.message-unknown",
          { value: `0x${value.toString(16)}`, purpose: entry.purpose },
          `The status value 0x${value.toString(16)} in ${at} has no statusMessage, so what it means is unknown.`,
        ),
        "error",
      );
    if (entry.purpose === "revocation" && value !== 0)
      return outcome("revoked", said("status.revoked-message", { message }, `Revoked according to ${at}: “${message}”.`));
    if (entry.purpose === "suspension" && value !== 0)
      return outcome("suspended", said("status.suspended-message", { message }, `Suspended according to ${at}: “${message}”.`));
    return outcome("standing", said("status.issuer-message", { message }, `The issuer's status message for it: “${message}”.`));
  }
  if (entry.purpose === "revocation")
    return value
      ? outcome("revoked", said("status.list-revoked", {}, `Revoked: its bit is set in ${at}.`))
      : outcome("standing", said("status.list-not-revoked", {}, `Not revoked according to ${at}.`));
  if (entry.purpose === "suspension")
    return value
      ? outcome("suspended", said("status.list-suspended", {}, `Suspended: its bit is set in ${at}. The issuer may lift a suspension.`))
      : outcome("standing", said("status.list-not-suspended", {}, `Not suspended according to ${at}.`));
  // "refresh" and other purposes say nothing about whether the badge stands.
  const { purpose } = entry;
  return outcome(
    "standing",
    said(
      value ? "status.list-other-set" : "status.list-other-clear",
      { purpose },
      `Its ${purpose} status is ${value ? "set" : "clear"} (it does not bear on validity).`,
    ),
  );
}

/**
 * The list credential, checked before its bits are believed: its type, purpose, issuer (the
 * badge's), validity window and signature. Returns the decoded bitstring.
 */
async function checkListCredential(run: Run, credential: Json, entry: BitstringEntry, list: unknown): Promise<Uint8Array> {
  const expected = LIST_TYPES[entry.kind];
  const { url } = entry;
  const refuse = (what: Said) =>
    fail({ ...what, message: `The status list at ${url} ${what.message}, so it cannot say whether the badge stands.` }, "error");
  if (!isJson(list)) throw refuse(said("status.list-not-json", { url }, "is not a JSON object"));
  if (!typesOf(list).includes(expected.credential))
    throw refuse(said("status.list-wrong-type", { url, type: expected.credential }, `is not a ${expected.credential}`));
  const subject = isJson(list.credentialSubject) ? list.credentialSubject : undefined;
  if (!subject || !typesOf(subject).includes(expected.subject))
    throw refuse(said("status.list-no-subject", { url, type: expected.subject }, `has no ${expected.subject} subject`));
  const purposes = asArray(subject.statusPurpose).map(String).join(" / ");
  if (!asArray(subject.statusPurpose).includes(entry.purpose))
    throw refuse(
      said(
        "status.list-wrong-purpose",
        { url, purposes, purpose: entry.purpose },
        `is a ${purposes || "no"} list, not a ${entry.purpose} list`,
      ),
    );
  let listIssuer: string;
  try {
    listIssuer = issuerIdOf(list);
  } catch {
    throw refuse(said("status.list-no-issuer", { url }, "names no issuer"));
  }
  const issuer = issuerIdOf(credential as { issuer?: unknown });
  if (listIssuer !== issuer)
    throw refuse(
      said("status.list-other-issuer", { url, listIssuer, issuer }, `is issued by ${listIssuer}, not by the badge's issuer ${issuer}`),
    );
  const now = run.now.getTime();
  const from = dateOf(list.validFrom ?? list.issuanceDate);
  const until = dateOf(list.validUntil ?? list.expirationDate);
  if (from !== undefined && from > now) {
    const validFrom = new Date(from).toISOString();
    throw refuse(said("status.list-not-yet-valid", { url, validFrom }, `is not valid before ${validFrom}`));
  }
  if (until !== undefined && until <= now) {
    const validUntil = new Date(until).toISOString();
    throw refuse(said("status.list-expired", { url, validUntil }, `expired on ${validUntil} (a stale list)`));
  }
  if (list.proof === undefined) throw refuse(said("status.list-unsigned", { url }, "is not signed"));
  await checkListProof(run, list, entry.url);
  const encoded = typeof subject.encodedList === "string" ? subject.encodedList : undefined;
  if (!encoded) throw refuse(said("status.list-no-bits", { url }, "has no encodedList"));
  return decodeBitstring(encoded);
}

/** The list's own proof, by the proof step's check (its log kept aside: its words are for the badge). */
async function checkListProof(run: Run, list: Json, url: string) {
  const scratch: Run = { ...run, log: new StepLog() };
  try {
    await checkDataIntegrityProof(scratch, list as Parameters<typeof checkDataIntegrityProof>[1], undefined);
  } catch (error) {
    if (error instanceof BudgetExceeded) throw error;
    const detail = error instanceof VerificationStepError || error instanceof Error ? error.message : String(error);
    throw fail(
      said(
        "status.list-signature-invalid",
        { url, detail },
        `The signature of the status list at ${url} could not be verified (${detail}), so it cannot say whether the badge stands.`,
      ),
      "error",
    );
  }
}

/** Bitstring Status List: multibase base64url ('u' prefix) of GZIP; StatusList2021: plain base64url of GZIP. */
export function decodeBitstring(encoded: string): Uint8Array {
  const text = encoded.startsWith("u") ? encoded.slice(1) : encoded;
  // Read as leniently as lists are written in the wild (padding or not, either alphabet).
  const compressed = base64DecodeForgiving(text.replace(/-/g, "+").replace(/_/g, "/"));
  if (!compressed) throw fail(said("status.list-bad-base64", {}, "The status list's encodedList is not valid base64url."), "error");
  try {
    const out = new Uint8Array(MAX_BITSTRING_BYTES);
    const bits = compressed[0] === 0x1f && compressed[1] === 0x8b ? gunzipSync(compressed, { out }) : inflateSync(compressed, { out });
    return bits;
  } catch {
    throw fail(said("status.list-corrupt", {}, "The status list could not be decompressed (corrupt, or larger than 16 MiB)."), "error");
  }
}
