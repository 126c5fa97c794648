// Which registry to index: the sdk's generated deployments for CHAIN_ID (31337, the local node, by
// default), or REGISTRY_ADDRESS + DEPLOYED_BLOCK for any other. The embedded PGlite database by
// default (PGLITE_DIR, else .ponder/pglite); DATABASE_URL switches to PostgreSQL.
import { badgeRegistryAbi } from "@chancery/sdk/abi";
import { deployments } from "@chancery/sdk/deployments";
import { createConfig } from "ponder";
import { sharedLogsTransport } from "./lib/logs-transport.ts";

const chainId = Number(process.env.CHAIN_ID ?? 31337);
const rpcUrl = process.env.RPC_URL ?? "http://127.0.0.1:8545";
const exported = (deployments as Record<string, Record<string, { address: `0x${string}`; deployedOnBlock: number }>>)[String(chainId)]
  ?.BadgeRegistry;
const address = (process.env.REGISTRY_ADDRESS ?? exported?.address) as `0x${string}` | undefined;
if (!address || !/^0x[0-9a-fA-F]{40}$/.test(address)) {
  throw new Error(
    `No BadgeRegistry to index on chain ${chainId}: deploy it (npm run deploy) so sdk/src/generated/deployments has it, or set REGISTRY_ADDRESS and DEPLOYED_BLOCK.`,
  );
}
const startBlock = Number(process.env.DEPLOYED_BLOCK ?? (process.env.REGISTRY_ADDRESS ? 0 : (exported?.deployedOnBlock ?? 0)));
// Public RPCs cap eth_getLogs (often 10,000 blocks): the transport asks in pieces of GETLOGS_RANGE and
// halves them when the provider refuses (lib/logs-transport.ts).
const getLogsCap = Number(process.env.GETLOGS_RANGE ?? 10_000);
if (!Number.isInteger(getLogsCap) || getLogsCap < 1)
  throw new Error(`GETLOGS_RANGE must be a whole number of blocks, got ${process.env.GETLOGS_RANGE}.`);
const local = chainId === 31337;

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: process.env.PGLITE_DIR ?? ".ponder/pglite" },
  chains: {
    registryChain: {
      id: chainId,
      // One fetch per block range for all 25 event types (Ponder 0.16 asks once per type), in pieces of the cap.
      rpc: sharedLogsTransport(rpcUrl, { maxRange: getLogsCap }),
      // Ponder asks for a whole backfill interval at once (it grows them up to 100,000 blocks): its 25
      // asks per interval then cost one throttle slot each instead of one per 10,000 blocks.
      ethGetLogsBlockRange: 1_000_000,
      // A local node mines on demand: poll often so a just-issued badge shows within a fraction of a second.
      pollingInterval: Number(process.env.POLLING_MS ?? (local ? 250 : 1_000)),
      // Nothing to cache between runs of a local chain that is new each time.
      disableCache: local,
    },
  },
  contracts: {
    BadgeRegistry: { chain: "registryChain", abi: badgeRegistryAbi, address, startBlock },
  },
});
