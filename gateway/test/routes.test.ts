// The gateway's routes and the sdk's URL scheme agree: every URL the documents name is routed
// (with no chain reachable, a routed URL answers 503, an unrouted one 404), and ids the route
// schemas refuse get a 400 that says what is wrong. No chain needed.

import { hostedPath, PATHS, type UrlKind, type UrlParams } from "@chancery/sdk/urls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGateway, type Gateway } from "../src/app.ts";

const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const UID = `0x${"ab".repeat(32)}`;
const KEY = "34cewmcC2qSDYWpz6Js_Y0ElRz5l9Wbx-SZe5nPBoWw";
const EXAMPLES: { [K in UrlKind]: UrlParams<K> } = {
  ob2Assertion: { chainId: 31337, uid: UID },
  ob2AssertionImage: { chainId: 31337, uid: UID, format: "svg" },
  ob2KeyedAssertion: { chainId: 31337, uid: UID, key: KEY },
  ob2KeyedAssertionImage: { chainId: 31337, uid: UID, key: KEY, format: "png" },
  ob2ClaimedAssertion: { chainId: 31337, uid: UID, claim: "A".repeat(87) },
  ob2ClaimRequest: { chainId: 31337 },
  ob2Recipient: { chainId: 31337, wallet: "0x90F79bf6EB2c4f870365E785982E1f101E93b906" },
  ob2BadgeClass: { chainId: 31337, classId: 3 },
  ob2BadgeClassImage: { chainId: 31337, classId: 3 },
  ob2Issuer: { chainId: 31337, issuerId: 4294967295 },
  ob2RevocationList: { chainId: 31337, issuerId: 1 },
  ob3Issuer: { chainId: 31337, registry: REGISTRY, issuerId: 1 },
  ob3Status: { chainId: 31337, registry: REGISTRY, issuerId: 1 },
  ob3BatchStatus: { chainId: 31337, registry: REGISTRY, issuerId: 1, batchId: UID },
  ob3Credential: { chainId: 31337, registry: REGISTRY, uid: UID },
  ob3Key: { chainId: 31337, registry: REGISTRY, issuerId: 1, publicKeyMultibase: "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK" },
  ob3StatusList: { chainId: 31337, registry: REGISTRY, issuerId: 1, classId: 2, list: 0 },
  ob3BatchStatusList: { chainId: 31337, registry: REGISTRY, issuerId: 1, batchId: UID },
  ob3KeyedCredential: { chainId: 31337, registry: REGISTRY, uid: UID, key: KEY },
  oid4vciIssuer: { chainId: 31337, registry: REGISTRY, classId: 2 },
  oid4vciIssuerMetadata: { chainId: 31337, registry: REGISTRY, classId: 2 },
  oid4vciAuthorizationServer: { chainId: 31337, registry: REGISTRY, classId: 2 },
  oid4vciToken: { chainId: 31337, registry: REGISTRY, classId: 2 },
  oid4vciCredential: { chainId: 31337, registry: REGISTRY, classId: 2 },
  oid4vciOfferRequest: { chainId: 31337 },
  mailAwards: { chainId: 31337 },
};
// OpenID4VCI's POST endpoints refuse a request without a code, token or key before asking the chain.
const OAUTH_POSTS: Partial<Record<UrlKind, RegExp>> = {
  oid4vciToken: /unsupported_grant_type/,
  oid4vciCredential: /invalid_token/,
  oid4vciOfferRequest: /uid must be/,
  // Award e-mails: this gateway has no SMTP server configured (503 before anything else).
  mailAwards: /sends no e-mail/,
};

let gw: Gateway;
beforeAll(async () => {
  gw = await buildGateway({ rpcUrl: "http://127.0.0.1:9", registry: REGISTRY, rpcTimeoutMs: 200 });
});
afterAll(async () => {
  await gw?.close();
});

describe("routes from the URL scheme", () => {
  it.each(Object.keys(PATHS) as UrlKind[])("%s", async (kind) => {
    // Claims are minted by POSTing a credential; everything else is a GET.
    const method = kind === "ob2ClaimRequest" || OAUTH_POSTS[kind] ? "POST" : "GET";
    const res = await gw.inject({ method, url: hostedPath(kind, EXAMPLES[kind] as never), ...(method === "POST" ? { payload: {} } : {}) });
    // A credential id names its badge; the credential itself lives with its holder, not here.
    const refusal = OAUTH_POSTS[kind];
    if (refusal) expect(res.body).toMatch(refusal);
    else if (kind === "ob3Credential" || kind === "oid4vciIssuer")
      expect(res.json()).toMatchObject({ status: 404, message: expect.stringMatching(/Nothing is served/) });
    else expect(res.json()).toMatchObject({ status: 503, error: "chain-unavailable" });
  });

  it.each([
    ["a leading zero in a class id", "/ob2/badges/31337/03", /badge class id "03" is not an integer between 1/],
    ["an image type not served", `/ob2/assertions/31337/${UID}.gif`, /"\.gif" is not served/],
    ["a key cut short, in an image URL", `/ob2/assertions/31337/${UID}/${KEY.slice(0, 30)}.png`, /not a badge key/],
    ["a zero batch", `/ob3/status/31337/${REGISTRY}/1/0x${"0".repeat(64)}`, /batch id must not be zero/],
    ["a chain id with a sign", "/ob2/issuers/+1/1", /chain id "\+1".*serves chain 31337/],
  ])("refuses %s with a 400 that says what is wrong", async (_, url, message) => {
    const res = await gw.inject({ method: "GET", url });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.json()).toMatchObject({ status: 400, error: "bad-request", message: expect.stringMatching(message) });
  });

  it("says 404 for another chain before looking at the rest of the URL, as before", async () => {
    expect((await gw.inject({ method: "GET", url: "/ob2/assertions/1/0x12" })).statusCode).toBe(404);
  });

  it("keeps .json as another name of the hosted document", async () => {
    expect((await gw.inject({ method: "GET", url: `/ob2/assertions/31337/${UID}.json` })).json()).toMatchObject({ status: 503 });
  });
});
