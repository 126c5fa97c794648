// The indexer reader: the same lists from the Ponder index (indexer/), over its GraphQL endpoint with
// plain fetch (browser-safe, no client library). A list is one HTTP query up to 10,000 rows (ten
// 1,000-row pages in one request); a longer one takes one more query per 10,000 rows. What it returns is
// what the index says: it finds badges, it never makes one valid (verification reads the registry).
import { type Address, getAddress, type Hex } from "viem";
import type { IssuerOnChain, IssuerStatusName, RevocationReasonName } from "../chain/registry.ts";
import { ChanceryError } from "../errors.ts";
import type { BadgeListing, BadgeReader, IssueWay, RevocationListing } from "./types.ts";

/** Ponder's largest page. */
const PAGE = 1000;
/** Pages asked for in one request after the first (Ponder's GraphQL armour allows 30 aliases). */
const PAGES_PER_QUERY = 10;

const BADGE_FIELDS =
  "uid issuerId classId recipient batchId way issuedAt expiresAt revokedAt revocationCode revocationReason erased blockNumber logIndex transactionHash";
const REVOCATION_FIELDS = "uid issuerId code reason revokedAt erased blockNumber logIndex transactionHash";
const ISSUER_FIELDS = "issuerId admin pendingAdmin status accredited statusChangedAt statusChangedBlock profileHash profile nameKey";

type BadgeRow = {
  uid: Hex;
  issuerId: number;
  classId: number;
  recipient: Hex | null;
  batchId: Hex | null;
  way: string;
  issuedAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  revocationCode: string | null;
  revocationReason: string | null;
  erased: boolean;
  blockNumber: string;
  logIndex: number;
  transactionHash: Hex;
};
type RevocationRow = Omit<RevocationListing, "blockNumber" | "code"> & { blockNumber: string; code: string };
type IssuerRow = {
  issuerId: number;
  admin: Hex;
  pendingAdmin: Hex | null;
  status: string;
  accredited: boolean;
  statusChangedAt: number;
  statusChangedBlock: string;
  profileHash: Hex;
  profile: string;
  nameKey: Hex | null;
};

/** The index did not answer, or answered something that is not a GraphQL result. */
export class IndexerError extends ChanceryError {
  readonly url: string;
  constructor(url: string, message: string) {
    super(
      "indexer-unavailable",
      `The indexer at ${url} ${message}. Check that it runs (npm start runs one), or read from the chain instead.`,
      {
        kind: "unavailable",
        details: { url },
      },
    );
    this.name = "IndexerError";
    this.url = url;
  }
}

const toBadge = (row: BadgeRow): BadgeListing => ({
  uid: row.uid,
  issuerId: row.issuerId,
  classId: row.classId,
  recipient: row.recipient ? getAddress(row.recipient) : undefined,
  batchId: row.batchId ?? undefined,
  way: row.way as IssueWay,
  issuedAt: row.issuedAt,
  expiresAt: row.expiresAt ?? undefined,
  revokedAt: row.revokedAt ?? undefined,
  revocationCode: (row.revocationCode ?? undefined) as RevocationReasonName | undefined,
  revocationReason: row.revocationReason ?? undefined,
  erased: row.erased,
  blockNumber: BigInt(row.blockNumber),
  logIndex: row.logIndex,
  transactionHash: row.transactionHash,
});

const toIssuer = (row: IssuerRow): IssuerOnChain => ({
  issuerId: row.issuerId,
  admin: getAddress(row.admin),
  pendingAdmin: row.pendingAdmin ? getAddress(row.pendingAdmin) : undefined,
  status: row.status as IssuerStatusName,
  accredited: row.accredited,
  statusChangedAt: row.statusChangedAt,
  statusChangedBlock: BigInt(row.statusChangedBlock),
  profileHash: row.profileHash,
  profile: JSON.parse(row.profile),
  nameKey: row.nameKey ?? undefined,
});

export type IndexerReaderOptions = {
  /** The indexer's base URL (e.g. http://127.0.0.1:42069); its GraphQL endpoint is `${url}/graphql`. */
  url: string;
  fetch?: typeof fetch;
  /** Called once per HTTP query (benchmarks count them). */
  onQuery?: () => void;
};

/** A reader over the Ponder index. */
export function indexerReader(options: IndexerReaderOptions): BadgeReader {
  const base = options.url.replace(/\/+$/, "");
  const endpoint = `${base}/graphql`;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function query<T>(text: string): Promise<T> {
    options.onQuery?.();
    let response: Response;
    try {
      response = await doFetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: text }),
      });
    } catch (error) {
      throw new IndexerError(base, `could not be reached (${(error as Error).message})`);
    }
    const body = (await response.json().catch(() => undefined)) as { data?: T; errors?: { message: string }[] } | undefined;
    if (!response.ok || !body?.data) {
      throw new IndexerError(base, `answered HTTP ${response.status}${body?.errors?.[0] ? `: ${body.errors[0].message}` : ""}`);
    }
    return body.data;
  }

  /** Every row of `table` matching `where`, in `orderBy` order: one query, plus one for the rest of a long list. */
  async function all<R>(table: string, where: string, orderBy: string, direction: "asc" | "desc", fields: string): Promise<R[]> {
    const page = (alias: string, offset: number) =>
      `${alias}: ${table}(where: ${where}, orderBy: "${orderBy}", orderDirection: "${direction}", limit: ${PAGE}, offset: ${offset}) { items { ${fields} } }`;
    // The first query asks for the first pages at once (pages past the end come back empty), so a
    // list of up to PAGE * PAGES_PER_QUERY rows is one query.
    const firstPages = [
      `p0: ${table}(where: ${where}, orderBy: "${orderBy}", orderDirection: "${direction}", limit: ${PAGE}) { totalCount items { ${fields} } }`,
    ];
    for (let i = 1; i < PAGES_PER_QUERY; i++) firstPages.push(page(`p${i}`, i * PAGE));
    const first = await query<Record<string, { items: R[]; totalCount?: number }>>(`{ ${firstPages.join(" ")} }`);
    const rows: R[] = [];
    for (let i = 0; i < PAGES_PER_QUERY; i++) rows.push(...(first[`p${i}`]?.items ?? []));
    const total = first.p0?.totalCount ?? rows.length;
    while (rows.length < total) {
      const aliases: string[] = [];
      for (let i = 0; i < PAGES_PER_QUERY && rows.length + i * PAGE < total; i++) aliases.push(page(`p${i}`, rows.length + i * PAGE));
      const more = await query<Record<string, { items: R[] }>>(`{ ${aliases.join(" ")} }`);
      const before = rows.length;
      for (let i = 0; i < aliases.length; i++) rows.push(...(more[`p${i}`]?.items ?? []));
      if (rows.length === before) break; // rows removed meanwhile (a reorg): what was read stands
    }
    return rows;
  }

  const lit = (value: string | number) => JSON.stringify(typeof value === "string" ? value.toLowerCase() : value);
  const badges = async (where: string) => (await all<BadgeRow>("badges", where, "ordinal", "desc", BADGE_FIELDS)).map(toBadge);

  return {
    source: "indexer",
    listBadgesOfRecipient: (recipient: Address) => badges(`{ recipient: ${lit(recipient)} }`),
    listBadgesOfIssuer: (issuerId) => badges(`{ issuerId: ${lit(issuerId)} }`),
    listBadgesOfClass: (classId) => badges(`{ classId: ${lit(classId)} }`),
    listBadgesOfBatch: (batchId) => badges(`{ batchId: ${lit(batchId)} }`),
    async findBadge(uid) {
      const data = await query<{ badge: BadgeRow | null }>(`{ badge(uid: ${lit(uid)}) { ${BADGE_FIELDS} } }`);
      return data.badge ? toBadge(data.badge) : undefined;
    },
    async listRevocations(issuerId) {
      const rows = await all<RevocationRow>("revocations", `{ issuerId: ${lit(issuerId)} }`, "ordinal", "desc", REVOCATION_FIELDS);
      return rows.map((r) => ({ ...r, code: r.code as RevocationReasonName, blockNumber: BigInt(r.blockNumber) }));
    },
    async listIssuers() {
      return (await all<IssuerRow>("issuers", "{}", "issuerId", "asc", ISSUER_FIELDS)).map(toIssuer);
    },
  };
}
