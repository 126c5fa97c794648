// The credentials' `credentialStatus` (1EdTechRevocationList): the revoked badges of an issuer, or
// of one of its Merkle batches.
import { readBatch } from "@chancery/sdk/chain";
import { buildStatusList } from "@chancery/sdk/hosted";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { type Hex, zeroHash } from "viem";
import { paramsSchema, routePath } from "../params.ts";
import { answer, LD_JSON, mutable } from "../plugins/answers.ts";
import { notFound } from "../plugins/errors.ts";

type Params = { chainId: string; registry: string; issuerId: string; batchId?: Hex };

export const ob3StatusRoutes: FastifyPluginAsync = async (app) => {
  const { chain, reads, blockCache } = app;
  const config = app.gatewayConfig;
  const { chainId } = config;
  const deployment = { chainId, registry: config.registry };

  /** The uids of a batch of this issuer; 404 for a batch that does not exist or is another issuer's. */
  async function batchUids(batchId: Hex, issuerId: number): Promise<Set<string>> {
    const missing = () => notFound(`No Merkle batch ${batchId} is recorded on chain ${chainId}.`);
    const batch = await reads.read(
      () => readBatch(reads.ctx, batchId),
      () => {
        throw missing();
      },
    );
    if (batch.root === zeroHash || batch.count === 0) throw missing();
    const classIssuer = (await reads.classOf(batch.classId)).issuerId;
    if (classIssuer !== issuerId) throw notFound(`Merkle batch ${batchId} belongs to issuer #${classIssuer}, not #${issuerId}.`);
    return new Set(batch.uids.map((u) => u.toLowerCase()));
  }

  async function statusList(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const issuerId = Number(request.params.issuerId);
    const batchId = request.params.batchId;
    const head = await chain.headBlock();
    const a = await blockCache.get(`status:${issuerId}:${batchId ?? ""}`, head, async () => {
      await reads.issuerOf(issuerId);
      const uids = batchId ? await batchUids(batchId, issuerId) : undefined;
      const revoked = await reads.revokedOf(issuerId, head, uids);
      return answer(
        200,
        LD_JSON,
        buildStatusList({ gatewayBase: config.publicBaseUrl, deployment, issuerId, batchId, revoked }),
        mutable(config),
        head,
      );
    });
    return reply.sendAnswer(a);
  }

  app.get<{ Params: Params }>(routePath("ob3Status"), { schema: { params: paramsSchema("ob3Status") } }, statusList);
  app.get<{ Params: Params }>(routePath("ob3BatchStatus"), { schema: { params: paramsSchema("ob3BatchStatus") } }, statusList);
};
