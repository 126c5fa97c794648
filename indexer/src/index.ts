// One handler per registry event. The engine (Ponder) orders events by block and log, keeps the
// tables consistent with the canonical chain (a reorg rolls back what the dropped blocks wrote) and
// serves them (src/api). Handlers only copy what the events and their calls say; nothing is judged.

import { ponder } from "ponder:registry";
import {
  badge,
  badgeClass,
  issuer,
  issuerKey,
  merkleBatch,
  ORDINAL_BLOCK,
  revocation,
  roleMember,
  signer,
  statusList,
} from "ponder:schema";
import { badgeRegistryAbi, REVOCATION_REASONS } from "@chancery/sdk/chain";
import { issueCallOf } from "@chancery/sdk/readers";
import { eq } from "ponder";
import { type Hex, hexToString, zeroAddress } from "viem";

const ordinal = (event: { block: { number: bigint }; log: { logIndex: number } }) =>
  event.block.number * ORDINAL_BLOCK + BigInt(event.log.logIndex);
const time = (event: { block: { timestamp: bigint } }) => Number(event.block.timestamp);
const statusOf = (row: { accredited: boolean; suspended: boolean }) =>
  row.suspended ? "suspended" : row.accredited ? "accredited" : "self-declared";
const lower = (value: Hex) => value.toLowerCase() as Hex;

// ------------------------------------------------------------------ issuers, signers, keys, authority

ponder.on("BadgeRegistry:IssuerRegistered", async ({ event, context }) => {
  const { issuerId, admin, profileHash, profile } = event.args;
  await context.db.insert(issuer).values({
    issuerId,
    admin: lower(admin),
    pendingAdmin: null,
    status: "self-declared",
    accredited: false,
    suspended: false,
    statusChangedAt: time(event),
    statusChangedBlock: event.block.number,
    statusReason: null,
    profileHash,
    profile,
    profileBlock: event.block.number,
    nameKey: null,
    registeredBlock: event.block.number,
  });
});

ponder.on("BadgeRegistry:IssuerProfileUpdated", async ({ event, context }) => {
  const { issuerId, profileHash, profile } = event.args;
  await context.db.update(issuer, { issuerId }).set({ profileHash, profile, profileBlock: event.block.number });
});

ponder.on("BadgeRegistry:IssuerAdminTransferStarted", async ({ event, context }) => {
  const { issuerId, newAdmin } = event.args;
  // An offer to the zero address cancels the pending one.
  await context.db.update(issuer, { issuerId }).set({ pendingAdmin: newAdmin === zeroAddress ? null : lower(newAdmin) });
});

ponder.on("BadgeRegistry:IssuerAdminTransferred", async ({ event, context }) => {
  const { issuerId, newAdmin } = event.args;
  await context.db.update(issuer, { issuerId }).set({ admin: lower(newAdmin), pendingAdmin: null });
});

ponder.on("BadgeRegistry:SignerAdded", async ({ event, context }) => {
  const { issuerId, signer: account, validFrom, validUntil } = event.args;
  await context.db.insert(signer).values({
    id: `${issuerId}:${lower(account)}`,
    issuerId,
    signer: lower(account),
    validFrom,
    validUntil: validUntil || null,
    addedBlock: event.block.number,
  });
});

ponder.on("BadgeRegistry:SignerRemoved", async ({ event, context }) => {
  const { issuerId, signer: account, validUntil } = event.args;
  await context.db.update(signer, { id: `${issuerId}:${lower(account)}` }).set({ validUntil });
});

ponder.on("BadgeRegistry:KeyAdded", async ({ event, context }) => {
  const { issuerId, publicKey, validFrom, validUntil } = event.args;
  await context.db.insert(issuerKey).values({
    id: `${issuerId}:${publicKey}`,
    issuerId,
    publicKey,
    validFrom,
    validUntil: validUntil || null,
    addedBlock: event.block.number,
  });
});

ponder.on("BadgeRegistry:KeyRevoked", async ({ event, context }) => {
  const { issuerId, publicKey, validUntil } = event.args;
  await context.db.update(issuerKey, { id: `${issuerId}:${publicKey}` }).set({ validUntil });
});

ponder.on("BadgeRegistry:IssuerAccredited", async ({ event, context }) => {
  const { issuerId, nameKey } = event.args;
  await context.db.update(issuer, { issuerId }).set((row) => {
    const next = { ...row, accredited: true };
    return {
      ...next,
      status: statusOf(next),
      nameKey,
      statusReason: null,
      statusChangedAt: time(event),
      statusChangedBlock: event.block.number,
    };
  });
});

ponder.on("BadgeRegistry:IssuerAccreditationWithdrawn", async ({ event, context }) => {
  const { issuerId, reason } = event.args;
  await context.db.update(issuer, { issuerId }).set((row) => {
    const next = { ...row, accredited: false };
    return {
      ...next,
      status: statusOf(next),
      nameKey: null,
      statusReason: reason,
      statusChangedAt: time(event),
      statusChangedBlock: event.block.number,
    };
  });
});

ponder.on("BadgeRegistry:IssuerSuspended", async ({ event, context }) => {
  const { issuerId, reason } = event.args;
  await context.db.update(issuer, { issuerId }).set((row) => {
    const next = { ...row, suspended: true };
    return { ...next, status: statusOf(next), statusReason: reason, statusChangedAt: time(event), statusChangedBlock: event.block.number };
  });
});

ponder.on("BadgeRegistry:IssuerReinstated", async ({ event, context }) => {
  const { issuerId } = event.args;
  await context.db.update(issuer, { issuerId }).set((row) => {
    const next = { ...row, suspended: false };
    return { ...next, status: statusOf(next), statusReason: null, statusChangedAt: time(event), statusChangedBlock: event.block.number };
  });
});

ponder.on("BadgeRegistry:RoleGranted", async ({ event, context }) => {
  const { role, account } = event.args;
  await context.db
    .insert(roleMember)
    .values({ id: `${role}:${lower(account)}`, role, account: lower(account), grantedBlock: event.block.number })
    .onConflictDoUpdate({ grantedBlock: event.block.number });
});

ponder.on("BadgeRegistry:RoleRevoked", async ({ event, context }) => {
  const { role, account } = event.args;
  await context.db.delete(roleMember, { id: `${role}:${lower(account)}` });
});

// Role hierarchy and the EIP-712 domain change nothing a list shows; handled so no event goes unseen.
ponder.on("BadgeRegistry:RoleAdminChanged", async () => {});
ponder.on("BadgeRegistry:EIP712DomainChanged", async () => {});

// ------------------------------------------------------------------ badge classes

ponder.on("BadgeRegistry:BadgeClassCreated", async ({ event, context }) => {
  const { classId, issuerId, previousVersion, contentHash, content } = event.args;
  await context.db.insert(badgeClass).values({
    classId,
    issuerId,
    previousVersion,
    nextVersion: null,
    contentHash,
    content,
    createdAt: time(event),
    createdBlock: event.block.number,
    retired: false,
    retiredAt: null,
  });
  if (previousVersion !== 0) await context.db.update(badgeClass, { classId: previousVersion }).set({ nextVersion: classId });
});

ponder.on("BadgeRegistry:BadgeClassRetired", async ({ event, context }) => {
  await context.db.update(badgeClass, { classId: event.args.classId }).set({ retired: true, retiredAt: time(event) });
});

// ------------------------------------------------------------------ badges

ponder.on("BadgeRegistry:AssertionIssued", async ({ event, context }) => {
  const { uid, issuerId, recipient } = event.args;
  // The class and expiry are in the call, not the event; a call we cannot read (through another
  // contract, a mixed multicall) is answered by the registry as of this block.
  let call = issueCallOf(event.transaction.input);
  if (!call) {
    const record = await context.client.readContract({
      abi: badgeRegistryAbi,
      address: event.log.address,
      functionName: "getAssertion",
      args: [uid],
    });
    call = { way: "unknown" as never, classId: record.classId, expiresAt: record.expiresAt };
  }
  await context.db
    .insert(badge)
    .values({
      uid,
      issuerId,
      classId: call.classId,
      recipient: recipient === zeroAddress ? null : lower(recipient),
      batchId: null,
      way: call.way ?? "unknown",
      issuedAt: time(event),
      expiresAt: call.expiresAt || null,
      revokedAt: null,
      revocationCode: null,
      revocationReason: null,
      erased: false,
      erasedAt: null,
      hasPayload: false,
      blockNumber: event.block.number,
      logIndex: event.log.logIndex,
      transactionHash: event.transaction.hash,
      ordinal: ordinal(event),
    })
    // A uid recorded twice (on its own and in a batch, or in two batches) keeps its first record;
    // the registry answers for each anchor (verifyAssertion with the batch).
    .onConflictDoNothing();
});

ponder.on("BadgeRegistry:AssertionBatched", async ({ event, context }) => {
  const { uid, batchId, recipient } = event.args;
  // Issuer, class and expiry come with MerkleBatchIssued, emitted after the leaves in the same call.
  await context.db
    .insert(badge)
    .values({
      uid,
      issuerId: 0,
      classId: 0,
      recipient: recipient === zeroAddress ? null : lower(recipient),
      batchId,
      way: "merkle",
      issuedAt: time(event),
      expiresAt: null,
      revokedAt: null,
      revocationCode: null,
      revocationReason: null,
      erased: false,
      erasedAt: null,
      hasPayload: false,
      blockNumber: event.block.number,
      logIndex: event.log.logIndex,
      transactionHash: event.transaction.hash,
      ordinal: ordinal(event),
    })
    .onConflictDoNothing();
});

ponder.on("BadgeRegistry:MerkleBatchIssued", async ({ event, context }) => {
  const { batchId, issuerId, classId, root, count } = event.args;
  const stored = await context.client.readContract({
    abi: badgeRegistryAbi,
    address: event.log.address,
    functionName: "getBatch",
    args: [batchId],
  });
  const expiresAt = stored.expiresAt || null;
  await context.db.insert(merkleBatch).values({
    batchId,
    issuerId,
    classId,
    root,
    count,
    issuedAt: time(event),
    expiresAt,
    blockNumber: event.block.number,
    transactionHash: event.transaction.hash,
  });
  await context.db.sql.update(badge).set({ issuerId, classId, expiresAt }).where(eq(badge.batchId, batchId));
});

ponder.on("BadgeRegistry:AssertionPayloadPublished", async ({ event, context }) => {
  // The encrypted credential stays on chain only: the index keeps no copy of it.
  await context.db.update(badge, { uid: event.args.uid }).set({ hasPayload: true });
});

ponder.on("BadgeRegistry:AssertionRevoked", async ({ event, context }) => {
  const { uid, issuerId, reasonCode, reason } = event.args;
  const code = REVOCATION_REASONS[reasonCode] ?? "unspecified";
  const revoked = await context.db.update(badge, { uid }).set({ revokedAt: time(event), revocationCode: code, revocationReason: reason });
  await context.db.insert(revocation).values({
    uid,
    issuerId,
    code,
    reason,
    revokedAt: time(event),
    erased: revoked.erased,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    transactionHash: event.transaction.hash,
    ordinal: ordinal(event),
  });
});

ponder.on("BadgeRegistry:AssertionErased", async ({ event, context }) => {
  const { uid } = event.args;
  await context.db.update(badge, { uid }).set({ erased: true, erasedAt: time(event) });
  if (await context.db.find(revocation, { uid })) await context.db.update(revocation, { uid }).set({ erased: true });
});

ponder.on("BadgeRegistry:StatusListPublished", async ({ event, context }) => {
  const { issuerId, listKey, credential } = event.args;
  const json = hexToString(credential);
  await context.db
    .insert(statusList)
    .values({ listKey, issuerId, publications: 1, publishedAt: time(event), publishedBlock: event.block.number, credential: json })
    .onConflictDoUpdate((row) => ({
      publications: row.publications + 1,
      publishedAt: time(event),
      publishedBlock: event.block.number,
      credential: json,
    }));
});
