// Revocation for verifiers that know nothing of the chain. The W3C BitstringStatusListCredential of
// a badge class (per 131,072 badges) or of a Merkle batch, signed by the issuer and published on
// chain: the registry keeps the block of the latest publication, so it is found in two calls (one
// read, one single-block log query), never by scanning logs. The gateway holds no key and changes
// nothing: it checks the list against the registry's revocation counts and says when the issuer must
// publish it again (header X-Chancery-Status-List, and a warning in the log). And the issuer's
// 1EdTechRevocationList (the `credentialStatus` of badges issued before status lists): the revoked
// badges of an issuer, or of one of its Merkle batches.
import { classStatusListKey, STATUS_LIST_LENGTH } from "@chancery/sdk/anchor";
import { readBatch, readNextStatusIndex, readPublishedStatusList, revokedEntriesOf } from "@chancery/sdk/chain";
import { buildStatusList } from "@chancery/sdk/hosted";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { type Hex, zeroHash } from "viem";
import { paramsSchema, routePath } from "../params.ts";
import { answer, LD_JSON, mutable } from "../plugins/answers.ts";
import { notFound } from "../plugins/errors.ts";

type Params = { chainId: string; registry: string; issuerId: string; batchId?: Hex };
type ListParams = Params & { classId?: string; list?: string };

/** What the gateway says about a served list, in the X-Chancery-Status-List header. */
type ListStanding = "current" | "behind" | "disagrees";

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

  /** The latest signed list, as published; 404 while there is none (only the issuer's key can sign one). */
  async function bitstringList(request: FastifyRequest<{ Params: ListParams }>, reply: FastifyReply) {
    const issuerId = Number(request.params.issuerId);
    const { batchId } = request.params;
    const classId = request.params.classId === undefined ? undefined : Number(request.params.classId);
    const list = Number(request.params.list ?? 0);
    const listKey = batchId ?? classStatusListKey(classId as number, list);
    const what = batchId ? `the status list of Merkle batch ${batchId}` : `status list ${list} of badge class #${classId}`;
    const head = await chain.headBlock();
    const a = await blockCache.get(`status-list:${issuerId}:${listKey}`, head, async () => {
      const { state, credential } = await reads.read(() => readPublishedStatusList(reads.ctx, listKey));
      if (state.issuerId === 0)
        throw notFound(`There is no ${what} on chain ${chainId}: no such class or batch, or no badge reached that list.`);
      if (state.issuerId !== issuerId) throw notFound(`${what} belongs to issuer #${state.issuerId}, not #${issuerId}.`);
      if (!credential) {
        request.log.warn({ issuerId, listKey }, "status list never published: the issuer must publish it (publishStatusList)");
        throw notFound(`Issuer #${issuerId} has not published ${what} yet; only the issuer can sign it (publishStatusList).`);
      }
      // The chain's revocation count covers a class's badges recorded on their own (every list of
      // the class) or a batch's: a list that sets another number of bits than that is not the chain's.
      const singleList =
        batchId !== undefined || (await reads.read(() => readNextStatusIndex(reads.ctx, classId as number))) <= STATUS_LIST_LENGTH;
      const set = revokedEntriesOf(credential).length;
      const standing: ListStanding = state.behind ? "behind" : singleList && set !== state.revocations ? "disagrees" : "current";
      if (standing !== "current") {
        request.log.warn(
          { issuerId, listKey, revocations: state.revocations, publishedRevocations: state.publishedRevocations, bitsSet: set },
          `status list ${standing}: issuer #${issuerId} must publish ${what} again`,
        );
      }
      const headers: Record<string, string> = {
        "x-chancery-status-list": standing,
        ...(standing === "current"
          ? {}
          : {
              warning: `199 - "The registry records ${state.revocations} revocation(s) ${batchId ? "in this batch" : "in this class"}; this list, published in block ${state.publishedBlock}, ${standing === "behind" ? "predates the latest" : `sets ${set} bit(s)`}. The issuer must publish it again."`,
            }),
      };
      return answer(200, LD_JSON, credential, mutable(config), head, headers);
    });
    return reply.sendAnswer(a);
  }

  app.get<{ Params: ListParams }>(routePath("ob3StatusList"), { schema: { params: paramsSchema("ob3StatusList") } }, bitstringList);
  app.get<{ Params: ListParams }>(
    routePath("ob3BatchStatusList"),
    { schema: { params: paramsSchema("ob3BatchStatusList") } },
    bitstringList,
  );
  app.get<{ Params: Params }>(routePath("ob3Status"), { schema: { params: paramsSchema("ob3Status") } }, statusList);
  app.get<{ Params: Params }>(routePath("ob3BatchStatus"), { schema: { params: paramsSchema("ob3BatchStatus") } }, statusList);
};
