// Logs without secrets: the key of a "100 % on chain" URL sits in its path, so Fastify's own
// request logging is off and every line carries the URL as redactUrl writes it (nothing after the
// uid under /ob2/assertions/, no query string).
import { LogController } from "fastify";
import fp from "fastify-plugin";
import type { GatewayConfig } from "../config.ts";
import { redactUrl } from "../redact.ts";

/** The `logger` and `logController` options of Fastify for this configuration. */
export function loggerOptions(config: GatewayConfig, stream?: NodeJS.WritableStream) {
  const logger =
    config.logLevel === false
      ? false
      : {
          level: config.logLevel,
          ...(stream ? { stream } : {}),
          serializers: {
            req: (req: { method: string; url: string }) => ({ method: req.method, url: redactUrl(req.url) }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        };
  // Request lines are logged by the onResponse hook below, with the path redacted.
  return { logger, logController: new LogController({ disableRequestLogging: true }) };
}

export const requestLog = fp(
  async (app) => {
    app.addHook("onResponse", async (request, reply) => {
      request.log.info(
        { method: request.method, url: redactUrl(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
        "request",
      );
    });
  },
  { name: "chancery-request-log", fastify: "5.x" },
);
