import { deriveIssuerSigningKey, type Ed25519SigningKey } from "../../sdk/light.ts";
import type { IssuerSession } from "./context.tsx";

/**
 * Asks the wallet to sign the sdk's fixed message and derives the issuer's Ed25519 key from it
 * (the sdk picks the generation from the keys on chain: the newest valid one, or a new one once
 * every registered key was revoked).
 */
export async function deriveIssuerKey(session: IssuerSession): Promise<Ed25519SigningKey> {
  const { write, issuer } = session;
  const { key } = await deriveIssuerSigningKey(write, { issuerId: issuer.issuerId, signer: write.wallet });
  session.setSigningKey(key);
  return key;
}
