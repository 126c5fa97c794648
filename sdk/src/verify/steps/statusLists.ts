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
import { StepLog, VerificationStepError } from "../steps.ts";
import type { Verdict } from "../types.ts";
import { checkDataIntegrityProof } from "./proof.ts";
import { dateOf } from "./validity.ts";

const fail = failuresOf("status");
/** Whatever goes wrong while getting a status list, the badge's status could not be checked. */
const listFailure: Failure = (message) => fail(message, "error");
const fetching = (run: Run): Fetching => ({ fetch: run.fetch, fail: listFailure, gone: "error" });

/** A status list bitstring is at least 16 kB; cap what a hostile list may inflate to. */
const MAX_BITSTRING_BYTES = 16 * 1024 * 1024;
/** Bitstring Status List allows status entries of up to… this many bits each (8 covers every list in use). */
const MAX_STATUS_SIZE = 8;

const BITSTRING_ENTRY = "BitstringStatusListEntry";
const STATUS_LIST_2021_ENTRY = "StatusList2021Entry";
const REVOCATION_LIST = "1EdTechRevocationList";

/** What one `credentialStatus` entry says. */
type Outcome = { verdict: "revoked" | "suspended" | "invalid" | "error" | "standing"; message: string };

/** Worst first, within the status step: a list that says "revoked" is an answer even if another list is down. */
const OUTCOME_ORDER: Outcome["verdict"][] = ["revoked", "suspended", "invalid", "error", "standing"];

/** Each status entry the credential declares, all of them, summed up in one status step. */
export async function checkThirdPartyStatus(run: Run, credential: Json) {
  const entries = asArray(credential.credentialStatus);
  if (entries.length === 0) {
    run.log.passed("status", "The credential declares no revocation method, so it cannot be revoked.");
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
      outcomes.push(prefixed(where, { verdict, message: error.message }));
    }
  }
  const worst = OUTCOME_ORDER.find((verdict) => outcomes.some((o) => o.verdict === verdict)) ?? "standing";
  // The deciding entries first, then what the others said.
  const message = [...outcomes.filter((o) => o.verdict === worst), ...outcomes.filter((o) => o.verdict !== worst)]
    .map((o) => o.message)
    .join(" ");
  if (worst === "standing") run.log.passed("status", message);
  else run.log.failed("status", message, worst satisfies Verdict);
}

const prefixed = (where: string, outcome: Outcome): Outcome => ({ ...outcome, message: `${where}${outcome.message}` });

async function checkEntry(run: Run, credential: Json, entry: unknown, lists: Map<string, Promise<unknown>>): Promise<Outcome> {
  if (!isJson(entry)) throw fail("A credentialStatus entry is not an object, so the credential's status could not be read.");
  if (entry.type === REVOCATION_LIST) return checkRevocationList(run, credential, entry);
  if (entry.type === BITSTRING_ENTRY || entry.type === STATUS_LIST_2021_ENTRY) return checkBitstring(run, credential, entry, lists);
  throw fail(
    `The credential's status method (${JSON.stringify(entry.type)}) is not one this verifier knows (BitstringStatusListEntry, StatusList2021Entry, 1EdTechRevocationList), so its status could not be checked.`,
    "error",
  );
}

// ------------------------------------------------------------------ 1EdTech revocation list

async function checkRevocationList(run: Run, credential: Json, entry: Json): Promise<Outcome> {
  const url = typeof entry.id === "string" ? entry.id : undefined;
  if (!url) throw fail("The credential's 1EdTechRevocationList entry has no id (the list's URL).");
  const list = await fetchJson(fetching(run), url, "the issuer's revocation list");
  // 1EdTech's validator reads `revokedCredential`; older lists (ours included) wrote `revokedCredentials`.
  const listed = isJson(list) ? [list.revokedCredential, list.revokedCredentials].filter(Array.isArray) : [];
  if (listed.length === 0)
    throw fail(
      `The issuer's revocation list at ${url} is not a 1EdTech revocation list (no revokedCredential array), so revocation could not be checked.`,
      "error",
    );
  const hit = listed
    .flat()
    .filter(isJson)
    .find((item) => item.id === credential.id);
  if (!hit) return { verdict: "standing", message: "Not in the issuer's revocation list." };
  const reason = typeof hit.revocationReason === "string" ? `: “${hit.revocationReason}”` : "";
  return { verdict: "revoked", message: `Listed as revoked in the issuer's revocation list${reason}.` };
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
    throw fail(`The ${kind} has no statusPurpose, so what its bit means is unknown.`);
  const purpose = entry.statusPurpose;
  // The spec writes the index as a string; 1EdTech's own samples write a number: both are read.
  const raw = entry.statusListIndex;
  const index = typeof raw === "number" || (typeof raw === "string" && /^\d+$/.test(raw)) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(index) || index < 0)
    throw fail(`The status list index ${JSON.stringify(entry.statusListIndex)} is not a whole number.`);
  const url = entry.statusListCredential;
  if (typeof url !== "string" || !/^https?:\/\//i.test(url)) throw fail(`The ${kind} names no status list URL (statusListCredential).`);
  const size = entry.statusSize === undefined ? 1 : Number(entry.statusSize);
  if (!Number.isSafeInteger(size) || size < 1)
    throw fail(`The ${kind}'s statusSize ${JSON.stringify(entry.statusSize)} is not a whole number of bits.`);
  if (size > MAX_STATUS_SIZE)
    throw fail(
      `The ${kind} uses ${size}-bit statuses; this verifier reads at most ${MAX_STATUS_SIZE}, so its status could not be checked.`,
      "error",
    );
  if (size > 1 && (purpose === "revocation" || purpose === "suspension"))
    throw fail(`A ${purpose} status is one bit, but this ${kind} says statusSize ${size}.`);
  if (purpose === "message" || entry.statusMessage !== undefined) {
    const messages = statusMessages(entry.statusMessage, size);
    return { kind, purpose, index, size, url, messages };
  }
  return { kind, purpose, index, size, url };
}

/** statusMessage: `[{ status: "0x0", message: "pending" }, …]`, one per value the entry's bits can hold. */
function statusMessages(value: unknown, size: number): Map<number, string> {
  const messages = new Map<number, string>();
  if (!Array.isArray(value)) throw fail("A message status entry must list its statusMessage values (status and message).");
  for (const item of value) {
    const status = isJson(item) && typeof item.status === "string" && /^0x[0-9a-f]+$/i.test(item.status) ? Number(item.status) : Number.NaN;
    if (!isJson(item) || Number.isNaN(status) || status >= 2 ** size || typeof item.message !== "string")
      throw fail(`A statusMessage value ${JSON.stringify(item)} is not { status: "0x…", message: "…" } within ${size} bits.`);
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
    pending = fetchJson(fetching(run), entry.url, "the status list");
    pending.catch(() => undefined);
    lists.set(entry.url, pending);
  }
  const list = await pending;
  const bits = await checkListCredential(run, credential, entry, list);
  const start = entry.index * entry.size;
  if (start + entry.size > bits.length * 8)
    throw fail(
      `Index ${entry.index} lies outside the status list at ${entry.url} (${bits.length * 8} bits), so the status could not be read.`,
      "error",
    );
  let value = 0;
  // Bit 0 is the most significant bit of the first byte (Bitstring Status List, StatusList2021).
  for (let bit = start; bit < start + entry.size; bit++) value = (value << 1) | (((bits[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1);
  const at = `the issuer's ${entry.purpose} list`;
  if (entry.messages) {
    const message = entry.messages.get(value);
    if (message === undefined)
      throw fail(`The status value 0x${value.toString(16)} in ${at} has no statusMessage, so what it means is unknown.`, "error");
    if (entry.purpose === "revocation" && value !== 0) return { verdict: "revoked", message: `Revoked according to ${at}: “${message}”.` };
    if (entry.purpose === "suspension" && value !== 0)
      return { verdict: "suspended", message: `Suspended according to ${at}: “${message}”.` };
    return { verdict: "standing", message: `The issuer's status message for it: “${message}”.` };
  }
  if (entry.purpose === "revocation")
    return value
      ? { verdict: "revoked", message: `Revoked: its bit is set in ${at}.` }
      : { verdict: "standing", message: `Not revoked according to ${at}.` };
  if (entry.purpose === "suspension")
    return value
      ? { verdict: "suspended", message: `Suspended: its bit is set in ${at}. The issuer may lift a suspension.` }
      : { verdict: "standing", message: `Not suspended according to ${at}.` };
  // "refresh" and other purposes say nothing about whether the badge stands.
  return { verdict: "standing", message: `Its ${entry.purpose} status is ${value ? "set" : "clear"} (it does not bear on validity).` };
}

/**
 * The list credential, checked before its bits are believed: its type, purpose, issuer (the
 * badge's), validity window and signature. Returns the decoded bitstring.
 */
async function checkListCredential(run: Run, credential: Json, entry: BitstringEntry, list: unknown): Promise<Uint8Array> {
  const expected = LIST_TYPES[entry.kind];
  const refuse = (why: string) => fail(`The status list at ${entry.url} ${why}, so it cannot say whether the badge stands.`, "error");
  if (!isJson(list)) throw refuse("is not a JSON object");
  if (!typesOf(list).includes(expected.credential)) throw refuse(`is not a ${expected.credential}`);
  const subject = isJson(list.credentialSubject) ? list.credentialSubject : undefined;
  if (!subject || !typesOf(subject).includes(expected.subject)) throw refuse(`has no ${expected.subject} subject`);
  const purposes = asArray(subject.statusPurpose);
  if (!purposes.includes(entry.purpose)) throw refuse(`is a ${purposes.map(String).join(" / ") || "no"} list, not a ${entry.purpose} list`);
  let listIssuer: string;
  try {
    listIssuer = issuerIdOf(list);
  } catch {
    throw refuse("names no issuer");
  }
  const badgeIssuer = issuerIdOf(credential as { issuer?: unknown });
  if (listIssuer !== badgeIssuer) throw refuse(`is issued by ${listIssuer}, not by the badge's issuer ${badgeIssuer}`);
  const now = run.now.getTime();
  const from = dateOf(list.validFrom ?? list.issuanceDate);
  const until = dateOf(list.validUntil ?? list.expirationDate);
  if (from !== undefined && from > now) throw refuse(`is not valid before ${new Date(from).toISOString()}`);
  if (until !== undefined && until <= now) throw refuse(`expired on ${new Date(until).toISOString()} (a stale list)`);
  if (list.proof === undefined) throw refuse("is not signed");
  await checkListProof(run, list, entry.url);
  const encoded = typeof subject.encodedList === "string" ? subject.encodedList : undefined;
  if (!encoded) throw refuse("has no encodedList");
  return decodeBitstring(encoded);
}

/** The list's own proof, by the proof step's check (its log kept aside: its words are for the badge). */
async function checkListProof(run: Run, list: Json, url: string) {
  const scratch: Run = { ...run, log: new StepLog() };
  try {
    await checkDataIntegrityProof(scratch, list as Parameters<typeof checkDataIntegrityProof>[1], undefined);
  } catch (error) {
    if (error instanceof BudgetExceeded) throw error;
    const why = error instanceof VerificationStepError || error instanceof Error ? error.message : String(error);
    throw fail(
      `The signature of the status list at ${url} could not be verified (${why}), so it cannot say whether the badge stands.`,
      "error",
    );
  }
}

/** Bitstring Status List: multibase base64url ('u' prefix) of GZIP; StatusList2021: plain base64url of GZIP. */
export function decodeBitstring(encoded: string): Uint8Array {
  const text = encoded.startsWith("u") ? encoded.slice(1) : encoded;
  // Read as leniently as lists are written in the wild (padding or not, either alphabet).
  const compressed = base64DecodeForgiving(text.replace(/-/g, "+").replace(/_/g, "/"));
  if (!compressed) throw fail("The status list's encodedList is not valid base64url.", "error");
  try {
    const out = new Uint8Array(MAX_BITSTRING_BYTES);
    const bits = compressed[0] === 0x1f && compressed[1] === 0x8b ? gunzipSync(compressed, { out }) : inflateSync(compressed, { out });
    return bits;
  } catch {
    throw fail("The status list could not be decompressed (corrupt, or larger than 16 MiB).", "error");
  }
}
