// A test wallet inside the page: an EIP-1193 provider announced through EIP-6963 (so RainbowKit
// lists it), that forwards JSON-RPC to the Hardhat node, whose unlocked accounts sign. Like a real
// wallet it reveals no account until eth_requestAccounts, and it can start on another chain so the
// app's wrong-network path is exercised.
import type { BrowserContext, Page } from "playwright-core";

export type TestWalletOptions = {
  rpcUrl: string;
  account: `0x${string}`;
  /** The chain the wallet reports at first (default: the node's). */
  startChainId?: number;
  /** Reject every signature / transaction prompt (to test the app's "rejected" path). */
  rejectPrompts?: boolean;
};

const PROMPTS = new Set(["eth_sendTransaction", "personal_sign", "eth_sign", "eth_signTypedData_v4"]);

/** What reached the wallet's node side: every request the page's provider forwarded, in order. */
export type WalletLog = { method: string; rejected: boolean }[];

export async function installTestWallet(context: BrowserContext, options: TestWalletOptions): Promise<{ log: WalletLog }> {
  const nodeChainId = Number(await rpc(options.rpcUrl, "eth_chainId", []));
  const log: WalletLog = [];
  let id = 0;
  // Runs in node: the page calls it for every request the provider does not answer itself.
  await context.exposeFunction("__chanceryWalletRpc", async (method: string, params: unknown[]) => {
    const rejected = !!options.rejectPrompts && PROMPTS.has(method);
    log.push({ method, rejected });
    if (rejected) return { error: { code: 4001, message: "User rejected the request." } };
    const response = await fetch(options.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
    });
    const json = (await response.json()) as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
    return json.error ? { error: json.error } : { result: json.result };
  });
  await context.addInitScript(
    ({ account, startChainId, nodeChainId }) => {
      const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
      const emit = (event: string, ...args: unknown[]) => {
        for (const fn of listeners.get(event) ?? []) fn(...args);
      };
      const storageKey = "chancery-test-wallet";
      const saved = JSON.parse(localStorage.getItem(storageKey) ?? "{}") as { connected?: boolean; chainId?: number };
      let connected = saved.connected ?? false;
      let chainId = saved.chainId ?? startChainId ?? nodeChainId;
      const save = () => localStorage.setItem(storageKey, JSON.stringify({ connected, chainId }));
      const hex = (n: number) => `0x${n.toString(16)}`;
      const providerError = (code: number, message: string) => Object.assign(new Error(message), { code });

      const provider = {
        isMetaMask: false,
        isChanceryTestWallet: true,
        async request({ method, params = [] }: { method: string; params?: unknown[] }) {
          switch (method) {
            case "eth_accounts":
              return connected ? [account] : [];
            case "eth_requestAccounts":
              if (!connected) {
                connected = true;
                save();
                emit("connect", { chainId: hex(chainId) });
                emit("accountsChanged", [account]);
              }
              return [account];
            case "eth_chainId":
              return hex(chainId);
            case "net_version":
              return String(chainId);
            case "wallet_switchEthereumChain": {
              const wanted = Number((params[0] as { chainId: string }).chainId);
              if (wanted !== nodeChainId) throw providerError(4902, `Unrecognized chain ID ${hex(wanted)}.`);
              chainId = wanted;
              save();
              emit("chainChanged", hex(chainId));
              return null;
            }
            case "wallet_addEthereumChain":
              return null;
            case "wallet_requestPermissions":
              connected = true;
              save();
              return [{ parentCapability: "eth_accounts" }];
            case "wallet_revokePermissions":
              connected = false;
              save();
              emit("accountsChanged", []);
              return null;
          }
          if (chainId !== nodeChainId && (method === "eth_sendTransaction" || method.startsWith("eth_sign"))) {
            throw providerError(4901, "The wallet is on another chain.");
          }
          const answer = await (
            window as unknown as {
              __chanceryWalletRpc: (
                m: string,
                p: unknown[],
              ) => Promise<{ result?: unknown; error?: { code: number; message: string; data?: unknown } }>;
            }
          ).__chanceryWalletRpc(method, params);
          if (answer.error) throw Object.assign(providerError(answer.error.code, answer.error.message), { data: answer.error.data });
          return answer.result;
        },
        on(event: string, fn: (...args: unknown[]) => void) {
          if (!listeners.has(event)) listeners.set(event, new Set());
          listeners.get(event)!.add(fn);
          return provider;
        },
        removeListener(event: string, fn: (...args: unknown[]) => void) {
          listeners.get(event)?.delete(fn);
          return provider;
        },
      };
      Object.defineProperty(window, "ethereum", { value: provider, configurable: true });
      const info = {
        uuid: "6f1a2c3e-0000-4000-8000-00000000c4a7",
        name: "Test Wallet",
        icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='6' fill='%23345'/%3E%3C/svg%3E",
        rdns: "org.chancery.testwallet",
      };
      const announce = () =>
        window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
      window.addEventListener("eip6963:requestProvider", announce);
      announce();
      // What a person does in the wallet's own window (not through the page): pick another network.
      Object.defineProperty(window, "__chanceryTestWallet", {
        value: {
          selectChain(id: number) {
            chainId = id;
            save();
            emit("chainChanged", hex(chainId));
          },
        },
      });
    },
    { account: options.account, startChainId: options.startChainId, nodeChainId },
  );
  return { log };
}

/** The person switches their wallet to another network from the wallet itself (as in MetaMask's network menu). */
export async function selectWalletChain(page: Page, chainId: number) {
  await page.evaluate(
    (id) => (window as unknown as { __chanceryTestWallet: { selectChain: (id: number) => void } }).__chanceryTestWallet.selectChain(id),
    chainId,
  );
}

export async function rpc(url: string, method: string, params: unknown[]): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const json = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (json.error) throw new Error(`${method}: ${json.error.message}`);
  return json.result;
}
