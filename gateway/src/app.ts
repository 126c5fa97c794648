// The Chancery gateway: a stateless HTTP server that reads the chain and speaks Open Badges.
// Every document comes from the registry's storage and events through the sdk; answers are kept
// in memory for one head block. See gateway/README.md (and the "Gateway" section of the root
// README) for the routes and the decisions behind them.
import cors from "@fastify/cors";
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { type Hex, zeroHash } from "viem";
import { bakePng } from "@chancery/sdk/baking";
import { bakeSvg } from "@chancery/sdk/baking";
import { readBadgeClass, readIssuer, readIssuerKeys, readPayload, readRevocationReason, readBatch } from "@chancery/sdk/chain";
import { badgeAad, decryptCredential, keyFromString, keyToString } from "@chancery/sdk/crypto";
import { buildOb2RevokedAssertionBody } from "@chancery/sdk/documents";
import { buildShareLink } from "@chancery/sdk/links";
import {
  badgeClassImages,
  buildErasedAssertionBody,
  buildHostedAssertion,
  buildHostedAssertionFromCredential,
  buildHostedBadgeClass,
  buildHostedIssuer,
  buildHostedRevocationList,
  buildIssuerDocument,
  buildStatusList,
  findBatchesOf,
  listIssuerErasures,
  listIssuerRevocations,
  locateBadge,
  locateInBatch,
  uidOfCredential,
  type LocatedBadge,
} from "@chancery/sdk/hosted";
import { ob2AssertionUrl, ob2KeyedAssertionUrl } from "@chancery/sdk/urls";
import { BlockCache, etagOf, Lru, type Answer } from "./cache.ts";
import { asUnavailable, ChainReader, ChainUnavailableError, revertName } from "./chain.ts";
import { resolveConfig, type GatewayConfig } from "./config.ts";
import { prefersHtml } from "./accept.ts";
import { redactUrl } from "./redact.ts";

const LD_JSON = "application/ld+json; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";
const UINT32_MAX = 0xffff_ffff;
/** Blocks re-scanned on every refresh of an event index, in case the chain reorganised. */
const REORG_DEPTH = 12n;
const FINAL = "public, max-age=86400";

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

type RevocationIndex = {
  scannedTo: bigint;
  revoked: Map<Hex, { reason: string; reasonCode: string; blockNumber: bigint }>;
  /** Erased badges: still listed as revoked when they are, but never with the issuer's words. */
  erased: Map<Hex, bigint>;
};

export type Gateway = FastifyInstance & { chain: ChainReader; gatewayConfig: GatewayConfig };

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
  const chain = new ChainReader(config);
  const ctx = chain.ctx;
  const base = config.publicBaseUrl;
  const chainId = config.chainId;
  const cache = new BlockCache(config.cacheEntries);
  const batchScans = new Lru<Hex, { scannedTo: bigint; batchIds: Hex[] }>(config.cacheEntries);
  const revocationIndexes = new Lru<number, RevocationIndex>(1000);
  const classImages = new Lru<string, ReturnType<typeof badgeClassImages>>(256);
  const mutable = `public, max-age=${config.maxAgeSeconds}`;

  const logger =
    config.logLevel === false
      ? false
      : {
          level: config.logLevel,
          ...(options.logStream ? { stream: options.logStream } : {}),
          // The key of a "100 % on chain" URL sits in its path: it must never reach a log line.
          serializers: {
            req: (req: { method: string; url: string }) => ({ method: req.method, url: redactUrl(req.url) }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        };

  const app = Fastify({
    logger,
    // Request lines are logged by the onResponse hook below, with the path redacted.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    // Behind a proxy the public origin comes from PUBLIC_BASE_URL, never from request headers.
    trustProxy: false,
  }) as unknown as Gateway;
  app.decorate("chain", chain);
  app.decorate("gatewayConfig", config);

  await app.register(cors, { origin: "*", methods: ["GET", "HEAD", "OPTIONS"], exposedHeaders: ["ETag", "X-Chain-Block"], maxAge: 86400 });

  app.addHook("onResponse", async (request, reply) => {
    request.log.info({ method: request.method, url: redactUrl(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, "request");
  });

  app.setNotFoundHandler((request, reply) => {
    sendError(reply, new HttpError(404, "not-found", `Nothing is served at ${redactUrl(request.url.split("?")[0]!)}. See GET / for the routes.`));
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError) return sendError(reply, error);
    if (error instanceof ChainUnavailableError) {
      request.log.warn({ url: redactUrl(request.url), err: error.message }, "chain unavailable");
      return sendError(reply, new HttpError(503, "chain-unavailable", `${error.message} Try again shortly.`));
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return sendError(reply, new HttpError(status, "bad-request", (error as Error).message));
    request.log.error({ url: redactUrl(request.url), err: (error as Error).message }, "unexpected error");
    return sendError(reply, new HttpError(500, "internal-error", "The gateway failed unexpectedly; the problem was logged."));
  });

  // ---------------------------------------------------------------- helpers

  function sendError(reply: FastifyReply, error: HttpError) {
    const cacheControl = error.status === 503 || error.status >= 500 ? "no-store" : error.status === 400 ? FINAL : `public, max-age=${Math.min(config.maxAgeSeconds, 5)}`;
    reply
      .code(error.status)
      .header("content-type", JSON_TYPE)
      .header("cache-control", cacheControl)
      .send(JSON.stringify({ error: error.code, message: error.message, status: error.status }));
    return reply;
  }

  function answer(status: number, contentType: string, body: Buffer | string | object, cacheControl: string, block: bigint, headers?: Record<string, string>): Answer {
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === "string" ? body : JSON.stringify(body, null, 2));
    return { status, contentType, body: bytes, etag: etagOf(bytes), cacheControl, block, ...(headers ? { headers } : {}) };
  }

  function send(request: FastifyRequest, reply: FastifyReply, a: Answer, extra: Record<string, string> = {}) {
    reply.header("content-type", a.contentType).header("cache-control", a.cacheControl).header("etag", a.etag).header("x-chain-block", a.block.toString());
    for (const [k, v] of Object.entries({ ...a.headers, ...extra })) reply.header(k, v);
    const match = request.headers["if-none-match"];
    if (match && (a.status === 200 || a.status === 410) && match.split(",").some((t) => t.trim().replace(/^W\//, "") === a.etag)) {
      return reply.code(304).send();
    }
    return reply.code(a.status).send(a.body);
  }

  const notFound = (message: string) => new HttpError(404, "not-found", message);
  const bad = (message: string) => new HttpError(400, "bad-request", message);

  function checkChain(text: string): void {
    if (!/^[1-9][0-9]{0,15}$/.test(text)) throw bad(`The chain id "${text}" is not a positive decimal integer.`);
    if (Number(text) !== chainId) throw notFound(`This gateway serves chain ${chainId} only, not chain ${text}.`);
  }

  function uint32(text: string, what: string): number {
    if (!/^[1-9][0-9]{0,9}$/.test(text) || Number(text) > UINT32_MAX) throw bad(`The ${what} "${text}" is not an integer between 1 and ${UINT32_MAX}.`);
    return Number(text);
  }

  function bytes32(text: string, what: string): Hex {
    if (/^0x[0-9A-Fa-f]{64}$/.test(text) && text !== text.toLowerCase()) throw bad(`The ${what} must be written in lower-case hex: ${text.toLowerCase()}.`);
    if (!/^0x[0-9a-f]{64}$/.test(text)) throw bad(`The ${what} "${text.slice(0, 80)}" is not 0x followed by 64 hex digits.`);
    if (text === zeroHash) throw bad(`The ${what} must not be zero.`);
    return text as Hex;
  }

  function checkRegistry(text: string): void {
    if (!/^0x[0-9a-fA-F]{40}$/.test(text)) throw bad(`"${text.slice(0, 80)}" is not a registry address (0x + 40 hex digits).`);
    if (text.toLowerCase() !== config.registry.toLowerCase()) throw notFound(`This gateway serves the registry ${config.registry} on chain ${chainId}, not ${text}.`);
    if (text !== config.registry) throw bad(`Write the registry address in its EIP-55 checksummed form: ${config.registry}.`);
  }

  function splitSuffix(text: string): { id: string; format: "json" | "png" | "svg" } {
    const m = /^(.*)\.(png|svg|json)$/.exec(text);
    return m ? { id: m[1]!, format: m[2] as "png" | "svg" | "json" } : { id: text, format: "json" };
  }

  /** Reads that fail for any reason but a revert mean the chain is unavailable. */
  async function read<T>(work: () => Promise<T>, onRevert?: (name: string) => T | Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof HttpError) throw error;
      const name = revertName(error);
      if (name !== undefined && onRevert) return onRevert(name);
      throw asUnavailable(error);
    }
  }

  /** A badge from its uid alone: on its own, or in a Merkle batch found through its events. */
  async function locate(uid: Hex, head: bigint): Promise<LocatedBadge | undefined> {
    return read(async () => {
      const own = await locateBadge(ctx, uid);
      if (own) return own;
      const known = batchScans.get(uid);
      let batchIds = known?.batchIds ?? [];
      const from = known ? (known.scannedTo > REORG_DEPTH ? known.scannedTo - REORG_DEPTH : 0n) : config.deployedOnBlock;
      const start = from < config.deployedOnBlock ? config.deployedOnBlock : from;
      if (!known || known.scannedTo < head) {
        const found = await findBatchesOf(ctx, uid, { fromBlock: start, toBlock: head });
        batchIds = [...new Set([...batchIds, ...found])];
        batchScans.set(uid, { scannedTo: head, batchIds });
      }
      for (const batchId of batchIds) {
        const badge = await locateInBatch(ctx, uid, batchId);
        if (badge) return badge;
      }
      return undefined;
    });
  }

  async function classOf(classId: number) {
    return read(
      () => readBadgeClass(ctx, classId),
      () => {
        throw notFound(`No badge class #${classId} is recorded on chain ${chainId}.`);
      },
    );
  }

  async function imagesOf(classId: number) {
    const record = await classOf(classId);
    const key = `${classId}:${record.contentHash}`;
    let images = classImages.get(key);
    if (!images) {
      const content = (record.content ?? {}) as { name?: unknown; image?: unknown };
      images = badgeClassImages({ name: typeof content.name === "string" ? content.name : `Badge ${classId}`, classId, image: content.image as string | undefined });
      classImages.set(key, images);
    }
    return images;
  }

  function revokedReasonText(badge: LocatedBadge, reason: string | undefined): string {
    if (reason && reason.trim()) return reason;
    const code = badge.status.revocationReason;
    return code && code !== "unspecified" ? `Revoked by the issuer (${code.replace(/-/g, " ")}).` : "Revoked by the issuer.";
  }

  async function revocationIndex(issuerId: number, head: bigint): Promise<RevocationIndex> {
    let index = revocationIndexes.get(issuerId);
    if (index && index.scannedTo >= head) return index;
    const rescanFrom = index ? (index.scannedTo > REORG_DEPTH ? index.scannedTo - REORG_DEPTH + 1n : 0n) : config.deployedOnBlock;
    const fromBlock = rescanFrom < config.deployedOnBlock ? config.deployedOnBlock : rescanFrom;
    const range = { fromBlock, toBlock: head };
    const [events, erasures] = await read(() => Promise.all([listIssuerRevocations(ctx, issuerId, range), listIssuerErasures(ctx, issuerId, range)]));
    const revoked = new Map(index?.revoked ?? []);
    const erased = new Map(index?.erased ?? []);
    for (const [uid, entry] of revoked) if (entry.blockNumber >= fromBlock) revoked.delete(uid);
    for (const [uid, block] of erased) if (block >= fromBlock) erased.delete(uid);
    for (const e of events) revoked.set(e.uid, { reason: e.reason, reasonCode: e.reasonCode, blockNumber: e.blockNumber });
    for (const e of erasures) erased.set(e.uid, e.blockNumber);
    index = { scannedTo: head, revoked, erased };
    revocationIndexes.set(issuerId, index);
    return index;
  }

  async function issuerOf(issuerId: number) {
    return read(
      () => readIssuer(ctx, issuerId),
      () => {
        throw notFound(`No issuer #${issuerId} is registered on chain ${chainId}.`);
      },
    );
  }

  /** The revoked badges of an issuer (optionally of one batch), erased ones without the issuer's words. */
  async function revokedOf(issuerId: number, head: bigint, batchUids?: Set<string>) {
    const index = await revocationIndex(issuerId, head);
    const entries = [...index.revoked.entries()].filter(([uid]) => !batchUids || batchUids.has(uid));
    const out: { uid: Hex; reason?: string }[] = [];
    const byCode = (code: string) => (code !== "unspecified" ? `Revoked by the issuer (${code.replace(/-/g, " ")}).` : "Revoked by the issuer.");
    for (const [uid, entry] of entries) {
      // The issuer's words may be about the learner: an erased badge keeps only the reason code.
      out.push({ uid, reason: index.erased.has(uid) ? byCode(entry.reasonCode) : entry.reason || byCode(entry.reasonCode) });
    }
    return out;
  }

  function appVerifyLink(uid: Hex, batchId?: Hex, key?: Uint8Array): string {
    return buildShareLink({ appBase: config.appUrl, chainId, registry: config.registry, uid, ...(batchId ? { batchId } : {}), ...(key ? { key } : {}) });
  }

  // ---------------------------------------------------------------- routes

  app.get("/", async (request, reply) => {
    const index = {
      name: "Chancery gateway",
      description: "Open Badges 2.0 hosted documents and Open Badges 3.0 issuer documents, read from the chain.",
      chainId,
      registry: config.registry,
      publicBaseUrl: base,
      app: config.appUrl,
      routes: [
        "GET /healthz",
        "GET /ob2/assertions/{chainId}/{uid}[.png|.svg]",
        "GET /ob2/assertions/{chainId}/{uid}/{key}[.png|.svg]",
        "GET /ob2/badges/{chainId}/{classId}",
        "GET /ob2/badges/{chainId}/{classId}/image",
        "GET /ob2/issuers/{chainId}/{issuerId}",
        "GET /ob2/issuers/{chainId}/{issuerId}/revocations",
        "GET /ob3/issuers/{chainId}/{registry}/{issuerId}",
        "GET /ob3/status/{chainId}/{registry}/{issuerId}[/{batchId}]",
      ],
    };
    reply.header("content-type", JSON_TYPE).header("cache-control", FINAL);
    return reply.send(JSON.stringify(index, null, 2));
  });

  app.get("/healthz", async (_request, reply) => {
    reply.header("cache-control", "no-store").header("content-type", JSON_TYPE);
    const body: Record<string, unknown> = { configuredChainId: chainId, registry: config.registry, deployedOnBlock: Number(config.deployedOnBlock), publicBaseUrl: base };
    try {
      const health = await chain.health();
      const ok = health.chainId === chainId && health.registryHasCode;
      Object.assign(body, {
        status: ok ? "ok" : "degraded",
        chainId: health.chainId,
        latestBlock: Number(health.latestBlock),
        registryHasCode: health.registryHasCode,
        ...(ok ? {} : { problem: health.chainId !== chainId ? `The RPC serves chain ${health.chainId}, not ${chainId}.` : `No contract code at ${config.registry}: deploy the registry or fix REGISTRY_ADDRESS.` }),
      });
      return reply.code(ok ? 200 : 503).send(JSON.stringify(body, null, 2));
    } catch (error) {
      Object.assign(body, { status: "down", problem: asUnavailable(error).message });
      return reply.code(503).send(JSON.stringify(body, null, 2));
    }
  });

  // OB 2.0 hosted Assertion, and its baked images.
  app.get<{ Params: { chainId: string; uid: string } }>("/ob2/assertions/:chainId/:uid", async (request, reply) => {
    checkChain(request.params.chainId);
    const { id, format } = splitSuffix(request.params.uid);
    const uid = bytes32(id, "badge uid");
    if (format === "json" && prefersHtml(request.headers.accept)) {
      let batchId: Hex | undefined;
      try {
        batchId = (await locate(uid, await chain.headBlock()))?.batchId;
      } catch {
        batchId = undefined;
      }
      return reply.header("cache-control", "no-store").header("vary", "Accept").redirect(appVerifyLink(uid, batchId), 302);
    }
    const head = await chain.headBlock();
    if (format === "json") {
      const a = await cache.get(`assertion:${uid}`, head, async () => {
        const badge = await locate(uid, head);
        if (!badge) return answer(404, JSON_TYPE, { error: "not-found", message: `No badge ${uid} is recorded on chain ${chainId} by registry ${config.registry}.`, status: 404 }, `public, max-age=${Math.min(config.maxAgeSeconds, 5)}`, head);
        if (badge.status.erased) return answer(410, LD_JSON, buildErasedAssertionBody({ gatewayBase: base, chainId, uid }), FINAL, head);
        if (badge.status.revokedAt) {
          const reason = await read(() => readRevocationReason(ctx, uid, badge.status.revokedBlock!));
          return answer(410, LD_JSON, buildOb2RevokedAssertionBody({ gatewayBase: base, chainId, uid, reason: revokedReasonText(badge, reason) }), FINAL, head);
        }
        return answer(200, LD_JSON, buildHostedAssertion({ gatewayBase: base, chainId, badge }), mutable, head);
      });
      return send(request, reply, a, { vary: "Accept" });
    }
    const a = await cache.get(`baked:${format}:${uid}`, head, async () => {
      const badge = await locate(uid, head);
      if (!badge) return answer(404, JSON_TYPE, { error: "not-found", message: `No badge ${uid} is recorded on chain ${chainId}.`, status: 404 }, `public, max-age=5`, head);
      if (badge.status.erased || badge.status.revokedAt) {
        return answer(410, JSON_TYPE, { error: "gone", message: badge.status.erased ? "This badge was erased and is no longer disclosed." : "This badge was revoked by its issuer.", status: 410 }, FINAL, head);
      }
      const images = await imagesOf(badge.status.classId);
      const url = ob2AssertionUrl(base, chainId, uid);
      return format === "png"
        ? answer(200, "image/png", Buffer.from(bakePng(images.png, url, "ob2")), mutable, head)
        : answer(200, "image/svg+xml; charset=utf-8", bakeSvg(images.svg, url, "ob2"), mutable, head, SVG_HEADERS);
    });
    return send(request, reply, a);
  });

  // "100 % on chain": the key in the path opens the credential published encrypted with the badge.
  // Decrypted in memory for this one answer: never cached, stored or logged.
  app.get<{ Params: { chainId: string; uid: string; key: string } }>("/ob2/assertions/:chainId/:uid/:key", async (request, reply) => {
    reply.header("referrer-policy", "no-referrer");
    checkChain(request.params.chainId);
    const uid = bytes32(request.params.uid, "badge uid");
    const { id: keyText, format } = splitSuffix(request.params.key);
    let key: Uint8Array;
    try {
      key = keyFromString(keyText);
    } catch {
      throw bad("The last part of the URL is not a badge key (43 base64url characters).");
    }
    const keyed = ob2KeyedAssertionUrl(base, chainId, uid, keyToString(key));
    if (format === "json" && prefersHtml(request.headers.accept)) {
      let batchId: Hex | undefined;
      try {
        batchId = (await locate(uid, await chain.headBlock()))?.batchId;
      } catch {
        batchId = undefined;
      }
      return reply.header("cache-control", "no-store").header("vary", "Accept").redirect(appVerifyLink(uid, batchId, key), 302);
    }
    const head = await chain.headBlock();
    const badge = await locate(uid, head);
    const noStore = "private, no-store";
    if (!badge) throw notFound(`No badge ${uid} is recorded on chain ${chainId} by registry ${config.registry}.`);
    if (badge.status.erased) return send(request, reply, answer(410, LD_JSON, buildErasedAssertionBody({ gatewayBase: base, chainId, uid }), noStore, head));
    if (badge.status.revokedAt) {
      const reason = await read(() => readRevocationReason(ctx, uid, badge.status.revokedBlock!));
      const body = buildOb2RevokedAssertionBody({ gatewayBase: base, chainId, uid, reason: revokedReasonText(badge, reason) });
      body.id = keyed;
      return send(request, reply, answer(410, LD_JSON, body, noStore, head));
    }
    const payload = badge.batchId ? undefined : await read(() => readPayload(ctx, uid, badge.status.issuedBlock));
    if (!payload) throw notFound(`Badge ${uid} was not published encrypted on chain, so no key opens it; use its hosted URL without a key.`);
    let credential: Record<string, unknown>;
    try {
      const json = await decryptCredential(Buffer.from(payload.slice(2), "hex"), key, badgeAad({ chainId, registry: config.registry, uid }));
      credential = JSON.parse(json);
    } catch {
      throw new HttpError(403, "wrong-key", "This key does not open the credential published with the badge.");
    }
    let matches = false;
    try {
      matches = (await uidOfCredential(credential)).toLowerCase() === uid;
    } catch {
      matches = false;
    }
    if (!matches) throw new HttpError(409, "payload-mismatch", "The credential published with this badge does not hash to its uid: the issuer published something else.");
    if (format === "json") {
      const assertion = buildHostedAssertionFromCredential(credential, { gatewayBase: base, chainId, uid, classId: badge.status.classId, id: keyed, image: `${keyed}.png` });
      return send(request, reply, answer(200, LD_JSON, assertion, noStore, head));
    }
    const images = await imagesOf(badge.status.classId);
    return format === "png"
      ? send(request, reply, answer(200, "image/png", Buffer.from(bakePng(images.png, keyed, "ob2")), noStore, head))
      : send(request, reply, answer(200, "image/svg+xml; charset=utf-8", bakeSvg(images.svg, keyed, "ob2"), noStore, head, SVG_HEADERS));
  });

  app.get<{ Params: { chainId: string; classId: string } }>("/ob2/badges/:chainId/:classId", async (request, reply) => {
    checkChain(request.params.chainId);
    const classId = uint32(request.params.classId, "badge class id");
    const head = await chain.headBlock();
    const a = await cache.get(`class:${classId}`, head, async () => {
      const record = await classOf(classId);
      return answer(200, LD_JSON, buildHostedBadgeClass({ gatewayBase: base, chainId, classId, issuerId: record.issuerId, content: record.content }), mutable, head);
    });
    return send(request, reply, a);
  });

  app.get<{ Params: { chainId: string; classId: string } }>("/ob2/badges/:chainId/:classId/image", async (request, reply) => {
    checkChain(request.params.chainId);
    const classId = uint32(request.params.classId, "badge class id");
    const head = await chain.headBlock();
    const a = await cache.get(`class-image:${classId}`, head, async () => {
      const images = await imagesOf(classId);
      return images.source === "class-svg"
        ? answer(200, "image/svg+xml; charset=utf-8", images.svg, FINAL, head, SVG_HEADERS)
        : answer(200, "image/png", Buffer.from(images.png), FINAL, head);
    });
    return send(request, reply, a);
  });

  app.get<{ Params: { chainId: string; issuerId: string } }>("/ob2/issuers/:chainId/:issuerId", async (request, reply) => {
    checkChain(request.params.chainId);
    const issuerId = uint32(request.params.issuerId, "issuer id");
    const head = await chain.headBlock();
    const a = await cache.get(`issuer:${issuerId}`, head, async () => {
      const issuer = await issuerOf(issuerId);
      return answer(200, LD_JSON, buildHostedIssuer({ gatewayBase: base, chainId, issuerId, profile: issuer.profile }), mutable, head);
    });
    return send(request, reply, a);
  });

  app.get<{ Params: { chainId: string; issuerId: string } }>("/ob2/issuers/:chainId/:issuerId/revocations", async (request, reply) => {
    checkChain(request.params.chainId);
    const issuerId = uint32(request.params.issuerId, "issuer id");
    const head = await chain.headBlock();
    const a = await cache.get(`revocations:${issuerId}`, head, async () => {
      await issuerOf(issuerId);
      const revoked = await revokedOf(issuerId, head);
      return answer(200, LD_JSON, buildHostedRevocationList({ gatewayBase: base, chainId, issuerId, revoked }), mutable, head);
    });
    return send(request, reply, a);
  });

  app.get<{ Params: { chainId: string; registry: string; issuerId: string } }>("/ob3/issuers/:chainId/:registry/:issuerId", async (request, reply) => {
    checkChain(request.params.chainId);
    checkRegistry(request.params.registry);
    const issuerId = uint32(request.params.issuerId, "issuer id");
    const head = await chain.headBlock();
    const a = await cache.get(`ob3-issuer:${issuerId}`, head, async () => {
      const issuer = await issuerOf(issuerId);
      const keys = await read(() => readIssuerKeys(ctx, issuerId));
      const document = buildIssuerDocument({ gatewayBase: base, deployment: { chainId, registry: config.registry }, issuerId, profile: issuer.profile, keys });
      return answer(200, LD_JSON, document, mutable, head);
    });
    return send(request, reply, a);
  });

  async function statusList(request: FastifyRequest<{ Params: { chainId: string; registry: string; issuerId: string; batchId?: string } }>, reply: FastifyReply) {
    checkChain(request.params.chainId);
    checkRegistry(request.params.registry);
    const issuerId = uint32(request.params.issuerId, "issuer id");
    const batchId = request.params.batchId === undefined ? undefined : bytes32(request.params.batchId, "batch id");
    const head = await chain.headBlock();
    const a = await cache.get(`status:${issuerId}:${batchId ?? ""}`, head, async () => {
      await issuerOf(issuerId);
      let batchUids: Set<string> | undefined;
      if (batchId) {
        const batch = await read(
          () => readBatch(ctx, batchId),
          () => {
            throw notFound(`No Merkle batch ${batchId} is recorded on chain ${chainId}.`);
          },
        );
        if (batch.root === zeroHash || batch.count === 0) throw notFound(`No Merkle batch ${batchId} is recorded on chain ${chainId}.`);
        const classIssuer = (await classOf(batch.classId)).issuerId;
        if (classIssuer !== issuerId) throw notFound(`Merkle batch ${batchId} belongs to issuer #${classIssuer}, not #${issuerId}.`);
        batchUids = new Set(batch.uids.map((u) => u.toLowerCase()));
      }
      const revoked = await revokedOf(issuerId, head, batchUids);
      return answer(200, LD_JSON, buildStatusList({ gatewayBase: base, deployment: { chainId, registry: config.registry }, issuerId, batchId, revoked }), mutable, head);
    });
    return send(request, reply, a);
  }
  app.get("/ob3/status/:chainId/:registry/:issuerId", statusList);
  app.get("/ob3/status/:chainId/:registry/:issuerId/:batchId", statusList);

  return app;
}

/** SVG is active content: served so that a browser opening it runs nothing. */
const SVG_HEADERS = { "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:", "x-content-type-options": "nosniff" };
