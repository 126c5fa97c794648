// OpenID4VCI 1.0 with an independent wallet client: the OpenWallet Foundation's
// @openid4vc/openid4vci (the library Credo's holder agent uses), unmodified, against a real Hardhat
// node and the real, listening gateway — offer link (as the QR code carries it) → issuer metadata →
// token → credential, then Digital Bazaar's verifier with a stock loader on what the wallet received.
// Then what must fail, with OAuth error bodies that disclose nothing: a replayed code, an expired
// code, a code of a revoked or an erased badge, a wrong PIN, a code aimed at another class.
import { type AnchoredBadge, anchorBadge, anchorMerkleBatch, prepareBadge } from "@chancery/sdk/award";
import {
  addIssuerKey,
  createBadgeClass,
  deriveIssuerSigningKey,
  eraseBadge,
  readPayload,
  registerIssuer,
  revokeBadge,
  updateIssuerProfile,
  type WriteContext,
} from "@chancery/sdk/chain";
import { type AwardInput, buildOb3Achievement, buildOb3IssuerProfile } from "@chancery/sdk/documents";
import { OB3_CREDENTIAL_CONFIGURATION_ID, parseCredentialOfferUri, requestCredentialOffer } from "@chancery/sdk/hosted";
import type { Ed25519SigningKey } from "@chancery/sdk/proofs";
import { ob3KeyedCredentialUrl, oid4vciIssuerUrl } from "@chancery/sdk/urls";
import { receiveOffer } from "@chancery/testing/oid4vci-wallet";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { keccak256, toHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Gateway } from "../src/app.ts";
import { type Chain, freePort, startChain } from "./helpers.ts";
import { chainGateway, stockLoaderFor } from "./stock-verifier.ts";

const APP = "https://app.test";
let chain: Chain;
let gw: Gateway;
let base: string;
let admin: WriteContext;
let classId: number;
let otherClassId: number;
const badges: Record<"wallet" | "email" | "revoked" | "erased", AnchoredBadge> = {} as never;
let batchedUid: string;
let signingKey: Ed25519SigningKey;

const verify = (credential: object) =>
  vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    documentLoader: stockLoaderFor(() => base),
    checkStatus: async () => ({ verified: true }),
  });

const receive = receiveOffer;

const offerOf = (badge: AnchoredBadge, extra: { txCode?: string; lifetimeSeconds?: number } = {}) =>
  requestCredentialOffer(base, chain.chainId, { uid: badge.uid, key: badge.key ?? "", ...extra });

/** The token endpoint's answer to a code, as any OAuth client sees it. */
async function redeem(code: string, cls = classId, txCode?: string) {
  const issuer = oid4vciIssuerUrl(base, { chainId: chain.chainId, registry: chain.registry }, cls);
  const body = new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:pre-authorized_code", "pre-authorized_code": code });
  if (txCode) body.set("tx_code", txCode);
  const res = await fetch(`${issuer}/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

const codeOf = (offerUri: string) =>
  parseCredentialOfferUri(offerUri).grants["urn:ietf:params:oauth:grant-type:pre-authorized_code"]["pre-authorized_code"];

beforeAll(async () => {
  chain = await startChain();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const deployment = { chainId: chain.chainId, registry: chain.registry };
  admin = { client: chain.publicClient, registry: chain.registry, deployedOnBlock: chain.deployedOnBlock, wallet: chain.wallets[1]! };
  const profile = buildOb3IssuerProfile({ issuerId: 1, name: "Université de Lumière", url: "https://lumiere.example" }, base, deployment);
  const { issuerId } = await registerIssuer(admin, { ...profile, verification: { allowedOrigins: ["127.0.0.1"] } });
  const content = { name: "Data Literacy", description: "Reads, cleans and charts a real data set.", criteria: { narrative: "Exam." } };
  ({ classId } = await createBadgeClass(admin, issuerId, buildOb3Achievement(content, "https://placeholder.example/class")));
  ({ classId: otherClassId } = await createBadgeClass(
    admin,
    issuerId,
    buildOb3Achievement({ ...content, name: "Other" }, "https://placeholder.example/other"),
  ));
  const { key } = await deriveIssuerSigningKey(admin, { issuerId, signer: admin.wallet, chainId: chain.chainId });
  await addIssuerKey(admin, issuerId, key.publicKeyHex);
  signingKey = key;
  const award = (recipient: AwardInput["recipient"]): AwardInput => ({
    issuer: { issuerId, name: "Université de Lumière", url: "https://lumiere.example" },
    achievement: content,
    recipient,
    validFrom: new Date(Date.now() - 60_000),
    deployment,
    gatewayBase: base,
    classId,
  });
  const learner = chain.wallets[5]!.account!.address;
  const recipients: [keyof typeof badges, AwardInput["recipient"]][] = [
    ["wallet", { wallet: learner }],
    ["email", { email: "ada@example.org", name: "Ada Lovelace" }],
    ["revoked", { email: "rev@example.org" }],
    ["erased", { email: "gone@example.org", name: "Gone Person" }],
  ];
  for (const [name, recipient] of recipients)
    badges[name] = await anchorBadge(admin, await prepareBadge(award(recipient), key), { classId, publish: { appBase: APP } });
  const batch = await anchorMerkleBatch(admin, {
    classId,
    batchKey: keccak256(toHex("oid4vci cohort")),
    signingKey: key,
    awards: [award({ email: "m1@example.org" }), award({ email: "m2@example.org" })],
  });
  batchedUid = batch.badges[0]!.uid;
  // No rate limit: the expired-code test moves the clock, which a token bucket would take as a flood.
  gw = await chainGateway(chain, { publicBaseUrl: base, appUrl: APP, rateLimitPerSecond: 0 });
  await gw.listen({ port, host: "127.0.0.1" });
}, 240_000);

afterAll(async () => {
  await gw?.close();
  await chain?.stop();
});

describe("OpenID4VCI 1.0 with @openid4vc/openid4vci as the wallet", () => {
  it("adds a wallet badge and an e-mail badge from their offer links; the credential is the signed one and verifies", async () => {
    for (const name of ["wallet", "email"] as const) {
      const started = performance.now();
      const { offerUri } = await offerOf(badges[name]);
      expect(offerUri).toMatch(/^openid-credential-offer:\/\/\?credential_offer=/);
      const { offer, issuerMetadata, response } = await receive(offerUri);
      const ms = Math.round(performance.now() - started);
      // The client read OpenID4VCI 1.0 (final) metadata: display of the issuer and of the achievement.
      expect(issuerMetadata.originalDraftVersion).toBe("V1");
      expect(offer.credential_configuration_ids).toEqual([OB3_CREDENTIAL_CONFIGURATION_ID]);
      const meta = issuerMetadata.credentialIssuer;
      expect(meta.display?.[0]?.name).toBe("Université de Lumière");
      const configuration = meta.credential_configurations_supported[OB3_CREDENTIAL_CONFIGURATION_ID] as {
        format: string;
        credential_metadata: { display: { name: string; logo: { uri: string } }[] };
      };
      expect(configuration.format).toBe("ldp_vc");
      expect(configuration.credential_metadata.display[0]?.name).toBe("Data Literacy");
      expect((await fetch(configuration.credential_metadata.display[0]!.logo.uri)).headers.get("content-type")).toMatch(/^image\//);
      const first = response.credentialResponse.credentials?.[0] as { credential: Record<string, unknown> } | undefined;
      const received = first?.credential ?? {};
      // Exactly what the issuer signed at award time: same bytes as the prepared credential.
      expect(received).toEqual(JSON.parse(JSON.stringify(badges[name].credential)));
      const result = await verify(received);
      expect(result.verified, String(result.error ?? result.results?.[0]?.error)).toBe(true);
      console.log(`OpenID4VCI (${name} badge): offer → metadata → token → credential → verified in ${ms} ms`);
    }
  });

  it("asks for the PIN when the offer has one: a wrong one is refused, the right one works", async () => {
    const { offerUri, offer } = await offerOf(badges.email, { txCode: "482913" });
    expect(offer.grants["urn:ietf:params:oauth:grant-type:pre-authorized_code"].tx_code).toMatchObject({
      input_mode: "numeric",
      length: 6,
    });
    const code = codeOf(offerUri);
    expect(await redeem(code)).toMatchObject({
      status: 400,
      body: { error: "invalid_request", error_description: expect.stringMatching(/PIN/) },
    });
    const wrong = await redeem(code, classId, "000000");
    expect(wrong).toMatchObject({
      status: 400,
      body: { error: "invalid_grant", error_description: "Wrong PIN (tx_code): 4 attempts left." },
    });
    const { response } = await receive(offerUri, "482913");
    expect(response.credentialResponse.credentials).toHaveLength(1);
  });

  it("voids an offer after five wrong PINs", async () => {
    const { offerUri } = await offerOf(badges.email, { txCode: "1234" });
    const code = codeOf(offerUri);
    for (let i = 0; i < 5; i++) await redeem(code, classId, "9999");
    expect((await redeem(code, classId, "1234")).body).toMatchObject({
      error: "invalid_grant",
      error_description: expect.stringMatching(/already used/),
    });
  });

  it("refuses a replayed code with invalid_grant, and discloses nothing", async () => {
    const { offerUri } = await offerOf(badges.wallet);
    await receive(offerUri);
    const again = await redeem(codeOf(offerUri));
    expect(again).toEqual({
      status: 400,
      body: {
        error: "invalid_grant",
        error_description: "This offer was already used (each offer adds the badge once): make a new offer.",
      },
    });
    // The client surfaces the same OAuth error.
    await expect(receive(offerUri)).rejects.toThrow(/invalid_grant|already used/);
  });

  it("refuses an expired code", async () => {
    const { offerUri } = await offerOf(badges.wallet, { lifetimeSeconds: 60 });
    const realNow = Date.now;
    Date.now = () => realNow() + 61_000;
    try {
      const answer = await redeem(codeOf(offerUri));
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: "invalid_grant", error_description: expect.stringMatching(/^This offer expired at /) });
    } finally {
      Date.now = realNow;
    }
  });

  it("refuses a code aimed at another class, or altered, as not its own", async () => {
    const { offerUri } = await offerOf(badges.wallet);
    const code = codeOf(offerUri);
    expect((await redeem(code, otherClassId)).body.error).toBe("invalid_grant");
    const altered = `${code.slice(0, 40)}${code[40] === "A" ? "B" : "A"}${code.slice(41)}`;
    expect((await redeem(altered)).body).toMatchObject({
      error: "invalid_grant",
      error_description: expect.stringMatching(/not issued by/),
    });
  });

  it("gives no credential for a badge revoked or erased after its offer was made", async () => {
    const revokedOffer = await offerOf(badges.revoked);
    const erasedOffer = await offerOf(badges.erased);
    await revokeBadge(admin, { uid: badges.revoked.uid, reason: "Issued by mistake" });
    await eraseBadge(admin, { uid: badges.erased.uid });
    for (const [offer, words] of [
      [revokedOffer, /revoked by its issuer/],
      [erasedOffer, /erased and is no longer disclosed/],
    ] as const) {
      const answer = await redeem(codeOf(offer.offerUri));
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: "invalid_grant", error_description: expect.stringMatching(words) });
      expect(JSON.stringify(answer.body)).not.toMatch(/@example\.org|Gone Person|credentialSubject/);
    }
    // And no new offer is made for them.
    await expect(offerOf(badges.revoked)).rejects.toThrow(/revoked/);
    await expect(offerOf(badges.erased)).rejects.toThrow(/erased/);
  });

  it("makes no offer without the right key, nor for a Merkle-batched badge (nothing published), saying why", async () => {
    const wrongKey = "34cewmcC2qSDYWpz6Js_Y0ElRz5l9Wbx-SZe5nPBoWw";
    await expect(requestCredentialOffer(base, chain.chainId, { uid: badges.wallet.uid, key: wrongKey })).rejects.toThrow(
      /key does not open/,
    );
    await expect(requestCredentialOffer(base, chain.chainId, { uid: batchedUid, key: wrongKey })).rejects.toThrow(/Merkle batch/);
  });

  it("refuses the credential endpoint without a valid access token (401 invalid_token)", async () => {
    const issuer = oid4vciIssuerUrl(base, { chainId: chain.chainId, registry: chain.registry }, classId);
    const res = await fetch(`${issuer}/credential`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${"A".repeat(60)}` },
      body: JSON.stringify({ credential_configuration_id: OB3_CREDENTIAL_CONFIGURATION_ID }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    expect(await res.json()).toMatchObject({ error: "invalid_token" });
  });

  it("serves the signed credential at its 'add from URL' address (no-store, no referrer), and never for a revoked one", async () => {
    const deployment = { chainId: chain.chainId, registry: chain.registry };
    const url = ob3KeyedCredentialUrl(base, deployment, badges.email.uid, badges.email.key ?? "");
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const credential = await res.json();
    expect(credential).toEqual(JSON.parse(JSON.stringify(badges.email.credential)));
    expect((await verify(credential)).verified).toBe(true);
    const revoked = await fetch(ob3KeyedCredentialUrl(base, deployment, badges.revoked.uid, badges.revoked.key ?? ""));
    expect(revoked.status).toBe(410);
    expect(await revoked.text()).not.toMatch(/rev@example|credentialSubject/);
  });

  it("serves the full signed credential of a badge published with its class image and logo left on chain", async () => {
    const deployment = { chainId: chain.chainId, registry: chain.registry };
    const picture = (bytes: number) =>
      `data:image/webp;base64,${Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString("base64")}`;
    const [classImage, logo] = [picture(12_000), picture(8_000)];
    const profile = buildOb3IssuerProfile({ issuerId: 1, name: "Université de Lumière", url: "https://lumiere.example" }, base, deployment);
    await updateIssuerProfile(admin, 1, {
      ...profile,
      image: { id: logo, type: "Image" },
      verification: { allowedOrigins: ["127.0.0.1"] },
    });
    const content = {
      name: "Data Visualisation",
      description: "Charts a real data set.",
      criteria: { narrative: "Exam." },
      image: classImage,
    };
    const { classId: picturedClass } = await createBadgeClass(
      admin,
      1,
      buildOb3Achievement(content, "https://placeholder.example/pictured"),
    );
    const award: AwardInput = {
      issuer: { issuerId: 1, name: "Université de Lumière", url: "https://lumiere.example", image: logo },
      achievement: content,
      recipient: { email: "hedy@example.org", name: "Hedy Lamarr" },
      validFrom: new Date(Date.now() - 60_000),
      deployment,
      gatewayBase: base,
      classId: picturedClass,
    };
    const badge = await anchorBadge(admin, await prepareBadge(award, signingKey), { classId: picturedClass, publish: { appBase: APP } });
    const signed = JSON.parse(JSON.stringify(badge.credential));
    // On chain, the stand-ins: the 20 kB of images are not in the payload.
    const payload = await readPayload(admin, badge.uid, badge.blockNumber);
    expect(((payload?.length ?? 0) - 2) / 2).toBeLessThan(4_000);
    // Served from the "add from URL" address and through OpenID4VCI: the images put back, the proof holds.
    const res = await fetch(ob3KeyedCredentialUrl(base, deployment, badge.uid, badge.key ?? ""));
    expect(res.status).toBe(200);
    const served = await res.json();
    expect(served).toEqual(signed);
    expect(served.credentialSubject.achievement.image.id).toBe(classImage);
    expect(served.issuer.image.id).toBe(logo);
    const result = await verify(served);
    expect(result.verified, String(result.error ?? result.results?.[0]?.error)).toBe(true);
    const { response } = await receive((await offerOf(badge)).offerUri);
    const received = (response.credentialResponse.credentials?.[0] as { credential: Record<string, unknown> } | undefined)?.credential;
    expect(received).toEqual(signed);
    expect((await verify(received ?? {})).verified).toBe(true);
  });
});
