// OB 2.0 hosted Assertions: the plain one (what the chain knows), baked into the class's image
// (.png: the URL; .svg: the assertion JSON in CDATA, with the URL in `verify`), the keyed URL of a
// badge published encrypted, which serves the complete assertion decrypted in memory for that one
// answer (never cached, stored or logged), and the claim URL of a badge awarded to an e-mail
// address (the recipient sealed by this gateway, see @chancery/sdk/hosted claims). A badge inside
// a Merkle batch is named with its batch (`?batch={batchId}`) and read from that batch.
import { randomBytes } from "node:crypto";
import { bakePng, bakeSvg } from "@chancery/sdk/baking";
import { buildOb2RevokedAssertionBody, credentialEmailRecipient } from "@chancery/sdk/documents";
import {
  buildErasedAssertionBody,
  buildHostedAssertion,
  buildHostedAssertionFromCredential,
  claimSecret,
  claimUrlOf,
  type LocatedBadge,
  mintClaimToken,
  openClaimToken,
  uidOfCredential,
} from "@chancery/sdk/hosted";
import {
  type ImageFormat,
  ob2AssertionImageUrl,
  ob2AssertionUrl,
  ob2ClaimUrl,
  ob2KeyedAssertionUrl,
  parseCredentialUrl,
  type UrlKind,
} from "@chancery/sdk/urls";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import type { Hex } from "viem";
import { batchQuerySchema, paramsSchema, routePath } from "../params.ts";
import { answer, LD_JSON, mutable, PNG, SVG, SVG_HEADERS } from "../plugins/answers.ts";
import { FINAL, HttpError, JSON_TYPE, notFound } from "../plugins/errors.ts";
import { openPublished } from "../published.ts";

/** `.json` names the document itself, as it always has (the sdk never writes it). */
type Format = ImageFormat | "json";
type Params = { chainId: string; uid: Hex; key?: string; claim?: string; format?: Format };

/** Largest credential a claim request may carry (its achievement image can be a data: URI). */
const CLAIM_REQUEST_MAX_BYTES = 512 * 1024;
type Query = { batch?: Hex };

function schemaOf(kind: UrlKind) {
  const schema = paramsSchema(kind);
  if (schema.properties.format) schema.properties.format = { type: "string", pattern: "^(?:png|svg|json)$" };
  return { params: schema, querystring: batchQuerySchema };
}

/** The message of a 404 for a uid the registry does not know (or not in the batch the URL names). */
function unknownBadge(uid: Hex, batchId: Hex | undefined, chainId: number, registry: string): string {
  return batchId
    ? `No badge ${uid} is recorded in Merkle batch ${batchId} on chain ${chainId} by registry ${registry}.`
    : `No badge ${uid} is recorded on chain ${chainId} by registry ${registry}. A badge inside a Merkle batch is served at its URL with ?batch={batchId} (its share link and its credential's credentialStatus name the batch).`;
}

export const assertionRoutes: FastifyPluginAsync = async (app) => {
  const { chain, reads, blockCache } = app;
  const config = app.gatewayConfig;
  const { chainId, registry, publicBaseUrl: base } = config;
  // Without a configured secret, claim URLs are sealed for this process only (see config.ts).
  const sealKey = claimSecret(config.claimSecret ?? randomBytes(32));
  if (!config.claimSecret) app.log.warn("CLAIM_SECRET is not set: claim URLs minted now stop working when the gateway restarts.");
  const scopeOf = (uid: Hex) => ({ chainId, registry, uid });
  const notFoundAnswer = (uid: Hex, batchId: Hex | undefined, head: bigint) =>
    answer(
      404,
      JSON_TYPE,
      { error: "not-found", message: unknownBadge(uid, batchId, chainId, registry), status: 404 },
      `public, max-age=${Math.min(config.maxAgeSeconds, 5)}`,
      head,
    );

  async function revokedBody(badge: LocatedBadge, uid: Hex, batchId: Hex | undefined) {
    const block = badge.status.revokedBlock;
    const reason = block === undefined ? undefined : await reads.revocationReasonOf(uid, block);
    const body = buildOb2RevokedAssertionBody({ gatewayBase: base, chainId, uid, reason: reads.revokedReasonText(badge, reason) });
    body.id = ob2AssertionUrl(base, chainId, uid, batchId);
    return body;
  }

  async function hosted(uid: Hex, batchId: Hex | undefined, reply: FastifyReply) {
    const head = await chain.headBlock();
    const a = await blockCache.get(`assertion:${uid}:${batchId ?? ""}`, head, async () => {
      const badge = await reads.locate(uid, head, batchId);
      if (!badge) return notFoundAnswer(uid, batchId, head);
      const id = ob2AssertionUrl(base, chainId, uid, batchId);
      if (badge.status.erased) return answer(410, LD_JSON, buildErasedAssertionBody({ gatewayBase: base, chainId, uid, id }), FINAL, head);
      if (badge.status.revokedAt) return answer(410, LD_JSON, await revokedBody(badge, uid, batchId), FINAL, head);
      const assertion = buildHostedAssertion({ gatewayBase: base, chainId, badge, ...(batchId ? { urlBatchId: batchId } : {}) });
      return answer(200, LD_JSON, assertion, mutable(config), head);
    });
    return reply.sendAnswer(a, { vary: "Accept" });
  }

  async function baked(uid: Hex, batchId: Hex | undefined, format: ImageFormat, reply: FastifyReply) {
    const head = await chain.headBlock();
    const a = await blockCache.get(`baked:${format}:${uid}:${batchId ?? ""}`, head, async () => {
      const badge = await reads.locate(uid, head, batchId);
      if (!badge) return notFoundAnswer(uid, batchId, head);
      if (badge.status.erased || badge.status.revokedAt) {
        const message = badge.status.erased ? "This badge was erased and is no longer disclosed." : "This badge was revoked by its issuer.";
        return answer(410, JSON_TYPE, { error: "gone", message, status: 410 }, FINAL, head);
      }
      const images = await reads.imagesOf(badge.status.classId);
      const url = ob2AssertionUrl(base, chainId, uid, batchId);
      if (format === "png") return answer(200, PNG, Buffer.from(bakePng(images.png, url, "ob2")), mutable(config), head);
      // The spec's SVG form: the hosted assertion's JSON in CDATA, its URL in `verify`.
      const assertion = buildHostedAssertion({ gatewayBase: base, chainId, badge, ...(batchId ? { urlBatchId: batchId } : {}) });
      return answer(200, SVG, bakeSvg(images.svg, JSON.stringify(assertion), "ob2", { verify: url }), mutable(config), head, SVG_HEADERS);
    });
    return reply.sendAnswer(a);
  }

  /**
   * The keyed URL: the key in the path opens the credential published encrypted with the badge.
   * The chain part (the badge, its payload) is read once per block and kept by uid; the decryption
   * is local and its result is never cached, so a wrong key costs no chain read.
   */
  async function keyed(uid: Hex, key: string, format: Format, reply: FastifyReply) {
    // The route's schema lets only the canonical spelling of a key through.
    const id = ob2KeyedAssertionUrl(base, chainId, uid, key);
    const noStore = "private, no-store";
    const head = await chain.headBlock();
    const badge = await reads.locate(uid, head);
    if (!badge) throw notFound(unknownBadge(uid, undefined, chainId, registry));
    if (badge.status.erased)
      return reply.sendAnswer(answer(410, LD_JSON, buildErasedAssertionBody({ gatewayBase: base, chainId, uid }), noStore, head));
    if (badge.status.revokedAt) {
      const body = await revokedBody(badge, uid, undefined);
      body.id = id;
      return reply.sendAnswer(answer(410, LD_JSON, body, noStore, head));
    }
    const credential = await openPublished(reads, { chainId, registry }, uid, badge, key);
    if (format === "json") {
      const image = ob2AssertionImageUrl(base, chainId, uid, "png", key);
      const assertion = buildHostedAssertionFromCredential(credential, {
        gatewayBase: base,
        chainId,
        uid,
        classId: badge.status.classId,
        id,
        image,
      });
      return reply.sendAnswer(answer(200, LD_JSON, assertion, noStore, head));
    }
    const images = await reads.imagesOf(badge.status.classId);
    if (format === "png") return reply.sendAnswer(answer(200, PNG, Buffer.from(bakePng(images.png, id, "ob2")), noStore, head));
    const assertion = buildHostedAssertionFromCredential(credential, {
      gatewayBase: base,
      chainId,
      uid,
      classId: badge.status.classId,
      id,
      image: ob2AssertionImageUrl(base, chainId, uid, "png", key),
    });
    return reply.sendAnswer(
      answer(200, SVG, bakeSvg(images.svg, JSON.stringify(assertion), "ob2", { verify: id }), noStore, head, SVG_HEADERS),
    );
  }

  /**
   * The claim URL: the recipient in the token is served only when its seal is this gateway's for
   * this badge (minted by `mintClaim` after the credential hashed to the uid); the badge itself
   * (class, dates, revocation, erasure) is read from the chain like at the plain URL.
   */
  async function claimed(uid: Hex, token: string, reply: FastifyReply) {
    const id = ob2ClaimUrl(base, chainId, uid, token);
    const head = await chain.headBlock();
    const recipient = openClaimToken(sealKey, scopeOf(uid), token);
    if (!recipient)
      throw new HttpError(
        403,
        "bad-claim",
        "This claim URL was not made by this gateway for this badge (or it was cut or altered): ask for a new one with POST /ob2/claims/{chainId} and the badge's credential.",
      );
    const badge = await reads.locate(uid, head);
    if (!badge) throw notFound(unknownBadge(uid, undefined, chainId, registry));
    if (badge.status.erased)
      return reply.sendAnswer(answer(410, LD_JSON, buildErasedAssertionBody({ gatewayBase: base, chainId, uid, id }), FINAL, head));
    if (badge.status.revokedAt) {
      const body = await revokedBody(badge, uid, undefined);
      body.id = id;
      return reply.sendAnswer(answer(410, LD_JSON, body, FINAL, head));
    }
    const assertion = buildHostedAssertion({ gatewayBase: base, chainId, badge, id, email: recipient });
    return reply.sendAnswer(answer(200, LD_JSON, assertion, mutable(config), head));
  }

  /**
   * Mints the claim URL of a credential the holder sends: it must hash to a badge this registry
   * records (on its own or in a Merkle batch), still disclosed and not revoked, awarded to a hashed
   * e-mail address. Nothing is stored: the answer's URL carries the sealed recipient.
   */
  async function mintClaim(body: unknown) {
    const head = await chain.headBlock();
    let credential: unknown = body;
    if (typeof body === "string") {
      try {
        credential = JSON.parse(body);
      } catch {
        throw new HttpError(400, "bad-credential", "The request body is not JSON: send the badge's credential (its .json file) as is.");
      }
    }
    if (!credential || typeof credential !== "object" || Array.isArray(credential))
      throw new HttpError(400, "bad-credential", "Send the badge's OB 3.0 credential (one JSON object) as the request body.");
    const json = credential as Record<string, unknown>;
    const named = parseCredentialUrl(json.id);
    if (named && (named.deployment.chainId !== chainId || named.deployment.registry.toLowerCase() !== registry.toLowerCase()))
      throw notFound(
        `This credential names chain ${named.deployment.chainId}, registry ${named.deployment.registry}; this gateway serves chain ${chainId}, registry ${registry}.`,
      );
    const email = credentialEmailRecipient(json);
    if (!email)
      throw new HttpError(
        422,
        "no-email-recipient",
        "This credential names no hashed e-mail address, so no e-mail backpack can match it: share its hosted URL (a wallet badge) or the credential itself.",
      );
    let uid: Hex;
    try {
      uid = (await uidOfCredential(json)).toLowerCase() as Hex;
    } catch (error) {
      throw new HttpError(
        400,
        "bad-credential",
        `This is not a Chancery credential whose hash can be checked: ${(error as Error).message}`,
      );
    }
    const badge = await reads.locate(uid, head);
    if (!badge)
      throw notFound(
        `No badge with this credential's hash (uid ${uid}) is recorded on chain ${chainId} by registry ${registry}: the credential was changed, or it was never issued here.`,
      );
    if (badge.status.erased) throw new HttpError(410, "gone", "This badge was erased and is no longer disclosed.");
    if (badge.status.revokedAt) throw new HttpError(410, "gone", "This badge was revoked by its issuer: it cannot be claimed.");
    const token = mintClaimToken(sealKey, scopeOf(uid), email);
    return { claimUrl: claimUrlOf(base, chainId, uid, token), uid, hostedUrl: ob2AssertionUrl(base, chainId, uid, badge.batchId) };
  }

  const noReferrer = async (_request: unknown, reply: FastifyReply) => {
    reply.header("referrer-policy", "no-referrer");
  };

  app.get<{ Params: Params }>(
    routePath("ob2ClaimedAssertion"),
    { schema: { params: paramsSchema("ob2ClaimedAssertion") }, config: { redirectBrowsers: true }, onRequest: noReferrer },
    (request, reply) => claimed(request.params.uid, request.params.claim ?? "", reply),
  );
  // A CORS "simple request" (text/plain, no preflight) from any page, or application/json.
  app.post<{ Params: { chainId: string } }>(
    routePath("ob2ClaimRequest"),
    { schema: { params: paramsSchema("ob2ClaimRequest") }, bodyLimit: CLAIM_REQUEST_MAX_BYTES },
    async (request, reply) => {
      const minted = await mintClaim(request.body);
      return reply
        .header("cache-control", "no-store")
        .header("content-type", JSON_TYPE)
        .send(JSON.stringify(minted, null, 2));
    },
  );

  app.get<{ Params: Params; Querystring: Query }>(
    routePath("ob2Assertion"),
    { schema: schemaOf("ob2Assertion"), config: { redirectBrowsers: true } },
    (request, reply) => hosted(request.params.uid, request.query.batch, reply),
  );
  app.get<{ Params: Params; Querystring: Query }>(
    routePath("ob2AssertionImage"),
    { schema: schemaOf("ob2AssertionImage"), config: { redirectBrowsers: true } },
    (request, reply) => {
      const format = request.params.format ?? "json";
      const { uid } = request.params;
      return format === "json" ? hosted(uid, request.query.batch, reply) : baked(uid, request.query.batch, format, reply);
    },
  );
  for (const kind of ["ob2KeyedAssertion", "ob2KeyedAssertionImage"] as const) {
    app.get<{ Params: Params }>(
      routePath(kind),
      { schema: schemaOf(kind), config: { redirectBrowsers: true }, onRequest: noReferrer },
      (request, reply) => keyed(request.params.uid, request.params.key ?? "", request.params.format ?? "json", reply),
    );
  }
};
