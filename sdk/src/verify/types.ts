import type { Address, Hex, PublicClient } from "viem";
import type { AssertionStatus } from "../chain/registry.ts";
import type { StepCode, StepParams } from "./codes.ts";
import type { FetchLike } from "./fetch.ts";

export type { FetchLike };

/** The named steps of a verification, in the order they run (model: Blockcerts' cert-verifier-js). */
export const STEP_IDS = ["parse", "format", "proof", "anchor", "issuer", "status", "validity", "recipient"] as const;
export type StepId = (typeof STEP_IDS)[number];
export type StepStatus = "passed" | "failed" | "skipped" | "warning";
/**
 * One step's answer: `message` in English (what the CLI and gateway print), and the same said as a
 * stable `code` with its `params` (see codes.ts: STEP_CODES) for an app to word in its reader's language.
 */
export type Step = { id: StepId; status: StepStatus; message: string; code: StepCode; params: StepParams };

export type Verdict =
  | "valid"
  | "invalid"
  | "revoked"
  // Another issuer's status list marks the badge suspended (Bitstring Status List, purpose "suspension"):
  // not valid for now; the issuer may lift it.
  | "suspended"
  | "expired"
  | "not-yet-valid"
  | "suspended-issuer"
  | "erased"
  | "unanchored"
  // The badge names a registry that is neither in the exported deployments nor added by the user
  // (VerifyOptions.trust / registries): the verdict names that registry and chain. Never "valid".
  | "untrusted-registry"
  // A record-only link (no key): the chain's record stands (recorded, issuer in standing, not
  // revoked, not expired) but the badge's content was withheld, so nothing it says was checked.
  // Never "valid": see report.record for what was shown and checked.
  | "record-valid"
  | "error";

/** What kind of badge was checked. */
export type BadgeFormat = "ob3-data-integrity" | "ob3-jwt" | "ob2-hosted" | "ob2-signed" | "unknown";

export type AnchorReport = {
  chainId: number;
  registry: Address;
  uid: Hex;
  credentialHash?: Hex;
  batchId?: Hex;
  status?: AssertionStatus;
  revocationReason?: string;
};

/** A registry the verifier trusts beyond the exported deployments (`--trust chainId:address`). */
export type TrustedRegistry = { chainId: number; registry: Address; deployedOnBlock?: bigint | number; label?: string };

/** Which registry and chain answered for the badge, and why the verifier trusts it. */
export type TrustReport = { chainId: number; registry: Address; source: "deployment" | "user"; label?: string };

/** The standing the registry records for the badge's issuer (only for trusted registries). */
export type IssuerStanding = "accredited" | "self-declared" | "suspended" | "unregistered";

export type IssuerReport = {
  id: number;
  /** The issuer name the credential shows (what a UI displays). */
  name?: string;
  standing: IssuerStanding;
  /** An accredited issuer of the same registry already uses this name: an impostor is likely. */
  sameNameAs?: { id: number; name: string };
};

/** How one expected recipient compared with the badge: named and matched, named otherwise, or not named at all. */
export type RecipientMatch = "matched" | "not-matched" | "not-named";

/** The recipient step's answer, per identity the verifier was given (VerifyOptions.expectedRecipient). */
export type RecipientReport = { email?: RecipientMatch; wallet?: RecipientMatch };

/**
 * What a record-only verification (a share link without its key) read from the chain alone: the
 * badge's public record and class. The credential's content (learner's name, details, signature)
 * was withheld, so `credential` is absent and the format and proof steps are skipped.
 */
export type RecordReport = {
  /** The badge class as the registry publishes it (its Achievement JSON): public, never the learner's data. */
  badgeClass: { id: number; name?: string; description?: string; image?: string; retired: boolean };
  /** The issue and expiry the chain records (ISO 8601). */
  issuedAt: string;
  expiresAt?: string;
  /** The learner's wallet bound into the badge on chain, if it has one. */
  recipientWallet?: Address;
};

export type VerificationReport = {
  verdict: Verdict;
  steps: Step[];
  format: BadgeFormat;
  /** The checked document. Left out when the badge was erased: it is no longer disclosed. */
  credential?: unknown;
  anchor?: AnchorReport;
  /** Which registry and chain answered (set once the badge's registry is found trusted). */
  trust?: TrustReport;
  /** The issuer's standing as the chain records it (anchored badges on trusted registries). */
  issuer?: IssuerReport;
  /** Set when a recipient was expected and the badge's content was reached. */
  recipient?: RecipientReport;
  /** Set when only the chain's record was checked (a share link without its key): the content was withheld. */
  record?: RecordReport;
};

export type VerifyOptions = {
  /** A viem public client for the badge's chain. */
  publicClient?: PublicClient;
  /** An RPC URL for the badge's chain (used when no publicClient is given). */
  rpcUrl?: string;
  /** RPC URLs by chain id, for badges of several chains. */
  rpcUrls?: Record<number, string>;
  /**
   * The registry of each chain for badges that name only a chain (OB 2.0 hosted URLs of a Chancery
   * gateway). Default: the exported deployments.
   */
  registries?: Record<number, { address: Address; deployedOnBlock?: bigint | number }>;
  /** Registries trusted beyond the exported deployments (and `registries`); any other is "untrusted-registry". */
  trust?: TrustedRegistry[];
  /** For hosted Open Badges 2.0, issuer documents, status lists (default: globalThis.fetch). */
  fetch?: FetchLike;
  /** The instant the badge is judged at (default: now). */
  now?: Date;
  /** Check that the badge names this learner. */
  expectedRecipient?: { email?: string; wallet?: Address };
  /** The total time budget of one verification, every fetch and chain read included (default 10_000 ms). */
  timeoutMs?: number;
  /** The most bytes one fetched document may have, enforced while it streams in (default 2 MiB). */
  maxFetchBytes?: number;
  /** Fetch loopback, private and link-local hosts a badge names (default false; tests set it). */
  allowPrivateHosts?: boolean;
  /** Origins the operator configured (e.g. the app's own gateway, `http://localhost:8787`) fetched even when private. */
  trustedOrigins?: string[];
  /**
   * Resolves a host name to its addresses, so names that point at private addresses are refused
   * too (node: `(name) => dns.promises.lookup(name, { all: true }).then((a) => a.map((x) => x.address))`).
   * Without it only literal addresses are checked (browsers cannot resolve names).
   */
  resolveHost?: (hostname: string) => Promise<string[]>;
};
