// Answers cached by block, and how they are sent: each document is computed once per head block
// (BlockCache, decorated as `blockCache`) and sent by `reply.sendAnswer` with its ETag (304 when a
// client already holds it) and `X-Chain-Block`, the block it reflects.
import type { FastifyReply } from "fastify";
import fp from "fastify-plugin";
import { type Answer, BlockCache, etagOf } from "../cache.ts";
import type { GatewayConfig } from "../config.ts";

declare module "fastify" {
  interface FastifyInstance {
    blockCache: BlockCache;
  }
  interface FastifyReply {
    /** Sends a cached answer (extra headers on top of its own), or 304 when If-None-Match matches. */
    sendAnswer(answer: Answer, extra?: Record<string, string>): FastifyReply;
  }
}

export const LD_JSON = "application/ld+json; charset=utf-8";
export const PNG = "image/png";
export const SVG = "image/svg+xml; charset=utf-8";
/** SVG is active content: served so that a browser opening it runs nothing. */
export const SVG_HEADERS = {
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  "x-content-type-options": "nosniff",
};

/** Cache-Control of documents that may change with the next block. */
export const mutable = (config: GatewayConfig) => `public, max-age=${config.maxAgeSeconds}`;

/** A complete answer: the body (bytes, text or JSON, pretty-printed), its ETag and the block. */
export function answer(
  status: number,
  contentType: string,
  body: Buffer | string | object,
  cacheControl: string,
  block: bigint,
  headers?: Record<string, string>,
): Answer {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === "string" ? body : JSON.stringify(body, null, 2));
  return { status, contentType, body: bytes, etag: etagOf(bytes), cacheControl, block, ...(headers ? { headers } : {}) };
}

export const answers = fp(
  async (app) => {
    app.decorate("blockCache", new BlockCache(app.gatewayConfig.cacheEntries, app.gatewayConfig.negativeCacheEntries));
    app.decorateReply("sendAnswer", function sendAnswer(this: FastifyReply, a: Answer, extra: Record<string, string> = {}) {
      this.header("content-type", a.contentType)
        .header("cache-control", a.cacheControl)
        .header("etag", a.etag)
        .header("x-chain-block", a.block.toString());
      for (const [k, v] of Object.entries({ ...a.headers, ...extra })) this.header(k, v);
      const match = this.request.headers["if-none-match"];
      if (match && (a.status === 200 || a.status === 410) && match.split(",").some((t) => t.trim().replace(/^W\//, "") === a.etag)) {
        return this.code(304).send();
      }
      return this.code(a.status).send(a.body);
    });
  },
  { name: "chancery-answers", fastify: "5.x", decorators: { fastify: ["gatewayConfig"] } },
);
