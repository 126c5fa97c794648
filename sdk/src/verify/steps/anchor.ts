// The anchor step's checks: where a credential says it is anchored, that its content hashes to the
// badge the chain records there (one `verifyAssertion` call; for a batched badge, with the Merkle
// proof rebuilt from its batch), on the right chain, registry and issuer.
import { type Address, BaseError, ContractFunctionRevertedError, type Hex, zeroAddress } from "viem";
import { credentialAnchor, parseStatusListUrl } from "../../anchor/anchorOf.ts";
import { canonicalCredentialHash } from "../../anchor/hash.ts";
import { assertionId } from "../../anchor/merkle.ts";
import { BatchRootMismatchError, readBatchedStatus } from "../../chain/batched.ts";
import { type AssertionStatus, type RegistryContext, readAssertionStatus, readBatch } from "../../chain/registry.ts";
import { type LocatedBadge, locateBadge } from "../../hosted/chain.ts";
import { type Deployment, parseRecipientDid } from "../../ids.ts";
import { type Ob2Resource, parseCredentialUrl, parseIssuerProfileId, parseOb2Url, parseStatusUrl, type StatusAnchor } from "../../urls.ts";
import { clientForChain } from "../chain.ts";
import { asArray, isJson, type Json } from "../json.ts";
import { failuresOf, type Run } from "../run.ts";
import { type Said, said, VerificationStepError } from "../steps.ts";
import { noTrustedRegistryOn, requireTrusted, trustedOnChain, trustReport } from "../trust.ts";
import { isoDate, isoInstant, messageOf, short } from "../words.ts";

const fail = failuresOf("anchor");

/** A credential anchored with us: what it names, a client for that chain's registry, and why we trust it. */
export type Anchored = { anchor: StatusAnchor; registry: RegistryContext };

/** The credential's issuer id or one of its credentialStatus ids is a Chancery URL: it claims to be ours. */
function claimsChanceryAnchor(credential: Json): boolean {
  const parses = (parse: () => unknown) => {
    try {
      parse();
      return true;
    } catch {
      return false;
    }
  };
  const issuerId = isJson(credential.issuer) ? credential.issuer.id : credential.issuer;
  return (
    parses(() => parseIssuerProfileId(issuerId)) ||
    asArray(credential.credentialStatus).some(
      (entry) => isJson(entry) && (parses(() => parseStatusUrl(entry.id)) || parseStatusListUrl(entry.statusListCredential) !== undefined),
    )
  );
}

/**
 * Where the credential says it is anchored (its issuer id and credentialStatus), or undefined: not
 * ours. One that names a Chancery anchor inconsistently (issuer and status of different issuers,
 * two statuses) is refused, never checked as another issuer's badge.
 */
export function namedAnchor(credential: Json): StatusAnchor | undefined {
  try {
    return credentialAnchor(credential);
  } catch (error) {
    if (claimsChanceryAnchor(credential)) {
      const detail = messageOf(error);
      throw fail(said("anchor.inconsistent", { detail }, `The credential names a Chancery anchor, but not one: ${detail}`));
    }
    return undefined;
  }
}

/** The registry the credential names, once it is a trusted one (otherwise "untrusted-registry"), with a client for its chain. */
export async function anchoredOn(run: Run, anchor: StatusAnchor): Promise<Anchored> {
  const trusted = requireTrusted(run, anchor.deployment);
  return {
    anchor,
    registry: {
      client: await clientForChain(anchor.deployment.chainId, run.options),
      registry: trusted.registry,
      deployedOnBlock: trusted.deployedOnBlock,
    },
  };
}

const CHECKED_BY = {
  "anchor.unanchored-proof": "a genuine Open Badge checked by its proof alone",
  "anchor.unanchored-signature": "checked by its signature alone",
  "anchor.unanchored-hosted": "checked by hosted verification alone",
} as const;

/** A genuine Open Badge that is not ours: the verdict says so ("unanchored"), never "valid". */
export function notAnchored(run: Run, checkedBy: keyof typeof CHECKED_BY) {
  run.log.warning(
    "anchor",
    said(checkedBy, {}, `This badge is not anchored on a Chancery registry: it is ${CHECKED_BY[checkedBy]}.`),
    "unanchored",
  );
}

/**
 * The badge's status in one `verifyAssertion` call; a batched badge's proof is rebuilt from its
 * batch's leaves, which must rebuild the stored root. A registry that cannot be read is "error".
 */
export async function readStatus(
  registry: RegistryContext,
  query: { uid: Hex; batchId?: Hex; publicKey?: Hex },
  where: Deployment,
): Promise<AssertionStatus> {
  const { uid, batchId } = query;
  try {
    if (!batchId) return await readAssertionStatus(registry, query);
    const batch = await readBatch(registry, batchId);
    const found = await readBatchedStatus(registry, { ...query, batchId }, batch);
    if (!found)
      throw fail(
        said(
          "anchor.not-in-batch",
          { uid, count: Number(batch.count), batchId },
          `Badge ${short(uid)} is not one of the ${batch.count} badges of batch ${short(batchId)}.`,
        ),
      );
    return found.status;
  } catch (error) {
    if (error instanceof VerificationStepError) throw error;
    if (error instanceof BatchRootMismatchError) throw fail(batchRootMismatch(error.batchId));
    if (batchId && revertedWith(error, "BadgeRegistryUnknownBatch"))
      throw fail(
        said(
          "anchor.unknown-batch",
          { registry: where.registry, chainId: where.chainId, batchId, uid },
          `The registry ${where.registry} on chain ${where.chainId} records no batch ${short(batchId)}, so it has no badge ${short(uid)} there.`,
        ),
      );
    throw fail(registryUnreadable(where.registry, where.chainId, error), "error");
  }
}

/** A batch whose leaves do not rebuild the root the chain stores. */
export const batchRootMismatch = (batchId: Hex) =>
  said("anchor.batch-root-mismatch", { batchId }, `The leaves of batch ${short(batchId)} do not rebuild its root on chain.`);

/** A registry that could not be read (a failure of the "error" kind). */
export function registryUnreadable(registry: Address, chainId: number, error: unknown): Said {
  const detail = messageOf(error);
  return said(
    "anchor.registry-unreadable",
    { registry, chainId, detail },
    `The registry ${registry} on chain ${chainId} could not be read (${detail}).`,
  );
}

/** The registry answered with its own refusal (a revert naming `errorName`), not a failure to be read. */
export function revertedWith(error: unknown, errorName: string): boolean {
  if (!(error instanceof BaseError)) return false;
  const reverted = error.walk((cause) => cause instanceof ContractFunctionRevertedError);
  return reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName === errorName;
}

/**
 * The recipient wallet bound into the uid: a did:pkh of the badge's chain. A did:pkh that is not an
 * EIP-155 wallet on that chain names a recipient the registry cannot have recorded, so the badge is
 * refused ("invalid", saying why) rather than checked as if it had none. Any other subject id (a
 * did:key, a URL) is not a wallet: the uid then binds no wallet, and the id is the signer's claim.
 */
export function recipientWallet(credential: Json, chainId: number): Address | undefined {
  const subject = isJson(credential.credentialSubject) ? credential.credentialSubject : undefined;
  const id = subject?.id;
  if (typeof id !== "string" || !id.startsWith("did:pkh:")) return undefined;
  let parsed: { chainId: number; wallet: Address };
  try {
    parsed = parseRecipientDid(id);
  } catch (error) {
    const detail = messageOf(error);
    throw fail(
      said(
        "anchor.recipient-not-wallet",
        { recipient: id, chainId, detail },
        `The credential's recipient ${JSON.stringify(id)} is not a wallet this registry can record (expected did:pkh:eip155:${chainId}:0x…): ${detail}`,
      ),
    );
  }
  if (parsed.chainId !== chainId)
    throw fail(
      said(
        "anchor.recipient-other-chain",
        { walletChainId: parsed.chainId, chainId },
        `The recipient's wallet is given for chain ${parsed.chainId}, but the badge is anchored on chain ${chainId}.`,
      ),
    );
  return parsed.wallet;
}

/** The badge class the credential's achievement names by our URL, which must be the class the chain records. */
export function checkClassBound(credential: Json, status: AssertionStatus, chainId: number) {
  const subject = isJson(credential.credentialSubject) ? credential.credentialSubject : undefined;
  const achievement = isJson(subject?.achievement) ? subject.achievement : undefined;
  const named = ourBadgeClass(achievement?.id);
  if (!named) return;
  if (named.chainId !== chainId || named.classId !== status.classId)
    throw fail(
      said(
        "anchor.class-mismatch",
        { namedClassId: named.classId, namedChainId: named.chainId, classId: status.classId, chainId },
        `The credential's achievement names badge class #${named.classId} on chain ${named.chainId}, but the chain records this badge under class #${status.classId} on chain ${chainId}.`,
      ),
    );
}

/** The credential's id, when it is one of ours, names the badge its content hashes to. */
export function checkIdNamesUid(credential: Json, uid: Hex, deployment: Deployment) {
  const named = parseCredentialUrl(credential.id);
  if (
    named &&
    (named.uid !== uid.toLowerCase() ||
      named.deployment.chainId !== deployment.chainId ||
      named.deployment.registry !== deployment.registry)
  ) {
    throw fail(
      said(
        "anchor.id-names-other",
        { id: String(credential.id), uid },
        `The credential's id names another badge (${String(credential.id)}) than the one its content hashes to (${short(uid)}): it was altered.`,
      ),
    );
  }
}

/** A credential opened from a share link hashes to the badge the link names. */
export function checkExpectedUid(uid: Hex, expectedUid: Hex | undefined) {
  if (expectedUid && expectedUid.toLowerCase() !== uid.toLowerCase()) {
    throw fail(
      said(
        "anchor.altered-for-link",
        { expectedUid, uid },
        `The credential published for badge ${short(expectedUid)} hashes to another badge (${short(uid)}): it was altered.`,
      ),
    );
  }
}

/** The chain records the badge, for the issuer the credential names. */
export function checkRecorded(status: AssertionStatus, anchor: StatusAnchor) {
  const { chainId, registry } = anchor.deployment;
  if (!status.exists) {
    throw fail(
      said(
        "anchor.not-recorded",
        { registry, chainId },
        `This credential's hash is not recorded by the registry ${registry} on chain ${chainId}: the issuer signed it but never anchored it, or it was anchored elsewhere.`,
      ),
      "unanchored",
    );
  }
  if (status.issuerId !== anchor.issuerId) {
    throw fail(
      said(
        "anchor.issuer-mismatch",
        { recordedIssuerId: status.issuerId, namedIssuerId: anchor.issuerId },
        `The chain records this badge for issuer #${status.issuerId}, but the credential names issuer #${anchor.issuerId}.`,
      ),
    );
  }
}

/**
 * An OB 3.0 credential of ours: hash → uid → the chain's record of it. `publicKey` (the key that
 * signed it) lets the chain say whether that key was valid at issue; `expectedUid` is the badge a
 * share link named.
 */
export async function checkAnchor(
  run: Run,
  credential: Json,
  { anchor, registry }: Anchored,
  expected: { publicKey?: Hex; expectedUid?: Hex },
): Promise<AssertionStatus> {
  const { chainId, registry: address } = anchor.deployment;
  const credentialHash = await canonicalCredentialHash(credential);
  const uid = assertionId(anchor.issuerId, credentialHash, recipientWallet(credential, chainId) ?? zeroAddress);
  run.anchor = { chainId, registry: address, uid, credentialHash, batchId: anchor.batchId };
  checkIdNamesUid(credential, uid, anchor.deployment);
  checkExpectedUid(uid, expected.expectedUid);
  const status = await readStatus(registry, { uid, batchId: anchor.batchId, publicKey: expected.publicKey }, anchor.deployment);
  run.anchor.status = status;
  checkRecorded(status, anchor);
  checkClassBound(credential, status, chainId);
  const params = { chainId, registry: address, issuedAt: isoInstant(status.issuedAt), block: Number(status.issuedBlock) };
  const message = `Recorded on chain ${chainId} by registry ${address} on ${isoDate(status.issuedAt)} (block ${status.issuedBlock})${status.batchId ? `, in Merkle batch ${short(status.batchId)}` : ""}.`;
  run.log.passed(
    "anchor",
    status.batchId
      ? said("anchor.recorded-batch", { ...params, batchId: status.batchId }, message)
      : said("anchor.recorded", params, message),
  );
  return status;
}

// ------------------------------------------------------------------ Open Badges 2.0 hosted by our gateway

/** What a Chancery gateway URL of an assertion names (also its keyed form, `…/{uid}/{key}`), or undefined. */
export function ourHostedAssertion(url: unknown): Extract<Ob2Resource, { kind: "assertion" }> | undefined {
  try {
    const parsed = parseOb2Url(url);
    return parsed.kind === "assertion" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The badge class a URL of ours names, or undefined. */
export function ourBadgeClass(url: unknown): { chainId: number; classId: number } | undefined {
  try {
    const parsed = parseOb2Url(url);
    return parsed.kind === "badge" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export type LocatedHosted = { registry: RegistryContext; located: LocatedBadge };

/** The anchor step's words for a hosted badge found on chain. */
export function recordHostedAnchor(run: Run, { registry, located }: LocatedHosted, chainId: number) {
  const params = { chainId, registry: registry.registry, issuedAt: isoInstant(located.status.issuedAt) };
  const message = `Recorded on chain ${chainId} by registry ${registry.registry} on ${isoDate(located.status.issuedAt)}${located.batchId ? `, in Merkle batch ${short(located.batchId)}` : ""}.`;
  run.log.passed(
    "anchor",
    located.batchId
      ? said("anchor.recorded-hosted-batch", { ...params, batchId: located.batchId }, message)
      : said("anchor.recorded-hosted", params, message),
  );
}

/**
 * A hosted assertion URL of ours names a chain and a uid, not a registry: the badge is looked up
 * on the trusted registries of that chain (one call each, a batched badge through its batch),
 * before anything is fetched from the URL's host. None trusted on that chain: "untrusted-registry";
 * none records the uid: "invalid".
 */
export async function locateHosted(run: Run, parsed: Extract<Ob2Resource, { kind: "assertion" }>): Promise<LocatedHosted> {
  const { chainId, uid } = parsed;
  const trusted = trustedOnChain(run.options, chainId);
  if (trusted.length === 0) throw noTrustedRegistryOn(chainId);
  const client = await clientForChain(chainId, run.options);
  // A batched badge's URL names its batch (?batch=): then no event scan is needed.
  const carried = parsed.batchId;
  for (const entry of trusted) {
    const registry: RegistryContext = { client, registry: entry.registry, deployedOnBlock: entry.deployedOnBlock };
    let located: LocatedBadge | undefined;
    try {
      located = await locateBadge(
        registry,
        uid,
        carried
          ? { batchId: carried }
          : { scan: { fromBlock: entry.deployedOnBlock, toBlock: await client.getBlockNumber({ cacheTime: 0 }) } },
      );
    } catch (error) {
      // A batch the URL names that this registry does not know: the badge is not here.
      if (!(carried && revertedWith(error, "BadgeRegistryUnknownBatch")))
        throw fail(registryUnreadable(entry.registry, chainId, error), "error");
    }
    if (!located) continue;
    run.trust = trustReport(entry);
    run.anchor = { chainId, registry: entry.registry, uid, batchId: located.batchId, status: located.status };
    return { registry, located };
  }
  const registries = trusted.map((e) => e.registry).join(", ");
  throw fail(
    said(
      "anchor.hosted-not-found",
      { uid, chainId, registries },
      `The URL names badge ${short(uid)} on chain ${chainId}, but no registry this verifier trusts there records it (${registries}).`,
    ),
  );
}
