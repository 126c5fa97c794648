// wagmi connectors without WalletConnect (no relay is reachable): wallets injected in the page
// (EIP-6963 discovery lists each one), plus the burner wallet on the local chain only.
//
// The connectors carry RainbowKit's wallet details (`rkDetails`, what its `connectorsForWallets`
// adds) so its connect modal lists them, without loading RainbowKit before the modal is opened.
import { type Config, type CreateConnectorFn, createConfig, createConnector, http } from "wagmi";
import { injected } from "wagmi/connectors";
import type { AppConfig } from "../config.ts";
import { createBurnerProvider } from "./burner.ts";

const BURNER_ICON =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 28"><rect width="28" height="28" rx="6" fill="#e0a526"/><path d="M14 5c1 4 6 6 6 11a6 6 0 0 1-12 0c0-3 2-4 2-7 2 1 3 3 3 5 1-1 2-4 1-9z" fill="#14213d"/></svg>',
  );
const BROWSER_ICON =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 28"><rect width="28" height="28" rx="6" fill="#14213d"/><rect x="5" y="8" width="18" height="13" rx="3" fill="none" stroke="#fff" stroke-width="2"/><path d="M16 14.5h7" stroke="#fff" stroke-width="2"/><circle cx="18" cy="14.5" r="1.4" fill="#e0a526"/></svg>',
  );

type WalletDetails = {
  id: string;
  name: string;
  iconUrl: string;
  iconBackground: string;
  groupName: string;
  groupIndex: number;
  index: number;
};

/** A wagmi connector that RainbowKit's modal lists like one made by `connectorsForWallets`. */
function withWalletDetails(connector: CreateConnectorFn, details: WalletDetails): CreateConnectorFn {
  return createConnector((config) => ({
    ...connector(config),
    rkDetails: { ...details, installed: true, isRainbowKitConnector: true },
  }));
}

/** Wallets announce themselves synchronously (EIP-6963); they are listed by name on their own. */
function announcedWallets(): number {
  if (typeof window === "undefined") return 0;
  let count = 0;
  const onAnnounce = () => count++;
  window.addEventListener("eip6963:announceProvider", onAnnounce);
  window.dispatchEvent(new Event("eip6963:requestProvider"));
  window.removeEventListener("eip6963:announceProvider", onAnnounce);
  return count;
}

export function createConnectors(app: AppConfig): CreateConnectorFn[] {
  const connectors: CreateConnectorFn[] = [];
  // A generic "browser wallet" only for a window.ethereum that does not announce itself.
  if (typeof window !== "undefined" && (window as { ethereum?: unknown }).ethereum && announcedWallets() === 0) {
    connectors.push(
      withWalletDetails(injected({ shimDisconnect: true }), {
        id: "injected",
        name: "Browser wallet",
        iconUrl: BROWSER_ICON,
        iconBackground: "#14213d",
        groupName: "Browser",
        groupIndex: 1,
        index: 0,
      }),
    );
  }
  if (app.isLocal) {
    let provider: ReturnType<typeof createBurnerProvider> | undefined;
    const target = () => ({
      id: "burner",
      name: "Burner wallet",
      provider: () => (provider ??= createBurnerProvider(app.chain, app.rpcUrl)),
    });
    connectors.push(
      withWalletDetails(injected({ target, shimDisconnect: true }), {
        id: "burner",
        name: "Burner wallet (local chain)",
        iconUrl: BURNER_ICON,
        iconBackground: "#e0a526",
        groupName: "Local testing",
        groupIndex: 2,
        index: 1,
      }),
    );
  }
  return connectors;
}

export function createWagmiConfig(app: AppConfig): Config {
  return createConfig({
    chains: [app.chain],
    connectors: createConnectors(app),
    transports: { [app.chain.id]: http(app.rpcUrl) },
    multiInjectedProviderDiscovery: true,
    ssr: false,
  });
}
