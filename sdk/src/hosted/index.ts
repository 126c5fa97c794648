// What a Chancery gateway serves, built from the chain: OB 2.0 hosted views of on-chain badges,
// the OB 3.0 issuer document and status list, badge images drawn in code, and the award inputs
// read back from the Open Badges JSON published on chain.

/** The salted e-mail hash of a credential's subject: whether a claim URL can be made for it. */
export { credentialEmailRecipient } from "../documents/ob2.ts";
export {
  findBatchesOf,
  type LocatedBadge,
  type LocateOptions,
  listIssuerErasures,
  listIssuerRevocations,
  locateBadge,
  locateInBatch,
  type RevocationOnChain,
} from "./chain.ts";
export {
  CLAIM_URL_MAX_LENGTH,
  type ClaimAnswer,
  type ClaimRecipient,
  type ClaimScope,
  claimSecret,
  claimUrlOf,
  mintClaimToken,
  openClaimToken,
  requestClaimUrl,
} from "./claims.ts";
export {
  type BadgeArtOptions,
  type BadgeImageData,
  badgeArtPng,
  badgeArtSvg,
  badgeClassImages,
  encodePng,
  hueOf,
  initialsOf,
  parseImageDataUri,
  svgWrappingPng,
  toDataUri,
} from "./images.ts";
export { achievementInputFromClass, issuerInputFromProfile } from "./inputs.ts";
export {
  buildAuthorizationServerMetadata,
  buildCredentialIssuerMetadata,
  CREDENTIAL_OFFER_SCHEME,
  type CredentialOffer,
  type CredentialOfferAnswer,
  credentialOfferUri,
  DEFAULT_OFFER_LIFETIME_SECONDS,
  MAX_OFFER_LIFETIME_SECONDS,
  OB3_CREDENTIAL_CONFIGURATION_ID,
  type OfferRequest,
  PRE_AUTHORIZED_CODE_GRANT,
  parseCredentialOfferUri,
  requestCredentialOffer,
} from "./oid4vci.ts";
export {
  buildErasedAssertionBody,
  buildHostedAssertion,
  buildHostedAssertionFromCredential,
  buildHostedBadgeClass,
  buildHostedIssuer,
  buildHostedRevocationList,
  buildIssuerDocument,
  buildRecipientProfile,
  buildStatusList,
  uidOfCredential,
} from "./views.ts";
