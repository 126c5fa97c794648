// Proofs: offline JSON-LD loading, canonicalisation, eddsa-rdfc-2022 Data Integrity proofs,
// issuer controller documents, wallet-derived Ed25519 keys, and JWS/JWT badge proofs.
export { createDocumentLoader, contextLoader, type DocumentLoader, type DocumentLoaderOptions, type ControllerResolver, type RemoteDocument } from "./loader.ts";
export { canonicalize } from "./canonical.ts";
export { signCredential, verifyCredentialProof, issuerIdOf, CRYPTOSUITE, type Credential, type SignOptions, type VerifyOptions, type ProofVerification } from "./dataIntegrity.ts";
export { buildControllerDocument, CONTROLLER_DOCUMENT_CONTEXT, type ControllerDocument, type ControllerKey, type VerificationMethod } from "./controller.ts";
export { signingKeyMessage, keyGenerationToUse, deriveSigningKey, signingKeyFromSecret, SIGNING_KEY_MESSAGE_VERSION, type Ed25519SigningKey } from "./keys.ts";
export { publicKeyToMultibase, multibaseToPublicKey, base58btcEncode, base58btcDecode } from "./multibase.ts";
export { decodeJwsPayload, verifyOb2SignedAssertion, verifyOb3Jwt, OB3_JWT_ALGORITHMS, type FetchLike, type JwtKeyResolver, type Ob2SignedVerification, type Ob3JwtVerification } from "./jws.ts";
