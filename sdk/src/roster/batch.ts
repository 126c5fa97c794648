// The roster of a Merkle batch: a Merkle batch publishes no credential (only leaf hashes and
// recipients), so its learners' names would exist only where the batch was issued. The issuing
// transaction carries them instead, encrypted for the issuing wallet's roster secret, appended after
// the ABI-encoded arguments of `issueMerkleBatch` (the registry's ABI decoder ignores trailing bytes,
// and so does a `multicall` around it: the appendix then sits inside that call's bytes). The console
// finds it in the transaction's input by its header (magic, version, batch id), decrypts it after the
// one roster signature, and names the batch's badges in call order (the order of the batch's
// `AssertionBatched` events in the receipt). Nothing is stored by the contract: zero storage gas,
// calldata only (about 16 gas a byte; measured per badge by `npm run bench:gas`).
//
// Appendix format (version 1):
//
//     offset  size  field
//     0       4     magic "CHRS"
//     4       1     version = 0x01
//     5       32    batch id (merkleBatchId(issuerId, batchKey))
//     37      4     key check: HKDF(secret, "…batch check…" ‖ binding)[0..4], tells "another wallet" from "damaged"
//     41      3     L: length of what follows the IV (uint24, big-endian)
//     44      12    IV (random)
//     56      L     AES-256-GCM of deflate-raw(entries), then the 16-byte tag
//
// Key = HKDF(roster secret, info "Chancery roster batch key v1|<chainId>:<registry>:<batchId>"); the AAD is
// bytes 0..44 of the header ‖ the same binding, so an appendix moved to another batch, registry or
// chain, or a header edited, fails to open. Entries (before compression): varint count, then per
// badge in call order varint-prefixed UTF-8 name and e-mail (empty when the row had none) — only what
// the console shows, searches and matches; the wallet is in the event already.
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { deflateSync } from "fflate";
import { bytesToHex, concatHex, type Hex, hexToBytes, parseEventLogs, type TransactionReceipt } from "viem";
import { inflateCapped } from "../codecs/inflate.ts";
import { badgeAad } from "../crypto/envelope.ts";
import { normalizeEmail } from "../documents/recipient.ts";
import { ChanceryError } from "../errors.ts";
import { badgeRegistryAbi } from "../generated/abi.ts";
import type { RosterSecret } from "./index.ts";

export const BATCH_ROSTER_VERSION = 1;
const MAGIC = new Uint8Array([0x43, 0x48, 0x52, 0x53]);
const HEADER_BYTES = 44;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Bytes an appendix adds besides its compressed entries. */
export const BATCH_ROSTER_OVERHEAD = HEADER_BYTES + IV_BYTES + TAG_BYTES;
// BadgeRegistry.MAX_MERKLE_BATCH, and what one name or e-mail may take.
const MAX_ENTRIES = 4_000;
const MAX_FIELD_BYTES = 1_024;
// Decompressed size cap: every entry at its largest (a crafted appendix cannot exhaust memory).
const MAX_PLAIN_BYTES = 4 + MAX_ENTRIES * 2 * (MAX_FIELD_BYTES + 2);
const KEY_INFO = "Chancery roster batch key v1|";
const CHECK_INFO = "Chancery roster batch check v1|";

/** One learner of a Merkle batch, as the issuer typed it (a badge of the batch, in call order). */
export type BatchRosterEntry = { name?: string; email?: string };

/** Why an appendix did not open: `batch-roster-other-key` (written for another wallet's roster) or `batch-roster-damaged` (altered, malformed). */
export class BatchRosterError extends ChanceryError {
  readonly reason: "other-key" | "damaged";
  constructor(reason: "other-key" | "damaged", message: string) {
    super(`batch-roster-${reason}`, message, { kind: "crypto" });
    this.name = "BatchRosterError";
    this.reason = reason;
  }
}

const encoder = new TextEncoder();
const binding = (roster: RosterSecret, batchId: Hex) =>
  badgeAad({ chainId: roster.chainId, registry: roster.registry, uid: batchId.toLowerCase() });
const derive = (roster: RosterSecret, info: string, batchId: Hex, length: number) =>
  hkdf(sha256, roster.secret, undefined, encoder.encode(info + binding(roster, batchId)), length);

function checkBatchId(batchId: Hex): void {
  if (typeof batchId !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(batchId)) {
    throw new ChanceryError("invalid-input", `A batch roster needs the batch id as 0x + 64 hex digits, got ${String(batchId)}.`);
  }
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s)
    throw new ChanceryError("crypto-unavailable", "Web Crypto (crypto.subtle) is not available here: open the app over https.", {
      kind: "unsupported",
    });
  return s;
}

async function aesKey(roster: RosterSecret, batchId: Hex, usage: KeyUsage): Promise<CryptoKey> {
  return subtle().importKey("raw", derive(roster, KEY_INFO, batchId, 32) as Uint8Array<ArrayBuffer>, "AES-GCM", false, [usage]);
}

function pushVarint(out: number[], n: number): void {
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
}

function fieldBytes(text: string | undefined, what: string, index: number): Uint8Array {
  const bytes = encoder.encode(text ?? "");
  if (bytes.length > MAX_FIELD_BYTES) {
    throw new ChanceryError(
      "invalid-input",
      `Badge ${index + 1} of the batch has a ${what} of ${bytes.length} bytes; the batch roster keeps at most ${MAX_FIELD_BYTES}: shorten it.`,
    );
  }
  return bytes;
}

/** The entries packed and compressed, as the appendix encrypts them (also what the gas estimate measures). */
export function packBatchRoster(entries: readonly BatchRosterEntry[]): Uint8Array {
  if (entries.length === 0 || entries.length > MAX_ENTRIES) {
    throw new ChanceryError("invalid-input", `A batch roster holds 1 to ${MAX_ENTRIES} entries (one per badge); got ${entries.length}.`);
  }
  const out: number[] = [];
  pushVarint(out, entries.length);
  for (const [i, entry] of entries.entries()) {
    for (const field of [fieldBytes(entry.name, "name", i), fieldBytes(entry.email, "e-mail", i)]) {
      pushVarint(out, field.length);
      for (const b of field) out.push(b);
    }
  }
  return deflateSync(new Uint8Array(out), { level: 9 });
}

/** The size in bytes the appendix of these entries takes in calldata. */
export function batchRosterBytes(entries: readonly BatchRosterEntry[]): number {
  return packBatchRoster(entries).length + BATCH_ROSTER_OVERHEAD;
}

/** The appendix of a Merkle batch (hex, for viem's `dataSuffix`): its learners encrypted for `roster`'s wallet. */
export async function encodeBatchRoster(roster: RosterSecret, batchId: Hex, entries: readonly BatchRosterEntry[]): Promise<Hex> {
  checkBatchId(batchId);
  const packed = packBatchRoster(entries);
  const header = new Uint8Array(HEADER_BYTES);
  header.set(MAGIC, 0);
  header[4] = BATCH_ROSTER_VERSION;
  header.set(hexToBytes(batchId), 5);
  header.set(derive(roster, CHECK_INFO, batchId, 4), 37);
  const length = packed.length + TAG_BYTES;
  header.set([(length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff], 41);
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await subtle().encrypt(
    { name: "AES-GCM", iv, additionalData: aadOf(header, roster, batchId), tagLength: TAG_BYTES * 8 },
    await aesKey(roster, batchId, "encrypt"),
    packed as Uint8Array<ArrayBuffer>,
  );
  return concatHex([bytesToHex(header), bytesToHex(iv), bytesToHex(new Uint8Array(sealed))]);
}

function aadOf(header: Uint8Array, roster: RosterSecret, batchId: Hex): Uint8Array<ArrayBuffer> {
  const bound = encoder.encode(binding(roster, batchId));
  const out = new Uint8Array(header.length + bound.length);
  out.set(header, 0);
  out.set(bound, header.length);
  return out;
}

/**
 * The appendix of batch `batchId` inside a transaction's input (direct call, multicall, or any
 * wrapper that passes the bytes through), or undefined when the input carries none.
 */
export function findBatchRoster(input: Hex, batchId: Hex): Uint8Array | undefined {
  checkBatchId(batchId);
  const needle = `${bytesToHex(MAGIC).slice(2)}${BATCH_ROSTER_VERSION.toString(16).padStart(2, "0")}${batchId.slice(2).toLowerCase()}`;
  const text = input.toLowerCase();
  // Hex digits pair into bytes: a match at an odd offset straddles two bytes and is not a header.
  for (let at = text.indexOf(needle, 2); at >= 0; at = text.indexOf(needle, at + 1)) {
    if ((at - 2) % 2 !== 0) continue;
    const start = (at - 2) / 2;
    const bytes = hexToBytes(input);
    if (bytes.length < start + HEADER_BYTES + IV_BYTES) return undefined;
    const length = ((bytes[start + 41] as number) << 16) | ((bytes[start + 42] as number) << 8) | (bytes[start + 43] as number);
    const end = start + HEADER_BYTES + IV_BYTES + length;
    return bytes.slice(start, Math.min(end, bytes.length));
  }
  return undefined;
}

/** Opens an appendix with `roster`: the batch's learners in call order, or a BatchRosterError saying why not. */
export async function decodeBatchRoster(roster: RosterSecret, batchId: Hex, appendix: Uint8Array): Promise<BatchRosterEntry[]> {
  checkBatchId(batchId);
  const damaged = (why: string) => new BatchRosterError("damaged", `The names appended to batch ${batchId} ${why}: they cannot be shown.`);
  if (appendix.length < HEADER_BYTES + IV_BYTES + TAG_BYTES) throw damaged("are truncated");
  const header = appendix.subarray(0, HEADER_BYTES);
  if (header[4] !== BATCH_ROSTER_VERSION) throw damaged(`have format version ${header[4]}, this software reads ${BATCH_ROSTER_VERSION}`);
  if (bytesToHex(header.subarray(5, 37)).toLowerCase() !== batchId.toLowerCase()) throw damaged("name another batch");
  const check = derive(roster, CHECK_INFO, batchId, 4);
  if (!check.every((b, i) => header[37 + i] === b)) {
    throw new BatchRosterError(
      "other-key",
      `The names of batch ${batchId} were written for another wallet's roster: connect the wallet that issued the batch.`,
    );
  }
  const length = ((header[41] as number) << 16) | ((header[42] as number) << 8) | (header[43] as number);
  if (appendix.length !== HEADER_BYTES + IV_BYTES + length) throw damaged("are truncated");
  let packed: Uint8Array;
  try {
    packed = new Uint8Array(
      await subtle().decrypt(
        {
          name: "AES-GCM",
          iv: appendix.slice(HEADER_BYTES, HEADER_BYTES + IV_BYTES),
          additionalData: aadOf(header, roster, batchId),
          tagLength: TAG_BYTES * 8,
        },
        await aesKey(roster, batchId, "decrypt"),
        appendix.slice(HEADER_BYTES + IV_BYTES),
      ),
    );
  } catch {
    throw damaged("were altered (authentication failed)");
  }
  return unpack(inflateRoster(packed, damaged), damaged);
}

function inflateRoster(data: Uint8Array, damaged: (why: string) => Error): Uint8Array {
  const inflated = inflateCapped(data, MAX_PLAIN_BYTES);
  if ("bytes" in inflated) return inflated.bytes;
  throw damaged(inflated.problem === "too-large" ? "inflate beyond any batch's size" : "are not valid compressed data");
}

function unpack(bytes: Uint8Array, damaged: (why: string) => Error): BatchRosterEntry[] {
  let at = 0;
  const varint = () => {
    let n = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      const b = bytes[at++];
      if (b === undefined) throw damaged("end early");
      n |= (b & 0x7f) << shift;
      if (b < 0x80) return n;
    }
    throw damaged("hold a malformed length");
  };
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const field = () => {
    const length = varint();
    if (length > MAX_FIELD_BYTES || at + length > bytes.length) throw damaged("hold a malformed entry");
    const text = decoder.decode(bytes.subarray(at, at + length));
    at += length;
    return text || undefined;
  };
  const count = varint();
  if (count === 0 || count > MAX_ENTRIES) throw damaged(`claim ${count} entries`);
  const entries: BatchRosterEntry[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const name = field();
      const email = field();
      entries.push({ ...(name ? { name } : {}), ...(email ? { email } : {}) });
    }
  } catch (error) {
    if (error instanceof BatchRosterError) throw error;
    throw damaged("hold text that is not UTF-8");
  }
  if (at !== bytes.length) throw damaged("carry bytes after the last entry");
  return entries;
}

/** The uids of batch `batchId` in call order, from the issuing transaction's receipt (its `AssertionBatched` events). */
export function batchUidsOf(receipt: Pick<TransactionReceipt, "logs">, registry: string, batchId: Hex): Hex[] {
  const logs = parseEventLogs({ abi: badgeRegistryAbi, eventName: "AssertionBatched", logs: receipt.logs, strict: true });
  return logs
    .filter((l) => l.address.toLowerCase() === registry.toLowerCase() && l.args.batchId.toLowerCase() === batchId.toLowerCase())
    .sort((a, b) => (a.logIndex ?? 0) - (b.logIndex ?? 0))
    .map((l) => l.args.uid);
}

/** Whether a batch roster entry names `email` (compared normalised, as the salted hash is). */
export function batchEntryEmailMatches(entry: BatchRosterEntry, email: string): boolean {
  if (!entry.email || !email.includes("@")) return false;
  try {
    return normalizeEmail(entry.email) === normalizeEmail(email);
  } catch {
    return false;
  }
}
