// Where the issuer commands write: the chain (from `--network <name>` as configured in
// hardhat.config.ts, or `--rpc URL`), the registry (exported deployments or `--registry`) and the
// wallet (CHANCERY_PRIVATE_KEY, Hardhat's keystore, the network's configured accounts, or a local
// node's first unlocked account). Node only.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { explainError, type WriteContext } from "@chancery/sdk/chain";
import { deployments } from "@chancery/sdk/deployments";
import { ChanceryError, type ChanceryErrorKind } from "@chancery/sdk/errors";
import { normalizeGatewayBase } from "@chancery/sdk/ids";
import {
  type Account,
  type Address,
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  http,
  isAddress,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

/**
 * A refusal or failure of the CLI, in words for the terminal. Exit code 2 is a usage error (code
 * `cli-usage`, kind `invalid-input`); 1 anything else (code `cli-failed`, kind as given).
 */
export class CliError extends ChanceryError {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1, options: { kind?: ChanceryErrorKind; cause?: unknown } = {}) {
    super(exitCode === 2 ? "cli-usage" : "cli-failed", message, {
      kind: options.kind ?? (exitCode === 2 ? "invalid-input" : "unknown"),
      cause: options.cause,
    });
    this.name = "CliError";
    this.exitCode = exitCode;
  }

  /** Whatever the sdk, viem or the wallet threw, with its plain sentence and kind (`prefix` before it). */
  static from(error: unknown, prefix = ""): CliError {
    if (error instanceof CliError && !prefix) return error;
    const explained = explainError(error);
    return new CliError(`${prefix}${explained.message}`, 1, { kind: explained.kind, cause: error });
  }
}

export type ConnectOptions = {
  network?: string;
  rpc?: string;
  registry?: string;
  gateway?: string;
  app?: string;
  /** Commands that only read need no wallet. */
  needsWallet?: boolean;
};

export type Connection = {
  chainId: number;
  rpcDescription: string;
  registry: Address;
  deployedOnBlock: bigint;
  client: PublicClient;
  wallet: WalletClient | undefined;
  account: Address | undefined;
  ctx: WriteContext;
  gatewayBase: string;
  appBase: string;
  /** Where the key came from, for the messages. */
  keySource: string;
};

const LOCAL_CHAINS = new Set([31337, 1337]);

function findProjectRoot(): string | undefined {
  let dir = process.cwd();
  for (;;) {
    if (existsSync(join(dir, "hardhat.config.ts")) || existsSync(join(dir, "hardhat.config.js"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const fromHere = resolve(import.meta.dirname, "..", "..");
  return existsSync(join(fromHere, "hardhat.config.ts")) ? fromHere : undefined;
}

type HardhatHre = {
  config: { networks: Record<string, { type: string; chainId?: number; url?: { getUrl(): Promise<string> }; accounts?: unknown }> };
  hooks: { runHandlerChain: (...args: unknown[]) => Promise<unknown> };
};

let hrePromise: Promise<HardhatHre> | undefined;

/** Hardhat's runtime for the project's hardhat.config.ts (loaded only when a command needs it). */
async function hardhatRuntime(): Promise<HardhatHre> {
  if (!hrePromise) {
    hrePromise = (async () => {
      const root = findProjectRoot();
      if (!root)
        throw new CliError("--network needs the project's hardhat.config.ts: run chancery from the project folder, or use --rpc URL.");
      // Hardhat is an optional peer: only `--network` and the keystore need it.
      const { createHardhatRuntimeEnvironment } = (await import("hardhat/hre")) as unknown as {
        createHardhatRuntimeEnvironment: (config: unknown, args?: unknown, root?: string) => Promise<HardhatHre>;
      };
      const config = (await import(join(root, "hardhat.config.ts"))).default;
      return await createHardhatRuntimeEnvironment(config, {}, root);
    })();
  }
  return hrePromise;
}

/**
 * A secret from Hardhat's configuration variables, resolved the way Hardhat resolves them: the
 * environment variable first, then the keystore (`npx hardhat keystore set NAME`), which asks for
 * its password in the terminal. Undefined when neither has it.
 */
async function configurationVariable(name: string): Promise<string | undefined> {
  if (process.env[name] !== undefined && process.env[name] !== "") return process.env[name];
  if (!(await keystoreExists())) return undefined;
  try {
    const hre = await hardhatRuntime();
    const { configVariable } = (await import("hardhat/config")) as unknown as { configVariable: (name: string) => unknown };
    const value = await hre.hooks.runHandlerChain("configurationVariables", "fetchValue", [configVariable(name)], async () => undefined);
    return typeof value === "string" && value !== "" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a Hardhat keystore exists at all (so Hardhat is loaded only when it may hold a key). */
async function keystoreExists(): Promise<boolean> {
  try {
    const { getConfigDir } = (await import("@nomicfoundation/hardhat-utils/global-dir")) as unknown as {
      getConfigDir: () => Promise<string>;
    };
    const dir = await getConfigDir();
    return existsSync(join(dir, "keystore.json")) || existsSync(join(dir, "dev.keystore.json"));
  } catch {
    return false;
  }
}

function privateKeyAccount(key: string, source: string): Account {
  const hex = key.startsWith("0x") ? key : `0x${key}`;
  if (!/^0x[0-9a-fA-F]{64}$/.test(hex)) throw new CliError(`${source} is not a private key (32 bytes of hex).`);
  return privateKeyToAccount(hex as `0x${string}`);
}

/** Connects to the chain and the registry, with a wallet when `needsWallet`. */
export async function connect(options: ConnectOptions): Promise<Connection> {
  let transport: Transport;
  let rpcDescription: string;
  let expectedChainId: number | undefined;
  let configuredKeys: unknown;
  if (options.network && options.rpc) throw new CliError("Give --network or --rpc, not both.", 2);
  if (options.network) {
    const hre = await hardhatRuntime();
    const network = hre.config.networks[options.network];
    if (!network)
      throw new CliError(
        `No network "${options.network}" in hardhat.config.ts. Configured: ${Object.keys(hre.config.networks).join(", ")}.`,
        2,
      );
    if (network.type !== "http" || !network.url)
      throw new CliError(
        `Network "${options.network}" is Hardhat's in-process simulation; start a node (npm run chain) and use --network localhost.`,
        2,
      );
    let url: string;
    try {
      url = await network.url.getUrl();
    } catch (error) {
      throw new CliError(
        `The RPC URL of network "${options.network}" is not set: ${(error as Error).message.split("\n")[0]} Set the environment variable or run \`npx hardhat keystore set …\`.`,
      );
    }
    transport = http(url, { retryCount: 1, timeout: 60_000 });
    rpcDescription = `${options.network} (${new URL(url).host})`;
    expectedChainId = network.chainId;
    configuredKeys = network.accounts;
  } else {
    const url = options.rpc ?? process.env.CHANCERY_RPC_URL ?? "http://127.0.0.1:8545";
    transport = http(url, { retryCount: 1, timeout: 60_000 });
    rpcDescription = url;
  }
  const probe = createPublicClient({ transport });
  let chainId: number;
  try {
    chainId = await probe.getChainId();
  } catch (error) {
    throw new CliError(
      `The chain at ${rpcDescription} did not answer (${(error as { shortMessage?: string }).shortMessage ?? (error as Error).message}). Start the node or check the RPC URL.`,
      1,
      { kind: "rpc", cause: error },
    );
  }
  if (expectedChainId !== undefined && chainId !== expectedChainId) {
    throw new CliError(`Network "${options.network}" is configured for chain ${expectedChainId}, but its RPC serves chain ${chainId}.`, 1, {
      kind: "wrong-network",
    });
  }
  const chain = defineChain({
    id: chainId,
    name: `Chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [] } },
  });
  const client = createPublicClient({ chain, transport }) as PublicClient;

  const exported = (deployments as Record<string, { BadgeRegistry?: { address: string; deployedOnBlock: number } }>)[String(chainId)]
    ?.BadgeRegistry;
  const registryText = options.registry ?? process.env.CHANCERY_REGISTRY ?? exported?.address;
  if (!registryText)
    throw new CliError(
      `No BadgeRegistry is exported for chain ${chainId}: deploy it (npm run deploy -- --network <name>) or pass --registry 0x….`,
      2,
    );
  if (!isAddress(registryText, { strict: false })) throw new CliError(`--registry ${registryText} is not an address.`, 2);
  const registry = getAddress(registryText);
  const code = await client.getCode({ address: registry });
  if (!code || code === "0x")
    throw new CliError(
      `No contract at ${registry} on chain ${chainId}: wrong --registry, or the local chain was restarted (run npm run deploy -- --network localhost).`,
      1,
      { kind: "not-deployed" },
    );
  const deployedOnBlock = exported && getAddress(exported.address) === registry ? BigInt(exported.deployedOnBlock) : 0n;

  const local = LOCAL_CHAINS.has(chainId);
  const gatewayBase = normalizeGatewayBase(options.gateway ?? process.env.CHANCERY_GATEWAY_URL ?? "http://127.0.0.1:8787");
  const appBase = normalizeGatewayBase(options.app ?? process.env.CHANCERY_APP_URL ?? "http://127.0.0.1:5173");

  let wallet: WalletClient | undefined;
  let account: Address | undefined;
  let keySource = "none";
  if (options.needsWallet) {
    const fromEnvOrKeystore = await configurationVariable("CHANCERY_PRIVATE_KEY");
    if (fromEnvOrKeystore) {
      const local = privateKeyAccount(fromEnvOrKeystore, "CHANCERY_PRIVATE_KEY");
      wallet = createWalletClient({ account: local, chain, transport });
      account = local.address;
      keySource = process.env.CHANCERY_PRIVATE_KEY ? "CHANCERY_PRIVATE_KEY" : "Hardhat keystore (CHANCERY_PRIVATE_KEY)";
    } else if (Array.isArray(configuredKeys) && configuredKeys.length > 0) {
      const first = configuredKeys[0] as { getHexString?: () => Promise<string> } | string;
      let key: string;
      try {
        if (typeof first === "string") key = first;
        else if (first.getHexString) key = await first.getHexString();
        else throw new Error("it is neither a private key nor a configuration variable");
      } catch (error) {
        throw new CliError(`The account of network "${options.network}" is not set: ${(error as Error).message.split("\n")[0]}`);
      }
      const local = privateKeyAccount(key, `the account of network "${options.network}"`);
      wallet = createWalletClient({ account: local, chain, transport });
      account = local.address;
      keySource = `network "${options.network}" accounts (DEPLOYER_PRIVATE_KEY)`;
    } else if (local || configuredKeys === "remote") {
      // A development node's unlocked accounts (Hardhat's localhost network uses them: "remote").
      const accounts = await createWalletClient({ chain, transport }).getAddresses();
      const index = Number(process.env.CHANCERY_ACCOUNT_INDEX ?? 0);
      const unlocked = accounts[index] ?? accounts[0];
      if (!unlocked) throw new CliError(`The node at ${rpcDescription} has no unlocked account: set CHANCERY_PRIVATE_KEY.`);
      account = getAddress(unlocked);
      wallet = createWalletClient({ account, chain, transport });
      keySource = `the local node's unlocked account #${accounts[index] ? index : 0}`;
    } else {
      throw new CliError(
        `No key to sign with on chain ${chainId}: set CHANCERY_PRIVATE_KEY (or \`npx hardhat keystore set CHANCERY_PRIVATE_KEY\`).`,
      );
    }
  }
  if (options.needsWallet && !local && /^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(gatewayBase)) {
    process.stderr.write(
      `Note: credentials will name the gateway ${gatewayBase}; on chain ${chainId} give the public one with --gateway https://… (or CHANCERY_GATEWAY_URL).\n`,
    );
  }
  const ctx = { client, registry, deployedOnBlock, wallet: wallet as WalletClient } as WriteContext;
  return { chainId, rpcDescription, registry, deployedOnBlock, client, wallet, account, ctx, gatewayBase, appBase, keySource };
}
