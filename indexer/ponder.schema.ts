// The tables a reader needs, filled from the registry's events alone. No personal data: the chain
// holds none in clear (a wallet is the recipient the event names; names and e-mails live only inside
// encrypted payloads, which the index never copies — it notes that one was published, nothing more).
import { index, onchainTable } from "ponder";

/** Newest-first order key: block * 1e6 + log index (one GraphQL `orderBy` column). */
export const ORDINAL_BLOCK = 1_000_000n;

export const issuer = onchainTable("issuer", (t) => ({
  issuerId: t.integer().primaryKey(),
  admin: t.hex().notNull(),
  pendingAdmin: t.hex(),
  /** "self-declared" | "accredited" | "suspended", as the registry derives it. */
  status: t.text().notNull(),
  accredited: t.boolean().notNull(),
  suspended: t.boolean().notNull(),
  statusChangedAt: t.integer().notNull(),
  statusChangedBlock: t.bigint().notNull(),
  /** The authority's words for the current suspension or withdrawn accreditation. */
  statusReason: t.text(),
  profileHash: t.hex().notNull(),
  /** The Open Badges Profile JSON of the last profile event (public by design). */
  profile: t.text().notNull(),
  profileBlock: t.bigint().notNull(),
  nameKey: t.hex(),
  registeredBlock: t.bigint().notNull(),
}));

export const signer = onchainTable(
  "signer",
  (t) => ({
    id: t.text().primaryKey(), // `${issuerId}:${signer}`
    issuerId: t.integer().notNull(),
    signer: t.hex().notNull(),
    validFrom: t.integer().notNull(),
    validUntil: t.integer(),
    addedBlock: t.bigint().notNull(),
  }),
  (table) => ({ bySigner: index().on(table.signer), byIssuer: index().on(table.issuerId) }),
);

export const issuerKey = onchainTable(
  "issuer_key",
  (t) => ({
    id: t.text().primaryKey(), // `${issuerId}:${publicKey}`
    issuerId: t.integer().notNull(),
    publicKey: t.hex().notNull(),
    validFrom: t.integer().notNull(),
    validUntil: t.integer(),
    addedBlock: t.bigint().notNull(),
  }),
  (table) => ({ byIssuer: index().on(table.issuerId) }),
);

export const badgeClass = onchainTable(
  "badge_class",
  (t) => ({
    classId: t.integer().primaryKey(),
    issuerId: t.integer().notNull(),
    /** The class this version replaces (zero for a first version). */
    previousVersion: t.integer().notNull(),
    /** The version that replaced this one, if any. */
    nextVersion: t.integer(),
    contentHash: t.hex().notNull(),
    /** The Open Badges Achievement JSON (public by design). */
    content: t.text().notNull(),
    createdAt: t.integer().notNull(),
    createdBlock: t.bigint().notNull(),
    retired: t.boolean().notNull(),
    retiredAt: t.integer(),
  }),
  (table) => ({ byIssuer: index().on(table.issuerId) }),
);

export const merkleBatch = onchainTable(
  "merkle_batch",
  (t) => ({
    batchId: t.hex().primaryKey(),
    issuerId: t.integer().notNull(),
    classId: t.integer().notNull(),
    root: t.hex().notNull(),
    count: t.integer().notNull(),
    issuedAt: t.integer().notNull(),
    expiresAt: t.integer(),
    blockNumber: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ byIssuer: index().on(table.issuerId), byClass: index().on(table.classId) }),
);

export const badge = onchainTable(
  "badge",
  (t) => ({
    uid: t.hex().primaryKey(),
    issuerId: t.integer().notNull(),
    classId: t.integer().notNull(),
    recipient: t.hex(),
    batchId: t.hex(),
    /** "single" | "array" | "merkle" | "delegated" | "unknown" (sent through another contract). */
    way: t.text().notNull(),
    issuedAt: t.integer().notNull(),
    expiresAt: t.integer(),
    revokedAt: t.integer(),
    revocationCode: t.text(),
    revocationReason: t.text(),
    erased: t.boolean().notNull(),
    erasedAt: t.integer(),
    /** An encrypted credential was published with the badge (its bytes are not copied). */
    hasPayload: t.boolean().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    transactionHash: t.hex().notNull(),
    ordinal: t.bigint().notNull(),
  }),
  (table) => ({
    byRecipient: index().on(table.recipient, table.ordinal),
    byIssuer: index().on(table.issuerId, table.ordinal),
    byClass: index().on(table.classId, table.ordinal),
    byBatch: index().on(table.batchId, table.ordinal),
  }),
);

export const revocation = onchainTable(
  "revocation",
  (t) => ({
    uid: t.hex().primaryKey(),
    issuerId: t.integer().notNull(),
    code: t.text().notNull(),
    reason: t.text().notNull(),
    revokedAt: t.integer().notNull(),
    erased: t.boolean().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    transactionHash: t.hex().notNull(),
    ordinal: t.bigint().notNull(),
  }),
  (table) => ({ byIssuer: index().on(table.issuerId, table.ordinal) }),
);

export const statusList = onchainTable(
  "status_list",
  (t) => ({
    listKey: t.hex().primaryKey(),
    issuerId: t.integer().notNull(),
    publications: t.integer().notNull(),
    publishedAt: t.integer().notNull(),
    publishedBlock: t.bigint().notNull(),
    /** The latest signed BitstringStatusListCredential JSON (public by design). */
    credential: t.text().notNull(),
  }),
  (table) => ({ byIssuer: index().on(table.issuerId) }),
);

/** Holders of the registry's roles (the registry authority, the default admin). */
export const roleMember = onchainTable("role_member", (t) => ({
  id: t.text().primaryKey(), // `${role}:${account}`
  role: t.hex().notNull(),
  account: t.hex().notNull(),
  grantedBlock: t.bigint().notNull(),
}));
