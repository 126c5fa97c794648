// The anchor step's checks: where a credential says it is anchored, that its content hashes to the
// badge the chain records there (one `verifyAssertion` call; for a batched badge, with the Merkle
// proof rebuilt from its batch), on the right chain, registry and issuer.
import { type Address, type Hex, zeroAddress } from "viem";
import { credentialAnchor } from "../../anchor/anchorOf.ts";
import { canonicalCredentialHash } from "../../anchor/hash.ts";
import { assertionId } from "../../anchor/merkle.ts";
import { BatchRootMismatchError, readBatchedStatus } from "../../chain/batched.ts";
import { type AssertionStatus, type RegistryContext, readAssertionStatus, readBatch } from "../../chain/registry.ts";
import { deployments } from "../../generated/deployments.ts";
import { type LocatedBadge, locateBadge } from "../../hosted/chain.ts";
import { type Deployment, parseRecipientDid } from "../../ids.ts";
import { parseCredentialUrl, parseOb2Url, type StatusAnchor } from "../../urls.ts";
import { clientForChain } from "../chain.ts";
import { isJson, type Json } from "../json.ts";
import { failuresOf, type Run } from "../run.ts";
import { VerificationStepError } from "../steps.ts";
import { isoDate, messageOf, short } from "../words.ts";

const fail = failuresOf("anchor");

/** A credential anchored with us: what it names, and a client for that chain's registry. */
export type Anchored = { anchor: StatusAnchor; registry: RegistryContext };

/** Where the credential says it is anchored (its issuer id and credentialStatus), or undefined: not ours. */
export async function anchoredOn(run: Run, credential: Json): Promise<Anchored | undefined> {
  let anchor: StatusAnchor;
  try {
    anchor = credentialAnchor(credential);
  } catch {
    return undefined;
  }
  return {
    anchor,
    registry: { client: await clientForChain(anchor.deployment.chainId, run.options), registry: anchor.deployment.registry },
  };
}

/** A genuine Open Badge that is not ours: the verdict says so ("unanchored"), never "valid". */
export function notAnchored(run: Run, checkedBy: string) {
  run.log.warning("anchor", `This badge is not anchored on a Chancery registry: it is ${checkedBy}.`, "unanchored");
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
    if (!found) throw fail(`Badge ${short(uid)} is not one of the ${batch.count} badges of batch ${short(batchId)}.`);
    return found.status;
  } catch (error) {
    if (error instanceof VerificationStepError) throw error;
    if (error instanceof BatchRootMismatchError)
      throw fail(`The leaves of batch ${short(error.batchId)} do not rebuild its root on chain.`);
    throw fail(`The registry ${where.registry} on chain ${where.chainId} could not be read (${messageOf(error)}).`, "error");
  }
}

/** The recipient wallet bound into the uid (did:pkh), which must be on the badge's chain. */
export function recipientWallet(credential: Json, chainId: number): Address | undefined {
  const subject = isJson(credential.credentialSubject) ? credential.credentialSubject : undefined;
  const id = typeof subject?.id === "string" ? subject.id : undefined;
  if (!id?.startsWith("did:pkh:")) return undefined;
  const parsed = parseRecipientDid(id);
  if (parsed.chainId !== chainId)
    throw fail(`The recipient's wallet is given for chain ${parsed.chainId}, but the badge is anchored on chain ${chainId}.`);
  return parsed.wallet;
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
      `The credential's id names another badge (${String(credential.id)}) than the one its content hashes to (${short(uid)}): it was altered.`,
    );
  }
}

/** A credential opened from a share link hashes to the badge the link names. */
export function checkExpectedUid(uid: Hex, expectedUid: Hex | undefined) {
  if (expectedUid && expectedUid.toLowerCase() !== uid.toLowerCase()) {
    throw fail(`The credential published for badge ${short(expectedUid)} hashes to another badge (${short(uid)}): it was altered.`);
  }
}

/** The chain records the badge, for the issuer the credential names. */
export function checkRecorded(status: AssertionStatus, anchor: StatusAnchor) {
  const { chainId, registry } = anchor.deployment;
  if (!status.exists) {
    throw fail(
      `This credential's hash is not recorded by the registry ${registry} on chain ${chainId}: the issuer signed it but never anchored it, or it was anchored elsewhere.`,
      "unanchored",
    );
  }
  if (status.issuerId !== anchor.issuerId) {
    throw fail(`The chain records this badge for issuer #${status.issuerId}, but the credential names issuer #${anchor.issuerId}.`);
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
  run.log.passed(
    "anchor",
    `Recorded on chain ${chainId} by registry ${address} on ${isoDate(status.issuedAt)} (block ${status.issuedBlock})${status.batchId ? `, in Merkle batch ${short(status.batchId)}` : ""}.`,
  );
  return status;
}

// ------------------------------------------------------------------ Open Badges 2.0 hosted by our gateway

/** A Chancery gateway URL of an assertion, also in its keyed form (`…/{uid}/{key}`: parseOb2Url reads both). */
function ourHostedAssertion(id: string) {
  try {
    const parsed = parseOb2Url(id);
    return parsed.kind === "assertion" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The badge class a hosted assertion names by our URL, if it does. */
function namedClassOf(assertion: Json): number | undefined {
  if (typeof assertion.badge !== "string") return undefined;
  try {
    const badge = parseOb2Url(assertion.badge);
    return badge.kind === "badge" ? badge.classId : undefined;
  } catch {
    return undefined;
  }
}

const knownDeployments: Record<string, Record<string, { address: Address; deployedOnBlock: number }>> = deployments;

/**
 * A hosted assertion served by a Chancery gateway: its badge found on chain by uid alone (a
 * batched one through its batch's events), under the class the assertion names. Undefined (with
 * the anchor step recorded) when the assertion is not ours or names a chain we have no registry for.
 */
export async function checkHostedAnchor(
  run: Run,
  assertion: Json,
): Promise<{ registry: RegistryContext; status: AssertionStatus } | undefined> {
  const parsed = ourHostedAssertion(String(assertion.id));
  if (!parsed) {
    notAnchored(run, "checked by hosted verification alone");
    return undefined;
  }
  const known = run.options.registries?.[parsed.chainId] ?? knownDeployments[String(parsed.chainId)]?.BadgeRegistry;
  if (!known) {
    run.log.warning(
      "anchor",
      `The badge is served by a Chancery gateway for chain ${parsed.chainId}, a chain this verifier has no registry for.`,
      "unanchored",
    );
    return undefined;
  }
  const registry: RegistryContext = {
    client: await clientForChain(parsed.chainId, run.options),
    registry: known.address,
    deployedOnBlock: BigInt(known.deployedOnBlock ?? 0),
  };
  const uid = parsed.uid;
  let located: LocatedBadge | undefined;
  try {
    located = await locateBadge(registry, uid, {
      scan: { fromBlock: registry.deployedOnBlock ?? 0n, toBlock: await registry.client.getBlockNumber({ cacheTime: 0 }) },
    });
  } catch (error) {
    throw fail(`The registry on chain ${parsed.chainId} could not be read (${messageOf(error)}).`, "error");
  }
  if (!located)
    throw fail(`The gateway serves badge ${short(uid)}, but the registry ${known.address} on chain ${parsed.chainId} has no such badge.`);
  const status = located.status;
  run.anchor = { chainId: parsed.chainId, registry: known.address, uid, batchId: located.batchId, status };
  const namedClass = namedClassOf(assertion);
  if (namedClass !== undefined && namedClass !== status.classId) {
    throw fail(`The assertion names badge class #${namedClass}, but the chain records this badge under class #${status.classId}.`);
  }
  run.log.passed(
    "anchor",
    `Recorded on chain ${parsed.chainId} by registry ${known.address} on ${isoDate(status.issuedAt)}${located.batchId ? `, in Merkle batch ${short(located.batchId)}` : ""}.`,
  );
  return { registry, status };
}
