// Planning a bulk issue: rows → batches of one expiry each, sized under the per-transaction gas cap
// (EIP-7825), and what they will cost. The CLI, the app's estimate and the engine use these alone.
import type { Hex } from "viem";
import { merkleBatchId, randomBatchKey } from "../anchor/merkle.ts";
import { GAS_PER_BATCHED_BADGE, GAS_PER_MERKLE_BADGE, maxBadgesPerTransaction, TRANSACTION_GAS_CAP } from "../chain/issuing.ts";
import type { ChainImages } from "../chain/published.ts";
import { ENVELOPE_OVERHEAD } from "../crypto/envelope.ts";
import { buildOb3Credential } from "../documents/ob3.ts";
import type { AwardInput } from "../documents/types.ts";
import { ChanceryError } from "../errors.ts";
import { leaveChainImages } from "../links/credential.ts";
import type { RecipientRow } from "./csv.ts";

/** Array batches (`issueBatch`, optionally with encrypted credentials) or Merkle batches (one root per transaction). */
export type BulkMode = "batch" | "merkle";

/** One transaction's worth of badges: rows of the CSV (by line), all with the same expiry. */
export type PlannedBatch = {
  /** Index in the plan, from 0. */
  id: number;
  lines: number[];
  /** Unix seconds, 0 for none. */
  expiresAt: number;
  /** Merkle batches only: the random key sent with the batch. */
  batchKey?: Hex;
  /** Merkle batches only: the id every credential of the batch names, `merkleBatchId(issuerId, batchKey)`. */
  batchId?: Hex;
};

// Calldata (16 gas a byte), the event's data (8 a byte) and memory copies: about 40 gas a byte.
const GAS_PER_PAYLOAD_BYTE = 40n;
// A transaction's own cost, on top of its badges.
const GAS_PER_TRANSACTION = 21_000n;
// The Data Integrity proof added to the unsigned credential, with room to spare.
const PROOF_BYTES = 400;

const seconds = (date: Date | undefined) => (date ? Math.floor(date.getTime() / 1000) : 0);

function gasPerBadge(mode: BulkMode, payloadBytes: number): bigint {
  return (mode === "merkle" ? GAS_PER_MERKLE_BADGE : GAS_PER_BATCHED_BADGE) + BigInt(payloadBytes) * GAS_PER_PAYLOAD_BYTE;
}

/**
 * Badges per transaction: the registry's per-badge gas plus, with encrypted credentials, their
 * calldata, keeping 20 % of the gas cap free; `batchSize` can only lower it.
 */
export function badgesPerTransaction(options: { mode: BulkMode; payloadBytes?: number; batchSize?: number }): number {
  let size = maxBadgesPerTransaction(options.mode);
  if (options.payloadBytes)
    size = Math.min(size, Number((TRANSACTION_GAS_CAP * 8n) / 10n / gasPerBadge(options.mode, options.payloadBytes)));
  if (options.batchSize) size = Math.min(size, options.batchSize);
  return Math.max(1, size);
}

/**
 * The encrypted size of the largest credential of the run (the longest row stands for it, plus
 * the proof and the envelope), or 0 without encryption: what sizes batches carrying payloads.
 */
export function payloadBytesOf(
  rows: readonly RecipientRow[],
  award: (row: RecipientRow) => AwardInput,
  publish: boolean,
  chainImages: ChainImages = {},
): number {
  if (!publish || rows.length === 0) return 0;
  const longest = rows.reduce((a, b) => (b.raw.length > a.raw.length ? b : a));
  // Sent without the class image and logo the chain holds (chain/published.ts), when the caller knows them.
  const sent = leaveChainImages(buildOb3Credential(award(longest)), chainImages);
  return JSON.stringify(sent).length + PROOF_BYTES + ENVELOPE_OVERHEAD;
}

/**
 * Rows grouped by expiry (the registry takes one per transaction), then cut into batches of `size`.
 * Merkle batches need the issuer's id: the registry stores a batch under an id that names it.
 */
export function planBatches(
  rows: readonly Pick<RecipientRow, "line" | "expires">[],
  size: number,
  mode: BulkMode,
  issuerId?: number,
): PlannedBatch[] {
  if (mode === "merkle" && issuerId === undefined)
    throw new ChanceryError("invalid-input", "Planning Merkle batches needs the issuer's id.");
  const byExpiry = new Map<number, number[]>();
  for (const row of rows) {
    const expiresAt = seconds(row.expires);
    const lines = byExpiry.get(expiresAt) ?? [];
    lines.push(row.line);
    byExpiry.set(expiresAt, lines);
  }
  const batches: PlannedBatch[] = [];
  for (const [expiresAt, lines] of byExpiry) {
    for (let i = 0; i < lines.length; i += size) {
      const batch: PlannedBatch = { id: batches.length, lines: lines.slice(i, i + size), expiresAt };
      if (mode === "merkle") {
        batch.batchKey = randomBatchKey();
        batch.batchId = merkleBatchId(issuerId as number, batch.batchKey);
      }
      batches.push(batch);
    }
  }
  return batches;
}

// A Merkle batch's transaction, fitted to gasUsed on Hardhat's EVM (osaka) for 1 to 200 badges with and
// without wallets and rosters (sdk/test/roster-batch.test.ts holds the estimate to within 3 %): 21,000 base,
// the batch's record (two fresh slots), its event and checks; per badge its leaf, event and tree node with
// the credential hash's calldata; a wallet's 20 nonzero calldata bytes where an e-mail badge sends zeros;
// the tree's memory (quadratic past a few hundred badges). The budget figure (3,775 a badge for 1,000 with
// wallets, bench:gas) is this formula at n = 1,000.
const MERKLE_GAS_PER_TRANSACTION = 79_800n;
const MERKLE_GAS_PER_BADGE = 3_452n;
const MERKLE_GAS_PER_WALLET = 240n;
const MERKLE_MEMORY_DIVISOR = 128n;
// Calldata (EIP-2028) and the EIP-7623 floor (10 gas a token, a nonzero byte 4 tokens): an encrypted
// roster is random bytes, nearly all nonzero. A transaction pays the larger of the two.
const CALLDATA_GAS_PER_NONZERO_BYTE = 16n;
const FLOOR_GAS_PER_TOKEN = 10n;
const MERKLE_TOKENS_PER_BADGE = 128n; // the credential hash: 32 nonzero bytes
const MERKLE_TOKENS_PER_RECIPIENT = { wallet: 92n, none: 32n }; // 20 nonzero + 12 zero bytes, or 32 zeros
const MERKLE_TOKENS_PER_TRANSACTION = 1_000n; // selector, head, lengths, class, key, expiry (generous)

/** Gas of one `issueMerkleBatch` transaction: `wallets` of its badges bound to a wallet, `rosterBytes` of appended roster (0 for none). */
export function merkleBatchGas(batch: { badges: number; wallets: number; rosterBytes?: number }): bigint {
  const n = BigInt(batch.badges);
  const wallets = BigInt(batch.wallets);
  const roster = BigInt(batch.rosterBytes ?? 0);
  const execution =
    MERKLE_GAS_PER_TRANSACTION +
    n * MERKLE_GAS_PER_BADGE +
    wallets * MERKLE_GAS_PER_WALLET +
    (n * n) / MERKLE_MEMORY_DIVISOR +
    roster * CALLDATA_GAS_PER_NONZERO_BYTE;
  const tokens =
    MERKLE_TOKENS_PER_TRANSACTION +
    n * MERKLE_TOKENS_PER_BADGE +
    wallets * MERKLE_TOKENS_PER_RECIPIENT.wallet +
    (n - wallets) * MERKLE_TOKENS_PER_RECIPIENT.none +
    roster * 4n;
  const floor = GAS_PER_TRANSACTION + tokens * FLOOR_GAS_PER_TOKEN;
  return execution > floor ? execution : floor;
}

/** What a Merkle batch's estimate needs of its rows: how many name a wallet, and the size of its roster appendix (0 without). */
export type MerkleBatchShape = { wallets: number; rosterBytes: number };

/**
 * Gas of the whole plan's issuing transactions, for an estimate before anything is signed. Merkle
 * batches: `merkle` says each batch's shape (without it, every badge is counted with a wallet and no roster).
 */
export function estimatePlanGas(
  batches: readonly PlannedBatch[],
  options: { mode: BulkMode; payloadBytes?: number; merkle?: (batch: PlannedBatch) => MerkleBatchShape },
): bigint {
  if (options.mode === "merkle") {
    return batches.reduce((sum, batch) => {
      const shape = options.merkle?.(batch) ?? { wallets: batch.lines.length, rosterBytes: 0 };
      return sum + merkleBatchGas({ badges: batch.lines.length, ...shape });
    }, 0n);
  }
  const perBadge = gasPerBadge(options.mode, options.payloadBytes ?? 0);
  return batches.reduce((sum, batch) => sum + GAS_PER_TRANSACTION + BigInt(batch.lines.length) * perBadge, 0n);
}
