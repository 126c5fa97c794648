// Renders the real app (routes, providers, sdk) at a path, with a fake RPC and a mock wallet.
import { QueryClient } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import type { Address, Chain, PublicClient } from "viem";
import { mainnet } from "viem/chains";
import { vi } from "vitest";
import { createConfig, http } from "wagmi";
import { mock } from "wagmi/connectors";
import { buildConfig } from "../src/config.ts";
import { createChainEnv } from "../src/lib/chainEnv.tsx";
import { AppProviders } from "../src/providers.tsx";
import { routes } from "../src/routes.tsx";
import { REGISTRY } from "./fakeRegistry.ts";

export const testConfig = buildConfig({
  VITE_CHAIN_ID: "31337",
  VITE_RPC_URL: "http://127.0.0.1:8545",
  VITE_REGISTRY_ADDRESS: REGISTRY,
  VITE_GATEWAY_URL: "https://gw.example",
});

const WALLET_RPC = "http://wallet.test/rpc";
const viaWallet = (chain: Chain): Chain => ({ ...chain, rpcUrls: { default: { http: [WALLET_RPC] } } });

/** The mock connector forwards account reads to its chain's RPC: answer them as a wallet would. */
function stubWalletRpc(account: Address | undefined, chainId: number) {
  const real = globalThis.fetch;
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input) !== WALLET_RPC) return real(input, init);
    const body = JSON.parse(String(init?.body ?? "{}"));
    const answer = (one: { id: number; method: string }) => {
      if (one.method === "eth_accounts") return { jsonrpc: "2.0", id: one.id, result: account ? [account] : [] };
      if (one.method === "eth_chainId") return { jsonrpc: "2.0", id: one.id, result: `0x${chainId.toString(16)}` };
      if (one.method === "eth_getBalance") return { jsonrpc: "2.0", id: one.id, result: "0x0" };
      return { jsonrpc: "2.0", id: one.id, error: { code: -32601, message: `not in tests: ${one.method}` } };
    };
    return new Response(JSON.stringify(Array.isArray(body) ? body.map(answer) : answer(body)), {
      headers: { "content-type": "application/json" },
    });
  });
}

export function renderApp(path: string, options: { client: PublicClient; account?: Address; wrongNetwork?: boolean }) {
  const chains = (options.wrongNetwork ? [mainnet, testConfig.chain] : [testConfig.chain]).map(viaWallet);
  stubWalletRpc(options.account, chains[0]!.id);
  const wagmiConfig = createConfig({
    chains: chains as never,
    connectors: options.account ? [mock({ accounts: [options.account], features: { defaultConnected: true, reconnect: true } })] : [],
    transports: Object.fromEntries(chains.map((c) => [c.id, http(WALLET_RPC)])) as never,
    multiInjectedProviderDiscovery: false,
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: 0 } } });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const env = createChainEnv(testConfig, options.client);
  const utils = render(
    <AppProviders wagmiConfig={wagmiConfig} queryClient={queryClient} env={env}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...utils, router, queryClient };
}
