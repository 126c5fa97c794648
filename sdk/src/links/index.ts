/** Share links of the app (`/verify/<chainId>/<registry>/<uid>#k=<key>`). */

export {
  CLASS_IMAGE_IN_LINK,
  decodeLinkCredential,
  encodeLinkCredential,
  ISSUER_IMAGE_IN_LINK,
  imageDigest,
  issuerImageDigest,
  LINK_DICTIONARY_V1,
  type LinkCredentialProblem,
  leaveChainImages,
  MAX_FULL_LINK_LENGTH,
  MAX_LINK_CREDENTIAL_BYTES,
  QR_MAX_LINK_LENGTH,
  restoreClassImage,
  restoreIssuerImage,
  usesClassImage,
} from "./credential.ts";
export { buildShareLink, LinkError, type LinkErrorCode, parseShareLink, type ShareLinkInput, type ShareLinkParts } from "./share.ts";
