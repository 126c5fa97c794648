// Whatever viem, the wallet or the RPC throws, turned into a ChanceryError of the right kind, and
// the registry's custom errors into sentences a person can act on.
import {
  BaseError,
  ChainMismatchError,
  ContractFunctionRevertedError,
  ContractFunctionZeroDataError,
  HttpRequestError,
  SwitchChainError,
  TimeoutError,
  UserRejectedRequestError,
  WebSocketRequestError,
} from "viem";
import { ChanceryError, type ChanceryErrorKind } from "../errors.ts";

type Args = readonly unknown[];
const short = (value: unknown) => {
  const text = String(value);
  return /^0x[0-9a-fA-F]{64}$/.test(text) ? `${text.slice(0, 10)}…${text.slice(-6)}` : text;
};

const SENTENCES: Record<string, (args: Args) => string> = {
  BadgeRegistryUnknownClass: ([classId]) =>
    `Badge class #${classId} does not exist on this registry. Check the class id or create the class first.`,
  BadgeRegistryClassRetired: ([classId]) => `Badge class #${classId} is retired and takes no new badges. Issue from its latest version.`,
  BadgeRegistryUnauthorizedSigner: ([signer, issuerId]) =>
    `Wallet ${signer} is not a current signer of issuer #${issuerId}. Ask the issuer's admin to add it, or switch to a signer wallet.`,
  BadgeRegistryIssuerSuspended: ([issuerId]) =>
    `Issuer #${issuerId} is suspended by the registry authority and cannot issue badges until it is reinstated.`,
  BadgeRegistryInvalidCredentialHash: () => "The credential hash is empty. Build and hash the credential before issuing it.",
  BadgeRegistryAssertionExists: ([uid]) => `This badge (${short(uid)}) is already recorded: nothing was issued twice.`,
  BadgeRegistryUnknownAssertion: ([uid]) => `No badge ${short(uid)} is recorded here (for a recipient: none for the connected wallet).`,
  BadgeRegistryAlreadyRevoked: ([uid]) => `Badge ${short(uid)} is already revoked; revocation is final.`,
  BadgeRegistryAlreadyErased: ([uid]) => `Badge ${short(uid)} is already erased; erasure is final.`,
  BadgeRegistryInvalidExpiry: ([expiresAt]) =>
    `The expiry date (${new Date(Number(expiresAt) * 1000).toISOString()}) is in the past or after the year 4147. Choose another date or none.`,
  BadgeRegistryInvalidReason: ([code]) => `Revocation reason code ${code} is not one the registry knows (0 to 5).`,
  BadgeRegistryLengthMismatch: ([expected, actual]) =>
    `The batch lists do not line up: ${expected} badges but ${actual} entries in another list.`,
  BadgeRegistryInvalidBatchSize: ([count, max]) =>
    `A batch must hold between 1 and ${max} badges, not ${count}. Split it into smaller batches.`,
  BadgeRegistryInvalidBatchId: () =>
    "The Merkle batch key is empty. Generate a random batch key (randomBatchKey) before building the credentials.",
  BadgeRegistryBatchExists: ([batchId]) => `A Merkle batch with id ${short(batchId)} already exists. Use a fresh batch key.`,
  BadgeRegistryUnknownBatch: ([batchId]) => `No Merkle batch ${short(batchId)} is recorded here.`,
  BadgeRegistryInvalidProof: ([batchId, uid]) => `The Merkle proof does not place badge ${short(uid)} in batch ${short(batchId)}.`,
  BadgeRegistryDocumentTooLarge: ([length, max]) =>
    `The encrypted credential or status list is ${length} bytes; it must be between 1 and ${max} bytes.`,
  BadgeRegistryExpiredSignature: ([deadline]) =>
    `The signed request expired at ${new Date(Number(deadline) * 1000).toISOString()}. Ask the signer for a new signature.`,
  BadgeRegistryInvalidSignature: ([signer]) =>
    `The signature is not ${signer}'s over this request (or it was already used). Ask the signer to sign again.`,
  BadgeRegistryErasedReasonText: ([uid]) =>
    `Badge ${short(uid)} is erased: it may be revoked with a reason code only. Leave the reason text empty.`,
  BadgeRegistryStaleStatusIndex: ([classId, given, next]) =>
    `The credential was signed with status index ${given} of badge class #${classId}, but another badge took it: the next is ${next}. Sign the credential again with ${next} and resend (issueAward does this).`,
  BadgeRegistryStatusIndexesExhausted: ([classId]) =>
    `Badge class #${classId} has used all its status list entries. Publish a new version of the class (reviseBadgeClass) to go on issuing.`,
  BadgeRegistryUnknownStatusList: ([listKey]) =>
    `No status list ${short(listKey)} exists here: check the class or batch, and that a badge has reached that list.`,
  IssuerRegistryUnauthorizedAdmin: ([account, issuerId]) =>
    `Wallet ${account} is not the admin of issuer #${issuerId}. Switch to the admin wallet.`,
  IssuerRegistryUnauthorizedPendingAdmin: ([account, issuerId]) => `Wallet ${account} has no pending admin offer for issuer #${issuerId}.`,
  IssuerRegistryUnknownIssuer: ([issuerId]) => `Issuer #${issuerId} is not registered here.`,
  IssuerRegistryInvalidAccount: () => "The zero address cannot be a signer or an admin.",
  IssuerRegistryInvalidWindow: ([from, until]) =>
    `The validity window ends (${until}) before it starts (${from}). Choose a later end or none.`,
  IssuerRegistrySignerExists: ([issuerId, signer]) =>
    `${signer} already has a signer window for issuer #${issuerId}; windows are written once. Use another wallet.`,
  IssuerRegistrySignerNotActive: ([issuerId, signer]) => `${signer} is not an active signer of issuer #${issuerId}.`,
  IssuerRegistryInvalidKey: () => "The Ed25519 public key is empty.",
  IssuerRegistryKeyExists: ([issuerId]) =>
    `This key is already registered for issuer #${issuerId}; keys are registered once. Derive or generate a new key to rotate.`,
  IssuerRegistryKeyNotActive: ([issuerId]) => `This key is not an active key of issuer #${issuerId}.`,
  IssuerRegistryInvalidDocumentLength: ([length, max]) =>
    `The Open Badges document is ${length} bytes; it must be between 1 and ${max} bytes.`,
  IssuerRegistryInvalidStatusChange: ([issuerId]) => `That status change does not apply to issuer #${issuerId}'s current status.`,
  IssuerRegistryInvalidNameKey: () => "The issuer's name key is empty. Compute it from the issuer's profile name (issuerNameKey).",
  IssuerRegistryNameTaken: ([, holderId]) =>
    `Accredited issuer #${holderId} already holds this name. Accredit this issuer only under another name, or withdraw #${holderId}'s accreditation first.`,
  AccessControlUnauthorizedAccount: ([account]) => `Wallet ${account} does not hold the registry authority role.`,
};

export type RegistryErrorCode =
  | "contract-reverted" // the registry refused: one of its custom errors (see `errorName`, `args`)
  | "transaction-reverted" // mined, but reverted on chain
  | "wallet-rejected" // the person refused the request in their wallet
  | "rpc-unreachable" // the RPC endpoint did not answer
  | "wrong-network" // the wallet is on another chain than the one asked for
  | "not-deployed" // no contract (or not this one) at the registry's address
  | "no-account" // the wallet client has no account to send from
  | "call-failed"; // anything else viem or the wallet reported

const KINDS: Record<RegistryErrorCode, ChanceryErrorKind> = {
  "contract-reverted": "reverted",
  "transaction-reverted": "reverted",
  "wallet-rejected": "rejected",
  "rpc-unreachable": "rpc",
  "wrong-network": "wrong-network",
  "not-deployed": "not-deployed",
  "no-account": "invalid-input",
  "call-failed": "unknown",
};

/** A failure of a registry call or of the wallet or RPC behind it, with a plain sentence. */
export class RegistryError extends ChanceryError {
  declare readonly code: RegistryErrorCode;
  /** The contract's custom error, when the registry refused (`contract-reverted`). */
  readonly errorName: string | undefined;
  readonly args: Args;

  constructor(code: RegistryErrorCode, message: string, options: { errorName?: string; args?: Args; cause?: unknown } = {}) {
    super(code, message, { kind: KINDS[code], cause: options.cause });
    this.name = "RegistryError";
    this.errorName = options.errorName;
    this.args = options.args ?? [];
  }
}

type Link = { name?: unknown; code?: unknown; message?: unknown; shortMessage?: unknown; cause?: unknown };

/** The error and its causes, outermost first (viem's `walk` for errors that are not viem's). */
function chain(error: unknown): Link[] {
  const links: Link[] = [];
  let current = error;
  while (current && typeof current === "object" && links.length < 8 && !links.includes(current as Link)) {
    links.push(current as Link);
    current = (current as Link).cause;
  }
  return links;
}

const text = (link: Link) => (typeof link.message === "string" ? link.message : "");

/**
 * Turns whatever was thrown while talking to the chain or the wallet into a ChanceryError whose
 * `kind` says what happened and whose message a person understands. A ChanceryError is returned
 * as it is; viem, wallet (EIP-1193) and fetch errors become a `RegistryError`.
 */
export function explainError(error: unknown): ChanceryError {
  if (error instanceof ChanceryError) return error;
  const links = chain(error);
  const has = (test: (link: Link) => boolean) => links.some(test);
  const reverted = links.find((e) => e instanceof ContractFunctionRevertedError);
  if (reverted instanceof ContractFunctionRevertedError) {
    const name = reverted.data?.errorName;
    const args = (reverted.data?.args ?? []) as Args;
    const sentence =
      name && SENTENCES[name]
        ? SENTENCES[name](args)
        : `The registry refused the transaction${name ? ` (${name})` : ""}: ${reverted.shortMessage}`;
    return new RegistryError("contract-reverted", sentence, { errorName: name, args, cause: error });
  }
  // EIP-1193 4001, whether viem wrapped it or the provider's own error object came through.
  if (
    has((e) => e instanceof UserRejectedRequestError || e.code === UserRejectedRequestError.code || /user (rejected|denied)/i.test(text(e)))
  ) {
    return new RegistryError("wallet-rejected", "You rejected the request in your wallet; nothing was sent.", { cause: error });
  }
  if (has((e) => e instanceof ChainMismatchError || e instanceof SwitchChainError || e.code === SwitchChainError.code)) {
    return new RegistryError(
      "wrong-network",
      "The wallet is on another network than the registry. Switch the wallet to the registry's network and try again.",
      { cause: error },
    );
  }
  const short = error instanceof BaseError ? error.shortMessage : error instanceof Error ? error.message : String(error);
  if (
    has(
      (e) =>
        e instanceof HttpRequestError ||
        e instanceof TimeoutError ||
        e instanceof WebSocketRequestError ||
        /fetch failed|failed to fetch|networkerror/i.test(text(e)),
    )
  ) {
    return new RegistryError("rpc-unreachable", `The chain's RPC endpoint did not answer (${short}). Check the RPC URL or try again.`, {
      cause: error,
    });
  }
  if (has((e) => e instanceof ContractFunctionZeroDataError)) {
    return new RegistryError(
      "not-deployed",
      "No registry contract answers at this address on this chain (the call returned no data). Check the network and the registry address.",
      { cause: error },
    );
  }
  return new RegistryError("call-failed", short, { cause: error });
}
