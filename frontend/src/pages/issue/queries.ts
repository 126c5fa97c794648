import { useQuery } from "@tanstack/react-query";
import { useChainEnv } from "../../lib/chainEnv.tsx";
import { listIssuedBadges, listIssuerClasses, readStatusReason } from "../../lib/registryQueries.ts";
import { readIssuerKeys, readIssuerSigners } from "../../sdk/light.ts";
import { issuerKeys, useIssuer } from "./context.tsx";

export function useClasses() {
  const { registry } = useChainEnv();
  const { issuer } = useIssuer();
  return useQuery({ queryKey: issuerKeys.classes(issuer.issuerId), queryFn: () => listIssuerClasses(registry!, issuer.issuerId) });
}

export function useIssued() {
  const { registry } = useChainEnv();
  const { issuer } = useIssuer();
  return useQuery({ queryKey: issuerKeys.issued(issuer.issuerId), queryFn: () => listIssuedBadges(registry!, issuer.issuerId) });
}

export function useKeys() {
  const { registry } = useChainEnv();
  const { issuer } = useIssuer();
  return useQuery({ queryKey: issuerKeys.keys(issuer.issuerId), queryFn: () => readIssuerKeys(registry!, issuer.issuerId) });
}

export function useSigners() {
  const { registry } = useChainEnv();
  const { issuer } = useIssuer();
  return useQuery({ queryKey: issuerKeys.signers(issuer.issuerId), queryFn: () => readIssuerSigners(registry!, issuer.issuerId) });
}

export function useStatusReason() {
  const { registry } = useChainEnv();
  const { issuer } = useIssuer();
  return useQuery({ queryKey: issuerKeys.reason(issuer.issuerId), queryFn: () => readStatusReason(registry!, issuer).then((r) => r ?? null) });
}

/** Whether a window [from, until) contains now. */
export function activeNow(window: { validFrom: number; validUntil?: number }, now = Date.now() / 1000): boolean {
  return window.validFrom <= now && (!window.validUntil || window.validUntil > now);
}
