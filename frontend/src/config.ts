// Where the app reads and writes: chain, RPC, registry and gateway. Defaults come from the
// deployments exported by `npm run deploy` (sdk/src/generated); VITE_* variables override them.
import { type Address, type Chain, defineChain, getAddress, isAddress } from "viem";
import { arbitrum, base, baseSepolia, hardhat, mainnet, optimism, polygon, sepolia } from "viem/chains";
import { deployments } from "./sdk/light.ts";

export type AppConfig = {
  chain: Chain;
  chainId: number;
  rpcUrl: string;
  /** The BadgeRegistry address, undefined when nothing is deployed on this chain. */
  registry: Address | undefined;
  deployedOnBlock: bigint;
  gatewayUrl: string;
  /** The indexer (lists in one query); undefined: lists are read from the chain. */
  indexerUrl: string | undefined;
  /** The local Hardhat chain: the burner wallet is offered only there. */
  isLocal: boolean;
};

const KNOWN_CHAINS: Chain[] = [hardhat, sepolia, baseSepolia, base, optimism, polygon, arbitrum, mainnet];

type DeploymentTable = Record<string, { BadgeRegistry?: { address: string; deployedOnBlock: number } }>;

export function chainFor(chainId: number, rpcUrl: string): Chain {
  const known = KNOWN_CHAINS.find((c) => c.id === chainId);
  const rpcUrls = { default: { http: [rpcUrl] } };
  if (known) return { ...known, rpcUrls };
  return defineChain({ id: chainId, name: `Chain ${chainId}`, nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls });
}

export function buildConfig(env: Partial<ImportMetaEnv>, table: DeploymentTable = deployments as DeploymentTable): AppConfig {
  const firstDeployed = Object.keys(table)[0];
  const chainId = Number(env.VITE_CHAIN_ID || firstDeployed || 31337);
  const known = KNOWN_CHAINS.find((c) => c.id === chainId);
  const rpcUrl =
    env.VITE_RPC_URL || (chainId === 31337 ? "http://127.0.0.1:8545" : (known?.rpcUrls.default.http[0] ?? "http://127.0.0.1:8545"));
  const deployed = table[String(chainId)]?.BadgeRegistry;
  const fromEnv =
    env.VITE_REGISTRY_ADDRESS && isAddress(env.VITE_REGISTRY_ADDRESS, { strict: false })
      ? getAddress(env.VITE_REGISTRY_ADDRESS)
      : undefined;
  const registry = fromEnv ?? (deployed ? getAddress(deployed.address) : undefined);
  const deployedOnBlock = BigInt(env.VITE_DEPLOYED_BLOCK || (fromEnv ? 0 : (deployed?.deployedOnBlock ?? 0)));
  return {
    chain: chainFor(chainId, rpcUrl),
    chainId,
    rpcUrl,
    registry,
    deployedOnBlock,
    gatewayUrl: (env.VITE_GATEWAY_URL || "http://127.0.0.1:8787").replace(/\/+$/, ""),
    indexerUrl: env.VITE_INDEXER_URL ? env.VITE_INDEXER_URL.replace(/\/+$/, "") : undefined,
    isLocal: chainId === 31337,
  };
}

export const appConfig: AppConfig = buildConfig(import.meta.env);

/** The app's own origin (share links point at /verify on it). */
export function appBase(): string {
  return window.location.origin;
}
