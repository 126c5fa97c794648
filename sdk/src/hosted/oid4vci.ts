// OpenID4VCI 1.0 credential offers: how a badge reaches a standard credential wallet.
//
// The credential a wallet receives is the one the issuer signed at award time, published encrypted
// with the badge; only a holder of the badge's key (the share link's `#k=`) can open it. So the offer
// is asked of a gateway by whoever holds the key (the app, the CLI): the gateway checks that the key
// opens the badge's published credential and answers a credential offer whose pre-authorized code
// carries the key sealed under the gateway's secret, for that one badge, until it expires, redeemable
// once (see gateway/src/oid4vci/). The offer travels by value in an `openid-credential-offer://` link.
import { CREDENTIALS_V2_URL, OB3_CONTEXT_URL, OB3_EXTENSIONS_URL } from "../contexts/index.ts";
import { ChanceryError } from "../errors.ts";
import { type Deployment, normalizeDeployment, normalizeGatewayBase } from "../ids.ts";
import { hostedUrl, oid4vciIssuerUrl } from "../urls.ts";

/** The one credential configuration a Chancery credential issuer offers: the OB 3.0 credential, Data Integrity signed. */
export const OB3_CREDENTIAL_CONFIGURATION_ID = "OpenBadgeCredential_ldp_vc";
export const PRE_AUTHORIZED_CODE_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
/** The scheme of a credential offer link (OpenID4VCI 1.0 §4.1). */
export const CREDENTIAL_OFFER_SCHEME = "openid-credential-offer://";
/** The longest an offer may live: it is as strong as the share link for that time (see the README). */
export const MAX_OFFER_LIFETIME_SECONDS = 30 * 86_400;
/** An offer shown on screen (a QR code to scan now). */
export const DEFAULT_OFFER_LIFETIME_SECONDS = 15 * 60;

export interface CredentialOffer {
  credential_issuer: string;
  credential_configuration_ids: string[];
  grants: {
    [PRE_AUTHORIZED_CODE_GRANT]: {
      "pre-authorized_code": string;
      tx_code?: { input_mode: "numeric"; length: number; description?: string };
    };
  };
}

/** What a gateway answers to an offer request. */
export interface CredentialOfferAnswer {
  /** `openid-credential-offer://?credential_offer=…`: the link or QR code for the wallet. */
  offerUri: string;
  offer: CredentialOffer;
  /** When the pre-authorized code stops being accepted (ISO 8601). */
  expiresAt: string;
}

export interface OfferRequest {
  uid: string;
  /** The badge key (43 base64url characters), as in the share link. */
  key: string;
  /**
   * A PIN (4 to 8 digits) the wallet must ask for (OpenID4VCI `tx_code`): give it to the learner by
   * another channel than the offer.
   */
  txCode?: string;
  /** Seconds the offer is accepted for: default DEFAULT_OFFER_LIFETIME_SECONDS, at most MAX_OFFER_LIFETIME_SECONDS. */
  lifetimeSeconds?: number;
}

/** The offer as a link, by value: `openid-credential-offer://?credential_offer=<url-encoded JSON>`. */
export function credentialOfferUri(offer: CredentialOffer): string {
  return `${CREDENTIAL_OFFER_SCHEME}?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`;
}

/** The offer a link carries by value (the wallet's side; tests and the app read it back). */
export function parseCredentialOfferUri(uri: string): CredentialOffer {
  const bad = (why: string) => new ChanceryError("invalid-input", `This is not a credential offer link: ${why}.`);
  if (typeof uri !== "string" || !uri.startsWith(CREDENTIAL_OFFER_SCHEME)) throw bad(`it must start with ${CREDENTIAL_OFFER_SCHEME}`);
  const value = new URLSearchParams(uri.slice(uri.indexOf("?") + 1)).get("credential_offer");
  if (!value) throw bad("it carries no credential_offer parameter");
  try {
    return JSON.parse(value) as CredentialOffer;
  } catch {
    throw bad("its credential_offer is not JSON");
  }
}

/**
 * Asks a gateway for the credential offer of a badge published encrypted, given its key. Throws a
 * ChanceryError with the gateway's message when it refuses (wrong key, revoked, erased, no payload…).
 */
export async function requestCredentialOffer(
  gatewayBase: string,
  chainId: number,
  request: OfferRequest,
  fetchImpl: typeof fetch = fetch,
): Promise<CredentialOfferAnswer> {
  const url = hostedUrl(normalizeGatewayBase(gatewayBase), "oid4vciOfferRequest", { chainId });
  let response: Response;
  try {
    // text/plain keeps it a CORS "simple request" (no preflight), like the claim request.
    response = await fetchImpl(url, {
      method: "POST",
      headers: { "content-type": "text/plain;charset=UTF-8" },
      body: JSON.stringify(request),
    });
  } catch (cause) {
    throw new ChanceryError("unavailable", `The gateway at ${url} could not be reached to make a wallet offer; try again later.`, {
      cause,
      kind: "unavailable",
    });
  }
  const body = (await response.json().catch(() => ({}))) as Partial<CredentialOfferAnswer> & { message?: unknown };
  if (!response.ok || typeof body.offerUri !== "string" || !body.offer) {
    const why = typeof body.message === "string" ? body.message : `HTTP ${response.status}`;
    throw new ChanceryError("invalid-input", `The gateway made no wallet offer for this badge: ${why}`, {
      kind: response.status >= 500 ? "unavailable" : "invalid-input",
    });
  }
  return { offerUri: body.offerUri, offer: body.offer, expiresAt: String(body.expiresAt) };
}

/**
 * An image a wallet can show (OpenID4VCI display `uri`): an https URL, or a data: URI of a raster
 * image. Not plain http, and not an SVG data: URI: @openid4vc/openid4vci refuses the whole issuer
 * metadata for either (its data-URL pattern has no room for "image/svg+xml", and it wants https even
 * with insecure URLs allowed), and many wallets draw no SVG. Such a logo is left out.
 */
function displayUri(image: unknown): string | undefined {
  const id = typeof image === "string" ? image : typeof image === "object" && image ? (image as { id?: unknown }).id : undefined;
  return typeof id === "string" && /^(?:https:|data:image\/(?:png|jpeg|gif|webp);)/i.test(id) ? id : undefined;
}

const text = (value: unknown) => (typeof value === "string" && value.trim() ? value : undefined);

/**
 * The OpenID4VCI 1.0 credential issuer metadata of one badge class: its issuer's name and logo for
 * the issuer, the achievement's name, description and image for the credential, the OB 3.0
 * credential as `ldp_vc` signed eddsa-rdfc-2022. No key proofs are asked (`proof_types_supported`
 * absent): the credential was signed at award time, bound to its recipient (a wallet's did:pkh or a
 * salted e-mail hash), and the gateway holds no issuer key to bind it to a wallet's key instead.
 */
export function buildCredentialIssuerMetadata(input: {
  gatewayBase: string;
  deployment: Deployment;
  classId: number;
  /** The class's Achievement JSON on chain. */
  achievement: unknown;
  /** The issuer's Profile JSON on chain. */
  issuerProfile: unknown;
  /** The class's image as the gateway serves it (used when the achievement names no https image). */
  classImageUrl: string;
}): Record<string, unknown> {
  const issuer = oid4vciIssuerUrl(input.gatewayBase, input.deployment, input.classId);
  const deployment = normalizeDeployment(input.deployment);
  const params = { ...deployment, classId: input.classId };
  const profile = (input.issuerProfile ?? {}) as { name?: unknown; image?: unknown };
  const achievement = (input.achievement ?? {}) as { name?: unknown; description?: unknown; image?: unknown };
  const issuerName = text(profile.name) ?? `Issuer on chain ${deployment.chainId}`;
  const logo = displayUri(profile.image);
  const badgeName = text(achievement.name) ?? `Badge ${input.classId}`;
  const image = displayUri(achievement.image)?.startsWith("http") ? displayUri(achievement.image) : input.classImageUrl;
  return {
    credential_issuer: issuer,
    credential_endpoint: hostedUrl(input.gatewayBase, "oid4vciCredential", params),
    display: [{ name: issuerName, locale: "en", ...(logo ? { logo: { uri: logo, alt_text: issuerName } } : {}) }],
    credential_configurations_supported: {
      [OB3_CREDENTIAL_CONFIGURATION_ID]: {
        format: "ldp_vc",
        credential_definition: {
          "@context": [CREDENTIALS_V2_URL, OB3_CONTEXT_URL, OB3_EXTENSIONS_URL],
          type: ["VerifiableCredential", "OpenBadgeCredential"],
        },
        credential_signing_alg_values_supported: ["eddsa-rdfc-2022"],
        credential_metadata: {
          display: [
            {
              name: badgeName,
              locale: "en",
              ...(text(achievement.description) ? { description: text(achievement.description) } : {}),
              logo: { uri: image, alt_text: badgeName },
            },
          ],
          claims: [
            { path: ["credentialSubject", "achievement", "name"], display: [{ name: "Achievement", locale: "en" }] },
            { path: ["issuer", "name"], display: [{ name: "Issuer", locale: "en" }] },
            { path: ["validFrom"], display: [{ name: "Awarded", locale: "en" }] },
          ],
        },
      },
    },
  };
}

/** The OAuth 2.0 authorization server metadata (RFC 8414) of a class's credential issuer: pre-authorized codes only. */
export function buildAuthorizationServerMetadata(input: { gatewayBase: string; deployment: Deployment; classId: number }) {
  const params = { ...normalizeDeployment(input.deployment), classId: input.classId };
  return {
    issuer: oid4vciIssuerUrl(input.gatewayBase, input.deployment, input.classId),
    token_endpoint: hostedUrl(input.gatewayBase, "oid4vciToken", params),
    grant_types_supported: [PRE_AUTHORIZED_CODE_GRANT],
    response_types_supported: [],
    token_endpoint_auth_methods_supported: ["none"],
    "pre-authorized_grant_anonymous_access_supported": true,
  };
}
