// Award e-mails through a real SMTP server (MailDev, read back over its HTTP API) and a real
// Hardhat node: a signed request by a current signer reaches the learner with the badge picture,
// the share link and the baked badge; everything else is refused with a clear error and no mail.
import { createRequire } from "node:module";
import { issueAward } from "@chancery/sdk/award";
import { extractFromPng } from "@chancery/sdk/baking";
import { addIssuerSigner, createBadgeClass, writeRegistry } from "@chancery/sdk/chain";
import { badgeArtPng, toDataUri } from "@chancery/sdk/hosted";
import { parseShareLink } from "@chancery/sdk/links";
import {
  AwardMailRefused,
  MAIL_OFFER_LIFETIME_SECONDS,
  type SignedAwardMails,
  sendAwardMails,
  signAwardMails,
  withWalletOffers,
} from "@chancery/sdk/mail";
import { verifyBadge } from "@chancery/sdk/verify";
import { setUpIssuer, type TestIssuer } from "@chancery/testing/issuer";
import { receiveOffer } from "@chancery/testing/oid4vci-wallet";
import type { Hex, WalletClient } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGateway, type Gateway } from "../src/app.ts";
import { type Chain, freePort, startChain } from "./helpers.ts";

const require = createRequire(import.meta.url);
const MailDev = require("maildev") as new (
  options: object,
) => { listen: (cb: (e?: Error) => void) => void; close: (cb: () => void) => void };

const APP = "https://app.test";
type Caught = {
  id: string;
  subject: string;
  to: { address: string }[];
  html: string;
  text: string;
  attachments: { fileName: string; generatedFileName: string; contentId?: string; contentDisposition: string; contentType: string }[];
};

let chain: Chain;
let a: TestIssuer;
let b: TestIssuer;
let maildev: InstanceType<typeof MailDev>;
let web: string;
let smtpPort: number;
const gateways: Gateway[] = [];
const badges: Record<string, { uid: Hex; credential: object; key?: string; email: string }> = {};

async function gateway(
  limits: { perIssuerPerHour?: number; requestsPerIpPerMinute?: number } = {},
  mail = true,
  port = 0,
): Promise<string> {
  const gw = await buildGateway({
    // The wallet offers name the gateway by its public address: the port it will listen on.
    ...(port ? { publicBaseUrl: `http://127.0.0.1:${port}` } : {}),
    rpcUrl: chain.rpcUrl,
    registry: chain.registry,
    chainId: chain.chainId,
    appUrl: APP,
    rateLimitPerSecond: 0,
    ...(mail
      ? {
          mail: {
            smtp: { host: "127.0.0.1", port: smtpPort, secure: false },
            from: "badges@chancery.test",
            perIssuerPerHour: limits.perIssuerPerHour ?? 1000,
            requestsPerIpPerMinute: limits.requestsPerIpPerMinute ?? 1000,
          },
        }
      : {}),
  });
  gateways.push(gw);
  return gw.listen({ port, host: "127.0.0.1" });
}

const inbox = async (): Promise<Caught[]> => (await fetch(`${web}/email`)).json() as Promise<Caught[]>;

function envelopeFor(
  wallet: WalletClient,
  issuer: TestIssuer,
  names: string[],
  extra: Partial<{ issuedAt: number; locale: "en" | "fr" | "zh" }> = {},
) {
  return signAwardMails(wallet, {
    chainId: chain.chainId,
    registry: chain.registry,
    issuerId: issuer.issuerId,
    ...extra,
    recipients: names.map((n) => {
      const badge = badges[n] as (typeof badges)[string];
      return { uid: badge.uid, email: badge.email, ...(badge.key ? { key: badge.key } : {}) };
    }),
  });
}
const credentialsOf = (names: string[]) => Object.fromEntries(names.map((n) => [badges[n]?.uid, badges[n]?.credential]));

/** A refused request: the gateway's status, code and message, and nothing new in the inbox. */
async function refused(base: string, envelope: SignedAwardMails, credentials: Record<string, object>) {
  const before = (await inbox()).length;
  const error = await sendAwardMails(base, envelope, credentials, { retries: 0 }).catch((e) => e);
  expect(error).toBeInstanceOf(AwardMailRefused);
  expect((await inbox()).length).toBe(before);
  return error as AwardMailRefused;
}

beforeAll(async () => {
  chain = await startChain();
  smtpPort = await freePort();
  const webPort = await freePort();
  maildev = new MailDev({ smtp: smtpPort, web: webPort, ip: "127.0.0.1", silent: true });
  await new Promise<void>((resolve, reject) => maildev.listen((e) => (e ? reject(e) : resolve())));
  web = `http://127.0.0.1:${webPort}`;
  a = await setUpIssuer(chain, { walletIndex: 1, name: "Université de Lumière", className: "Data Literacy" });
  b = await setUpIssuer(chain, { walletIndex: 2, name: "Other School" });
  // A class with its own PNG picture, for the inline image and the baked file.
  const png = badgeArtPng({ initials: "DL", hue: 200, size: 128 });
  const { classId } = await createBadgeClass(a.admin, a.issuerId, {
    type: ["Achievement"],
    name: "Data Literacy",
    image: toDataUri("image/png", png),
  });
  const issue = async (
    name: string,
    issuer: TestIssuer,
    email: string,
    options: { publish?: boolean; classId?: number; person?: string } = {},
  ) => {
    const award = issuer.award({
      recipient: { email, ...(options.person ? { name: options.person } : {}) },
      ...(options.classId ? { classId: options.classId } : {}),
    });
    const anchored = await issueAward(issuer.admin, award, issuer.signingKey, options.publish ? { publish: { appBase: APP } } : {});
    badges[name] = { uid: anchored.uid, credential: anchored.credential, email, ...(anchored.key ? { key: anchored.key } : {}) };
  };
  await issue("ada", a, "ada@example.org", { publish: true, classId, person: "Ada Lovelace" });
  await issue("grace", a, "grace@example.org", { classId });
  await issue("alan", a, "alan@example.org");
  await issue("other", b, "bob@example.org");
  // Wallet 3 signed for issuer A, then was removed; wallet 4 never signed for anyone.
  await addIssuerSigner(a.admin, a.issuerId, chain.wallets[3]!.account!.address);
  await writeRegistry(a.admin, "removeSigner", [a.issuerId, chain.wallets[3]!.account!.address]);
}, 120_000);

afterAll(async () => {
  for (const gw of gateways) await gw.close();
  await new Promise<void>((resolve) => (maildev ? maildev.close(resolve) : resolve()));
  await chain?.stop();
});

describe("award e-mails", () => {
  it("sends a signed request's mails: the picture inline, the share link with its key, the baked badge attached", async () => {
    const base = await gateway();
    const signer = a.admin.wallet;
    const envelope = await envelopeFor(signer, a, ["ada", "grace"], { locale: "fr" });
    const progress: number[] = [];
    const outcomes = await sendAwardMails(base, envelope, credentialsOf(["ada", "grace"]), { onProgress: (p) => progress.push(p.done) });
    expect(outcomes.map((o) => [o.email, o.status])).toEqual([
      ["ada@example.org", "sent"],
      ["grace@example.org", "sent"],
    ]);
    expect(progress.at(-1)).toBe(2);
    const mails = await inbox();
    const ada = mails.find((m) => m.to[0]?.address === "ada@example.org") as Caught;
    expect(ada.subject).toBe("Votre badge « Data Literacy » décerné par Université de Lumière");
    expect(ada.text).toContain("Bonjour Ada Lovelace,");
    // The share link opens the full badge: it carries the key, and names this chain, registry and uid.
    const link = /https:\/\/app\.test\/verify\/[^\s"<]+/.exec(ada.text)?.[0] as string;
    const parts = parseShareLink(link);
    expect(parts).toMatchObject({ chainId: chain.chainId, registry: chain.registry, uid: badges.ada?.uid });
    expect(link.endsWith(`#k=${badges.ada?.key}`)).toBe(true);
    const inline = ada.attachments.find((x) => x.contentDisposition === "inline");
    expect(inline).toMatchObject({ fileName: "badge.png", contentType: "image/png" });
    expect(ada.html).toContain(`src="cid:${inline?.contentId}"`);
    const baked = ada.attachments.find((x) => x.contentDisposition === "attachment") as Caught["attachments"][number];
    expect(baked.fileName).toBe(`data-literacy-${badges.ada?.uid.slice(2, 10)}.png`);
    const file = new Uint8Array(await (await fetch(`${web}/email/${ada.id}/attachment/${baked.generatedFileName}`)).arrayBuffer());
    const extracted = extractFromPng(file);
    expect(JSON.parse(extracted.payload)).toEqual(badges.ada?.credential);
    // Grace's badge was not published encrypted: her link carries the signed credential itself (#c=), no key.
    const grace = mails.find((m) => m.to[0]?.address === "grace@example.org") as Caught;
    const graceLink = /https:\/\/app\.test\/verify\/[^\s"<]+/.exec(grace.text)?.[0] as string;
    expect(graceLink).toContain(`/verify/${chain.chainId}/${chain.registry}/${badges.grace?.uid}#c=`);
    expect(graceLink).not.toContain("#k=");
    expect(JSON.parse(parseShareLink(graceLink).credential as string)).toEqual(badges.grace?.credential);
    expect(
      (await verifyBadge(graceLink, { publicClient: chain.publicClient, trust: [{ chainId: chain.chainId, registry: chain.registry }] }))
        .verdict,
    ).toBe("valid");
  });

  it("carries a wallet offer good for 7 days that an independent wallet redeems for the badge's signed credential", async () => {
    const base = await gateway({}, true, await freePort());
    const asked = [
      { uid: badges.ada?.uid as Hex, email: "ada@example.org", key: badges.ada?.key as string },
      { uid: badges.grace?.uid as Hex, email: "grace@example.org" },
    ];
    const { recipients, withoutOffer } = await withWalletOffers(base, chain.chainId, asked);
    expect(withoutOffer.size).toBe(0);
    // Grace's badge was not published with a key: nothing a wallet could be given, so no offer.
    expect(recipients[1]?.walletOfferUrl).toBeUndefined();
    const before = (await inbox()).length;
    const envelope = await signAwardMails(a.admin.wallet, {
      chainId: chain.chainId,
      registry: chain.registry,
      issuerId: a.issuerId,
      locale: "en",
      recipients,
    });
    const outcomes = await sendAwardMails(base, envelope, credentialsOf(["ada", "grace"]));
    expect(outcomes.map((o) => o.status)).toEqual(["sent", "sent"]);
    const mails = (await inbox()).slice(before);
    const ada = mails.find((m) => m.to[0]?.address === "ada@example.org") as Caught;
    const offerUri = /openid-credential-offer:\/\/\S+/.exec(ada.text)?.[0] as string;
    expect(offerUri).toBe(recipients[0]?.walletOfferUrl);
    expect(ada.text).toContain(`works for ${MAIL_OFFER_LIFETIME_SECONDS / 86_400} days`);
    expect(ada.html).toContain(`href="${offerUri.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`);
    const grace = mails.find((m) => m.to[0]?.address === "grace@example.org") as Caught;
    expect(grace.text).not.toContain("openid-credential-offer:");
    // The learner's wallet opens the link from the e-mail: exactly the credential the issuer signed.
    const { credential } = await receiveOffer(offerUri);
    expect(credential).toEqual(JSON.parse(JSON.stringify(badges.ada?.credential)));
    // An e-mailed offer still left unused after its 7 days is refused.
    const late = await withWalletOffers(base, chain.chainId, [asked[0] as (typeof asked)[number]]);
    const realNow = Date.now;
    Date.now = () => realNow() + (MAIL_OFFER_LIFETIME_SECONDS + 60) * 1000;
    try {
      await expect(receiveOffer(late.recipients[0]?.walletOfferUrl as string)).rejects.toThrow(/expired/);
    } finally {
      Date.now = realNow;
    }
  });

  it("refuses a replay of the same signed request, and sends nothing again", async () => {
    const base = await gateway();
    const envelope = await envelopeFor(a.admin.wallet, a, ["alan"]);
    expect((await sendAwardMails(base, envelope, credentialsOf(["alan"])))[0]?.status).toBe("sent");
    const error = await refused(base, envelope, credentialsOf(["alan"]));
    expect([error.status, error.error]).toEqual([409, "replayed"]);
    expect(error.message).toMatch(/already used .* sign a new one/);
  });

  it("refuses an unsigned or altered request, a stranger, a removed signer and an old signature", async () => {
    const base = await gateway();
    const good = await envelopeFor(a.admin.wallet, a, ["grace"]);
    const unsigned = await refused(base, { ...good, signature: `0x${"00".repeat(65)}` }, credentialsOf(["grace"]));
    expect([unsigned.status, unsigned.error]).toEqual([401, "bad-signature"]);
    // Another address than the signed one: the request was changed after signing.
    const altered = await refused(
      base,
      { ...good, recipients: [{ ...good.recipients[0]!, email: "mallory@example.org" }] },
      credentialsOf(["grace"]),
    );
    expect([altered.status, altered.error]).toEqual([401, "bad-signature"]);
    const stranger = await refused(base, await envelopeFor(chain.wallets[4]!, a, ["grace"]), credentialsOf(["grace"]));
    expect([stranger.status, stranger.error]).toEqual([403, "not-a-signer"]);
    expect(stranger.message).toContain(`is not a current signer of issuer #${a.issuerId}`);
    const removed = await refused(base, await envelopeFor(chain.wallets[3]!, a, ["grace"]), credentialsOf(["grace"]));
    expect([removed.status, removed.error]).toEqual([403, "not-a-signer"]);
    const old = await refused(
      base,
      await envelopeFor(a.admin.wallet, a, ["grace"], { issuedAt: Math.floor(Date.now() / 1000) - 3600 }),
      credentialsOf(["grace"]),
    );
    expect([old.status, old.error]).toEqual([401, "expired-request"]);
  });

  it("refuses another issuer's badge and an address the badge's salted hash does not name", async () => {
    const base = await gateway();
    const before = (await inbox()).length;
    // Issuer A's signer names issuer B's badge (correctly signed: the check is on chain).
    const theirs = await envelopeFor(a.admin.wallet, a, ["other"]);
    const [other] = await sendAwardMails(base, theirs, credentialsOf(["other"]));
    expect(other).toMatchObject({
      status: "refused",
      code: "other-issuer",
      params: { uid: badges.other?.uid, issuerId: b.issuerId, expectedIssuerId: a.issuerId },
      message: `Badge ${badges.other?.uid} was issued by issuer #${b.issuerId}, not #${a.issuerId}.`,
    });
    // A's own badge, but to an address of the signer's choosing.
    const wrong = await signAwardMails(a.admin.wallet, {
      chainId: chain.chainId,
      registry: chain.registry,
      issuerId: a.issuerId,
      recipients: [{ uid: badges.grace?.uid as Hex, email: "mallory@example.org" }],
    });
    const [mallory] = await sendAwardMails(base, wrong, credentialsOf(["grace"]));
    expect(mallory).toMatchObject({
      status: "refused",
      code: "other-email",
      params: { email: "mallory@example.org" },
      message: expect.stringMatching(/not awarded to mallory@example\.org/),
    });
    expect((await inbox()).length).toBe(before);
  });

  it("rate-limits per IP and per issuer with a 429 and Retry-After", async () => {
    const perIp = await gateway({ requestsPerIpPerMinute: 1 });
    const first = await envelopeFor(a.admin.wallet, a, ["grace"]);
    expect((await sendAwardMails(perIp, first, credentialsOf(["grace"])))[0]?.status).toBe("sent");
    const second = await envelopeFor(a.admin.wallet, a, ["grace"]);
    const response = await fetch(`${perIp}/mail/awards/${chain.chainId}`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ envelope: second, credentials: credentialsOf(["grace"]) }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({
      error: "rate-limited",
      message: expect.stringMatching(/per minute\)\. Retry after \d+ s/),
    });
    const perIssuer = await gateway({ perIssuerPerHour: 1 });
    const two = await envelopeFor(a.admin.wallet, a, ["grace", "alan"]);
    const error = await refused(perIssuer, two, credentialsOf(["grace", "alan"]));
    expect([error.status, error.error]).toEqual([429, "rate-limited"]);
    expect(error.message).toMatch(/has sent its 1 award e-mails of the hour/);
  });

  it("answers 503 saying what to configure when the gateway has no SMTP server", async () => {
    const base = await gateway({}, false);
    const error = await refused(base, await envelopeFor(a.admin.wallet, a, ["grace"]), credentialsOf(["grace"]));
    expect([error.status, error.error]).toEqual([503, "mail-not-configured"]);
    expect(error.message).toMatch(/SMTP_URL .* MAIL_FROM/);
  });
});
