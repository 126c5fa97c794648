/**
 * The credential carried in a full-badge link's fragment (`#c=…`), for badges whose content is
 * not published on chain (Merkle-batched badges): the credential itself travels in the link, which
 * browsers never send to any server, so the link stays as private as the file it replaces.
 *
 *     c = base64url( DEFLATE-raw( UTF-8( JSON.stringify(credential) ), dictionary = LINK_DICTIONARY_V1 ) )
 *
 * Why fflate rather than CompressionStream: the link is built and read synchronously (parseShareLink
 * is sync, like every caller of it), the same code runs in node and every browser, and fflate takes a
 * preset dictionary, which CompressionStream does not: the fixed words of our OB 3.0 credentials
 * (contexts, types, schema and status-list paths) then cost almost nothing, and a typical Merkle
 * credential's link is about 1,100 characters instead of 1,450 (measured in test/links-credential.test.ts),
 * short enough for a QR code. The dictionary is part of the link format: it never changes (a test pins
 * its hash); another one would be another parameter name.
 *
 * The class image: a credential embeds its achievement's image (a data: URI of up to tens of kB, which
 * does not compress), so a link carrying it would be far too long. When it is the image of the badge's
 * class on chain, the link carries CLASS_IMAGE_IN_LINK in its place and the verifier puts the class's
 * image back, read from the chain, before checking the proof: a badge class never changes (a revision
 * is a new class), so the image is the one the issuer signed, and if it were not the proof would fail.
 * The issuer's logo likewise, when it is its profile's on chain: a profile can be updated, so the
 * stand-in names the logo's SHA-256 (16 hex digits) and the verifier takes the version of the profile
 * whose logo has it, the current one first.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { deflateSync } from "fflate";
import { base64urlDecode, base64urlEncode } from "../codecs/base64.ts";
import { inflateCapped } from "../codecs/inflate.ts";

/** The fixed words of Chancery's OB 3.0 credentials, in the order they appear. Frozen: links depend on it. */
export const LINK_DICTIONARY_V1 =
  '{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",' +
  '"https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"],"type":["VerifiableCredential","OpenBadgeCredential"],' +
  '"issuer":{"type":["Profile"],"credentialSubject":{"type":["AchievementSubject"],"identifier":[{"type":"IdentityObject",' +
  '"identityHash":"sha256$","identityType":"emailAddress","hashed":true,"salt":"' +
  '"identityType":"name","hashed":false}],"achievement":{"type":["Achievement"],"criteria":{"narrative":"' +
  '"credentialSchema":[{"id":"https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",' +
  '"type":"1EdTechJsonSchemaValidator2019"}],"credentialStatus":{"type":"BitstringStatusListEntry","statusPurpose":"revocation",' +
  '"statusListIndex":"","statusListCredential":"/ob3/status-lists/"/batches/0x' +
  '"proof":[{"type":"DataIntegrityProof","created":"","verificationMethod":"/ob3/keys/","cryptosuite":"eddsa-rdfc-2022",' +
  '"proofPurpose":"assertionMethod","proofValue":"z' +
  '"validFrom":"","validUntil":"/ob3/credentials/","did:pkh:eip155:/ob2/badges/"/ob3/issuers/"';

const DICTIONARY = new TextEncoder().encode(LINK_DICTIONARY_V1);

/**
 * Longest full-badge link built or read, in characters. The fragment never reaches a server, so
 * server URL limits do not apply; what does is mail clients, messengers and people copying it:
 * 8,000 characters still pass them, and leave room for a credential five times the typical one.
 */
export const MAX_FULL_LINK_LENGTH = 8000;
/** Most bytes a link's credential may inflate to: a real one is under 20 kB; a decompression bomb stops here. */
export const MAX_LINK_CREDENTIAL_BYTES = 64 * 1024;
/**
 * Longest link offered as a QR code. Beyond about 1,200 characters (QR version 27 at level M,
 * 125 modules) a phone camera reading a code on a screen or a printed page starts to miss it;
 * a longer full link is offered as copy / LinkedIn only, and its QR code is the record-only link.
 */
export const QR_MAX_LINK_LENGTH = 1200;

export type LinkCredentialProblem = "not-base64url" | "corrupt" | "too-large" | "not-utf8";

/** Stands in a link's credential for its achievement image, which is its class's image on chain. */
export const CLASS_IMAGE_IN_LINK = "urn:chancery:link:class-image";

type Obj = Record<string, unknown>;
const objectOf = (value: unknown): Obj | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : undefined;
/** An OB 3.0 image is a URI or an Image object with `id`. */
const imageUri = (image: unknown): string | undefined => (typeof image === "string" ? image : (objectOf(image)?.id as string | undefined));
const achievementOf = (credential: unknown) => objectOf(objectOf(objectOf(credential)?.credentialSubject)?.achievement);

/** The credential with its achievement image's URI replaced by `uri` (same shape: a string, or an Image object's id). */
function withAchievementImage(credential: object, uri: string): object {
  const subject = objectOf((credential as Obj).credentialSubject) as Obj;
  const achievement = achievementOf(credential) as Obj;
  const image = typeof achievement.image === "string" ? uri : { ...(achievement.image as Obj), id: uri };
  return { ...credential, credentialSubject: { ...subject, achievement: { ...achievement, image } } };
}

/** Stands in a link's credential for its issuer's logo (followed by `:` and imageDigest of it), which is its profile's on chain. */
export const ISSUER_IMAGE_IN_LINK = "urn:chancery:link:issuer-image";

/** The 16 hex digits of SHA-256 that name a logo in ISSUER_IMAGE_IN_LINK. */
export const imageDigest = (uri: string): string => bytesToHex(sha256(new TextEncoder().encode(uri))).slice(0, 16);

const issuerOf = (credential: unknown) => objectOf(objectOf(credential)?.issuer);

/** The credential with its issuer's image URI replaced by `uri` (same shape). */
function withIssuerImage(credential: object, uri: string): object {
  const issuer = issuerOf(credential) as Obj;
  const image = typeof issuer.image === "string" ? uri : { ...(issuer.image as Obj), id: uri };
  return { ...credential, issuer: { ...issuer, image } };
}

/** The digest a link's credential names for its issuer's logo (to be put back from the chain), if it stands for it. */
export function issuerImageDigest(credential: unknown): string | undefined {
  const uri = imageUri(issuerOf(credential)?.image);
  const prefix = `${ISSUER_IMAGE_IN_LINK}:`;
  return uri?.startsWith(prefix) ? uri.slice(prefix.length) : undefined;
}

/** The credential as signed: the issuer's logo put back in place of its stand-in. */
export function restoreIssuerImage(credential: object, issuerImage: string): object {
  return issuerImageDigest(credential) !== undefined ? withIssuerImage(credential, issuerImage) : credential;
}

/** Whether a link's credential stands for its class image (CLASS_IMAGE_IN_LINK), to be put back from the chain. */
export function usesClassImage(credential: unknown): boolean {
  return imageUri(achievementOf(credential)?.image) === CLASS_IMAGE_IN_LINK;
}

/** The credential as signed: its class image (the class's image URI on chain) put back in place of CLASS_IMAGE_IN_LINK. */
export function restoreClassImage(credential: object, classImage: string): object {
  return usesClassImage(credential) ? withAchievementImage(credential, classImage) : credential;
}

/**
 * The credential with the images the chain holds left out (links and published payloads alike): an
 * achievement image equal to the class's image on chain becomes CLASS_IMAGE_IN_LINK, an issuer logo
 * equal to its profile's becomes ISSUER_IMAGE_IN_LINK:<imageDigest>. Anything else stays as it is.
 */
export function leaveChainImages(credential: object, chain: { classImage?: string | undefined; issuerImage?: string | undefined }): object {
  const own = imageUri(achievementOf(credential)?.image);
  let carried =
    chain.classImage !== undefined && own === chain.classImage ? withAchievementImage(credential, CLASS_IMAGE_IN_LINK) : credential;
  const logo = imageUri(issuerOf(carried)?.image);
  if (chain.issuerImage !== undefined && logo === chain.issuerImage)
    carried = withIssuerImage(carried, `${ISSUER_IMAGE_IN_LINK}:${imageDigest(logo)}`);
  return carried;
}

/**
 * The fragment value of a credential (no size check: the caller knows the whole link). Given the
 * image of the badge's class on chain (`classImage`, its URI), an achievement image equal to it
 * travels as CLASS_IMAGE_IN_LINK.
 */
export function encodeLinkCredential(
  credential: object,
  options: { classImage?: string | undefined; issuerImage?: string | undefined } = {},
): string {
  const json = JSON.stringify(leaveChainImages(credential, options));
  return base64urlEncode(deflateSync(new TextEncoder().encode(json), { level: 9, dictionary: DICTIONARY }));
}

/** The credential's JSON text from a fragment value, or the problem with it (never more than MAX_LINK_CREDENTIAL_BYTES inflated). */
export function decodeLinkCredential(value: string): { text: string } | { problem: LinkCredentialProblem } {
  const packed = base64urlDecode(value);
  if (!packed || packed.length === 0) return { problem: "not-base64url" };
  const inflated = inflateCapped(packed, MAX_LINK_CREDENTIAL_BYTES, { dictionary: DICTIONARY });
  if (!("bytes" in inflated)) return inflated;
  const bytes = inflated.bytes;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { problem: "not-utf8" };
  }
}
