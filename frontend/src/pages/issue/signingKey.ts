import { deriveSigningKey, keyGenerationToUse, readIssuerKeys, signingKeyMessage, type Ed25519SigningKey } from "../../sdk/light.ts";
import type { IssuerSession } from "./context.tsx";

/**
 * Asks the wallet to sign the sdk's fixed message and derives the issuer's Ed25519 key from it.
 * The generation follows the keys on chain: the newest valid one, or a new generation once every
 * registered key was revoked (the registry accepts a key only once).
 */
export async function deriveIssuerKey(session: IssuerSession): Promise<Ed25519SigningKey> {
  const { write, issuer } = session;
  const chainId = write.wallet.chain?.id ?? (await write.client.getChainId());
  const { generation } = keyGenerationToUse(await readIssuerKeys(write, issuer.issuerId));
  const message = signingKeyMessage({ chainId, registry: write.registry, issuerId: issuer.issuerId, generation });
  const signature = await write.wallet.signMessage({ account: write.wallet.account!, message });
  const key = deriveSigningKey(signature);
  session.setSigningKey(key);
  return key;
}
