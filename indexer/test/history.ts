// A scripted registry history touching every kind of event: two issuers, single / payload / array /
// Merkle / delegated issues, revocations (one batched), erasures (one batched), a suspension and an
// accreditation, a key rotation, a signer removal, a class revision, an admin offer, a status list.
import {
  acceptIssuerAdmin,
  accreditIssuer,
  addIssuerKey,
  addIssuerSigner,
  createBadgeClass,
  eraseBadge,
  issueBadge,
  issueBadges,
  issueDelegated,
  issueMerkleBatch,
  readNextStatusIndex,
  removeIssuerSigner,
  retireBadgeClass,
  reviseBadgeClass,
  revokeBadge,
  revokeIssuerKey,
  signIssueRequest,
  suspendIssuer,
  transferIssuerAdmin,
  type WriteContext,
  writeRegistry,
} from "@chancery/sdk/chain";
import { chainReader } from "@chancery/sdk/readers";
import type { TestChain } from "@chancery/testing/chain";
import { setUpIssuer } from "@chancery/testing/issuer";
import { type Address, type Hex, keccak256, stringToHex, toHex } from "viem";

let counter = 0;
/** A fresh credential hash (the registry commits to it; it never reads the credential). */
export const credentialHash = (): Hex => keccak256(toHex(`credential ${++counter} ${Math.random()}`));

export type History = {
  learner: Address;
  issuerIds: number[];
  classIds: number[];
  batchId: Hex;
  uids: Hex[];
  /** A class created then retired (no badge), beside the revised one the revision retired. */
  retiredClassId: number;
  /** Who the console lists are asked for: a signer still active, one removed, and an account offered an admin role it has not accepted. */
  accounts: { signer: Address; removedSigner: Address; offered: Address; newAdmin: Address };
};

export async function scriptHistory(chain: TestChain): Promise<History> {
  const learner = chain.wallets[5]!.account!.address;
  const other = chain.wallets[6]!.account!.address;
  const a = await setUpIssuer(chain, { walletIndex: 1, name: "Université Exemple" });
  const b = await setUpIssuer(chain, { walletIndex: 2, name: "Institut Second", className: "Welding II" });
  const authority: WriteContext = { ...a.admin, wallet: chain.wallets[0]! };
  const uids: Hex[] = [];

  // single, with payload, with expiry, e-mail only
  const next = () => readNextStatusIndex(a.admin, a.classId);
  uids.push(
    (await issueBadge(a.admin, { classId: a.classId, statusIndex: await next(), credentialHash: credentialHash(), recipient: learner }))
      .uid,
  );
  uids.push(
    (
      await issueBadge(a.admin, {
        classId: a.classId,
        statusIndex: await next(),
        credentialHash: credentialHash(),
        recipient: learner,
        payload: stringToHex("encrypted bytes"),
        expiresAt: new Date(Date.now() + 86_400_000),
      })
    ).uid,
  );
  uids.push((await issueBadge(a.admin, { classId: a.classId, statusIndex: await next(), credentialHash: credentialHash() })).uid);

  // array batch: two to the learner, one to someone else
  const array = await issueBadges(a.admin, {
    classId: a.classId,
    firstStatusIndex: await next(),
    badges: [
      { credentialHash: credentialHash(), recipient: learner },
      { credentialHash: credentialHash(), recipient: other },
      { credentialHash: credentialHash(), recipient: learner },
    ],
  });
  void array;

  // Merkle batch of four (two to the learner)
  const batchKey = keccak256(toHex(`batch ${Math.random()}`));
  await issueMerkleBatch(b.admin, {
    classId: b.classId,
    batchKey,
    expiresAt: new Date(Date.now() + 2 * 86_400_000),
    badges: [
      { credentialHash: credentialHash(), recipient: learner },
      { credentialHash: credentialHash(), recipient: other },
      { credentialHash: credentialHash() },
      { credentialHash: credentialHash(), recipient: learner },
    ],
  });
  const batchId = (await chain.publicClient.readContract({
    address: chain.registry,
    abi: (await import("@chancery/sdk/abi")).badgeRegistryAbi,
    functionName: "merkleBatchId",
    args: [b.issuerId, batchKey],
  })) as Hex;

  // delegated: issuer A's admin signs, wallet 3 relays and pays
  const signed = await signIssueRequest(
    a.admin,
    a.admin.wallet,
    { classId: a.classId, statusIndex: await next(), credentialHash: credentialHash(), recipient: learner },
    BigInt(Math.floor(Date.now() / 1000) + 3600),
  );
  await issueDelegated({ ...a.admin, wallet: chain.wallets[3]! }, signed);

  // class revision, then a badge of the new version
  const { classId: revised } = await reviseBadgeClass(a.admin, a.classId, { type: ["Achievement"], name: "Data Literacy I (2027)" });
  uids.push(
    (
      await issueBadge(a.admin, {
        classId: revised,
        statusIndex: await readNextStatusIndex(a.admin, revised),
        credentialHash: credentialHash(),
        recipient: learner,
      })
    ).uid,
  );

  // revocations: a single (with words) and a batched one (through its proof)
  await revokeBadge(a.admin, { uid: uids[0]!, reason: "Issued to the wrong cohort", code: "issued-in-error" });
  const reader = chainReader(a.admin);
  const leaves = await reader.listBadgesOfBatch(batchId);
  const { readBatchedStatus } = await import("@chancery/sdk/chain");
  const lastLeaf = leaves[0]!; // newest first: the batch's last leaf
  const proof = (await readBatchedStatus(b.admin, { uid: lastLeaf.uid, batchId }))!.proof;
  await revokeBadge(b.admin, { uid: lastLeaf.uid, reason: "", code: "withdrawn", batch: { batchId, proof } });

  // erasures: a single, and a batched one by the authority
  await eraseBadge(a.admin, { uid: uids[1]! });
  const firstLeaf = leaves.at(-1)!;
  const firstProof = (await readBatchedStatus(b.admin, { uid: firstLeaf.uid, batchId }))!.proof;
  await eraseBadge(authority, { uid: firstLeaf.uid, batch: { batchId, proof: firstProof } });

  // a revoked badge erased afterwards, and an erased badge revoked afterwards (a code, no words)
  await eraseBadge(a.admin, { uid: uids[0]! });
  await revokeBadge(a.admin, { uid: uids[1]!, reason: "", code: "superseded" });

  // issuer standing, keys and signers, admin
  await accreditIssuer(authority, a.issuerId, "Université Exemple");
  await suspendIssuer(authority, b.issuerId, "Under review by the authority");
  await addIssuerKey(a.admin, a.issuerId, keccak256(toHex("second key")));
  await revokeIssuerKey(a.admin, a.issuerId, a.signingKey.publicKeyHex);
  await addIssuerSigner(a.admin, a.issuerId, chain.wallets[4]!.account!.address);
  await removeIssuerSigner(a.admin, a.issuerId, chain.wallets[4]!.account!.address);
  await transferIssuerAdmin(b.admin, b.issuerId, chain.wallets[7]!.account!.address);
  await acceptIssuerAdmin({ ...b.admin, wallet: chain.wallets[7]! }, b.issuerId);

  // a status list publication (the registry stores its block; the bytes are the issuer's signed list)
  const listKey = (await chain.publicClient.readContract({
    address: chain.registry,
    abi: (await import("@chancery/sdk/abi")).badgeRegistryAbi,
    functionName: "classStatusListKey",
    args: [a.classId, 0],
  })) as Hex;
  await writeRegistry(a.admin, "publishStatusList", [
    listKey,
    stringToHex('{"type":["VerifiableCredential","BitstringStatusListCredential"]}'),
  ]);

  // the console's own lists: a signer still active, an admin offer still open, a class retired
  const signer = chain.wallets[8]!.account!.address;
  await addIssuerSigner(a.admin, a.issuerId, signer);
  await transferIssuerAdmin(a.admin, a.issuerId, other);
  const { classId: retiredClassId } = await createBadgeClass(a.admin, a.issuerId, { type: ["Achievement"], name: "Pilot cohort" });
  await retireBadgeClass(a.admin, retiredClassId);

  return {
    learner,
    issuerIds: [a.issuerId, b.issuerId],
    classIds: [a.classId, b.classId, revised],
    batchId,
    uids,
    retiredClassId,
    accounts: { signer, removedSigner: chain.wallets[4]!.account!.address, offered: other, newAdmin: chain.wallets[7]!.account!.address },
  };
}
