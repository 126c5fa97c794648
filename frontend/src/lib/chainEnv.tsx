// The chain the app reads: its config and a public client on the configured RPC, so every read
// works without a wallet. Tests pass a fake client through <ChainEnvProvider>.
import { createContext, type ReactNode, useContext, useMemo } from "react";
import { createPublicClient, http, type PublicClient } from "viem";
import { type AppConfig, appConfig } from "../config.ts";
import type { RegistryContext } from "../sdk/light.ts";

export type ChainEnv = {
  config: AppConfig;
  client: PublicClient;
  /** Set when a registry is configured for this chain. */
  registry: RegistryContext | undefined;
};

export function createChainEnv(config: AppConfig, client?: PublicClient): ChainEnv {
  const publicClient =
    client ??
    (createPublicClient({
      chain: config.chain,
      transport: http(config.rpcUrl, { batch: { wait: 10 }, retryCount: 1, timeout: 10_000 }),
    }) as PublicClient);
  return {
    config,
    client: publicClient,
    registry: config.registry ? { client: publicClient, registry: config.registry, deployedOnBlock: config.deployedOnBlock } : undefined,
  };
}

const ChainEnvContext = createContext<ChainEnv | null>(null);

export function ChainEnvProvider({ env, children }: { env?: ChainEnv; children: ReactNode }) {
  const value = useMemo(() => env ?? createChainEnv(appConfig), [env]);
  return <ChainEnvContext.Provider value={value}>{children}</ChainEnvContext.Provider>;
}

export function useChainEnv(): ChainEnv {
  const env = useContext(ChainEnvContext);
  if (!env) throw new Error("useChainEnv outside <ChainEnvProvider>");
  return env;
}
