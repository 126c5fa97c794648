import { type Locale, RainbowKitProvider, lightTheme } from "@rainbow-me/rainbowkit";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Config, WagmiProvider } from "wagmi";
import { appConfig } from "./config.ts";
import { LANGUAGES } from "./i18n/index.ts";
import { type ChainEnv, ChainEnvProvider } from "./lib/chainEnv.tsx";
import { createWagmiConfig } from "./wallet/wagmi.ts";

let defaultWagmi: Config | undefined;

const theme = lightTheme({ accentColor: "#14213d", accentColorForeground: "#ffffff", borderRadius: "medium", fontStack: "system" });

function Rainbow({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale = (LANGUAGES.find((l) => l.code === i18n.resolvedLanguage)?.rainbowkit ?? "en-US") as Locale;
  return (
    <RainbowKitProvider theme={theme} locale={locale} modalSize="compact" initialChain={appConfig.chain}>
      {children}
    </RainbowKitProvider>
  );
}

export function AppProviders({ children, wagmiConfig, queryClient, env }: { children: ReactNode; wagmiConfig?: Config; queryClient?: QueryClient; env?: ChainEnv }) {
  const [config] = useState(() => wagmiConfig ?? (defaultWagmi ??= createWagmiConfig(appConfig)));
  const [client] = useState(
    () => queryClient ?? new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 15_000 } } }),
  );
  return (
    <WagmiProvider config={config}>
      <QueryClientProvider client={client}>
        <Rainbow>
          <ChainEnvProvider env={env}>{children}</ChainEnvProvider>
        </Rainbow>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
