import { readChainNow } from "@chancery/sdk/chain";
import { type BadgeListing, readCheckedBadges, readCheckedClasses, type SourcedList } from "@chancery/sdk/readers";
import { skipToken, useQuery } from "@tanstack/react-query";
import { appConfig } from "../../config.ts";
// Queries wait (skipToken) until the chain environment names a registry.
import { useChainEnv } from "../../lib/chainEnv.tsx";
import { readStatusReason } from "../../lib/registryQueries.ts";
import { readIssuerKeys, readIssuerSigners } from "../../sdk/light.ts";
import { issuerKeys, useIssuer } from "./context.tsx";

/** The issuer's classes: found through the indexer when the app has one, each confirmed by the registry. */
export function useClasses() {
  const { registry } = useChainEnv();
  const { issuer } = useIssuer();
  return useQuery({
    queryKey: issuerKeys.classes(issuer.issuerId),
    queryFn: registry ? () => readCheckedClasses(registry, appConfig.indexerUrl, issuer.issuerId).then((list) => list.rows) : skipToken,
  });
}

/**
 * Every badge of the issuer, Merkle batches included, newest first: found through the indexer when the
 * app has one (one query, no log scan) and it answers, else from the chain's events; each status then
 * read from the registry (an index can hide a badge, never vouch for one). Under the issued list's key,
 * so whatever refreshes that list (an award, a revocation) refreshes this too.
 */
function useIssuerBadgeList<T>(select: (list: SourcedList<BadgeListing[]>) => T) {
  const { registry } = useChainEnv();
  const { issuer } = useIssuer();
  return useQuery({
    queryKey: [...issuerKeys.issued(issuer.issuerId), "all-ways"],
    queryFn: registry ? () => readCheckedBadges(registry, appConfig.indexerUrl, (r) => r.listBadgesOfIssuer(issuer.issuerId)) : skipToken,
    select,
  });
}

const rowsOf = (list: SourcedList<BadgeListing[]>) => list.rows;
const sourceOf = (list: SourcedList<BadgeListing[]>) => ({ source: list.source, indexerDown: !!list.indexerError });

export function useIssuerBadges() {
  return useIssuerBadgeList(rowsOf);
}

/** Which source answered the issued list (the same query as useIssuerBadges, read once). */
export function useIssuerBadgesSource() {
  return useIssuerBadgeList(sourceOf).data;
}

export function useKeys() {
  const { registry } = useChainEnv();
  const { issuer } = useIssuer();
  return useQuery({
    queryKey: issuerKeys.keys(issuer.issuerId),
    queryFn: registry ? () => readIssuerKeys(registry, issuer.issuerId) : skipToken,
  });
}

export function useSigners() {
  const { registry } = useChainEnv();
  const { issuer } = useIssuer();
  return useQuery({
    queryKey: issuerKeys.signers(issuer.issuerId),
    queryFn: registry ? () => readIssuerSigners(registry, issuer.issuerId) : skipToken,
  });
}

export function useStatusReason() {
  const { registry } = useChainEnv();
  const { issuer } = useIssuer();
  return useQuery({
    queryKey: issuerKeys.reason(issuer.issuerId),
    queryFn: registry ? () => readStatusReason(registry, issuer).then((r) => r ?? null) : skipToken,
  });
}

/**
 * "Now" as the registry sees it (see readChainNow): a key or signer added in the last block is valid
 * from that block's time, which a local node may put ahead of the wall clock. Wall clock until known.
 */
export function useChainNow(): number {
  const { registry } = useChainEnv();
  const now = useQuery({
    queryKey: issuerKeys.chainNow,
    queryFn: registry ? () => readChainNow(registry) : skipToken,
    refetchInterval: 30_000,
  });
  return Math.max(now.data ?? 0, Date.now() / 1000);
}

/** Whether a window [from, until) contains now (pass useChainNow()'s). */
export function activeNow(window: { validFrom: number; validUntil?: number }, now = Date.now() / 1000): boolean {
  return window.validFrom <= now && (!window.validUntil || window.validUntil > now);
}
