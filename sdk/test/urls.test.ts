// The URL scheme (src/urls.ts): every kind of URL built and parsed back to what it names, the
// one spelling of each parameter, and the templates the gateway declares its routes from.
import { describe, expect, it } from "vitest";
import { ChanceryError } from "../src/errors.ts";
import {
  credentialUrl,
  decimalRangePattern,
  hostedPath,
  hostedUrl,
  issuerProfileId,
  ob2AssertionImageUrl,
  ob2AssertionUrl,
  ob2BadgeClassImageUrl,
  ob2BadgeClassUrl,
  ob2IssuerUrl,
  ob2KeyedAssertionUrl,
  ob2RevocationListUrl,
  PATHS,
  parseCredentialUrl,
  parseHostedUrl,
  parseIssuerProfileId,
  parseOb2Url,
  parseStatusUrl,
  pathParams,
  pathParamsSchema,
  statusUrl,
  URL_PARAMS,
  type UrlKind,
  type UrlParams,
} from "../src/urls.ts";

const BASE = "https://badges.example.org";
const SUB = "http://127.0.0.1:8787/some/path";
const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const UID = `0x${"ab".repeat(32)}` as const;
const BATCH = `0x${"cd".repeat(32)}` as const;
const KEY = "34cewmcC2qSDYWpz6Js_Y0ElRz5l9Wbx-SZe5nPBoWw";
const DEPLOYMENT = { chainId: 31337, registry: REGISTRY } as const;

/** One example of every kind, with the parameters a parser gives back. */
const EXAMPLES: { [K in UrlKind]: UrlParams<K> } = {
  ob2Assertion: { chainId: 31337, uid: UID },
  ob2AssertionImage: { chainId: 31337, uid: UID, format: "png" },
  ob2KeyedAssertion: { chainId: 31337, uid: UID, key: KEY },
  ob2KeyedAssertionImage: { chainId: 31337, uid: UID, key: KEY, format: "svg" },
  ob2ClaimedAssertion: { chainId: 31337, uid: UID, claim: `A${"b".repeat(86)}` },
  ob2ClaimRequest: { chainId: 31337 },
  ob2Recipient: { chainId: 31337, wallet: "0x90F79bf6EB2c4f870365E785982E1f101E93b906" },
  ob2BadgeClass: { chainId: 8453, classId: 3 },
  ob2BadgeClassImage: { chainId: 8453, classId: 4294967295 },
  ob2Issuer: { chainId: 1, issuerId: 7 },
  ob2RevocationList: { chainId: 1, issuerId: 7 },
  ob3Issuer: { chainId: 31337, registry: REGISTRY, issuerId: 7 },
  ob3Status: { chainId: 31337, registry: REGISTRY, issuerId: 7 },
  ob3BatchStatus: { chainId: 31337, registry: REGISTRY, issuerId: 7, batchId: BATCH },
  ob3Credential: { chainId: Number.MAX_SAFE_INTEGER, registry: REGISTRY, uid: UID },
  ob3Key: { chainId: 31337, registry: REGISTRY, issuerId: 7, publicKeyMultibase: "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK" },
  ob3StatusList: { chainId: 31337, registry: REGISTRY, issuerId: 7, classId: 3, list: 0 },
  ob3BatchStatusList: { chainId: 31337, registry: REGISTRY, issuerId: 7, batchId: BATCH },
  mailAwards: { chainId: 31337 },
  ob3KeyedCredential: { chainId: 31337, registry: REGISTRY, uid: UID, key: KEY },
  oid4vciIssuer: { chainId: 31337, registry: REGISTRY, classId: 3 },
  oid4vciIssuerMetadata: { chainId: 31337, registry: REGISTRY, classId: 3 },
  oid4vciAuthorizationServer: { chainId: 31337, registry: REGISTRY, classId: 3 },
  oid4vciToken: { chainId: 31337, registry: REGISTRY, classId: 3 },
  oid4vciCredential: { chainId: 31337, registry: REGISTRY, classId: 3 },
  oid4vciOfferRequest: { chainId: 31337 },
};
const KINDS = Object.keys(PATHS) as UrlKind[];

describe("the URL scheme: build → parse", () => {
  it.each(KINDS)("%s round-trips, under a bare origin and under a path", (kind) => {
    for (const base of [BASE, SUB]) {
      const url = hostedUrl(`${base}/`, kind, EXAMPLES[kind] as never);
      expect(url.startsWith(`${base}/`)).toBe(true);
      expect(parseHostedUrl(url)).toEqual({ kind, gatewayBase: base, ...EXAMPLES[kind] });
      // The path is the template with its parameters filled, nothing else.
      expect(url.slice(base.length)).toBe(hostedPath(kind, EXAMPLES[kind] as never));
      expect(parseHostedUrl(url, [kind]).kind).toBe(kind);
    }
  });

  it("normalizes what it is given to the one spelling (checksummed registry, lower-case hex)", () => {
    const url = hostedUrl(BASE, "ob3BatchStatus", {
      chainId: 31337,
      registry: REGISTRY.toLowerCase(),
      issuerId: 7,
      batchId: BATCH.toUpperCase().replace("0X", "0x"),
    });
    expect(url).toBe(`${BASE}/ob3/status/31337/${REGISTRY}/7/${BATCH}`);
    expect(ob2AssertionUrl(BASE, 31337, UID.toUpperCase().replace("0X", "0x"))).toBe(`${BASE}/ob2/assertions/31337/${UID}`);
  });

  it("names every document the way the documents and the gateway always did", () => {
    expect(ob2AssertionUrl(BASE, 31337, UID)).toBe(`${BASE}/ob2/assertions/31337/${UID}`);
    expect(ob2AssertionImageUrl(BASE, 31337, UID)).toBe(`${BASE}/ob2/assertions/31337/${UID}.png`);
    expect(ob2AssertionImageUrl(BASE, 31337, UID, "svg", KEY)).toBe(`${BASE}/ob2/assertions/31337/${UID}/${KEY}.svg`);
    expect(ob2KeyedAssertionUrl(BASE, 31337, UID, KEY)).toBe(`${BASE}/ob2/assertions/31337/${UID}/${KEY}`);
    expect(ob2BadgeClassUrl(BASE, 31337, 3)).toBe(`${BASE}/ob2/badges/31337/3`);
    expect(ob2BadgeClassImageUrl(BASE, 31337, 3)).toBe(`${BASE}/ob2/badges/31337/3/image`);
    expect(ob2IssuerUrl(BASE, 31337, 7)).toBe(`${BASE}/ob2/issuers/31337/7`);
    expect(ob2RevocationListUrl(BASE, 31337, 7)).toBe(`${BASE}/ob2/issuers/31337/7/revocations`);
    expect(issuerProfileId(BASE, DEPLOYMENT, 7)).toBe(`${BASE}/ob3/issuers/31337/${REGISTRY}/7`);
    expect(statusUrl(BASE, DEPLOYMENT, 7)).toBe(`${BASE}/ob3/status/31337/${REGISTRY}/7`);
    expect(statusUrl(BASE, DEPLOYMENT, 7, BATCH)).toBe(`${BASE}/ob3/status/31337/${REGISTRY}/7/${BATCH}`);
    expect(credentialUrl(BASE, DEPLOYMENT, UID)).toBe(`${BASE}/ob3/credentials/31337/${REGISTRY}/${UID}`);
  });

  it("the specific parsers read back what the builders write", () => {
    expect(parseIssuerProfileId(issuerProfileId(SUB, DEPLOYMENT, 7))).toEqual({ gatewayBase: SUB, deployment: DEPLOYMENT, issuerId: 7 });
    expect(parseStatusUrl(statusUrl(SUB, DEPLOYMENT, 7))).toEqual({ gatewayBase: SUB, deployment: DEPLOYMENT, issuerId: 7 });
    expect(parseStatusUrl(statusUrl(SUB, DEPLOYMENT, 7, BATCH))).toEqual({
      gatewayBase: SUB,
      deployment: DEPLOYMENT,
      issuerId: 7,
      batchId: BATCH,
    });
    expect(parseCredentialUrl(credentialUrl(SUB, DEPLOYMENT, UID))).toEqual({ gatewayBase: SUB, deployment: DEPLOYMENT, uid: UID });
    expect(parseOb2Url(ob2AssertionUrl(SUB, 31337, UID))).toEqual({ kind: "assertion", gatewayBase: SUB, chainId: 31337, uid: UID });
    expect(parseOb2Url(ob2KeyedAssertionUrl(SUB, 31337, UID, KEY))).toEqual({
      kind: "assertion",
      gatewayBase: SUB,
      chainId: 31337,
      uid: UID,
      key: KEY,
    });
    expect(parseOb2Url(ob2BadgeClassUrl(SUB, 31337, 3))).toEqual({ kind: "badge", gatewayBase: SUB, chainId: 31337, classId: 3 });
    expect(parseOb2Url(ob2IssuerUrl(SUB, 31337, 7))).toEqual({ kind: "issuer", gatewayBase: SUB, chainId: 31337, issuerId: 7 });
    expect(parseOb2Url(ob2RevocationListUrl(SUB, 31337, 7))).toEqual({
      kind: "revocations",
      gatewayBase: SUB,
      chainId: 31337,
      issuerId: 7,
    });
  });
});

describe("the batch of a batched badge in its OB 2.0 URLs (?batch=)", () => {
  it("is written by the builders and read back by parseOb2Url", () => {
    const url = ob2AssertionUrl(BASE, 31337, UID, BATCH.toUpperCase().replace("0X", "0x"));
    expect(url).toBe(`${BASE}/ob2/assertions/31337/${UID}?batch=${BATCH}`);
    expect(ob2AssertionImageUrl(BASE, 31337, UID, "svg", undefined, BATCH)).toBe(`${BASE}/ob2/assertions/31337/${UID}.svg?batch=${BATCH}`);
    expect(parseOb2Url(url)).toEqual({ kind: "assertion", gatewayBase: BASE, chainId: 31337, uid: UID, batchId: BATCH });
    expect(parseOb2Url(ob2AssertionUrl(BASE, 31337, UID))).not.toHaveProperty("batchId");
  });

  it("refuses a malformed, zero or extra query, and a batch on anything but an assertion", () => {
    const bad = [
      `${BASE}/ob2/assertions/31337/${UID}?batch=0x12`,
      `${BASE}/ob2/assertions/31337/${UID}?batch=0x${"0".repeat(64)}`,
      `${BASE}/ob2/assertions/31337/${UID}?batch=${BATCH}&x=1`,
      `${BASE}/ob2/assertions/31337/${UID}?utm_source=mail`,
      `${BASE}/ob2/badges/31337/3?batch=${BATCH}`,
    ];
    for (const url of bad) expect(() => parseOb2Url(url), url).toThrow(ChanceryError);
    expect(() => ob2AssertionUrl(BASE, 31337, UID, "0x12")).toThrow(/batchId/);
  });
});

describe("the URL scheme: refusals", () => {
  it.each([
    [
      "an upper-case uid",
      `${BASE}/ob2/assertions/31337/${UID.toUpperCase().replace("0X", "0x")}`,
      /uid .* is not a bytes32 uid in lower-case hex/,
    ],
    ["a zero uid", `${BASE}/ob2/assertions/31337/0x${"0".repeat(64)}`, /uid must not be zero/],
    ["a short uid in an image URL", `${BASE}/ob2/assertions/31337/0x1234.png`, /uid "0x1234"/],
    ["an image format not served", `${BASE}/ob2/assertions/31337/${UID}.gif`, /image format "gif" is not png or svg/],
    [
      "a key cut short",
      `${BASE}/ob2/assertions/31337/${UID}/${KEY.slice(0, 40)}`,
      /badge key .* is not 43 characters of canonical base64url/,
    ],
    ["a key with a non-canonical last character", `${BASE}/ob2/assertions/31337/${UID}/${KEY.slice(0, 42)}x`, /badge key/],
    ["a leading zero", `${BASE}/ob2/badges/31337/03`, /badge class id "03"/],
    ["a class id above uint32", `${BASE}/ob2/badges/31337/4294967296`, /badge class id "4294967296"/],
    ["a chain id above 2^53", `${BASE}/ob2/issuers/9007199254740992/1`, /chain id "9007199254740992"/],
    ["a bad checksum", `${BASE}/ob3/issuers/31337/${REGISTRY.replace("F", "f")}/7`, /bad EIP-55 checksum/],
    ["a trailing slash", `${BASE}/ob2/issuers/31337/7/`, /not a Chancery/],
    ["a query", `${BASE}/ob2/issuers/31337/7?x=1`, /not a Chancery/],
    ["a base with a query", `${BASE}?a=b/ob2/issuers/31337/7`, /gateway part is not a plain http\(s\) URL/],
    ["another scheme", `ftp://gw.example.org/ob2/issuers/31337/7`, /gateway part/],
    ["an unknown kind", `${BASE}/ob2/things/31337/7`, /not a Chancery URL \(expected/],
    ["not a string", 42, /not a Chancery/],
  ])("refuses %s with a message naming the problem", (_, url, message) => {
    expect(() => parseHostedUrl(url)).toThrowError(ChanceryError);
    try {
      parseHostedUrl(url);
    } catch (error) {
      expect((error as ChanceryError).code).toBe("invalid-url");
      expect((error as Error).message).toMatch(message);
    }
  });

  it("parses only the kinds asked for", () => {
    expect(() => parseHostedUrl(ob2IssuerUrl(BASE, 1, 7), ["ob3Issuer"])).toThrow(/OB 3.0|ob3\/issuers/);
    expect(() => parseOb2Url(`${BASE}/ob2/assertions/31337/${UID}.png`)).toThrow(ChanceryError);
    expect(parseCredentialUrl(ob2AssertionUrl(BASE, 31337, UID))).toBeUndefined();
    expect(parseCredentialUrl("urn:uuid:0b3e0cbe-7b0f-4b6a-a3a6-6a7e7f5d2b1c")).toBeUndefined();
  });

  it("builders refuse what has no spelling, saying what to pass", () => {
    expect(() => ob2AssertionUrl(BASE, 31337, "0x12")).toThrow(/uid must be 0x followed by 64 hex digits/);
    expect(() => ob2AssertionUrl(BASE, 31337, `0x${"0".repeat(64)}`)).toThrow(/uid must not be zero/);
    expect(() => ob2BadgeClassUrl(BASE, 0, 1)).toThrow(/chainId must be a positive integer/);
    expect(() => ob2IssuerUrl(BASE, 1, 2 ** 32)).toThrow(/issuerId must be an integer between 1 and 4294967295/);
    expect(() => ob2KeyedAssertionUrl(BASE, 31337, UID, "not-a-key")).toThrow(expect.objectContaining({ code: "bad-key" }));
    expect(() => ob2AssertionImageUrl(BASE, 31337, UID, "gif" as "png")).toThrow(/format must be png or svg/);
    expect(() => hostedUrl("badges.example.org", "ob2Issuer", { chainId: 1, issuerId: 1 })).toThrow(/not a valid URL/);
  });
});

describe("templates and parameter patterns (what the gateway routes and validates with)", () => {
  it("lists each template's parameters in order", () => {
    expect(pathParams("ob2KeyedAssertionImage")).toEqual(["chainId", "uid", "key", "format"]);
    expect(pathParams("ob3BatchStatus")).toEqual(["chainId", "registry", "issuerId", "batchId"]);
    expect(pathParams("ob2BadgeClassImage")).toEqual(["chainId", "classId"]);
  });

  it("gives a JSON Schema whose patterns accept exactly what the parser accepts", () => {
    const schema = pathParamsSchema("ob3BatchStatus");
    expect(schema.required).toEqual(["chainId", "registry", "issuerId", "batchId"]);
    const test = (name: keyof typeof schema.properties, value: string) => new RegExp(schema.properties[name]!.pattern, "u").test(value);
    expect(test("chainId", "31337")).toBe(true);
    expect(test("chainId", "031337")).toBe(false);
    expect(test("registry", REGISTRY)).toBe(true);
    expect(test("registry", "0x1234")).toBe(false);
    expect(test("issuerId", "4294967295")).toBe(true);
    expect(test("issuerId", "4294967296")).toBe(false);
    expect(test("batchId", BATCH)).toBe(true);
    expect(test("batchId", BATCH.toUpperCase())).toBe(false);
    expect(schema.properties.batchId?.not).toEqual({ const: `0x${"0".repeat(64)}` });
    expect(pathParamsSchema("ob2Issuer").properties.issuerId?.not).toBeUndefined();
  });

  it("writes integer ranges as patterns that agree with arithmetic", () => {
    for (const max of [1, 9, 10, 19, 20, 99, 100, 305, 1000, 4294967295, Number.MAX_SAFE_INTEGER]) {
      const re = new RegExp(`^(?:${decimalRangePattern(max)})$`);
      const samples = [
        0,
        1,
        2,
        9,
        10,
        11,
        99,
        100,
        101,
        300,
        305,
        306,
        999,
        1000,
        1001,
        max - 1,
        max,
        max + 1,
        max * 10,
        Math.floor(max / 2),
        Math.floor(max / 3),
      ];
      for (const n of samples) {
        if (!Number.isSafeInteger(n) && n !== max + 1) continue;
        const text = n === max + 1 && !Number.isSafeInteger(n) ? (BigInt(max) + 1n).toString() : String(n);
        expect(re.test(text), `${text} ≤ ${max}`).toBe(n >= 1 && n <= max);
      }
      expect(re.test(`0${max}`)).toBe(false);
      expect(re.test("")).toBe(false);
    }
    // A key pattern that only admits the canonical spelling of 32 bytes.
    expect(new RegExp(`^(?:${URL_PARAMS.key.pattern})$`).test(KEY)).toBe(true);
    expect(new RegExp(`^(?:${URL_PARAMS.key.pattern})$`).test(`${KEY.slice(0, 42)}x`)).toBe(false);
  });
});
