import { readChainNow } from "@chancery/sdk/chain";
import { deriveIssuerSigningKey, type Ed25519SigningKey } from "../../sdk/light.ts";
import type { IssuerSession } from "./context.tsx";

/**
 * Asks the wallet to sign the sdk's fixed message and derives the issuer's Ed25519 key from it
 * (the sdk picks the generation from the keys on chain: the newest valid one, or a new one once
 * every registered key was revoked).
 */
export async function deriveIssuerKey(session: IssuerSession): Promise<Ed25519SigningKey> {
  const { write, issuer } = session;
  // The generation follows the keys valid at the chain's time, as the registry will judge them.
  const { key } = await deriveIssuerSigningKey(write, { issuerId: issuer.issuerId, signer: write.wallet, now: await readChainNow(write) });
  session.setSigningKey(key);
  return key;
}
