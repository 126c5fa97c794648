// The independent OpenID4VCI wallet of the test suites: the OpenWallet Foundation's
// @openid4vc/openid4vci (the client Credo's holder agent uses), unmodified. What a wallet does with a
// scanned or clicked offer link: resolve the offer, read the issuer metadata, trade the
// pre-authorized code (and PIN) for an access token, and the token for the credential.
import { createHash, randomBytes } from "node:crypto";
import { Openid4vciClient, setGlobalConfig } from "@openid4vc/openid4vci";

// Test gateways listen on loopback without TLS, which the client refuses unless told.
setGlobalConfig({ allowInsecureUrls: true });

/** The client, with the callbacks a wallet supplies (no key proof is asked, so nothing is signed). */
export const oid4vciWallet = new Openid4vciClient({
  callbacks: {
    hash: (data, alg) =>
      new Uint8Array(
        createHash(alg === "sha-256" ? "sha256" : alg.replace("-", ""))
          .update(data)
          .digest(),
      ),
    generateRandom: (n) => new Uint8Array(randomBytes(n)),
    signJwt: async () => {
      throw new Error("No JWT should be signed: the issuer asks for no key proof.");
    },
    clientAuthentication: () => {},
  },
});

/** Offer link → metadata → token → credential, as a wallet app does; `credential` is the first one received. */
export async function receiveOffer(offerUri: string, txCode?: string) {
  const offer = await oid4vciWallet.resolveCredentialOffer(offerUri);
  const issuerMetadata = await oid4vciWallet.resolveIssuerMetadata(offer.credential_issuer);
  const { accessTokenResponse } = await oid4vciWallet.retrievePreAuthorizedCodeAccessTokenFromOffer({
    credentialOffer: offer,
    issuerMetadata,
    ...(txCode ? { txCode } : {}),
  });
  const response = await oid4vciWallet.retrieveCredentials({
    issuerMetadata,
    accessToken: accessTokenResponse.access_token,
    credentialConfigurationId: offer.credential_configuration_ids[0] ?? "",
  });
  const first = response.credentialResponse.credentials?.[0] as { credential?: Record<string, unknown> } | undefined;
  return { offer, issuerMetadata, response, credential: first?.credential };
}
