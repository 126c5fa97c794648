// The hostile corpus of issue 13: attacker hosts and RPC proxies on loopback, a cloned registry,
// impostor issuers, and generated cases with their judge (used by sdk/test/hostile and the CLI).
import { bakedFileCases, clonedRegistryCases, graphCases, impostorCases, jwsCases, shapeCases, tamperedCases } from "./cases-documents.ts";
import { allowedGatewayCases, hostBehaviorCases, hostedCopyCases, privateHostCases, rpcCases, shareLinkCases } from "./cases-network.ts";
import type { HostileCase } from "./corpus.ts";
import { LOOKALIKE_NAMES } from "./world.ts";

export { servedByAllowedGateway, TIMING_BUDGET_MS } from "./cases-network.ts";
export * from "./corpus.ts";
export * from "./hosts.ts";
export * from "./registry.ts";
export * from "./rpc.ts";
export * from "./sign.ts";
export * from "./world.ts";

/**
 * Every class of the corpus, in run order. `concurrent` classes wait on the network (budgets of
 * 1.5 s) and run side by side; their CPU and RSS figures are process-wide over overlapping cases,
 * so they are upper bounds.
 */
export function hostileClasses(): { cls: string; concurrent: boolean; cases: HostileCase[] }[] {
  const classes: [boolean, HostileCase[]][] = [
    [false, clonedRegistryCases()],
    [false, impostorCases(LOOKALIKE_NAMES.length)],
    [false, tamperedCases()],
    [false, graphCases()],
    [false, jwsCases()],
    [false, bakedFileCases()],
    [false, shapeCases()],
    [false, shareLinkCases()],
    [false, hostedCopyCases()],
    [false, allowedGatewayCases()],
    [true, hostBehaviorCases()],
    [true, privateHostCases()],
    [true, rpcCases()],
  ];
  return classes.map(([concurrent, cases]) => ({ cls: cases[0]?.cls ?? "empty", concurrent, cases }));
}
