// The issuer's roster on any device: every badge key a wallet publishes with is derived from one
// roster secret (HKDF over the badge's chain, registry and uid), and the secret from the wallet's
// signature of a fixed, domain-separated message — as the issuer's Ed25519 key is. One signature on
// any device re-derives every key, opens the encrypted credentials the chain already holds and
// shows the learners' names; it costs no gas (the calldata is the same size as with random keys).
// A leaked badge key opens that badge only: HKDF is one-way, it gives neither the secret nor another key.
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { hexToBytes } from "@noble/hashes/utils.js";
import { type Account, type Address, getAddress, type Hex } from "viem";
import { type ChainImageReader, chainImageReader, openPublishedCredential, PublishedCredentialError } from "../chain/published.ts";
import type { RegistryContext } from "../chain/registry.ts";
import { readPayload } from "../chain/registry.ts";
import { type MessageSigner, signWithWallet } from "../chain/signingKey.ts";
import { badgeAad, KEY_BYTES, keyToString } from "../crypto/envelope.ts";
import { emailMatches } from "../documents/recipient.ts";
import { ChanceryError } from "../errors.ts";
import { normalizeDeployment } from "../ids.ts";
import {
  type BatchRosterEntry,
  BatchRosterError,
  batchEntryEmailMatches,
  batchUidsOf,
  decodeBatchRoster,
  findBatchRoster,
} from "./batch.ts";

export {
  BATCH_ROSTER_OVERHEAD,
  BATCH_ROSTER_VERSION,
  type BatchRosterEntry,
  BatchRosterError,
  batchRosterBytes,
  decodeBatchRoster,
  encodeBatchRoster,
  findBatchRoster,
  packBatchRoster,
} from "./batch.ts";

export const ROSTER_MESSAGE_VERSION = 1;
// Domain separation: the roster secret can never equal a signing key's seed, even from one signature.
const SECRET_SALT = new TextEncoder().encode("Chancery issuer roster secret salt v1");
const SECRET_INFO = new TextEncoder().encode("Chancery issuer roster secret v1");
const BADGE_KEY_INFO = "Chancery roster badge key v1|";

/** What the wallet signs (EIP-191): the same text on every device, so the same secret. */
export function rosterMessage(params: { chainId: number; registry: string; account: Address }): string {
  const d = normalizeDeployment({ chainId: params.chainId, registry: params.registry });
  return [
    "Chancery: open the roster of the badges this wallet issues",
    "",
    "Signing this message lets this device read the learners' names in the badges this wallet issued.",
    "It sends no transaction and costs nothing.",
    "Keep this signature secret: anyone who has it can read those badges.",
    "",
    `Wallet: ${getAddress(params.account)}`,
    `Chain: ${d.chainId}`,
    `Registry: ${d.registry}`,
    `Version: ${ROSTER_MESSAGE_VERSION}`,
  ].join("\n");
}

/** A wallet's roster secret on one registry: derives the key of every badge the wallet publishes. */
export type RosterSecret = {
  readonly account: Address;
  readonly chainId: number;
  readonly registry: Address;
  readonly secret: Uint8Array;
};

/** The roster secret from the wallet's signature of `rosterMessage(…)` (0x + 130 hex digits). */
export function rosterSecretFromSignature(
  signatureHex: string,
  params: { chainId: number; registry: string; account: Address },
): RosterSecret {
  if (typeof signatureHex !== "string" || !/^0x[0-9a-fA-F]{130}$/.test(signatureHex)) {
    throw new ChanceryError(
      "key-derivation-failed",
      "The roster needs the wallet's 65-byte ECDSA signature as 0x + 130 hex digits (what personal_sign returns); a smart-contract wallet's signature cannot derive it.",
    );
  }
  const d = normalizeDeployment({ chainId: params.chainId, registry: params.registry });
  const secret = hkdf(sha256, hexToBytes(signatureHex.slice(2)), SECRET_SALT, SECRET_INFO, 32);
  return { account: getAddress(params.account), chainId: d.chainId, registry: getAddress(d.registry), secret };
}

/**
 * Asks `signer` for the one roster signature (a wallet prompt) and derives the secret. `account`:
 * the wallet's address (read from a WalletClient or local account when not given).
 */
export async function unlockRoster(
  ctx: RegistryContext,
  options: { signer: MessageSigner; account?: Account | Address; chainId?: number },
): Promise<RosterSecret> {
  const signer = options.signer;
  const fromSigner = typeof signer === "function" ? undefined : "address" in signer ? (signer as Account) : signer.account;
  const accountOf = (a: Account | Address | undefined) => (typeof a === "string" ? a : a?.address);
  const account = accountOf(options.account) ?? accountOf(fromSigner);
  if (!account) throw new ChanceryError("invalid-input", "Opening the roster needs the wallet's address: connect a wallet first.");
  const chainId = options.chainId ?? ctx.client.chain?.id ?? (await ctx.client.getChainId());
  const message = rosterMessage({ chainId, registry: ctx.registry, account });
  const signature = await signWithWallet(signer, message, options.account ?? fromSigner);
  return rosterSecretFromSignature(signature, { chainId, registry: ctx.registry, account });
}

/** The key of the badge `uid`: what the award publishes with, and what the roster opens it with. */
export function rosterBadgeKey(roster: RosterSecret, uid: Hex): Uint8Array {
  if (!(roster?.secret instanceof Uint8Array) || roster.secret.length !== 32) {
    throw new ChanceryError("invalid-input", "rosterBadgeKey needs a roster secret from unlockRoster or rosterSecretFromSignature.");
  }
  const aad = badgeAad({ chainId: roster.chainId, registry: roster.registry, uid });
  return hkdf(sha256, roster.secret, undefined, new TextEncoder().encode(BADGE_KEY_INFO + aad), KEY_BYTES);
}

/** What the roster knows of one badge. */
export type RosterEntry =
  | {
      uid: Hex;
      /** Opened with this wallet's roster: the learner's name (when the badge names one) and the key of the full link. */
      state: "named";
      name: string | undefined;
      /** The credential's hashed e-mail (check one with `rosterEmailMatches`). */
      email: { identityHash: string; salt: string } | undefined;
      key: string;
      credential: Record<string, unknown>;
    }
  | {
      uid: Hex;
      /** A Merkle batch's badge, named by the roster its issuing transaction carries (no credential, so no key). */
      state: "batch-named";
      name: string | undefined;
      /** As the issuer typed it (it travels encrypted for this wallet only). */
      email: string | undefined;
    }
  | {
      uid: Hex;
      /**
       * "no-payload": nothing encrypted on chain (issued unpublished, or a Merkle batch sent without its roster).
       * "other-key": published under a key this roster does not derive (issued before the roster, with
       * a random key, or by another wallet): its name shows only where the share link's key is kept.
       * "damaged": a Merkle batch's roster that does not open although written for this wallet (altered), or a payload that opens to no JSON.
       */
      state: "no-payload" | "other-key" | "damaged";
    };

/** `transactionHash`: the issuing transaction, where a Merkle batch's roster travels (a BadgeListing has it). */
export type RosterBadge = { uid: Hex; blockNumber: bigint; batchId?: Hex; transactionHash?: Hex };

export type RosterProgress = { done: number; total: number };

/**
 * Opens the badges' published credentials with the roster: one payload read per badge (at its block)
 * and a local decryption; a Merkle batch's badges from the roster its issuing transaction carries
 * (two reads per batch: the transaction and its receipt). `onProgress` as badges are answered;
 * `concurrency` reads at a time (default 8). A batch whose roster is missing or does not open is
 * answered per badge ("no-payload", "other-key", "damaged"), never by failing the whole list.
 */
export async function readRoster(
  ctx: RegistryContext,
  roster: RosterSecret,
  badges: readonly RosterBadge[],
  options: { onProgress?: (progress: RosterProgress) => void; concurrency?: number; signal?: AbortSignal } = {},
): Promise<Map<Hex, RosterEntry>> {
  if (roster.registry.toLowerCase() !== ctx.registry.toLowerCase()) {
    throw new ChanceryError(
      "invalid-input",
      `This roster was opened for registry ${roster.registry}, not ${ctx.registry}: open it again here.`,
    );
  }
  const out = new Map<Hex, RosterEntry>();
  const total = badges.length;
  // One task per published badge, one per Merkle batch (all its badges answered together).
  const batches = new Map<string, RosterBadge[]>();
  const tasks: RosterBadge[][] = [];
  for (const badge of badges) {
    if (!badge.batchId) {
      tasks.push([badge]);
      continue;
    }
    const key = `${badge.batchId}|${badge.transactionHash ?? ""}`.toLowerCase();
    let group = batches.get(key);
    if (!group) {
      group = [];
      batches.set(key, group);
      tasks.push(group);
    }
    group.push(badge);
  }
  let done = 0;
  let next = 0;
  const images = chainImageReader(ctx); // one class image and logo read for the whole list
  const worker = async () => {
    while (next < tasks.length) {
      options.signal?.throwIfAborted();
      const task = tasks[next++] as RosterBadge[];
      const first = task[0] as RosterBadge;
      const entries = first.batchId ? await openBatch(ctx, roster, task) : [await openOne(ctx, images, roster, first)];
      for (const entry of entries) out.set(entry.uid, entry);
      done += task.length;
      options.onProgress?.({ done, total });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 8, tasks.length)) }, worker));
  return out;
}

/** The badges of one Merkle batch named from the roster appended to its issuing transaction. */
async function openBatch(ctx: RegistryContext, roster: RosterSecret, badges: RosterBadge[]): Promise<RosterEntry[]> {
  const batchId = badges[0]?.batchId as Hex;
  const hash = badges[0]?.transactionHash;
  const each = (state: "no-payload" | "other-key" | "damaged"): RosterEntry[] => badges.map(({ uid }) => ({ uid, state }));
  if (!hash) return each("no-payload");
  const [transaction, receipt] = await Promise.all([ctx.client.getTransaction({ hash }), ctx.client.getTransactionReceipt({ hash })]);
  const appendix = findBatchRoster(transaction.input, batchId);
  if (!appendix) return each("no-payload");
  let entries: BatchRosterEntry[];
  try {
    entries = await decodeBatchRoster(roster, batchId, appendix);
  } catch (error) {
    if (error instanceof BatchRosterError) return each(error.reason);
    throw error;
  }
  const uids = batchUidsOf(receipt, ctx.registry, batchId);
  // Entries follow the call's order, as the events do; a count that differs means the roster is not this batch's.
  if (uids.length !== entries.length) return each("damaged");
  const byUid = new Map(uids.map((uid, i) => [uid.toLowerCase(), entries[i] as BatchRosterEntry]));
  return badges.map(({ uid }): RosterEntry => {
    const entry = byUid.get(uid.toLowerCase());
    return entry ? { uid, state: "batch-named", name: entry.name, email: entry.email } : { uid, state: "damaged" };
  });
}

async function openOne(ctx: RegistryContext, images: ChainImageReader, roster: RosterSecret, badge: RosterBadge): Promise<RosterEntry> {
  const { uid } = badge;
  const payload = await readPayload(ctx, uid, badge.blockNumber);
  if (!payload) return { uid, state: "no-payload" };
  const key = rosterBadgeKey(roster, uid);
  let credential: Record<string, unknown>;
  try {
    // The signed credential, with the class image and logo it left on chain put back (chain/published.ts).
    credential = await openPublishedCredential(images, { chainId: roster.chainId, registry: roster.registry, uid }, payload, key);
  } catch (error) {
    // Not an error: the badge was published under a key this wallet's roster does not derive.
    if (error instanceof PublishedCredentialError && error.problem === "key-does-not-open") return { uid, state: "other-key" };
    if (error instanceof PublishedCredentialError && error.problem === "not-json") return { uid, state: "damaged" };
    throw error;
  }
  return { uid, state: "named", ...identityOf(credential), key: keyToString(key), credential };
}

type Identifier = { identityType?: string; identityHash?: string; hashed?: boolean; salt?: string };

function identityOf(credential: Record<string, unknown>): {
  name: string | undefined;
  email: { identityHash: string; salt: string } | undefined;
} {
  const subject = credential.credentialSubject as { identifier?: Identifier[] } | undefined;
  const ids = Array.isArray(subject?.identifier) ? subject.identifier : [];
  const name = ids.find((i) => i.identityType === "name" && i.hashed === false)?.identityHash;
  const email = ids.find((i) => i.identityType === "emailAddress" && typeof i.identityHash === "string");
  return {
    name: typeof name === "string" ? name : undefined,
    email: email ? { identityHash: email.identityHash as string, salt: email.salt ?? "" } : undefined,
  };
}

/** Whether a roster entry's badge names `email` (compared through the badge's salted hash; nothing is stored in clear). */
export function rosterEmailMatches(entry: RosterEntry, email: string): boolean {
  if (entry.state === "batch-named") return batchEntryEmailMatches(entry, email);
  if (entry.state !== "named" || !entry.email || !email.includes("@")) return false;
  try {
    return emailMatches(email, entry.email.identityHash, entry.email.salt);
  } catch {
    return false;
  }
}
