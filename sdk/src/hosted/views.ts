// The documents a Chancery gateway serves, built from what the chain records (plus, for a badge
// published encrypted, the credential decrypted with the key from its link). Open Badges 2.0
// hosted Assertion / BadgeClass / Issuer / RevocationList, the OB 3.0 issuer document (Profile +
// controller document) and the 1EdTech revocation list of the credentials' status URL.
import { type Address, type Hex, zeroAddress } from "viem";
import { credentialAnchor } from "../anchor/anchorOf.ts";
import { canonicalCredentialHash } from "../anchor/hash.ts";
import { assertionId } from "../anchor/merkle.ts";
import type { KeyOnChain } from "../chain/registry.ts";
import { OB2_CONTEXT_URL } from "../contexts/index.ts";
import { isoDateTime } from "../documents/dates.ts";
import {
  buildOb2Assertion,
  buildOb2BadgeClass,
  buildOb2Issuer,
  buildOb2RevocationList,
  ob2AssertionFromCredential,
} from "../documents/ob2.ts";
import { buildOb3IssuerProfile } from "../documents/ob3.ts";
import { type Deployment, normalizeBytes32, normalizeDeployment, normalizeGatewayBase, parseRecipientDid, recipientDid } from "../ids.ts";
import { buildControllerDocument, type ControllerDocument } from "../proofs/controller.ts";
import {
  credentialUrl,
  issuerProfileId,
  ob2AssertionImageUrl,
  ob2AssertionUrl,
  ob2BadgeClassImageUrl,
  ob2BadgeClassUrl,
  ob2IssuerUrl,
  ob2RecipientUrl,
  statusUrl,
} from "../urls.ts";
import type { LocatedBadge } from "./chain.ts";
import { achievementInputFromClass, issuerInputFromProfile } from "./inputs.ts";

type Json = Record<string, unknown>;

// ------------------------------------------------------------------ OB 2.0 Assertion

const isoSeconds = (seconds: number) => isoDateTime(new Date(seconds * 1000), "time");

/**
 * The hosted Assertion of a badge from the chain alone: uid, badge class, issue and expiry dates,
 * hosted verification, the baked image, and the recipient when the chain knows one (the wallet
 * bound into the uid, as an https `url` identity naming it). The e-mail hash and salt, the
 * learner's name and the evidence live only in the credential, so a badge known by e-mail alone
 * has no `recipient` at its plain URL (validator-core then calls it invalid: `recipient` is
 * required): its claim URL (`recipient` given, sealed by the gateway) or keyed URL serves it whole.
 */
export function buildHostedAssertion(input: {
  gatewayBase: string;
  chainId: number;
  badge: LocatedBadge;
  id?: string;
  /** The Merkle batch the URL names (`?batch=`): the id and image URL then name it too. */
  urlBatchId?: string;
  /** The e-mail recipient a claim URL carries (checked by the caller), in place of the wallet. */
  email?: { identityHash: string; salt: string };
}): Json {
  const { gatewayBase, chainId, badge, urlBatchId } = input;
  const uid = normalizeBytes32(badge.uid, "uid", true);
  const common = {
    gatewayBase,
    chainId,
    uid,
    classId: badge.status.classId,
    issuedOn: new Date(badge.status.issuedAt * 1000),
    ...(badge.status.expiresAt ? { expires: new Date(badge.status.expiresAt * 1000) } : {}),
    image: ob2AssertionImageUrl(gatewayBase, chainId, uid, "png", undefined, urlBatchId),
  };
  let assertion: Json;
  if (input.email) {
    assertion = buildOb2Assertion({ ...common, recipient: { email: input.email } });
  } else if (badge.recipient && badge.recipient !== zeroAddress) {
    assertion = buildOb2Assertion({ ...common, recipient: { wallet: badge.recipient, did: recipientDid(chainId, badge.recipient) } });
  } else {
    assertion = {
      "@context": OB2_CONTEXT_URL,
      type: "Assertion",
      id: ob2AssertionUrl(gatewayBase, chainId, uid),
      badge: ob2BadgeClassUrl(gatewayBase, chainId, badge.status.classId),
      verification: { type: "hosted" },
      issuedOn: isoSeconds(badge.status.issuedAt),
      ...(badge.status.expiresAt ? { expires: isoSeconds(badge.status.expiresAt) } : {}),
      image: common.image,
    };
  }
  assertion.uid = uid;
  assertion.id = input.id ?? ob2AssertionUrl(gatewayBase, chainId, uid, urlBatchId);
  return assertion;
}

/**
 * The complete hosted Assertion of a badge published encrypted, from its decrypted credential:
 * the same recipient e-mail hash and salt as the OB 3.0 credential (one salt serves both), dates
 * and evidence. `id` is the URL it is served at (the keyed URL), as hosted verification requires.
 */
export function buildHostedAssertionFromCredential(
  credential: Json,
  input: { gatewayBase: string; chainId: number; uid: string; classId: number; id: string; image?: string },
): Json {
  const assertion = ob2AssertionFromCredential(credential, {
    gatewayBase: input.gatewayBase,
    chainId: input.chainId,
    uid: input.uid,
    classId: input.classId,
    image: input.image ?? ob2AssertionImageUrl(input.gatewayBase, input.chainId, input.uid, "png"),
  });
  assertion.id = input.id;
  assertion.uid = normalizeBytes32(input.uid, "uid", true);
  return assertion;
}

/**
 * The document at a wallet's `url` identity (ob2RecipientUrl): an OB 2.0 Profile naming the wallet,
 * its did:pkh, and nothing else (the chain knows no more about the holder).
 */
export function buildRecipientProfile(input: { gatewayBase: string; chainId: number; wallet: string }): Json {
  const did = recipientDid(input.chainId, input.wallet);
  const id = ob2RecipientUrl(input.gatewayBase, input.chainId, input.wallet);
  return {
    "@context": OB2_CONTEXT_URL,
    type: "Profile",
    id,
    name: `Wallet ${did.split(":").at(-1)} on chain ${input.chainId}`,
    url: id,
    description: `The holder of ${did}: badges awarded to this wallet name it by this URL as their OB 2.0 recipient.`,
  };
}

/** The HTTP 410 body of an erased badge: nothing about the learner, not even the issuer's words. */
export function buildErasedAssertionBody(input: { gatewayBase: string; chainId: number; uid: string; id?: string }): Json {
  return {
    "@context": OB2_CONTEXT_URL,
    id: input.id ?? ob2AssertionUrl(input.gatewayBase, input.chainId, input.uid),
    revoked: true,
    revocationReason: "This badge was erased by its issuer or its holder and is no longer disclosed.",
  };
}

/**
 * The uid the registry gives a credential (as the verifier computes it). Used to check that a
 * decrypted payload is the very credential the uid commits to.
 */
export async function uidOfCredential(credential: Json): Promise<Hex> {
  // Throws unless the issuer id and the credentialStatus name one deployment and issuer.
  const anchor = credentialAnchor(credential);
  const subject = (Array.isArray(credential.credentialSubject) ? credential.credentialSubject[0] : credential.credentialSubject) as
    | Json
    | undefined;
  const did = typeof subject?.id === "string" && subject.id.startsWith("did:pkh:") ? subject.id : undefined;
  const wallet: Address | undefined = did ? parseRecipientDid(did).wallet : undefined;
  return assertionId(anchor.issuerId, await canonicalCredentialHash(credential), wallet ?? zeroAddress) as Hex;
}

// ------------------------------------------------------------------ OB 2.0 BadgeClass, Issuer, RevocationList

/** The hosted BadgeClass from the class's on-chain Achievement JSON; `image` is the gateway's class image URL unless the class names an https image. */
export function buildHostedBadgeClass(input: {
  gatewayBase: string;
  chainId: number;
  classId: number;
  issuerId: number;
  content: unknown;
}): Json {
  const achievement = achievementInputFromClass(input.content);
  const image =
    typeof achievement.image === "string" && /^https?:\/\//i.test(achievement.image)
      ? achievement.image
      : ob2BadgeClassImageUrl(input.gatewayBase, input.chainId, input.classId);
  return buildOb2BadgeClass({
    gatewayBase: input.gatewayBase,
    chainId: input.chainId,
    classId: input.classId,
    issuerId: input.issuerId,
    achievement: { ...achievement, image },
  });
}

/** The hosted issuer Profile, allowing the gateway's origin for hosted verification. */
export function buildHostedIssuer(input: { gatewayBase: string; chainId: number; issuerId: number; profile: unknown }): Json {
  const issuer = issuerInputFromProfile(input.issuerId, input.profile, ob2IssuerUrl(input.gatewayBase, input.chainId, input.issuerId));
  return buildOb2Issuer({ gatewayBase: input.gatewayBase, chainId: input.chainId, issuer });
}

/** The issuer's OB 2.0 RevocationList (entries carry both the hosted id and the on-chain uid). */
export function buildHostedRevocationList(input: {
  gatewayBase: string;
  chainId: number;
  issuerId: number;
  revoked: { uid: string; reason?: string }[];
}): Json {
  const list = buildOb2RevocationList(input);
  const entries = list.revokedAssertions as Json[];
  // One entry per revoked badge, in order (buildOb2RevocationList maps input.revoked).
  for (const [i, entry] of entries.entries()) entry.uid = normalizeBytes32(input.revoked[i]?.uid, "uid", true);
  return list;
}

// ------------------------------------------------------------------ OB 3.0

/** The issuer document at the OB 3.0 issuer id: its Profile and the controller document listing every Ed25519 key registered on chain. */
export function buildIssuerDocument(input: {
  gatewayBase: string;
  deployment: Deployment;
  issuerId: number;
  profile: unknown;
  keys: KeyOnChain[];
}): ControllerDocument & Json {
  const deployment = normalizeDeployment(input.deployment);
  const id = issuerProfileId(input.gatewayBase, deployment, input.issuerId);
  const issuer = issuerInputFromProfile(input.issuerId, input.profile, ob2IssuerUrl(input.gatewayBase, deployment.chainId, input.issuerId));
  const profile = buildOb3IssuerProfile(issuer, input.gatewayBase, deployment);
  return buildControllerDocument(
    id,
    input.keys.map((k) => ({ publicKey: k.publicKey, validFrom: k.validFrom, validUntil: k.validUntil })),
    { profile },
  ) as ControllerDocument & Json;
}

/**
 * The 1EdTech revocation list at a credential's status URL. The chain records uids, not the
 * credentials' `urn:uuid` ids, so each entry names the badge by its hosted OB 2.0 URL (`id`) and
 * its `uid`; Chancery's verifier asks the chain itself and does not depend on this list.
 */
export function buildStatusList(input: {
  gatewayBase: string;
  deployment: Deployment;
  issuerId: number;
  batchId?: string;
  revoked: { uid: string; reason?: string; revokedAt?: number }[];
}): Json {
  const deployment = normalizeDeployment(input.deployment);
  const base = normalizeGatewayBase(input.gatewayBase);
  return {
    id: statusUrl(base, deployment, input.issuerId, input.batchId),
    type: "1EdTechRevocationList",
    issuer: issuerProfileId(base, deployment, input.issuerId),
    // `id` is the credential's own id (it names the uid), so standard verifiers match it.
    revokedCredential: input.revoked.map((r) => ({
      id: credentialUrl(base, deployment, r.uid),
      // A batch's list names each badge by the hosted URL that names its batch.
      hostedAssertion: ob2AssertionUrl(base, deployment.chainId, r.uid, input.batchId),
      uid: normalizeBytes32(r.uid, "uid", true),
      ...(r.reason ? { revocationReason: r.reason } : {}),
      ...(r.revokedAt ? { revokedAt: isoSeconds(r.revokedAt) } : {}),
    })),
  };
}
