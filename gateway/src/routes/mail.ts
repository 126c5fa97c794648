// POST /mail/awards/{chainId}: award e-mails, sent through the configured SMTP server, only as a
// current signer of the issuer asked (EIP-712 signature, checked on chain), only for that issuer's
// badges and only to the address each badge's salted e-mail hash names — so it is no open relay.
// State: an in-memory nonce cache (replays within the signature's lifetime) and rate limits per
// issuer and per IP; behind a load balancer each instance keeps its own (see gateway/README.md).
import { bakePng, bakeSvg } from "@chancery/sdk/baking";
import { badgeRegistryAbi, imageUriOf, readChainNow } from "@chancery/sdk/chain";
import { credentialEmailRecipient, emailMatches } from "@chancery/sdk/documents";
import { type LocatedBadge, uidOfCredential } from "@chancery/sdk/hosted";
import { buildShareLink, LinkError, type ShareLinkInput } from "@chancery/sdk/links";
import {
  AwardMailError,
  type AwardMailOutcome,
  type AwardMailOutcomeCode,
  type AwardMailOutcomeParams,
  type AwardMailRequestCode,
  awardMailTypedData,
  checkAwardMailEnvelope,
  MAIL_CLOCK_SKEW_SECONDS,
  MAIL_REQUEST_TTL_SECONDS,
  type SignedAwardMails,
} from "@chancery/sdk/mail";
import type { FastifyPluginAsync } from "fastify";
import nodemailer from "nodemailer";
import { type Hex, verifyTypedData } from "viem";
import { Lru } from "../cache.ts";
import { renderAwardMessage } from "../mail/message.ts";
import { paramsSchema, routePath } from "../params.ts";
import { HttpError, JSON_TYPE } from "../plugins/errors.ts";
import { TokenBuckets } from "../plugins/rate-limit.ts";
import { openWithKey } from "../published.ts";

/** A request carries the signed envelope and at most this many credentials (the client sends the rest in other parts). */
export const MAIL_MAX_CREDENTIALS = 50;
/** Largest body (credentials may carry their achievement image as a data: URI). */
export const MAIL_BODY_MAX_BYTES = 4 * 1024 * 1024;

type Json = Record<string, unknown>;

const refuse = (status: number, code: AwardMailRequestCode, message: string, headers?: Record<string, string>) =>
  new HttpError(status, code, message, headers);

/** One learner refused: its code and parameters (the app words it) and the English sentence (CLI, logs). */
type Refusal = { refused: string; code: AwardMailOutcomeCode; params: Record<string, string | number> };
const refusal = <C extends AwardMailOutcomeCode>(code: C, refused: string, params: AwardMailOutcomeParams<C>): Refusal => ({
  refused,
  code,
  params,
});

function slug(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9\u4e00-\u9fff]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
  return base || "badge";
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() ? value.trim() : undefined);

export const mailRoutes: FastifyPluginAsync = async (app) => {
  const config = app.gatewayConfig;
  const { chainId, registry } = config;
  const mail = config.mail;
  const transport = mail ? nodemailer.createTransport(mail.smtp as never) : undefined;
  app.addHook("onClose", async () => transport?.close());
  const perIssuer = new TokenBuckets({
    perSecond: (mail?.perIssuerPerHour ?? 1) / 3600,
    burst: mail?.perIssuerPerHour ?? 1,
    clients: 10_000,
  });
  const perIp = new TokenBuckets({
    perSecond: (mail?.requestsPerIpPerMinute ?? 1) / 60,
    burst: mail?.requestsPerIpPerMinute ?? 1,
    clients: 10_000,
  });
  // (nonce → uids already mailed under it), kept past the signature's lifetime.
  const nonces = new Lru<string, { uids: Set<string>; at: number }>(100_000);

  function envelopeOf(body: unknown): { envelope: SignedAwardMails; credentials: Record<string, Json> } {
    let parsed: unknown = body;
    if (typeof body === "string") {
      try {
        parsed = JSON.parse(body);
      } catch {
        throw refuse(400, "bad-request", "The request body is not JSON: send { envelope, credentials } as the sdk's sendAwardMails does.");
      }
    }
    const request = (parsed ?? {}) as { envelope?: unknown; credentials?: unknown };
    let envelope: SignedAwardMails;
    try {
      envelope = checkAwardMailEnvelope(request.envelope);
    } catch (error) {
      if (error instanceof AwardMailError) throw refuse(400, "bad-request", error.message);
      throw error;
    }
    const credentials = request.credentials;
    if (!credentials || typeof credentials !== "object" || Array.isArray(credentials) || Object.keys(credentials).length === 0)
      throw refuse(400, "bad-request", "credentials must map at least one badge uid of the envelope to its signed credential.");
    if (Object.keys(credentials).length > MAIL_MAX_CREDENTIALS)
      throw refuse(
        413,
        "too-many",
        `One request carries at most ${MAIL_MAX_CREDENTIALS} credentials: send the rest in other requests with the same envelope.`,
      );
    return { envelope, credentials: credentials as Record<string, Json> };
  }

  /** The signature, its freshness, and (on chain, at the chain's time) the signer's standing with the issuer. */
  async function checkSigner(envelope: SignedAwardMails): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    if (envelope.issuedAt > now + MAIL_CLOCK_SKEW_SECONDS)
      throw refuse(400, "bad-request", "The request is signed with a time in the future: check the computer's clock and sign again.");
    if (envelope.issuedAt < now - MAIL_REQUEST_TTL_SECONDS)
      throw refuse(
        401,
        "expired-request",
        `The signature is more than ${MAIL_REQUEST_TTL_SECONDS / 60} minutes old: sign the award e-mails again.`,
      );
    let valid = false;
    try {
      valid = await verifyTypedData({ address: envelope.signer, ...awardMailTypedData(envelope), signature: envelope.signature });
    } catch {
      valid = false;
    }
    if (!valid)
      throw refuse(
        401,
        "bad-signature",
        `The signature is not ${envelope.signer}'s over this request (or the request was changed after signing): sign it again.`,
      );
    // The registry's own rule, at the chain's time (a signer added in the last block counts from its time).
    const current = await app.reads.read(async () =>
      app.reads.ctx.client.readContract({
        address: registry,
        abi: badgeRegistryAbi,
        functionName: "isSignerValidAt",
        args: [envelope.issuerId, envelope.signer, BigInt(await readChainNow(app.reads.ctx))],
      }),
    );
    if (!current)
      throw refuse(
        403,
        "not-a-signer",
        `${envelope.signer} is not a current signer of issuer #${envelope.issuerId}: only its signers can send its award e-mails.`,
      );
    const issuer = await app.reads.issuerOf(envelope.issuerId);
    if (issuer.status === "suspended")
      throw refuse(
        403,
        "issuer-suspended",
        `Issuer #${envelope.issuerId} is suspended by the registry authority: it cannot send award e-mails.`,
      );
  }

  /** One recipient: the credential must be the badge's, of this issuer, live, and name this e-mail. */
  async function prepare(
    envelope: SignedAwardMails,
    index: number,
    credential: Json,
    head: bigint,
  ): Promise<Refusal | { badge: LocatedBadge }> {
    const r = envelope.recipients[index] as SignedAwardMails["recipients"][number];
    let uid: Hex;
    try {
      uid = (await uidOfCredential(credential)).toLowerCase() as Hex;
    } catch (error) {
      const detail = (error as Error).message;
      return refusal("not-a-credential", `This is not a Chancery credential whose hash can be checked: ${detail}`, { detail });
    }
    if (uid !== r.uid)
      return refusal("other-badge", `The credential given for ${r.uid} hashes to another badge (${uid}).`, { uid: r.uid, hashedUid: uid });
    const badge = await app.reads.locate(uid, head, r.batchId);
    if (!badge)
      return refusal(
        "not-on-chain",
        `No badge ${uid} is recorded on chain ${chainId} by registry ${registry}${r.batchId ? ` in batch ${r.batchId}` : ""}.`,
        { uid, chainId },
      );
    if (badge.status.issuerId !== envelope.issuerId)
      return refusal("other-issuer", `Badge ${uid} was issued by issuer #${badge.status.issuerId}, not #${envelope.issuerId}.`, {
        uid,
        issuerId: badge.status.issuerId,
        expectedIssuerId: envelope.issuerId,
      });
    if (badge.status.erased) return refusal("erased", `Badge ${uid} was erased: it is no longer disclosed.`, { uid });
    if (badge.status.revokedAt) return refusal("revoked", `Badge ${uid} is revoked: no award e-mail is sent for it.`, { uid });
    const hashed = credentialEmailRecipient(credential);
    if (!hashed) return refusal("no-email", `Badge ${uid} names no e-mail address: it cannot be mailed.`, { uid });
    if (!emailMatches(r.email, hashed.identityHash, hashed.salt))
      return refusal("other-email", `Badge ${uid} was not awarded to ${r.email} (its salted e-mail hash names another address).`, {
        uid,
        email: r.email,
      });
    if (r.key) {
      const payload = badge.batchId ? undefined : await app.reads.payloadOf(uid, badge.status.issuedBlock);
      if (!payload)
        return refusal("not-published", `Badge ${uid} was not published encrypted, so a key makes no link: send it without the key.`, {
          uid,
        });
      try {
        await openWithKey(app.reads, { chainId, registry }, uid, badge, payload, r.key);
      } catch (error) {
        // A chain that could not be read is no refusal: the request fails and can be sent again.
        if (error instanceof HttpError && error.status >= 500) throw error;
        return refusal("key-does-not-open", `The key given for badge ${uid} does not open the credential published with it.`, { uid });
      }
    }
    return { badge };
  }

  /** The full link carrying `credential`, or undefined when it would be too long for a link. */
  async function fullLinkOf(at: Omit<ShareLinkInput, "credential">, credential: Json, classId: number, issuerId: number) {
    const [klass, issuer] = await Promise.all([app.reads.classOf(classId), app.reads.issuerOf(issuerId)]);
    try {
      return buildShareLink({ ...at, credential, classImage: imageUriOf(klass.content), issuerImage: imageUriOf(issuer.profile) });
    } catch (error) {
      if (error instanceof LinkError && error.code === "link-too-long") return undefined;
      throw error;
    }
  }

  async function send(envelope: SignedAwardMails, index: number, credential: Json, classId: number): Promise<string> {
    const from = mail?.from as string;
    const r = envelope.recipients[index] as SignedAwardMails["recipients"][number];
    const issuer = credential.issuer as Json | undefined;
    const subject = (Array.isArray(credential.credentialSubject) ? credential.credentialSubject[0] : credential.credentialSubject) as Json;
    const achievement = (subject?.achievement ?? {}) as Json;
    const badgeName = text(achievement.name) ?? text(credential.name) ?? `Badge ${classId}`;
    const issuerName = text(issuer?.name) ?? `Issuer #${envelope.issuerId}`;
    const identifiers = (Array.isArray(subject?.identifier) ? subject.identifier : []) as Json[];
    const recipientName = text(identifiers.find((i) => i.identityType === "name" && i.hashed === false)?.identityHash);
    const images = await app.reads.imagesOf(classId);
    const format = r.format ?? (images.source === "class-svg" ? "svg" : "png");
    const payload = JSON.stringify(credential);
    const baked = format === "png" ? Buffer.from(bakePng(images.png, payload, "ob3")) : Buffer.from(bakeSvg(images.svg, payload, "ob3"));
    const attachmentName = `${slug(badgeName)}-${r.uid.slice(2, 10)}.${format}`;
    const at = { appBase: config.appUrl, chainId, registry, uid: r.uid, ...(r.batchId ? { batchId: r.batchId } : {}) };
    // A badge without a key (Merkle-batched, or not published) gets the full link that carries its
    // credential (#c=, class image and logo left on chain), as private as the baked file attached;
    // the record-only link when the badge is too large for a link.
    const carried = r.key ? undefined : await fullLinkOf(at, credential, classId, envelope.issuerId);
    const shareLink = carried ?? buildShareLink({ ...at, ...(r.key ? { key: r.key } : {}) });
    const pictureCid = `badge-${r.uid.slice(2, 18)}@chancery`;
    const message = renderAwardMessage({
      locale: envelope.locale,
      issuerName,
      badgeName,
      ...(recipientName ? { recipientName } : {}),
      shareLink,
      withKey: !!r.key || carried !== undefined,
      ...(r.walletOfferUrl ? { walletOfferUrl: r.walletOfferUrl } : {}),
      attachmentName,
      pictureCid,
    });
    const picture =
      images.source === "class-svg"
        ? { filename: "badge.svg", content: Buffer.from(images.svg), contentType: "image/svg+xml" }
        : { filename: "badge.png", content: Buffer.from(images.png), contentType: "image/png" };
    const info = await (transport as ReturnType<typeof nodemailer.createTransport>).sendMail({
      from: { name: `${issuerName.replace(/[\r\n"<>]/g, " ").slice(0, 80)} (Chancery)`, address: from },
      to: r.email,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: { "X-Chancery-Badge": r.uid },
      attachments: [
        { ...picture, cid: pictureCid, contentDisposition: "inline" },
        { filename: attachmentName, content: baked, contentType: format === "png" ? "image/png" : "image/svg+xml" },
      ],
    });
    return info.messageId;
  }

  app.post<{ Params: { chainId: string } }>(
    routePath("mailAwards"),
    { schema: { params: paramsSchema("mailAwards") }, bodyLimit: MAIL_BODY_MAX_BYTES },
    async (request, reply) => {
      if (!transport || !mail)
        throw refuse(
          503,
          "mail-not-configured",
          "This gateway sends no e-mail: its operator must set SMTP_URL (or SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASS) and MAIL_FROM.",
        );
      const ipWait = perIp.take(request.ip);
      if (ipWait > 0)
        throw refuse(
          429,
          "rate-limited",
          `Too many award-mail requests from ${request.ip} (${mail.requestsPerIpPerMinute} per minute). Retry after ${ipWait} s.`,
          { "retry-after": String(ipWait) },
        );
      if (Number(request.params.chainId) !== chainId)
        throw refuse(404, "not-found", `This gateway serves chain ${chainId}, not ${request.params.chainId}.`);
      const { envelope, credentials } = envelopeOf(request.body);
      if (envelope.chainId !== chainId || envelope.registry !== registry)
        throw refuse(
          404,
          "not-found",
          `The request names chain ${envelope.chainId}, registry ${envelope.registry}; this gateway serves chain ${chainId}, registry ${registry}.`,
        );
      const indexOf = new Map(envelope.recipients.map((r, i) => [r.uid, i]));
      for (const uid of Object.keys(credentials))
        if (!indexOf.has(uid as Hex))
          throw refuse(400, "bad-request", `credentials names ${uid}, which the signed envelope does not list.`);
      await checkSigner(envelope);
      // Replays: each (nonce, uid) is mailed once; uids are marked before sending so a concurrent copy is refused too.
      const used = nonces.get(envelope.nonce) ?? { uids: new Set<string>(), at: envelope.issuedAt };
      const replayed = Object.keys(credentials).filter((uid) => used.uids.has(uid));
      if (replayed.length > 0)
        throw refuse(
          409,
          "replayed",
          `This signed request was already used for ${replayed.length === 1 ? `badge ${replayed[0]}` : `${replayed.length} of its badges`}: sign a new one to send again.`,
        );
      const issuerWait = perIssuer.take(String(envelope.issuerId), Date.now(), Object.keys(credentials).length);
      if (issuerWait > 0)
        throw refuse(
          429,
          "rate-limited",
          `Issuer #${envelope.issuerId} has sent its ${mail.perIssuerPerHour} award e-mails of the hour. Retry after ${issuerWait} s.`,
          { "retry-after": String(issuerWait) },
        );
      for (const uid of Object.keys(credentials)) used.uids.add(uid);
      nonces.set(envelope.nonce, used);

      const head = await app.chain.headBlock();
      const outcomes: AwardMailOutcome[] = [];
      for (const [uid, credential] of Object.entries(credentials)) {
        const index = indexOf.get(uid as Hex) as number;
        const email = (envelope.recipients[index] as { email: string }).email;
        const checked = await prepare(envelope, index, credential, head);
        if (!("badge" in checked)) {
          const { refused, code, params } = checked;
          outcomes.push({ uid: uid as Hex, email, status: "refused", code, params, message: refused });
          continue;
        }
        try {
          const messageId = await send(envelope, index, credential, checked.badge.status.classId);
          outcomes.push({ uid: uid as Hex, email, status: "sent", messageId });
        } catch (error) {
          request.log.warn({ uid, err: (error as Error).message }, "award mail failed");
          const detail = (error as Error).message;
          outcomes.push({
            uid: uid as Hex,
            email,
            status: "failed",
            code: "smtp-refused",
            params: { detail },
            message: `The mail server did not take the message: ${detail}`,
          });
        }
      }
      return reply
        .header("cache-control", "no-store")
        .header("content-type", JSON_TYPE)
        .send(JSON.stringify({ outcomes }, null, 2));
    },
  );
};
