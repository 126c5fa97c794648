// One reader interface for every list the product shows (a learner's badges, an issuer's, a class's,
// a batch's, an issuer's revocations, the registry's issuers), with two implementations: the indexer
// (chain events already in tables, one query per list) and the chain (indexed events read in bounded
// chunks, then one read per item). Both return the same shapes in the same order. A reader only FINDS
// badges: a verdict always comes from the registry itself (verifyAssertion), never from a list.
import type { Address, Hex } from "viem";
import type { IssuerClass, IssuerMembership } from "../chain/queries.ts";
import type { IssuerOnChain, RevocationReasonName } from "../chain/registry.ts";

/** How a badge got on chain: `issue` / `issueWithPayload`, `issueBatch`, `issueMerkleBatch`, `issueWithSignature`. */
export type IssueWay = "single" | "array" | "merkle" | "delegated" | "unknown";

/** One badge as a list shows it (no personal data: the chain holds none, and neither does the index). */
export type BadgeListing = {
  uid: Hex;
  issuerId: number;
  classId: number;
  /** The learner's wallet (checksummed), undefined when the badge names the learner by e-mail only. */
  recipient: Address | undefined;
  /** The Merkle batch of a batched badge. */
  batchId: Hex | undefined;
  way: IssueWay;
  issuedAt: number;
  expiresAt: number | undefined;
  revokedAt: number | undefined;
  revocationCode: RevocationReasonName | undefined;
  /** The issuer's words, from the revocation event ("" when it gave none). */
  revocationReason: string | undefined;
  erased: boolean;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hex;
};

/** One revocation, from its `AssertionRevoked` event. */
export type RevocationListing = {
  uid: Hex;
  issuerId: number;
  code: RevocationReasonName;
  reason: string;
  revokedAt: number;
  /** Erased since (or before): whoever shows the list must not repeat the issuer's words about it. */
  erased: boolean;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hex;
};

/**
 * Every list, newest first (block, then log index, descending) — except issuers, in id order. Each
 * call reads what the source has now; nothing here judges a badge valid.
 */
export interface BadgeReader {
  /** "indexer" or "chain": what answered (shown to users, counted in benchmarks). */
  readonly source: "indexer" | "chain";
  listBadgesOfRecipient(recipient: Address): Promise<BadgeListing[]>;
  listBadgesOfIssuer(issuerId: number): Promise<BadgeListing[]>;
  listBadgesOfClass(classId: number): Promise<BadgeListing[]>;
  listBadgesOfBatch(batchId: Hex): Promise<BadgeListing[]>;
  /** One badge by uid (undefined when unknown): a lookup, not a verdict. */
  findBadge(uid: Hex): Promise<BadgeListing | undefined>;
  listRevocations(issuerId: number): Promise<RevocationListing[]>;
  listIssuers(): Promise<IssuerOnChain[]>;
  /**
   * Issuers the account administers (role "admin") or signs for at `at` (unix seconds; default: now)
   * — the issuer console's first question. In id order. Whoever acts on a role confirms it from the
   * registry (readCheckedMemberships): an index only finds the candidates.
   */
  listIssuersOfAccount(account: Address, at?: number): Promise<IssuerMembership[]>;
  /** Issuers whose admin role is offered to the account, waiting for it to accept; in id order. */
  listAdminOffersTo(account: Address): Promise<IssuerOnChain[]>;
  /** The issuer's badge classes (retired ones flagged), newest first. */
  listClassesOfIssuer(issuerId: number): Promise<IssuerClass[]>;
}

/** Newest first: block descending, then log index descending. */
export function newestFirst<T extends { blockNumber: bigint; logIndex: number }>(a: T, b: T): number {
  if (a.blockNumber !== b.blockNumber) return a.blockNumber > b.blockNumber ? -1 : 1;
  return b.logIndex - a.logIndex;
}
