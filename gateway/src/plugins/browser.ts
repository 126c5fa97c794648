// A browser opening a hosted assertion (its Accept ranks HTML above JSON) is sent to the app's
// verify page: 302 to the share link, with the batch of a badge in a Merkle batch and, for the
// keyed URL, the key in the fragment (which browsers never send on). Routes opt in with
// `config: { redirectBrowsers: true }`; their images are never redirected.

import { keyFromString } from "@chancery/sdk/crypto";
import { buildShareLink } from "@chancery/sdk/links";
import fp from "fastify-plugin";
import type { Hex } from "viem";
import { prefersHtml } from "../accept.ts";
import { answer } from "./answers.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Send browsers asking for HTML to the app's verify page. */
    redirectBrowsers?: boolean;
  }
}

export const browserRedirect = fp(
  async (app) => {
    const config = app.gatewayConfig;
    /** The app's share link of a badge: the URL's batch, or the one its uid alone resolved to (kept per block). */
    async function shareLinkOf(uid: Hex, named: Hex | undefined, key: string | undefined, head: bigint | undefined): Promise<string> {
      let batchId = named;
      if (!batchId && head !== undefined) {
        try {
          batchId = (await app.reads.locate(uid, head))?.batchId;
        } catch {
          batchId = undefined; // the page will ask the chain itself
        }
      }
      return buildShareLink({
        appBase: config.appUrl,
        chainId: config.chainId,
        registry: config.registry,
        uid,
        ...(batchId ? { batchId } : {}),
        ...(key ? { key: keyFromString(key) } : {}),
      });
    }

    app.addHook("preHandler", async (request, reply) => {
      if (!request.routeOptions.config.redirectBrowsers || !prefersHtml(request.headers.accept)) return;
      const { uid, key, format } = request.params as { uid: Hex; key?: string; format?: string };
      if (format !== undefined && format !== "json") return;
      const named = (request.query as { batch?: Hex }).batch;
      let head: bigint | undefined;
      try {
        head = await app.chain.headBlock();
      } catch {
        head = undefined;
      }
      reply.header("cache-control", "no-store").header("vary", "Accept");
      // The keyed form carries the key (in the link's fragment): never kept in memory.
      if (key || head === undefined) return reply.redirect(await shareLinkOf(uid, named, key, head), 302);
      // The HTML variant has its own cache entry, apart from the JSON document of the same URL.
      const a = await app.blockCache.get(`html:${uid}:${named ?? ""}`, head, async () => ({
        ...answer(302, "text/plain; charset=utf-8", "", "no-store", head),
        headers: { location: await shareLinkOf(uid, named, undefined, head), vary: "Accept" },
      }));
      return reply.sendAnswer(a);
    });
  },
  { name: "chancery-browser-redirect", fastify: "5.x", dependencies: ["chancery-chain", "chancery-answers"] },
);
