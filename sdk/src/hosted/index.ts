// What a Chancery gateway serves, built from the chain: OB 2.0 hosted views of on-chain badges,
// the OB 3.0 issuer document and status list, badge images drawn in code, and the award inputs
// read back from the Open Badges JSON published on chain.
export { achievementInputFromClass, issuerInputFromProfile } from "./inputs.ts";
export { findBatchesOf, locateBadge, locateInBatch, listIssuerRevocations, listIssuerErasures, type LocatedBadge, type RevocationOnChain } from "./chain.ts";
export {
  buildErasedAssertionBody,
  buildHostedAssertion,
  buildHostedAssertionFromCredential,
  buildHostedBadgeClass,
  buildHostedIssuer,
  buildHostedRevocationList,
  buildIssuerDocument,
  buildStatusList,
  uidOfCredential,
} from "./views.ts";
export {
  badgeArtPng,
  badgeArtSvg,
  badgeClassImages,
  encodePng,
  hueOf,
  initialsOf,
  parseImageDataUri,
  svgWrappingPng,
  toDataUri,
  type BadgeArtOptions,
  type BadgeImageData,
} from "./images.ts";
