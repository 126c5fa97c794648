// Which registry to index: the sdk's generated deployments for CHAIN_ID (31337, the local node, by
// default), or REGISTRY_ADDRESS + DEPLOYED_BLOCK for any other. The embedded PGlite database by
// default (PGLITE_DIR, else .ponder/pglite); DATABASE_URL switches to PostgreSQL.
import { badgeRegistryAbi } from "@chancery/sdk/abi";
import { deployments } from "@chancery/sdk/deployments";
import { createConfig } from "ponder";

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
// Public RPCs cap eth_getLogs (often 10,000 blocks); Ponder also learns the cap from their errors.
const ethGetLogsBlockRange = process.env.GETLOGS_RANGE ? Number(process.env.GETLOGS_RANGE) : undefined;
const local = chainId === 31337;

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: process.env.PGLITE_DIR ?? ".ponder/pglite" },
  chains: {
    registryChain: {
      id: chainId,
      rpc: rpcUrl,
      // A local node mines on demand: poll often so a just-issued badge shows within a fraction of a second.
      pollingInterval: Number(process.env.POLLING_MS ?? (local ? 250 : 1_000)),
      // Nothing to cache between runs of a local chain that is new each time.
      disableCache: local,
      ...(ethGetLogsBlockRange ? { ethGetLogsBlockRange } : {}),
    },
  },
  contracts: {
    BadgeRegistry: { chain: "registryChain", abi: badgeRegistryAbi, address, startBlock },
  },
});
