// A browser opening a hosted assertion (its Accept ranks HTML above JSON) is sent to the app's
// verify page: 302 to the share link, with the batch of a badge in a Merkle batch and, for the
// keyed URL, the key in the fragment (which browsers never send on). Routes opt in with
// `config: { redirectBrowsers: true }`; their images are never redirected.

import { keyFromString } from "@chancery/sdk/crypto";
import { buildShareLink } from "@chancery/sdk/links";
import fp from "fastify-plugin";
import type { Hex } from "viem";
import { prefersHtml } from "../accept.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Send browsers asking for HTML to the app's verify page. */
    redirectBrowsers?: boolean;
  }
}

export const browserRedirect = fp(
  async (app) => {
    const config = app.gatewayConfig;
    app.addHook("preHandler", async (request, reply) => {
      if (!request.routeOptions.config.redirectBrowsers || !prefersHtml(request.headers.accept)) return;
      const { uid, key, format } = request.params as { uid: Hex; key?: string; format?: string };
      if (format !== undefined && format !== "json") return;
      let batchId: Hex | undefined;
      try {
        batchId = (await app.reads.locate(uid, await app.chain.headBlock()))?.batchId;
      } catch {
        batchId = undefined; // the page will ask the chain itself
      }
      const link = buildShareLink({
        appBase: config.appUrl,
        chainId: config.chainId,
        registry: config.registry,
        uid,
        ...(batchId ? { batchId } : {}),
        ...(key ? { key: keyFromString(key) } : {}),
      });
      return reply.header("cache-control", "no-store").header("vary", "Accept").redirect(link, 302);
    });
  },
  { name: "chancery-browser-redirect", fastify: "5.x", dependencies: ["chancery-chain"] },
);
