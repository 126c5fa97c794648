// The credential published encrypted with a badge, opened with its key: what the keyed Assertion,
// the "add from URL" credential and the OpenID4VCI credential endpoint serve. Decrypted in memory
// for one answer (never cached, stored or logged), and served only when it hashes to the badge's uid.
import { type ChainImageReader, chainImageReader, openPublishedCredential, PublishedCredentialError } from "@chancery/sdk/chain";
import { keyFromString } from "@chancery/sdk/crypto";
import { type LocatedBadge, uidOfCredential } from "@chancery/sdk/hosted";
import type { Hex } from "viem";
import { HttpError, notFound } from "./plugins/errors.ts";
import type { ChainReads } from "./reads.ts";

/** Why a badge has no credential the gateway can open (a Merkle-batched one, or one issued without payload). */
export function notPublishedMessage(uid: Hex, badge: LocatedBadge): string {
  return badge.batchId
    ? `Badge ${uid} was issued in a Merkle batch: its credential was not published on chain, so the gateway cannot serve it. Import the badge's file (.json or baked image) into the wallet instead.`
    : `Badge ${uid} was not published encrypted on chain, so no key opens it; import the badge's file into the wallet, or use its hosted URL without a key.`;
}

/** One reader of the chain's images per registry read: a class image or logo is read once, then remembered. */
const imageReaders = new WeakMap<ChainReads, ChainImageReader>();
const imagesOf = (reads: ChainReads): ChainImageReader => {
  let images = imageReaders.get(reads);
  if (!images) {
    images = chainImageReader(reads.ctx);
    imageReaders.set(reads, images);
  }
  return images;
};

/**
 * The payload opened with `key` (sdk chain/published.ts, as every reader does): the signed credential,
 * its class image and issuer logo put back from the chain when the payload left them there. Throws
 * 403 for a key that does not open it, 409 for a payload that is no JSON object, 503 when the chain's
 * images could not be read.
 */
export async function openWithKey(
  reads: ChainReads,
  scope: { chainId: number; registry: string },
  uid: Hex,
  badge: LocatedBadge,
  payload: Hex,
  key: string,
): Promise<Record<string, unknown>> {
  try {
    const { issuerId, classId } = badge.status;
    return await openPublishedCredential(imagesOf(reads), { ...scope, uid, issuerId, classId }, payload, keyFromString(key));
  } catch (error) {
    if (error instanceof PublishedCredentialError && error.problem === "chain-unreadable")
      throw new HttpError(503, "chain-unavailable", `${error.message} Try again shortly.`);
    if (error instanceof PublishedCredentialError && error.problem === "not-json")
      throw new HttpError(409, "payload-mismatch", "The credential published with this badge is not a JSON object.");
    throw new HttpError(403, "wrong-key", "This key does not open the credential published with the badge.");
  }
}

/**
 * The signed credential of `badge` opened with `key`. Throws 404 when nothing was published, 403 for
 * a key that does not open it, 409 when what was published does not hash to the uid.
 */
export async function openPublished(
  reads: ChainReads,
  scope: { chainId: number; registry: string },
  uid: Hex,
  badge: LocatedBadge,
  key: string,
): Promise<Record<string, unknown>> {
  const payload = badge.batchId ? undefined : await reads.payloadOf(uid, badge.status.issuedBlock);
  if (!payload) throw notFound(notPublishedMessage(uid, badge));
  const credential = await openWithKey(reads, scope, uid, badge, payload, key);
  let matches = false;
  try {
    matches = (await uidOfCredential(credential)).toLowerCase() === uid;
  } catch {
    matches = false;
  }
  if (!matches)
    throw new HttpError(
      409,
      "payload-mismatch",
      "The credential published with this badge does not hash to its uid: the issuer published something else.",
    );
  return credential;
}
