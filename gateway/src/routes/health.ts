// GET /healthz (is the RPC serving the configured chain, with the registry's code?) and GET /
// (what this gateway serves; the route list is written from the URL scheme's templates).
import { PATHS } from "@chancery/sdk/urls";
import type { FastifyPluginAsync } from "fastify";
import { asUnavailable } from "../chain.ts";
import { FINAL, JSON_TYPE } from "../plugins/errors.ts";

const ROUTES = [
  "GET /healthz",
  `GET ${PATHS.ob2Assertion}[.png|.svg][?batch={batchId}]`,
  `GET ${PATHS.ob2KeyedAssertion}[.png|.svg]`,
  `GET ${PATHS.ob2ClaimedAssertion}`,
  `POST ${PATHS.ob2ClaimRequest}`,
  `GET ${PATHS.ob2Recipient}`,
  `GET ${PATHS.ob2BadgeClass}`,
  `GET ${PATHS.ob2BadgeClassImage}`,
  `GET ${PATHS.ob2Issuer}`,
  `GET ${PATHS.ob2RevocationList}`,
  `GET ${PATHS.ob3Issuer}`,
  `GET ${PATHS.ob3Key}`,
  `GET ${PATHS.ob3Status}[/{batchId}]`,
  `POST ${PATHS.mailAwards}`,
];

export const healthRoutes: FastifyPluginAsync = async (app) => {
  const config = app.gatewayConfig;
  const { chainId, registry, publicBaseUrl } = config;

  app.get("/", async (_request, reply) => {
    const index = {
      name: "Chancery gateway",
      description: "Open Badges 2.0 hosted documents and Open Badges 3.0 issuer documents, read from the chain.",
      chainId,
      registry,
      publicBaseUrl,
      app: config.appUrl,
      routes: ROUTES,
    };
    reply.header("content-type", JSON_TYPE).header("cache-control", FINAL);
    return reply.send(JSON.stringify(index, null, 2));
  });

  app.get("/healthz", async (_request, reply) => {
    reply.header("cache-control", "no-store").header("content-type", JSON_TYPE);
    const body: Record<string, unknown> = {
      configuredChainId: chainId,
      registry,
      deployedOnBlock: Number(config.deployedOnBlock),
      publicBaseUrl,
    };
    const index = app.reads.batchIndex?.state;
    if (index) {
      body.batchIndex = {
        scannedTo: index.scannedTo === undefined ? null : Number(index.scannedTo),
        entries: index.entries,
        batches: index.batches,
        saturated: index.saturated,
      };
    }
    body.cache = { answers: app.blockCache.size, unknownIds: app.blockCache.negativeSize };
    const memory = process.memoryUsage();
    body.memory = { rssMb: Math.round(memory.rss / 2 ** 20), heapUsedMb: Math.round(memory.heapUsed / 2 ** 20) };
    try {
      const health = await app.chain.health();
      const ok = health.chainId === chainId && health.registryHasCode;
      const problem =
        health.chainId !== chainId
          ? `The RPC serves chain ${health.chainId}, not ${chainId}.`
          : `No contract code at ${registry}: deploy the registry or fix REGISTRY_ADDRESS.`;
      Object.assign(body, {
        status: ok ? "ok" : "degraded",
        chainId: health.chainId,
        latestBlock: Number(health.latestBlock),
        registryHasCode: health.registryHasCode,
        ...(ok ? {} : { problem }),
      });
      return reply.code(ok ? 200 : 503).send(JSON.stringify(body, null, 2));
    } catch (error) {
      Object.assign(body, { status: "down", problem: asUnavailable(error).message });
      return reply.code(503).send(JSON.stringify(body, null, 2));
    }
  });
};
