// Proofs: offline JSON-LD loading, canonicalisation, eddsa-rdfc-2022 Data Integrity proofs,
// issuer controller documents, wallet-derived Ed25519 keys, and JWS/JWT badge proofs.

export { canonicalize } from "./canonical.ts";
export {
  buildControllerDocument,
  buildKeyDocument,
  CONTROLLER_DOCUMENT_CONTEXT,
  type ControllerDocument,
  type ControllerKey,
  type KeyDocument,
  type VerificationMethod,
  verificationMethodFor,
} from "./controller.ts";
export {
  CRYPTOSUITE,
  CRYPTOSUITE_DRAFT_2022,
  type Credential,
  type DataIntegrityProofValue,
  ED25519_SIGNATURE_2020,
  issuerIdOf,
  type ProofVerification,
  type SignOptions,
  signCredential,
  supportedProofOf,
  type VerifyOptions,
  verifyCredentialProof,
} from "./dataIntegrity.ts";
export { didWebDocumentUrl } from "./didWeb.ts";
export {
  decodeJwsPayload,
  type FetchLike,
  type JwtKeyResolver,
  OB3_JWT_ALGORITHMS,
  type Ob2SignedVerification,
  type Ob3JwtVerification,
  verifyOb2SignedAssertion,
  verifyOb3Jwt,
} from "./jws.ts";
export {
  deriveSigningKey,
  type Ed25519SigningKey,
  keyGenerationToUse,
  SIGNING_KEY_MESSAGE_VERSION,
  signingKeyFromSecret,
  signingKeyMessage,
} from "./keys.ts";
export {
  type ControllerResolver,
  contextLoader,
  createDocumentLoader,
  type DocumentLoader,
  type DocumentLoaderOptions,
  type RemoteDocument,
} from "./loader.ts";
export { base58btcDecode, base58btcEncode, multibaseToPublicKey, publicKeyToMultibase } from "./multibase.ts";
