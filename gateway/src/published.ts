// The credential published encrypted with a badge, opened with its key: what the keyed Assertion,
// the "add from URL" credential and the OpenID4VCI credential endpoint serve. Decrypted in memory
// for one answer (never cached, stored or logged), and served only when it hashes to the badge's uid.
import { badgeAad, decryptCredential, keyFromString } from "@chancery/sdk/crypto";
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
  let credential: Record<string, unknown>;
  try {
    const json = await decryptCredential(Buffer.from(payload.slice(2), "hex"), keyFromString(key), badgeAad({ ...scope, uid }));
    credential = JSON.parse(json);
  } catch {
    throw new HttpError(403, "wrong-key", "This key does not open the credential published with the badge.");
  }
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
