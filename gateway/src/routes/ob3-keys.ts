// One Ed25519 key of an issuer as its own Multikey document, at the fragment-less URL its proofs
// name as `verificationMethod` (ob3Key): a plain GET gives the key, as stock Data Integrity loaders
// expect. Served only for a key the issuer registered on chain (a rotated or revoked one included:
// badges it signed while valid must still verify; whether it was valid at issue time is the chain's
// answer, checked by verifiers there).
import { readIssuerKeys } from "@chancery/sdk/chain";
import { buildKeyDocument } from "@chancery/sdk/proofs";
import { issuerProfileId } from "@chancery/sdk/urls";
import type { FastifyPluginAsync } from "fastify";
import { paramsSchema, routePath } from "../params.ts";
import { answer, LD_JSON, mutable } from "../plugins/answers.ts";
import { JSON_TYPE } from "../plugins/errors.ts";

type Params = { chainId: string; registry: string; issuerId: string; publicKeyMultibase: string };

export const ob3KeyRoutes: FastifyPluginAsync = async (app) => {
  const { chain, reads, blockCache } = app;
  const config = app.gatewayConfig;
  const deployment = { chainId: config.chainId, registry: config.registry };

  app.get<{ Params: Params }>(routePath("ob3Key"), { schema: { params: paramsSchema("ob3Key") } }, async (request, reply) => {
    const issuerId = Number(request.params.issuerId);
    const { publicKeyMultibase } = request.params;
    const head = await chain.headBlock();
    const a = await blockCache.get(`ob3-key:${issuerId}:${publicKeyMultibase}`, head, async () => {
      await reads.issuerOf(issuerId);
      const controller = issuerProfileId(config.publicBaseUrl, deployment, issuerId);
      const keys = await reads.read(() => readIssuerKeys(reads.ctx, issuerId));
      const document = keys.map((k) => buildKeyDocument(controller, k.publicKey)).find((d) => d.publicKeyMultibase === publicKeyMultibase);
      if (document) return answer(200, LD_JSON, document, mutable(config), head);
      // Kept as an answer, so a flood of made-up keys costs the chain one read per key and block (negative cache).
      const message = `Issuer #${issuerId} has never registered the key ${publicKeyMultibase} on chain ${config.chainId}; its keys are listed in assertionMethod of ${controller}.`;
      return answer(
        404,
        JSON_TYPE,
        { error: "not-found", message, status: 404 },
        `public, max-age=${Math.min(config.maxAgeSeconds, 5)}`,
        head,
      );
    });
    return reply.sendAnswer(a);
  });
};
