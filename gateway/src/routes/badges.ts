// OB 2.0 BadgeClass (from the class's Achievement JSON on chain) and its image: the class's PNG or
// SVG `data:` image as is, or a medallion drawn in code.
import { buildHostedBadgeClass } from "@chancery/sdk/hosted";
import type { FastifyPluginAsync } from "fastify";
import { paramsSchema, routePath } from "../params.ts";
import { answer, LD_JSON, mutable, PNG, SVG, SVG_HEADERS } from "../plugins/answers.ts";
import { FINAL } from "../plugins/errors.ts";

type Params = { chainId: string; classId: string };

export const badgeClassRoutes: FastifyPluginAsync = async (app) => {
  const { chain, reads, blockCache } = app;
  const config = app.gatewayConfig;

  app.get<{ Params: Params }>(routePath("ob2BadgeClass"), { schema: { params: paramsSchema("ob2BadgeClass") } }, async (request, reply) => {
    const classId = Number(request.params.classId);
    const head = await chain.headBlock();
    const a = await blockCache.get(`class:${classId}`, head, async () => {
      const record = await reads.classOf(classId);
      const document = buildHostedBadgeClass({
        gatewayBase: config.publicBaseUrl,
        chainId: config.chainId,
        classId,
        issuerId: record.issuerId,
        content: record.content,
      });
      return answer(200, LD_JSON, document, mutable(config), head);
    });
    return reply.sendAnswer(a);
  });

  app.get<{ Params: Params }>(
    routePath("ob2BadgeClassImage"),
    { schema: { params: paramsSchema("ob2BadgeClassImage") } },
    async (request, reply) => {
      const classId = Number(request.params.classId);
      const head = await chain.headBlock();
      const a = await blockCache.get(`class-image:${classId}`, head, async () => {
        const images = await reads.imagesOf(classId);
        return images.source === "class-svg"
          ? answer(200, SVG, images.svg, FINAL, head, SVG_HEADERS)
          : answer(200, PNG, Buffer.from(images.png), FINAL, head);
      });
      return reply.sendAnswer(a);
    },
  );
};
