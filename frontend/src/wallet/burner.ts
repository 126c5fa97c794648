// A burner wallet for the local Hardhat chain only: a private key made in this tab (kept in
// sessionStorage, gone when the tab closes), funded by the node's `hardhat_setBalance`. It
// signs locally with viem and forwards reads to the node. Never offered on other chains.
import { type Address, type Chain, createWalletClient, type EIP1193Provider, type Hex, hexToBigInt, http, numberToHex } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";

const KEY_STORAGE = "chancery.burner.key";
const CONNECTED_STORAGE = "chancery.burner.connected";
const FUNDING = 1000n * 10n ** 18n;

type Listener = (...args: unknown[]) => void;

// viem's local accounts (secp256k1) load only when the burner is first used.
let accountPromise: Promise<PrivateKeyAccount> | undefined;
function burnerAccount(): Promise<PrivateKeyAccount> {
  accountPromise ??= import("viem/accounts").then(({ generatePrivateKey, privateKeyToAccount }) => {
    let key = sessionStorage.getItem(KEY_STORAGE);
    if (!key || !/^0x[0-9a-f]{64}$/i.test(key)) {
      key = generatePrivateKey();
      sessionStorage.setItem(KEY_STORAGE, key);
    }
    return privateKeyToAccount(key as Hex);
  });
  return accountPromise;
}

export function createBurnerProvider(chain: Chain, rpcUrl: string): EIP1193Provider {
  const transport = http(rpcUrl)({ chain });
  const listeners = new Map<string, Set<Listener>>();
  const emit = (event: string, ...args: unknown[]) => {
    for (const listener of listeners.get(event) ?? []) listener(...args);
  };
  const rpc = (method: string, params?: unknown) => transport.request({ method, params } as never) as Promise<unknown>;

  async function fund(address: Address) {
    const balance = hexToBigInt((await rpc("eth_getBalance", [address, "latest"])) as Hex);
    if (balance >= FUNDING / 10n) return;
    try {
      await rpc("hardhat_setBalance", [address, numberToHex(FUNDING)]);
    } catch {
      await rpc("anvil_setBalance", [address, numberToHex(FUNDING)]);
    }
  }

  const provider = {
    isBurner: true,
    async request({ method, params }: { method: string; params?: unknown }): Promise<unknown> {
      const args = (params ?? []) as unknown[];
      const account = await burnerAccount();
      switch (method) {
        case "eth_requestAccounts":
          await fund(account.address);
          sessionStorage.setItem(CONNECTED_STORAGE, "1");
          return [account.address];
        case "eth_accounts":
          return sessionStorage.getItem(CONNECTED_STORAGE) ? [account.address] : [];
        case "eth_chainId":
          return numberToHex(chain.id);
        case "wallet_requestPermissions":
          sessionStorage.setItem(CONNECTED_STORAGE, "1");
          return [{ parentCapability: "eth_accounts" }];
        case "wallet_revokePermissions":
          sessionStorage.removeItem(CONNECTED_STORAGE);
          emit("accountsChanged", []);
          return null;
        case "wallet_switchEthereumChain": {
          const wanted = Number((args[0] as { chainId: Hex }).chainId);
          if (wanted !== chain.id) throw Object.assign(new Error(`The burner wallet only knows chain ${chain.id}.`), { code: 4902 });
          return null;
        }
        case "personal_sign": {
          const [data] = args as [Hex];
          return account.signMessage({ message: { raw: data } });
        }
        case "eth_signTypedData_v4": {
          const [, json] = args as [Address, string];
          return account.signTypedData(JSON.parse(json));
        }
        case "eth_sendTransaction": {
          const [tx] = args as [{ to?: Address; data?: Hex; value?: Hex; gas?: Hex }];
          const wallet = createWalletClient({ account, chain, transport: http(rpcUrl) });
          return wallet.sendTransaction({
            account,
            chain,
            to: tx.to,
            data: tx.data,
            value: tx.value ? hexToBigInt(tx.value) : undefined,
            gas: tx.gas ? hexToBigInt(tx.gas) : undefined,
          });
        }
        default:
          return rpc(method, params);
      }
    },
    on(event: string, listener: Listener) {
      let set = listeners.get(event);
      if (set === undefined) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      return provider;
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
      return provider;
    },
  };
  return provider as unknown as EIP1193Provider;
}
