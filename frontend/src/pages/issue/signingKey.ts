import { deriveSigningKey, signingKeyMessage, type Ed25519SigningKey } from "../../sdk/light.ts";
import type { IssuerSession } from "./context.tsx";

/** Asks the wallet to sign the sdk's fixed message and derives the issuer's Ed25519 key from it. */
export async function deriveIssuerKey(session: IssuerSession): Promise<Ed25519SigningKey> {
  const { write, issuer } = session;
  const chainId = write.wallet.chain?.id ?? (await write.client.getChainId());
  const message = signingKeyMessage({ chainId, registry: write.registry, issuerId: issuer.issuerId });
  const signature = await write.wallet.signMessage({ account: write.wallet.account!, message });
  const key = deriveSigningKey(signature);
  session.setSigningKey(key);
  return key;
}
