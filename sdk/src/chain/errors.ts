// Custom errors of the registry turned into sentences a person can act on.
import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError } from "viem";

type Args = readonly unknown[];
const short = (value: unknown) => {
  const text = String(value);
  return /^0x[0-9a-fA-F]{64}$/.test(text) ? `${text.slice(0, 10)}…${text.slice(-6)}` : text;
};

const SENTENCES: Record<string, (args: Args) => string> = {
  BadgeRegistryUnknownClass: ([classId]) => `Badge class #${classId} does not exist on this registry. Check the class id or create the class first.`,
  BadgeRegistryClassRetired: ([classId]) => `Badge class #${classId} is retired and takes no new badges. Issue from its latest version.`,
  BadgeRegistryUnauthorizedSigner: ([signer, issuerId]) => `Wallet ${signer} is not a current signer of issuer #${issuerId}. Ask the issuer's admin to add it, or switch to a signer wallet.`,
  BadgeRegistryIssuerSuspended: ([issuerId]) => `Issuer #${issuerId} is suspended by the registry authority and cannot issue badges until it is reinstated.`,
  BadgeRegistryInvalidCredentialHash: () => "The credential hash is empty. Build and hash the credential before issuing it.",
  BadgeRegistryAssertionExists: ([uid]) => `This badge (${short(uid)}) is already recorded: nothing was issued twice.`,
  BadgeRegistryUnknownAssertion: ([uid]) => `No badge ${short(uid)} is recorded here (for a recipient: none for the connected wallet).`,
  BadgeRegistryAlreadyRevoked: ([uid]) => `Badge ${short(uid)} is already revoked; revocation is final.`,
  BadgeRegistryAlreadyErased: ([uid]) => `Badge ${short(uid)} is already erased; erasure is final.`,
  BadgeRegistryInvalidExpiry: ([expiresAt]) => `The expiry date (${new Date(Number(expiresAt) * 1000).toISOString()}) is in the past. Choose a later date or none.`,
  BadgeRegistryInvalidReason: ([code]) => `Revocation reason code ${code} is not one the registry knows (0 to 5).`,
  BadgeRegistryLengthMismatch: ([expected, actual]) => `The batch lists do not line up: ${expected} badges but ${actual} entries in another list.`,
  BadgeRegistryInvalidBatchSize: ([count, max]) => `A batch must hold between 1 and ${max} badges, not ${count}. Split it into smaller batches.`,
  BadgeRegistryInvalidBatchId: () => "The Merkle batch id is empty. Generate a random batch id before building the credentials.",
  BadgeRegistryBatchExists: ([batchId]) => `A Merkle batch with id ${short(batchId)} already exists. Use a fresh batch id.`,
  BadgeRegistryUnknownBatch: ([batchId]) => `No Merkle batch ${short(batchId)} is recorded here.`,
  BadgeRegistryInvalidProof: ([batchId, uid]) => `The Merkle proof does not place badge ${short(uid)} in batch ${short(batchId)}.`,
  BadgeRegistryDocumentTooLarge: ([length, max]) => `The encrypted credential is ${length} bytes; it must be between 1 and ${max} bytes.`,
  BadgeRegistryExpiredSignature: ([deadline]) => `The signed request expired at ${new Date(Number(deadline) * 1000).toISOString()}. Ask the signer for a new signature.`,
  BadgeRegistryInvalidSignature: ([signer]) => `The signature is not ${signer}'s over this request (or it was already used). Ask the signer to sign again.`,
  IssuerRegistryUnauthorizedAdmin: ([account, issuerId]) => `Wallet ${account} is not the admin of issuer #${issuerId}. Switch to the admin wallet.`,
  IssuerRegistryUnauthorizedPendingAdmin: ([account, issuerId]) => `Wallet ${account} has no pending admin offer for issuer #${issuerId}.`,
  IssuerRegistryUnknownIssuer: ([issuerId]) => `Issuer #${issuerId} is not registered here.`,
  IssuerRegistryInvalidAccount: () => "The zero address cannot be a signer or an admin.",
  IssuerRegistryInvalidWindow: ([from, until]) => `The validity window ends (${until}) before it starts (${from}). Choose a later end or none.`,
  IssuerRegistrySignerExists: ([issuerId, signer]) => `${signer} already has a signer window for issuer #${issuerId}; windows are written once. Use another wallet.`,
  IssuerRegistrySignerNotActive: ([issuerId, signer]) => `${signer} is not an active signer of issuer #${issuerId}.`,
  IssuerRegistryInvalidKey: () => "The Ed25519 public key is empty.",
  IssuerRegistryKeyExists: ([issuerId]) => `This key is already registered for issuer #${issuerId}; keys are registered once. Derive or generate a new key to rotate.`,
  IssuerRegistryKeyNotActive: ([issuerId]) => `This key is not an active key of issuer #${issuerId}.`,
  IssuerRegistryInvalidDocumentLength: ([length, max]) => `The Open Badges document is ${length} bytes; it must be between 1 and ${max} bytes.`,
  IssuerRegistryInvalidStatusChange: ([issuerId]) => `That status change does not apply to issuer #${issuerId}'s current status.`,
  AccessControlUnauthorizedAccount: ([account]) => `Wallet ${account} does not hold the registry authority role.`,
};

/** A failure of a registry call, with the contract's error name and a plain sentence. */
export class RegistryError extends Error {
  readonly errorName: string | undefined;
  readonly args: Args;
  readonly cause: unknown;
  constructor(message: string, errorName: string | undefined, args: Args, cause: unknown) {
    super(message);
    this.name = "RegistryError";
    this.errorName = errorName;
    this.args = args;
    this.cause = cause;
  }
}

/** Turns whatever viem threw into a `RegistryError` whose message a person understands. */
export function explainError(error: unknown): RegistryError {
  if (error instanceof RegistryError) return error;
  if (error instanceof BaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      const name = reverted.data?.errorName;
      const args = (reverted.data?.args ?? []) as Args;
      const sentence = name && SENTENCES[name] ? SENTENCES[name](args) : `The registry refused the transaction${name ? ` (${name})` : ""}: ${reverted.shortMessage}`;
      return new RegistryError(sentence, name, args, error);
    }
    if (error.walk((e) => e instanceof UserRejectedRequestError)) {
      return new RegistryError("You rejected the request in your wallet; nothing was sent.", undefined, [], error);
    }
    const http = error.walk((e) => (e as { name?: string }).name === "HttpRequestError" || (e as { name?: string }).name === "TimeoutError");
    if (http) {
      return new RegistryError(`The chain's RPC endpoint did not answer (${error.shortMessage}). Check the RPC URL or try again.`, undefined, [], error);
    }
    return new RegistryError(error.shortMessage, undefined, [], error);
  }
  return new RegistryError(error instanceof Error ? error.message : String(error), undefined, [], error);
}
