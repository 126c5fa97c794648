// The issuer's roster in the console: every badge of the issuer (Merkle batches included, from their
// per-badge events), and — after one wallet signature, kept in memory for this visit — the learners'
// names opened from the encrypted credentials the chain holds, and a Merkle batch's from the encrypted
// roster its issuing transaction carries (sdk/roster). Names of badges published before the roster
// (random keys) show only where this browser kept their link's key.
import { buildShareLink } from "@chancery/sdk/links";
import type { BadgeListing } from "@chancery/sdk/readers";
import {
  type RosterEntry,
  type RosterProgress,
  type RosterSecret,
  readRoster,
  rosterEmailMatches,
  unlockRoster,
} from "@chancery/sdk/roster";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { Hex } from "viem";
import type { BadgeChip } from "../../lib/badgeStatus.ts";
import { findLocalBadge } from "../../lib/localBadges.ts";
import type { IssuerSession } from "./context.tsx";

// One signature per wallet and registry for the whole visit (never written to storage).
const secrets = new Map<string, RosterSecret>();
const secretKey = (session: IssuerSession) => `${session.address.toLowerCase()}|${session.write.registry.toLowerCase()}`;

/** The connected wallet's roster secret, asked for once per visit (one wallet prompt). */
export function useRosterSecret(session: IssuerSession) {
  const [secret, setSecret] = useState<RosterSecret | undefined>(() => secrets.get(secretKey(session)));
  const current = secret && secret.account.toLowerCase() === session.address.toLowerCase() ? secret : secrets.get(secretKey(session));
  const unlock = useCallback(async () => {
    const cached = secrets.get(secretKey(session));
    const opened = cached ?? (await unlockRoster(session.write, { signer: session.write.wallet, account: session.address }));
    secrets.set(secretKey(session), opened);
    setSecret(opened);
    return opened;
  }, [session]);
  return { secret: current, unlock };
}

/** The roster secret for a write (award, bulk): asks the wallet only the first time this visit. */
export async function rosterSecretFor(session: IssuerSession): Promise<RosterSecret> {
  const cached = secrets.get(secretKey(session));
  if (cached) return cached;
  const opened = await unlockRoster(session.write, { signer: session.write.wallet, account: session.address });
  secrets.set(secretKey(session), opened);
  return opened;
}

/** The names of `badges` opened with `secret`, with progress while it reads (one read per badge, two per Merkle batch). */
export function useRosterNames(session: IssuerSession, secret: RosterSecret | undefined, badges: BadgeListing[] | undefined) {
  const [progress, setProgress] = useState<RosterProgress>();
  const query = useQuery({
    queryKey: ["issuer-roster", session.issuer.issuerId, secret?.account ?? "", badges?.map((b) => b.uid).join(",") ?? ""],
    enabled: !!secret && !!badges,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      setProgress({ done: 0, total: badges?.length ?? 0 });
      return readRoster(session.write, secret as RosterSecret, badges ?? [], { onProgress: setProgress });
    },
  });
  return { ...query, progress };
}

export type RosterRow = {
  badge: BadgeListing;
  chip: BadgeChip;
  className: string;
  /** The learner's name: opened by the roster, or the label this browser kept. */
  name: string | undefined;
  entry: RosterEntry | undefined;
  /** The badge key of the full link (roster or this browser), when known. */
  key: string | undefined;
};

/** A badge's status chip from its listing, at the chain's time. */
export function chipOfListing(badge: BadgeListing, now: number): BadgeChip {
  if (badge.erased) return "erased";
  if (badge.revokedAt) return "revoked";
  if (badge.expiresAt && badge.expiresAt <= now) return "expired";
  return "valid";
}

export function rosterRows(
  badges: BadgeListing[],
  entries: Map<Hex, RosterEntry> | undefined,
  context: { chainId: number; registry: string; now: number; classNames: Map<number, string> },
): RosterRow[] {
  return badges.map((badge) => {
    const entry = entries?.get(badge.uid);
    const local = findLocalBadge(context.chainId, context.registry, badge.uid);
    const named = entry?.state === "named" ? entry : undefined;
    const batchNamed = entry?.state === "batch-named" ? entry : undefined;
    return {
      badge,
      chip: chipOfListing(badge, context.now),
      className: context.classNames.get(badge.classId) ?? `#${badge.classId}`,
      // An erased badge's name and key are never shown or handed out again (the roster could still open it).
      name: badge.erased ? undefined : (named?.name ?? batchNamed?.name ?? local?.label),
      entry: badge.erased ? undefined : entry,
      key: badge.erased ? undefined : (named?.key ?? local?.key),
    };
  });
}

export type RosterFilter = { query: string; classId: number | "all"; status: BadgeChip | "all"; from: string; to: string };

/** Search (name, e-mail through each badge's salted hash, uid, wallet, class) and filters (class, status, issue date). */
export function filterRoster(rows: RosterRow[], filter: RosterFilter): RosterRow[] {
  const q = filter.query.trim().toLowerCase();
  const from = filter.from ? Date.parse(`${filter.from}T00:00:00`) / 1000 : undefined;
  const to = filter.to ? Date.parse(`${filter.to}T23:59:59`) / 1000 : undefined;
  return rows.filter((row) => {
    if (filter.classId !== "all" && row.badge.classId !== filter.classId) return false;
    if (filter.status !== "all" && row.chip !== filter.status) return false;
    if (from !== undefined && row.badge.issuedAt < from) return false;
    if (to !== undefined && row.badge.issuedAt > to) return false;
    if (!q) return true;
    if (q.includes("@") && row.entry && rosterEmailMatches(row.entry, q)) return true;
    // A Merkle batch's roster holds the e-mail itself (encrypted for this wallet), so part of it matches too.
    const email = row.entry?.state === "batch-named" ? (row.entry.email ?? "") : "";
    return [row.badge.uid, row.badge.recipient ?? "", row.name ?? "", row.className, email].some((s) => s.toLowerCase().includes(q));
  });
}

/** The link to give the learner again: the full one when the key is known, else the record-only one. */
export function shareLinkOf(row: RosterRow, context: { appBase: string; chainId: number; registry: string }): string {
  return buildShareLink({
    appBase: context.appBase,
    chainId: context.chainId,
    registry: context.registry,
    uid: row.badge.uid,
    ...(row.badge.batchId ? { batchId: row.badge.batchId } : {}),
    ...(row.key ? { key: row.key } : {}),
  });
}
