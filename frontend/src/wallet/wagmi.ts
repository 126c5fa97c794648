// wagmi + RainbowKit wallets without WalletConnect (no relay is reachable): wallets injected in the
// page (EIP-6963 discovery lists each one), plus the burner wallet on the local chain only.
import { type Wallet, connectorsForWallets } from "@rainbow-me/rainbowkit";
import { injectedWallet } from "@rainbow-me/rainbowkit/wallets";
import { type Config, createConfig, createConnector, http } from "wagmi";
import { injected } from "wagmi/connectors";
import type { AppConfig } from "../config.ts";
import { createBurnerProvider } from "./burner.ts";

const BURNER_ICON =
  "data:image/svg+xml;utf8," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 28"><rect width="28" height="28" rx="6" fill="#e0a526"/><path d="M14 5c1 4 6 6 6 11a6 6 0 0 1-12 0c0-3 2-4 2-7 2 1 3 3 3 5 1-1 2-4 1-9z" fill="#14213d"/></svg>',
  );

function burnerWallet(app: AppConfig): () => Wallet {
  return () => ({
    id: "burner",
    name: "Burner wallet (local chain)",
    iconUrl: BURNER_ICON,
    iconBackground: "#e0a526",
    installed: true,
    createConnector: (walletDetails) => {
      let provider: ReturnType<typeof createBurnerProvider> | undefined;
      const target = () => ({
        id: "burner",
        name: "Burner wallet",
        provider: () => (provider ??= createBurnerProvider(app.chain, app.rpcUrl)),
      });
      return createConnector((config) => ({ ...injected({ target, shimDisconnect: true })(config), ...walletDetails }));
    },
  });
}

export function createWagmiConfig(app: AppConfig): Config {
  const groups = [{ groupName: "Browser", wallets: [injectedWallet] }];
  if (app.isLocal) groups.push({ groupName: "Local testing", wallets: [burnerWallet(app)] });
  const connectors = connectorsForWallets(groups, { appName: "Chancery", projectId: "chancery-offline" });
  return createConfig({
    chains: [app.chain],
    connectors,
    transports: { [app.chain.id]: http(app.rpcUrl) },
    multiInjectedProviderDiscovery: true,
    ssr: false,
  });
}
