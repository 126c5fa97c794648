// OB 2.0 issuer Profile (`verification`: validator-core's rules, see documents/ob2.ts), its
// RevocationList (the issuer's AssertionRevoked events; erased badges without the issuer's words),
// and the Profile at a wallet's `url` recipient identity (what a wallet badge's recipient names).
import { buildHostedIssuer, buildHostedRevocationList, buildRecipientProfile } from "@chancery/sdk/hosted";
import type { FastifyPluginAsync } from "fastify";
import { getAddress, isAddress } from "viem";
import { paramsSchema, routePath } from "../params.ts";
import { answer, LD_JSON, mutable } from "../plugins/answers.ts";
import { badRequest, FINAL } from "../plugins/errors.ts";

type Params = { chainId: string; issuerId: string };
type RecipientParams = { chainId: string; wallet: string };

export const issuerRoutes: FastifyPluginAsync = async (app) => {
  const { chain, reads, blockCache } = app;
  const config = app.gatewayConfig;
  const { chainId, publicBaseUrl: gatewayBase } = config;

  app.get<{ Params: Params }>(routePath("ob2Issuer"), { schema: { params: paramsSchema("ob2Issuer") } }, async (request, reply) => {
    const issuerId = Number(request.params.issuerId);
    const head = await chain.headBlock();
    const a = await blockCache.get(`issuer:${issuerId}`, head, async () => {
      const issuer = await reads.issuerOf(issuerId);
      return answer(200, LD_JSON, buildHostedIssuer({ gatewayBase, chainId, issuerId, profile: issuer.profile }), mutable(config), head);
    });
    return reply.sendAnswer(a);
  });

  app.get<{ Params: RecipientParams }>(
    routePath("ob2Recipient"),
    { schema: { params: paramsSchema("ob2Recipient") } },
    async (request, reply) => {
      const head = await chain.headBlock();
      const { wallet } = request.params;
      if (!isAddress(wallet, { strict: true }))
        throw badRequest(`Write the wallet address in its EIP-55 checksummed form: ${getAddress(wallet)}.`);
      return reply.sendAnswer(answer(200, LD_JSON, buildRecipientProfile({ gatewayBase, chainId, wallet }), FINAL, head));
    },
  );

  app.get<{ Params: Params }>(
    routePath("ob2RevocationList"),
    { schema: { params: paramsSchema("ob2RevocationList") } },
    async (request, reply) => {
      const issuerId = Number(request.params.issuerId);
      const head = await chain.headBlock();
      const a = await blockCache.get(`revocations:${issuerId}`, head, async () => {
        await reads.issuerOf(issuerId);
        const revoked = await reads.revokedOf(issuerId, head);
        return answer(200, LD_JSON, buildHostedRevocationList({ gatewayBase, chainId, issuerId, revoked }), mutable(config), head);
      });
      return reply.sendAnswer(a);
    },
  );
};
