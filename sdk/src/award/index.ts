// An award from start to finish: build the OB 3.0 credential, sign it with the issuer's Ed25519
// key, hash it for the chain, and (optionally) publish it encrypted with the badge.
import type { Address, Hex } from "viem";
import { canonicalCredentialHash } from "../anchor/hash.ts";
import { assertionId, buildBatchTree, merkleBatchId, proofFor, randomBatchKey } from "../anchor/merkle.ts";
import { RegistryError } from "../chain/errors.ts";
import { issueBadge, issueMerkleBatch } from "../chain/issuing.ts";
import { readChainImages, sealPublishedCredential } from "../chain/published.ts";
import type { WriteContext } from "../chain/registry.ts";
import { publishStatusListIfMissing, readNextStatusIndex, type StatusListSigning } from "../chain/statusLists.ts";
import { generateBadgeKey, keyToString } from "../crypto/envelope.ts";
import { buildOb3Credential, type OpenBadgeCredential } from "../documents/ob3.ts";
import type { AwardInput } from "../documents/types.ts";
import { ChanceryError } from "../errors.ts";
import { buildShareLink } from "../links/share.ts";
import { signCredential } from "../proofs/dataIntegrity.ts";
import { encodeBatchRoster } from "../roster/batch.ts";
import { type RosterSecret, rosterBadgeKey } from "../roster/index.ts";
import { credentialUrl } from "../urls.ts";

export type PreparedBadge = {
  /** The signed OB 3.0 credential: what the learner holds (bake it, share it). */
  credential: OpenBadgeCredential & { proof: object };
  /** What the chain stores: sha256 of the canonical credential without its proof. */
  credentialHash: Hex;
  /** The badge's id on chain: leaf of (issuerId, credentialHash, recipient wallet or zero). */
  uid: Hex;
  recipient: Address | undefined;
  /** The class status index the credential names (undefined for a Merkle batch's badge, whose entry is its position). */
  statusIndex: number | undefined;
};

/**
 * Builds, hashes and signs the credential of an award. Nothing is sent. The hash leaves the
 * credential's `id` out, so the id can be set to the URL naming the badge's own uid before signing.
 */
export async function prepareBadge(award: AwardInput, signingKey: { secretKey: Uint8Array }): Promise<PreparedBadge> {
  const unsigned = buildOb3Credential(award);
  const credentialHash = (await canonicalCredentialHash(unsigned)) as Hex;
  const subjectId = (unsigned.credentialSubject as { id?: string }).id;
  const recipient = subjectId?.startsWith("did:pkh:") ? (subjectId.split(":").at(-1) as Address) : undefined;
  const uid = assertionId(award.issuer.issuerId, credentialHash, recipient) as Hex;
  if (award.credentialId === undefined) unsigned.id = credentialUrl(award.gatewayBase, award.deployment, uid);
  const credential = await signCredential(unsigned, { secretKey: signingKey.secretKey });
  return { credential, credentialHash, uid, recipient, statusIndex: award.batchId === undefined ? award.statusIndex : undefined };
}

export type AnchoredBadge = PreparedBadge & {
  transactionHash: Hex;
  blockNumber: bigint;
  /** Present when the credential was published encrypted: the key, and the link that carries it. */
  key?: string;
  shareLink?: string;
};

/**
 * Where a published badge's link points, and (optional) the issuing wallet's roster: its badge key is
 * then derived from the roster (the issuer reads the badge again on any device, see sdk/roster)
 * instead of drawn at random. Either way the key appears only in the share link's fragment.
 */
export type PublishOptions = { appBase: string; roster?: RosterSecret };

/**
 * Records a prepared badge on chain. With `publish`, the credential is encrypted under its key (fresh,
 * or the roster's for this uid; bound to this chain, registry and uid) and published in the transaction.
 */
export async function anchorBadge(
  ctx: WriteContext,
  badge: PreparedBadge,
  options: { classId: number; expiresAt?: Date; publish?: PublishOptions },
): Promise<AnchoredBadge> {
  let payload: Hex | undefined;
  let key: Uint8Array | undefined;
  const chainId = await ctx.client.getChainId();
  if (options.publish) {
    key = options.publish.roster ? rosterBadgeKey(options.publish.roster, badge.uid) : generateBadgeKey();
    // The class image and the issuer's logo stay on chain, where they already are (chain/published.ts).
    const images = await readChainImages(ctx, options.classId);
    payload = await sealPublishedCredential(badge.credential, key, { chainId, registry: ctx.registry, uid: badge.uid }, images);
  }
  // A credential prepared without a status index names the issuer's 1EdTechRevocationList (the form
  // of badges before status lists); its record still takes the class's next index, which nothing names.
  const statusIndex = badge.statusIndex ?? (await readNextStatusIndex(ctx, options.classId));
  const { uid, hash, blockNumber } = await issueBadge(ctx, {
    classId: options.classId,
    statusIndex,
    credentialHash: badge.credentialHash,
    recipient: badge.recipient,
    expiresAt: options.expiresAt,
    payload,
  });
  if (uid.toLowerCase() !== badge.uid.toLowerCase()) {
    throw new Error(`The registry recorded uid ${uid}, not the ${badge.uid} computed for this credential.`);
  }
  const result: AnchoredBadge = { ...badge, transactionHash: hash, blockNumber };
  if (options.publish && key) {
    result.key = keyToString(key);
    result.shareLink = buildShareLink({ appBase: options.publish.appBase, chainId, registry: ctx.registry, uid: badge.uid, key });
  }
  return result;
}

/** How many times `issueAward` signs again when another issue took the class's next status index first. */
const STALE_INDEX_RETRIES = 3;

/**
 * An award from start to finish: reads the class's next status index, signs the credential with it,
 * publishes the all-zero status list when the badge opens a list, and records the badge. When another
 * issue took the index meanwhile (BadgeRegistryStaleStatusIndex), it reads, signs and sends again.
 */
export async function issueAward(
  ctx: WriteContext,
  award: AwardInput,
  signingKey: { secretKey: Uint8Array },
  options: { expiresAt?: Date; publish?: PublishOptions } = {},
): Promise<AnchoredBadge> {
  const classId = award.classId;
  if (classId === undefined)
    throw new ChanceryError("invalid-input", "issueAward needs award.classId: the on-chain class the badge is recorded in.");
  const signing: StatusListSigning = { gatewayBase: award.gatewayBase, deployment: award.deployment, signingKey };
  for (let attempt = 0; ; attempt++) {
    const statusIndex = await readNextStatusIndex(ctx, classId);
    await publishStatusListIfMissing(ctx, { issuerId: award.issuer.issuerId, classId: classId, statusIndex }, signing);
    const badge = await prepareBadge({ ...award, statusIndex, batchId: undefined }, signingKey);
    try {
      return await anchorBadge(ctx, badge, { classId, ...options });
    } catch (error) {
      if (attempt >= STALE_INDEX_RETRIES || !isStaleStatusIndex(error)) throw error;
    }
  }
}

/** Whether a registry write failed because the signed status index was taken (sign again with the new one). */
export function isStaleStatusIndex(error: unknown): boolean {
  return error instanceof RegistryError && error.errorName === "BadgeRegistryStaleStatusIndex";
}

/**
 * Records many awards of one class as a Merkle batch: every credential names the batch in its
 * credentialStatus (`batchId = merkleBatchId(issuerId, batchKey)`, known before sending), the
 * contract builds the root on chain and stores only it. `batchKey` defaults to a random one.
 */
export async function anchorMerkleBatch(
  ctx: WriteContext,
  batch: {
    classId: number;
    batchKey?: Hex;
    expiresAt?: Date;
    awards: AwardInput[];
    signingKey: { secretKey: Uint8Array };
    /** The sending wallet's roster: the learners' names and e-mails travel encrypted with the batch (sdk/roster/batch.ts). */
    roster?: RosterSecret;
  },
): Promise<{ badges: (PreparedBadge & { proof: Hex[] })[]; root: Hex; batchId: Hex; batchKey: Hex; transactionHash: Hex }> {
  const issuerId = batch.awards[0]?.issuer.issuerId;
  if (issuerId === undefined || batch.awards.some((a) => a.issuer.issuerId !== issuerId)) {
    throw new Error("A Merkle batch holds at least one award, all of one issuer.");
  }
  const batchKey = batch.batchKey ?? randomBatchKey();
  const batchId = merkleBatchId(issuerId, batchKey);
  const prepared: PreparedBadge[] = [];
  // A batch has its own status list: a badge's entry is its position in the batch.
  for (const [position, award] of batch.awards.entries()) {
    prepared.push(await prepareBadge({ ...award, batchId, statusIndex: position }, batch.signingKey));
  }
  const tree = buildBatchTree(
    issuerId,
    prepared.map((b) => ({ credentialHash: b.credentialHash, recipient: b.recipient })),
  );
  const dataSuffix = batch.roster
    ? await encodeBatchRoster(
        batch.roster,
        batchId,
        batch.awards.map((a) => ({ name: a.recipient.name, email: a.recipient.email })),
      )
    : undefined;
  const { root, hash } = await issueMerkleBatch(
    ctx,
    {
      classId: batch.classId,
      batchKey,
      expiresAt: batch.expiresAt,
      badges: prepared.map((b) => ({ credentialHash: b.credentialHash, recipient: b.recipient })),
    },
    dataSuffix ? { dataSuffix } : {},
  );
  if (root.toLowerCase() !== tree.root.toLowerCase()) throw new Error(`The registry built root ${root}, not the expected ${tree.root}.`);
  const first = batch.awards[0] as AwardInput;
  await publishStatusListIfMissing(
    ctx,
    { issuerId, batchId },
    { gatewayBase: first.gatewayBase, deployment: first.deployment, signingKey: batch.signingKey },
  );
  return { badges: prepared.map((b, i) => ({ ...b, proof: proofFor(tree, i) as Hex[] })), root, batchId, batchKey, transactionHash: hash };
}
