import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { type Config, WagmiProvider } from "wagmi";
import { appConfig } from "./config.ts";
import { type ChainEnv, ChainEnvProvider } from "./lib/chainEnv.tsx";
import { ConnectProvider } from "./wallet/connect.tsx";
import { createWagmiConfig } from "./wallet/wagmi.ts";

let defaultWagmi: Config | undefined;
/** One wagmi config for the app's lifetime (a second one would lose the wallet connection). */
function defaultWagmiConfig(): Config {
  if (!defaultWagmi) defaultWagmi = createWagmiConfig(appConfig);
  return defaultWagmi;
}

export function AppProviders({
  children,
  wagmiConfig,
  queryClient,
  env,
}: {
  children: ReactNode;
  wagmiConfig?: Config;
  queryClient?: QueryClient;
  env?: ChainEnv;
}) {
  const [config] = useState(() => wagmiConfig ?? defaultWagmiConfig());
  const [client] = useState(
    () => queryClient ?? new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 15_000 } } }),
  );
  return (
    <WagmiProvider config={config}>
      <QueryClientProvider client={client}>
        <ChainEnvProvider env={env}>
          <ConnectProvider>{children}</ConnectProvider>
        </ChainEnvProvider>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
