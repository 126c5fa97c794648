// The chain reader, shared by every route: the configuration, one viem client with its head block
// (ChainReader) and the reads the routes make of the registry (ChainReads). Decorated at the root
// (fastify-plugin) as `gatewayConfig`, `chain` and `reads`.
import fp from "fastify-plugin";
import { ChainReader } from "../chain.ts";
import type { GatewayConfig } from "../config.ts";
import { ChainReads } from "../reads.ts";

declare module "fastify" {
  interface FastifyInstance {
    gatewayConfig: GatewayConfig;
    chain: ChainReader;
    reads: ChainReads;
  }
}

export const chain = fp<{ config: GatewayConfig }>(
  async (app, { config }) => {
    const reader = new ChainReader(config);
    app.decorate("gatewayConfig", config);
    app.decorate("chain", reader);
    const reads = new ChainReads(reader, config);
    app.decorate("reads", reads);
    app.addHook("onClose", async () => reads.batchIndex?.stop());
  },
  { name: "chancery-chain", fastify: "5.x" },
);
