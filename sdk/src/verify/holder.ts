// Holder proof: "is the person in front of me the badge's recipient?" For a badge bound to a wallet,
// the verifier shows a fresh challenge, the holder signs it with that wallet (EIP-191 personal_sign),
// and the page says "held by the recipient" only when the signature is the recipient's on chain.
// viem's publicClient.verifyMessage checks plain accounts, ERC-1271 smart wallets (isValidSignature)
// and ERC-6492 counterfactual ones alike. The challenge names the badge, the deployment, the verifier's
// origin and a random nonce, and is good for a few minutes: a signature made for another badge, page
// or moment never passes.
import type { Address, Hex, PublicClient } from "viem";
import { getAddress, isAddress } from "viem";
import { ChanceryError } from "../errors.ts";

export interface HolderChallenge {
  uid: Hex;
  chainId: number;
  registry: Address;
  /** The verifier page's origin: a signature asked by one site is worthless on another. */
  origin: string;
  /** 16 random bytes, hex. */
  nonce: string;
  /** ISO 8601. */
  issuedAt: string;
}

/** How long a challenge is accepted after it was shown. */
export const HOLDER_CHALLENGE_SECONDS = 600;

/** A fresh challenge for one badge. */
export function createHolderChallenge(input: { uid: Hex; chainId: number; registry: string; origin: string; now?: Date }): HolderChallenge {
  if (!isAddress(input.registry, { strict: false })) throw new ChanceryError("invalid-input", "The registry must be a 0x address.");
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return {
    uid: input.uid.toLowerCase() as Hex,
    chainId: input.chainId,
    registry: getAddress(input.registry),
    origin: input.origin,
    nonce: Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(""),
    issuedAt: (input.now ?? new Date()).toISOString(),
  };
}

/** The text the holder's wallet shows and signs (EIP-191). */
export function holderChallengeMessage(c: HolderChallenge): string {
  return [
    "Chancery: I hold this badge.",
    "",
    `Badge: ${c.uid}`,
    `Chain: ${c.chainId}`,
    `Registry: ${c.registry}`,
    `Verifier: ${c.origin}`,
    `Challenge: ${c.nonce}`,
    `Issued at: ${c.issuedAt}`,
    "",
    "Signing sends no transaction and costs nothing.",
  ].join("\n");
}

export type HolderProofResult =
  /** The recipient wallet on chain signed this challenge. */
  | { outcome: "held"; recipient: Address }
  /** The signature is not the recipient's (another wallet, or altered). */
  | { outcome: "not-held"; recipient: Address }
  /** The challenge is older than HOLDER_CHALLENGE_SECONDS (or from the future): show a new one. */
  | { outcome: "expired" };

/**
 * Checks a holder's signature of `challenge` against `recipient`, the wallet the chain records for
 * the badge (never one the holder claims). Throws only when the chain cannot be asked.
 */
export async function checkHolderProof(input: {
  publicClient: Pick<PublicClient, "verifyMessage">;
  challenge: HolderChallenge;
  signature: Hex;
  recipient: string;
  now?: Date;
}): Promise<HolderProofResult> {
  const recipient = getAddress(input.recipient);
  const age = ((input.now ?? new Date()).getTime() - Date.parse(input.challenge.issuedAt)) / 1000;
  if (!(age >= -60 && age <= HOLDER_CHALLENGE_SECONDS)) return { outcome: "expired" };
  let valid = false;
  try {
    valid = await input.publicClient.verifyMessage({
      address: recipient,
      message: holderChallengeMessage(input.challenge),
      signature: input.signature,
    });
  } catch (error) {
    // A malformed signature is simply not the recipient's; an unreachable chain is an error.
    if (/signature|invalid|length|hex/i.test(String((error as Error)?.message))) valid = false;
    else
      throw new ChanceryError("unavailable", "The chain could not be asked to check the signature; try again.", {
        cause: error,
        kind: "unavailable",
      });
  }
  return { outcome: valid ? "held" : "not-held", recipient };
}
