// The Chancery gateway: a stateless HTTP server that reads the chain and speaks Open Badges.
// Shared concerns are plugins registered at the root (plugins/), each family of routes is an
// encapsulated plugin (routes/) whose paths and parameter schemas come from the sdk's URL scheme.
// See gateway/README.md for the layout and the "Gateway" section of the root README for the routes.
import cors from "@fastify/cors";
import Fastify, { type FastifyInstance } from "fastify";
import { type GatewayConfig, resolveConfig } from "./config.ts";
import { answers } from "./plugins/answers.ts";
import { browserRedirect } from "./plugins/browser.ts";
import { chain } from "./plugins/chain.ts";
import { errors } from "./plugins/errors.ts";
import { loggerOptions, requestLog } from "./plugins/logging.ts";
import { rateLimit } from "./plugins/rate-limit.ts";
import { scope } from "./plugins/scope.ts";
import { assertionRoutes } from "./routes/assertions.ts";
import { badgeClassRoutes } from "./routes/badges.ts";
import { healthRoutes } from "./routes/health.ts";
import { issuerRoutes } from "./routes/issuers.ts";
import { mailRoutes } from "./routes/mail.ts";
import { ob3IssuerRoutes } from "./routes/ob3-issuers.ts";
import { ob3KeyRoutes } from "./routes/ob3-keys.ts";
import { ob3StatusRoutes } from "./routes/ob3-status.ts";
import { oid4vciRoutes } from "./routes/oid4vci.ts";

export { HttpError } from "./plugins/errors.ts";

/** TRUST_PROXY as a number of hops: the first `hops` proxies in front of the gateway are believed. */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

/** The gateway's Fastify instance, with its decorators (`gatewayConfig`, `chain`, `reads`, `blockCache`). */
export type Gateway = FastifyInstance;

/**
 * Builds the gateway (not listening yet: call `listen`). `config` may be partial: rpcUrl and
 * registry are required, the rest has defaults (see config.ts). `logStream` receives the JSON log
 * lines (tests read it to check that keys never reach the log).
 */
export async function buildGateway(
  partial: Partial<GatewayConfig> & Pick<GatewayConfig, "rpcUrl" | "registry">,
  options: { logStream?: NodeJS.WritableStream } = {},
): Promise<Gateway> {
  const config = resolveConfig(partial);
  const app = Fastify({
    ...loggerOptions(config, options.logStream),
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    // The public origin comes from PUBLIC_BASE_URL, never from request headers; X-Forwarded-For is
    // believed for the client's IP (the rate limit) only when TRUST_PROXY says which proxies to trust.
    trustProxy: typeof config.trustProxy === "number" ? trustHops(config.trustProxy) : config.trustProxy,
    // Slow or oversized clients are cut off: headers within headersTimeoutMs, the whole request
    // within requestTimeoutMs, idle sockets after connectionTimeout, keep-alive after keepAliveTimeoutMs.
    // Every route is a GET: a request body is never read, so 1 KiB is plenty.
    bodyLimit: 1024,
    connectionTimeout: config.requestTimeoutMs * 2,
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    http: {
      maxHeaderSize: config.maxHeaderBytes,
      headersTimeout: Math.min(config.headersTimeoutMs, config.requestTimeoutMs),
      requestTimeout: config.requestTimeoutMs,
      // How often Node checks those timeouts (its default, 30 s, would let a slow client hang on).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(config.headersTimeoutMs / 4))),
    },
  });

  // Shared concerns, for every route.
  await app.register(chain, { config });
  await app.register(errors);
  await app.register(rateLimit);
  await app.register(requestLog);
  await app.register(cors, {
    origin: "*",
    // POST: claim and offer requests, and wallets in a browser at the OpenID4VCI endpoints.
    methods: ["GET", "HEAD", "OPTIONS", "POST"],
    exposedHeaders: ["ETag", "X-Chain-Block", "X-Chancery-Status-List", "Warning"],
    maxAge: 86400,
  });
  await app.register(answers);
  await app.register(scope);
  await app.register(browserRedirect);

  // The families of routes.
  await app.register(healthRoutes);
  await app.register(assertionRoutes);
  await app.register(badgeClassRoutes);
  await app.register(issuerRoutes);
  await app.register(ob3IssuerRoutes);
  await app.register(ob3KeyRoutes);
  await app.register(ob3StatusRoutes);
  await app.register(mailRoutes);
  await app.register(oid4vciRoutes);
  return app;
}
