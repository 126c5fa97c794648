// OpenID4VCI 1.0, pre-authorized code flow, stateless: each badge class is a credential issuer
// (`/oid4vci/{chainId}/{registry}/{classId}`, its display the class's and its issuer's, from the
// chain). A holder of a badge's key asks for an offer (POST …/offers); the wallet reads the metadata,
// trades the offer's code (and PIN) for an access token, and the token for the credential the issuer
// signed at award time, decrypted from the chain with the key the code carries (see oid4vci/seal.ts).
// The "add from URL" credential (…/ob3/credentials/…/{uid}/{key}) serves the same credential by GET.
// Errors of the token and credential endpoints are OAuth's (`{ error, error_description }`); a
// revoked or erased badge yields no credential, only the reason it cannot be had.
import { randomBytes } from "node:crypto";
import {
  buildAuthorizationServerMetadata,
  buildCredentialIssuerMetadata,
  type CredentialOffer,
  claimSecret,
  credentialOfferUri,
  DEFAULT_OFFER_LIFETIME_SECONDS,
  type LocatedBadge,
  MAX_OFFER_LIFETIME_SECONDS,
  OB3_CREDENTIAL_CONFIGURATION_ID,
  PRE_AUTHORIZED_CODE_GRANT,
} from "@chancery/sdk/hosted";
import { ob2BadgeClassImageUrl, oid4vciIssuerUrl, URL_PARAMS } from "@chancery/sdk/urls";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import type { Hex } from "viem";
import { OneTimeCodes } from "../oid4vci/once.ts";
import { type Grant, newJti, open, pinHash, pinMatches, seal, sealKeyOf } from "../oid4vci/seal.ts";
import { paramsSchema, routePath } from "../params.ts";
import { answer, mutable } from "../plugins/answers.ts";
import { HttpError, JSON_TYPE, notFound } from "../plugins/errors.ts";
import { openPublished } from "../published.ts";

type IssuerParams = { chainId: string; registry: string; classId: string };

/** An access token lives this long (s): enough for a wallet to ask, and retry, for its credential. */
const ACCESS_TOKEN_SECONDS = 300;
/** Redeemed codes remembered at once (≈ 100 bytes each). */
const ONE_TIME_ENTRIES = 200_000;
const UID = new RegExp(`^(?:${URL_PARAMS.uid.pattern})$`);
const KEY = new RegExp(`^(?:${URL_PARAMS.key.pattern})$`);
const PIN = /^\d{4,8}$/;

/** An OAuth error answer (RFC 6749 §5.2, OpenID4VCI §8.3.1). */
class OAuthError extends Error {
  readonly status: number;
  readonly error: string;
  readonly description: string;
  constructor(status: number, error: string, description: string) {
    super(description);
    this.status = status;
    this.error = error;
    this.description = description;
  }
}

const noStore = (reply: FastifyReply) => reply.header("cache-control", "no-store").header("pragma", "no-cache");

function sendOAuth(reply: FastifyReply, e: OAuthError) {
  if (e.status === 401) reply.header("www-authenticate", `Bearer error="${e.error}"`);
  return noStore(reply)
    .code(e.status)
    .header("content-type", JSON_TYPE)
    .send(JSON.stringify({ error: e.error, error_description: e.description }));
}

/** Why a badge cannot be delivered any more, or undefined when it can. */
function goneReason(badge: LocatedBadge): string | undefined {
  if (badge.status.erased) return "This badge was erased and is no longer disclosed.";
  if (badge.status.revokedAt) return "This badge was revoked by its issuer: it can no longer be added to a wallet.";
  return undefined;
}

export const oid4vciRoutes: FastifyPluginAsync = async (app) => {
  const { chain, reads, blockCache } = app;
  const config = app.gatewayConfig;
  const { chainId, registry, publicBaseUrl: base } = config;
  const deployment = { chainId, registry };
  // The same secret as claim URLs (CLAIM_SECRET), under its own derived key; unset: this process only.
  const sealKey = sealKeyOf(claimSecret(config.claimSecret ?? randomBytes(32)));
  const once = new OneTimeCodes(ONE_TIME_ENTRIES);
  const now = () => Math.floor(Date.now() / 1000);

  // Token requests are form-encoded (RFC 6749); only in this plugin.
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof OAuthError) return sendOAuth(reply, error);
    // The OAuth endpoints answer OAuth errors; anything else goes to the gateway's error handler.
    if (/\/(?:token|credential)$/.test(request.url.split("?")[0] ?? "")) {
      if (error instanceof HttpError && error.status === 503) throw error;
      const status = (error as { statusCode?: number }).statusCode;
      if (error instanceof HttpError || (status && status < 500))
        return sendOAuth(reply, new OAuthError(400, "invalid_request", (error as Error).message));
    }
    throw error;
  });

  // ------------------------------------------------------------------------------ metadata

  async function classIssuer(classId: number) {
    const record = await reads.classOf(classId);
    const issuer = await reads.issuerOf(record.issuerId);
    return { record, issuer };
  }

  async function sendMetadata(params: IssuerParams, reply: FastifyReply) {
    const classId = Number(params.classId);
    const head = await chain.headBlock();
    const a = await blockCache.get(`oid4vci-issuer:${classId}`, head, async () => {
      const { record, issuer } = await classIssuer(classId);
      const metadata = buildCredentialIssuerMetadata({
        gatewayBase: base,
        deployment,
        classId,
        achievement: record.content,
        issuerProfile: issuer.profile,
        classImageUrl: ob2BadgeClassImageUrl(base, chainId, classId),
      });
      return answer(200, JSON_TYPE, metadata, mutable(config), head);
    });
    return reply.sendAnswer(a);
  }

  async function sendAuthorizationServer(params: IssuerParams, reply: FastifyReply) {
    const classId = Number(params.classId);
    const head = await chain.headBlock();
    const a = await blockCache.get(`oid4vci-as:${classId}`, head, async () => {
      await reads.classOf(classId);
      return answer(200, JSON_TYPE, buildAuthorizationServerMetadata({ gatewayBase: base, deployment, classId }), mutable(config), head);
    });
    return reply.sendAnswer(a);
  }

  const issuerSchema = { schema: { params: paramsSchema("oid4vciIssuer") } };
  app.get<{ Params: IssuerParams }>(routePath("oid4vciIssuerMetadata"), issuerSchema, (request, reply) =>
    sendMetadata(request.params, reply),
  );
  app.get<{ Params: IssuerParams }>(routePath("oid4vciAuthorizationServer"), issuerSchema, (request, reply) =>
    sendAuthorizationServer(request.params, reply),
  );
  // The forms under the issuer's own path, which some wallets (and a gateway behind a path prefix) use.
  app.get<{ Params: IssuerParams }>(`${routePath("oid4vciIssuer")}/.well-known/openid-credential-issuer`, issuerSchema, (request, reply) =>
    sendMetadata(request.params, reply),
  );
  app.get<{ Params: IssuerParams }>(
    `${routePath("oid4vciIssuer")}/.well-known/oauth-authorization-server`,
    issuerSchema,
    (request, reply) => sendAuthorizationServer(request.params, reply),
  );

  // ------------------------------------------------------------------------------ offers

  /** The badge a grant names, as the chain has it now; OAuth errors for one that cannot be delivered. */
  async function deliverable(grant: Grant, asError: (why: string) => OAuthError): Promise<LocatedBadge> {
    const head = await chain.headBlock();
    const badge = await reads.locate(grant.uid, head);
    if (!badge) throw asError(`No badge ${grant.uid} is recorded on chain ${chainId} by registry ${registry}.`);
    const gone = goneReason(badge);
    if (gone) throw asError(gone);
    return badge;
  }

  app.post<{ Params: { chainId: string } }>(
    routePath("oid4vciOfferRequest"),
    { schema: { params: paramsSchema("oid4vciOfferRequest") } },
    async (request, reply) => {
      let body: unknown = request.body;
      if (typeof body === "string") {
        try {
          body = JSON.parse(body);
        } catch {
          throw new HttpError(
            400,
            "bad-request",
            "The request body is not JSON: send { uid, key } (and optionally txCode, lifetimeSeconds).",
          );
        }
      }
      const { uid, key, txCode, lifetimeSeconds } = (body ?? {}) as Record<string, unknown>;
      if (typeof uid !== "string" || !UID.test(uid))
        throw new HttpError(400, "bad-request", "uid must be the badge's uid: 0x followed by 64 lower-case hex digits.");
      if (typeof key !== "string" || !KEY.test(key))
        throw new HttpError(400, "bad-request", "key must be the badge key of its share link (the 43 characters after #k=).");
      if (txCode !== undefined && (typeof txCode !== "string" || !PIN.test(txCode)))
        throw new HttpError(400, "bad-request", "txCode, when given, must be a PIN of 4 to 8 digits.");
      const lifetime = lifetimeSeconds ?? DEFAULT_OFFER_LIFETIME_SECONDS;
      if (typeof lifetime !== "number" || !Number.isInteger(lifetime) || lifetime < 60 || lifetime > MAX_OFFER_LIFETIME_SECONDS)
        throw new HttpError(
          400,
          "bad-request",
          `lifetimeSeconds must be a whole number of seconds from 60 to ${MAX_OFFER_LIFETIME_SECONDS}.`,
        );
      const head = await chain.headBlock();
      const badge = await reads.locate(uid as Hex, head);
      if (!badge) throw notFound(`No badge ${uid} is recorded on chain ${chainId} by registry ${registry}.`);
      const gone = goneReason(badge);
      if (gone) throw new HttpError(410, "gone", gone);
      // The key must open what the chain holds: an offer is never made for a credential we could not serve.
      await openPublished(reads, deployment, uid as Hex, badge, key);
      const jti = newJti();
      const exp = now() + lifetime;
      const classId = badge.status.classId;
      const grant: Grant = { chainId, registry, classId, uid: uid as Hex, key, exp, jti, ...(txCode ? { pin: pinHash(jti, txCode) } : {}) };
      const code = await seal(sealKey, "code", grant);
      const offer: CredentialOffer = {
        credential_issuer: oid4vciIssuerUrl(base, deployment, classId),
        credential_configuration_ids: [OB3_CREDENTIAL_CONFIGURATION_ID],
        grants: {
          [PRE_AUTHORIZED_CODE_GRANT]: {
            "pre-authorized_code": code,
            ...(txCode
              ? { tx_code: { input_mode: "numeric", length: txCode.length, description: "The PIN that came with this badge's offer" } }
              : {}),
          },
        },
      };
      const minted = { offerUri: credentialOfferUri(offer), offer, expiresAt: new Date(exp * 1000).toISOString() };
      return noStore(reply)
        .header("content-type", JSON_TYPE)
        .send(JSON.stringify(minted, null, 2));
    },
  );

  // ------------------------------------------------------------------------------ token

  app.post<{ Params: IssuerParams }>(
    routePath("oid4vciToken"),
    { schema: { params: paramsSchema("oid4vciToken") } },
    async (request, reply) => {
      const classId = Number(request.params.classId);
      const form = (request.body && typeof request.body === "object" ? request.body : {}) as Record<string, unknown>;
      if (form.grant_type !== PRE_AUTHORIZED_CODE_GRANT)
        throw new OAuthError(
          400,
          "unsupported_grant_type",
          `Only the pre-authorized code grant (${PRE_AUTHORIZED_CODE_GRANT}) is supported.`,
        );
      const code = form["pre-authorized_code"];
      if (typeof code !== "string" || !code) throw new OAuthError(400, "invalid_request", "pre-authorized_code is missing.");
      const grant = await open(sealKey, "code", deployment, code);
      const invalidGrant = (why: string) => new OAuthError(400, "invalid_grant", why);
      if (!grant || grant.classId !== classId)
        throw invalidGrant(
          "This pre-authorized code was not issued by this credential issuer (or it was cut or altered): scan the offer again.",
        );
      const t = now();
      if (grant.exp < t)
        throw invalidGrant(`This offer expired at ${new Date(grant.exp * 1000).toISOString()}: ask the badge's holder for a new one.`);
      if (once.isUsed(grant.jti)) throw invalidGrant("This offer was already used (each offer adds the badge once): make a new offer.");
      if (grant.pin) {
        const pin = form.tx_code;
        if (typeof pin !== "string" || !pin) throw new OAuthError(400, "invalid_request", "This offer needs its PIN: send it as tx_code.");
        if (!pinMatches(grant, pin)) {
          const left = once.fail(grant.jti, grant.exp, t);
          throw invalidGrant(
            left > 0 ? `Wrong PIN (tx_code): ${left} attempt${left === 1 ? "" : "s"} left.` : "Wrong PIN (tx_code): the offer is now void.",
          );
        }
      }
      const redeemed = once.redeem(grant.jti, grant.exp, t);
      if (redeemed === "used") throw invalidGrant("This offer was already used (each offer adds the badge once): make a new offer.");
      if (redeemed === "full")
        throw new OAuthError(503, "temporarily_unavailable", "Too many offers are being redeemed: try again shortly.");
      await deliverable(grant, invalidGrant);
      const { pin: _pin, ...rest } = grant;
      const accessToken = await seal(sealKey, "token", { ...rest, exp: t + ACCESS_TOKEN_SECONDS });
      return noStore(reply)
        .header("content-type", JSON_TYPE)
        .send(JSON.stringify({ access_token: accessToken, token_type: "Bearer", expires_in: ACCESS_TOKEN_SECONDS }));
    },
  );

  // ------------------------------------------------------------------------------ credential

  app.post<{ Params: IssuerParams }>(
    routePath("oid4vciCredential"),
    { schema: { params: paramsSchema("oid4vciCredential") } },
    async (request, reply) => {
      const classId = Number(request.params.classId);
      const auth = request.headers.authorization;
      const bearer = typeof auth === "string" ? /^Bearer ([A-Za-z0-9_-]+)$/.exec(auth)?.[1] : undefined;
      if (!bearer) throw new OAuthError(401, "invalid_token", "Send the access token from the token endpoint as Authorization: Bearer ….");
      const grant = await open(sealKey, "token", deployment, bearer);
      if (!grant || grant.classId !== classId)
        throw new OAuthError(401, "invalid_token", "This access token was not issued by this credential issuer.");
      if (grant.exp < now()) throw new OAuthError(401, "invalid_token", "This access token expired: redeem a new offer.");
      const body = (request.body && typeof request.body === "object" ? request.body : {}) as Record<string, unknown>;
      const asked = body.credential_configuration_id;
      if (body.credential_identifier !== undefined)
        throw new OAuthError(
          400,
          "unknown_credential_identifier",
          "This issuer has no credential identifiers: ask by credential_configuration_id.",
        );
      if (asked !== OB3_CREDENTIAL_CONFIGURATION_ID)
        throw new OAuthError(
          400,
          "unknown_credential_configuration",
          `Ask for credential_configuration_id "${OB3_CREDENTIAL_CONFIGURATION_ID}", the one this issuer offers.`,
        );
      // Any key proof is ignored: the credential is bound to its recipient at award time (see the README).
      const badge = await deliverable(grant, (why) => new OAuthError(400, "credential_request_denied", why));
      let credential: Record<string, unknown>;
      try {
        credential = await openPublished(reads, deployment, grant.uid, badge, grant.key);
      } catch (error) {
        if (error instanceof HttpError && error.status !== 503) throw new OAuthError(400, "credential_request_denied", error.message);
        throw error;
      }
      return noStore(reply)
        .header("content-type", JSON_TYPE)
        .send(JSON.stringify({ credentials: [{ credential }] }));
    },
  );

  // ------------------------------------------------------------------------------ add from URL

  app.get<{ Params: { chainId: string; registry: string; uid: Hex; key: string } }>(
    routePath("ob3KeyedCredential"),
    {
      schema: { params: paramsSchema("ob3KeyedCredential") },
      onRequest: async (_request, reply) => {
        reply.header("referrer-policy", "no-referrer");
      },
    },
    async (request, reply) => {
      const { uid, key } = request.params;
      const head = await chain.headBlock();
      const badge = await reads.locate(uid, head);
      if (!badge) throw notFound(`No badge ${uid} is recorded on chain ${chainId} by registry ${registry}.`);
      const gone = goneReason(badge);
      if (gone) return reply.sendAnswer(answer(410, JSON_TYPE, { error: "gone", message: gone, status: 410 }, "private, no-store", head));
      const credential = await openPublished(reads, deployment, uid, badge, key);
      return reply.sendAnswer(answer(200, JSON_TYPE, credential, "private, no-store", head));
    },
  );
};
