// `chancery list …`: the lists the app shows (an issuer's, a learner's, a class's or a batch's badges,
// an issuer's revocations, the registry's issuers), found through the indexer when one is given
// (--indexer URL or CHANCERY_INDEXER_URL: one query, no log scan) and from the chain's events when not
// or when it does not answer. Each listed badge's status is then read from the registry itself.
import { type IssuerOnChain, readChainNow } from "@chancery/sdk/chain";
import {
  type BadgeListing,
  type BadgeReader,
  type RevocationListing,
  readCheckedBadges,
  readSourcedList,
  type SourcedList,
} from "@chancery/sdk/readers";
import { type Address, getAddress, type Hex, isAddress, isHex } from "viem";
import { CliError, type Connection } from "./connect.ts";

export const LIST_USAGE = `Lists (read only, no key needed):
  chancery list badges (--issuer ID | --recipient 0x… | --class ID | --batch 0x…) [--indexer URL]
  chancery list revocations --issuer ID [--indexer URL]
  chancery list issuers [--indexer URL]
  --indexer URL    the Chancery indexer (default: $CHANCERY_INDEXER_URL); without one, or when it does
                   not answer, the lists are read from the chain's events (slow on a public RPC)
A badge's standing (active, revoked, expired, erased) is read from the registry, whatever found it; a
list does not verify a badge's content: chancery verify does.`;

/** One badge as the command prints it. */
export type ListedBadge = BadgeListing & { standing: "active" | "revoked" | "expired" | "erased" };

type Described<T> = { source: "indexer" | "chain"; indexerUrl?: string; indexerError?: string; rows: T };

/** How long one indexer query may take before the chain answers instead (an index behind a dead proxy hangs). */
const INDEXER_TIMEOUT_MS = 10_000;
const indexerFetch: typeof fetch = (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(INDEXER_TIMEOUT_MS) });

/** The indexer to ask: --indexer, else CHANCERY_INDEXER_URL; none when both are empty. */
export function indexerUrlOf(flag: string | undefined): string | undefined {
  const url = (flag ?? process.env.CHANCERY_INDEXER_URL ?? "").trim();
  if (!url) return undefined;
  if (!/^https?:\/\//.test(url)) throw new CliError(`--indexer ${url} is not an http(s) URL (e.g. http://127.0.0.1:42069).`, 2);
  return url.replace(/\/+$/, "");
}

function pickList(query: {
  issuer?: number;
  recipient?: string;
  class?: number;
  batch?: string;
}): (reader: BadgeReader) => Promise<BadgeListing[]> {
  const given = Object.entries(query).filter(([, v]) => v !== undefined);
  if (given.length !== 1)
    throw new CliError("Give exactly one of --issuer ID, --recipient 0x…, --class ID or --batch 0x… to say whose badges to list.", 2);
  if (query.issuer !== undefined) return (r) => r.listBadgesOfIssuer(query.issuer as number);
  if (query.class !== undefined) return (r) => r.listBadgesOfClass(query.class as number);
  if (query.recipient !== undefined) {
    if (!isAddress(query.recipient, { strict: false }))
      throw new CliError(`--recipient ${query.recipient} is not a wallet address (0x + 40 hex).`, 2);
    const recipient: Address = getAddress(query.recipient);
    return (r) => r.listBadgesOfRecipient(recipient);
  }
  const batch = query.batch as string;
  if (!isHex(batch) || batch.length !== 66) throw new CliError(`--batch ${batch} is not a batch id (0x + 64 hex).`, 2);
  return (r) => r.listBadgesOfBatch(batch as Hex);
}

function described<T>(list: SourcedList<T>, indexerUrl: string | undefined): Described<T> {
  return {
    source: list.source,
    ...(indexerUrl ? { indexerUrl } : {}),
    ...(list.indexerError ? { indexerError: list.indexerError.message } : {}),
    rows: list.rows,
  };
}

function standingOf(badge: BadgeListing, now: number): ListedBadge["standing"] {
  if (badge.erased) return "erased";
  if (badge.revokedAt !== undefined) return "revoked";
  if (badge.expiresAt !== undefined && badge.expiresAt <= now) return "expired";
  return "active";
}

export async function listBadgesCommand(
  conn: Connection,
  query: { issuer?: number; recipient?: string; class?: number; batch?: string },
  indexerUrl: string | undefined,
): Promise<Described<ListedBadge[]>> {
  const list = pickList(query);
  const [found, now] = await Promise.all([readCheckedBadges(conn.ctx, indexerUrl, list, { fetch: indexerFetch }), readChainNow(conn.ctx)]);
  return described({ ...found, rows: found.rows.map((b) => ({ ...b, standing: standingOf(b, now) })) }, indexerUrl);
}

export async function listRevocationsCommand(conn: Connection, issuerId: number, indexerUrl: string | undefined) {
  return described(await readSourcedList(conn.ctx, indexerUrl, (r) => r.listRevocations(issuerId), { fetch: indexerFetch }), indexerUrl);
}

export async function listIssuersCommand(conn: Connection, indexerUrl: string | undefined) {
  return described(await readSourcedList(conn.ctx, indexerUrl, (r) => r.listIssuers(), { fetch: indexerFetch }), indexerUrl);
}

/** What answered a list, printed on stderr (so stdout stays the list, or its JSON). */
export function sourceLine(list: Described<unknown>): string {
  if (list.source === "indexer")
    return `Found through the indexer at ${list.indexerUrl} (no log scan); each badge's standing read from the registry.`;
  if (list.indexerError) return `${list.indexerError} Read from the chain's events instead.`;
  return "Read from the chain's events (give --indexer URL or CHANCERY_INDEXER_URL to list without scanning logs).";
}

const day = (seconds: number | undefined) => (seconds ? new Date(seconds * 1000).toISOString().slice(0, 10) : "—");

export function badgeLines(list: Described<ListedBadge[]>, what: string): string[] {
  const lines = [`${list.rows.length} badge${list.rows.length === 1 ? "" : "s"} ${what}, newest first.`];
  for (const b of list.rows) {
    const who = b.recipient ?? "(e-mail only)";
    const revoked =
      b.standing === "revoked" && b.revocationCode ? ` (${b.revocationCode}${b.revocationReason ? `: “${b.revocationReason}”` : ""})` : "";
    lines.push(`  ${b.uid}  class #${b.classId}  ${b.way.padEnd(9)} ${day(b.issuedAt)}  ${b.standing}${revoked}  ${who}`);
  }
  return lines;
}

export function revocationLines(list: Described<RevocationListing[]>, issuerId: number): string[] {
  const lines = [`${list.rows.length} revocation${list.rows.length === 1 ? "" : "s"} by issuer #${issuerId}, newest first.`];
  for (const r of list.rows) {
    // An erased badge's revocation stands, but the issuer's words about it are not repeated.
    const words = r.erased ? " (badge erased)" : r.reason ? `: “${r.reason}”` : "";
    lines.push(`  ${r.uid}  ${day(r.revokedAt)}  ${r.code}${words}`);
  }
  return lines;
}

export function issuerLines(list: Described<IssuerOnChain[]>): string[] {
  const lines = [`${list.rows.length} issuer${list.rows.length === 1 ? "" : "s"}.`];
  for (const issuer of list.rows) {
    const name = (issuer.profile as { name?: unknown } | undefined)?.name;
    lines.push(
      `  #${issuer.issuerId}  ${issuer.status.padEnd(13)} ${typeof name === "string" ? name : "(no name)"}  admin ${issuer.admin}`,
    );
  }
  return lines;
}
