// Every failure as `{ error, message, status }` JSON: 400 for a malformed URL (including what the
// routes' parameter schemas refuse, with a sentence saying what is wrong), 404 for what is not
// there (unknown route, id, chain or registry), 503 `no-store` while the chain cannot be asked,
// 500 for the rest (logged). Registered at the root (fastify-plugin), so it covers every route.
import { ChanceryError, type ChanceryErrorKind } from "@chancery/sdk/errors";
import type { FastifyError, FastifyReply } from "fastify";
import fp from "fastify-plugin";
import { ChainUnavailableError } from "../chain.ts";
import { explainParam } from "../params.ts";
import { redactUrl } from "../redact.ts";

export const JSON_TYPE = "application/json; charset=utf-8";
/** Cache-Control of what cannot change: a malformed URL stays malformed, a revocation is final. */
export const FINAL = "public, max-age=86400";

/** The family of an HTTP answer's error, as the sdk classifies its own (ChanceryError.kind). */
function kindOf(status: number): ChanceryErrorKind {
  if (status === 400) return "invalid-input";
  if (status === 403) return "crypto";
  if (status === 404) return "not-found";
  if (status === 409) return "invalid-badge";
  if (status === 413 || status === 431) return "too-large";
  if (status === 429 || status === 503) return "unavailable";
  return "unknown";
}

/** An answer other than 2xx, sent as `{ error: code, message, status }` (headers, e.g. Retry-After, added). */
export class HttpError extends ChanceryError {
  readonly status: number;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(code, message, { kind: kindOf(status), details: { status } });
    this.name = "HttpError";
    this.status = status;
    this.headers = headers;
  }
}

export const notFound = (message: string) => new HttpError(404, "not-found", message);
export const badRequest = (message: string) => new HttpError(400, "bad-request", message);

/** Sends an error; 404s may be cached briefly (a badge can appear in the next block). */
function sendError(reply: FastifyReply, error: HttpError, maxAgeSeconds: number): FastifyReply {
  const cacheControl =
    error.status >= 500 || error.status === 429
      ? "no-store"
      : error.status === 400
        ? FINAL
        : `public, max-age=${Math.min(maxAgeSeconds, 5)}`;
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply
    .code(error.status)
    .header("content-type", JSON_TYPE)
    .header("cache-control", cacheControl)
    .send(JSON.stringify({ error: error.code, message: error.message, status: error.status }));
}

export const errors = fp(
  async (app) => {
    const config = app.gatewayConfig;
    const send = (reply: FastifyReply, error: HttpError) => sendError(reply, error, config.maxAgeSeconds);

    app.setNotFoundHandler((request, reply) => {
      send(reply, notFound(`Nothing is served at ${redactUrl(request.url.split("?")[0])}. See GET / for the routes.`));
    });

    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof HttpError) return send(reply, error);
      if (error.validation && error.validationContext === "querystring") {
        // The only query parameter the routes read: ?batch={batchId}.
        const batch = (request.query as Record<string, unknown>).batch;
        return send(reply, badRequest(explainParam("batchId", Array.isArray(batch) ? batch.join(",") : batch, config)));
      }
      if (error.validation && error.validationContext === "params") {
        // A parameter the route's schema refused: name it, from the first problem Ajv found.
        const first = error.validation[0];
        const name =
          first?.instancePath.replace(/^\//, "") ||
          String((first?.params as { missingProperty?: string } | undefined)?.missingProperty ?? "");
        return send(reply, badRequest(explainParam(name, (request.params as Record<string, unknown>)[name], config)));
      }
      if (error instanceof ChainUnavailableError) {
        request.log.warn({ url: redactUrl(request.url), err: error.message }, "chain unavailable");
        return send(reply, new HttpError(503, "chain-unavailable", `${error.message} Try again shortly.`));
      }
      const status = error.statusCode;
      if (status && status >= 400 && status < 500) return send(reply, new HttpError(status, "bad-request", error.message));
      request.log.error({ url: redactUrl(request.url), err: error.message }, "unexpected error");
      return send(reply, new HttpError(500, "internal-error", "The gateway failed unexpectedly; the problem was logged."));
    });
  },
  { name: "chancery-errors", fastify: "5.x", decorators: { fastify: ["gatewayConfig"] } },
);
