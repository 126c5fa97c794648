// The issuer's Ed25519 signing key, end to end: which generation to use (from the keys on chain),
// the fixed message, the wallet's signature of it and the key derived from that signature. The app,
// the CLI, the seeds and the tests all get the key through here, so they always agree on it.
import type { Account, Address, Hex, LocalAccount, WalletClient } from "viem";
import { ChanceryError } from "../errors.ts";
import { deriveSigningKey, type Ed25519SigningKey, keyGenerationToUse, signingKeyMessage } from "../proofs/keys.ts";
import { type KeyOnChain, type RegistryContext, readIssuerKeys } from "./registry.ts";

/**
 * What signs the message (EIP-191 personal_sign): a viem WalletClient (its account, or `account`),
 * a viem local account, or any function that returns the signature.
 */
export type MessageSigner = WalletClient | LocalAccount | ((message: string) => Promise<string>);

const isLocalAccount = (signer: WalletClient | LocalAccount): signer is LocalAccount => signer.type === "local";

/** Signs `message` with `signer` (a WalletClient signs with its own account unless `account` is given). */
export async function signWithWallet(signer: MessageSigner, message: string, account?: Account | Address): Promise<string> {
  if (typeof signer === "function") return signer(message);
  if (isLocalAccount(signer)) return signer.signMessage({ message });
  const from = account ?? signer.account;
  if (!from)
    throw new ChanceryError("invalid-input", "The wallet has no account to sign with: connect a wallet (or pass the account) first.");
  return signer.signMessage({ account: from, message });
}

export type IssuerSigningKey = {
  key: Ed25519SigningKey;
  /** The key generation the message named (1 for the first key; see `keyGenerationToUse`). */
  generation: number;
  /** The message that was signed. */
  message: string;
  /** The key's record on chain, when this issuer ever registered it. */
  onChain: KeyOnChain | undefined;
  /** Registered and valid at `now`: badges signed with it verify. Otherwise the admin registers it (addKey). */
  valid: boolean;
};

/**
 * Derives the issuer's signing key from a wallet signature: reads the issuer's keys, picks the
 * generation (the newest valid key's, or the next one once every key was revoked), has `signer`
 * sign `signingKeyMessage(…)` and derives the key. `now` (unix seconds, default the wall clock)
 * decides validity; pass the chain's time where blocks run ahead of the clock.
 */
export async function deriveIssuerSigningKey(
  ctx: RegistryContext,
  options: { issuerId: number; signer: MessageSigner; account?: Account | Address; chainId?: number; now?: number },
): Promise<IssuerSigningKey> {
  const { issuerId } = options;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const [keys, chainId] = await Promise.all([
    readIssuerKeys(ctx, issuerId),
    options.chainId ?? ctx.client.chain?.id ?? ctx.client.getChainId(),
  ]);
  const { generation } = keyGenerationToUse(keys, now);
  const message = signingKeyMessage({ chainId, registry: ctx.registry, issuerId, generation });
  const key = deriveSigningKey(await signWithWallet(options.signer, message, options.account));
  const onChain = keys.find((k) => k.publicKey.toLowerCase() === (key.publicKeyHex as Hex).toLowerCase());
  const valid = !!onChain && onChain.validFrom <= now && (onChain.validUntil === undefined || onChain.validUntil > now);
  return { key, generation, message, onChain, valid };
}
