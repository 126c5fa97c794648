// OB 3.0 issuer document: the Profile and the controller document of every Ed25519 key the issuer
// registered on chain (Multikey, assertionMethod), so that standard Data Integrity verifiers
// check that the key a proof names is the issuer's. Each key is listed by its own document's URL
// (served by ob3-keys.ts, what proofs name) and by the `#z6Mk…` fragment older badges name.
import { readIssuerKeys } from "@chancery/sdk/chain";
import { buildIssuerDocument } from "@chancery/sdk/hosted";
import type { FastifyPluginAsync } from "fastify";
import { paramsSchema, routePath } from "../params.ts";
import { answer, LD_JSON, mutable } from "../plugins/answers.ts";

type Params = { chainId: string; registry: string; issuerId: string };

export const ob3IssuerRoutes: FastifyPluginAsync = async (app) => {
  const { chain, reads, blockCache } = app;
  const config = app.gatewayConfig;
  const deployment = { chainId: config.chainId, registry: config.registry };

  app.get<{ Params: Params }>(routePath("ob3Issuer"), { schema: { params: paramsSchema("ob3Issuer") } }, async (request, reply) => {
    const issuerId = Number(request.params.issuerId);
    const head = await chain.headBlock();
    const a = await blockCache.get(`ob3-issuer:${issuerId}`, head, async () => {
      const issuer = await reads.issuerOf(issuerId);
      const keys = await reads.read(() => readIssuerKeys(reads.ctx, issuerId));
      const document = buildIssuerDocument({ gatewayBase: config.publicBaseUrl, deployment, issuerId, profile: issuer.profile, keys });
      return answer(200, LD_JSON, document, mutable(config), head);
    });
    return reply.sendAnswer(a);
  });
};
