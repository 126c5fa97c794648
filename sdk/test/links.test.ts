import { describe, expect, it } from "vitest";
import { generateBadgeKey, keyToString } from "../src/crypto/index.ts";
import { buildShareLink, LinkError, parseShareLink } from "../src/links/index.ts";

const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3"; // EIP-55 checksummed
const UID = `0x${"ab".repeat(32)}`;
const BATCH = `0x${"0c".repeat(32)}`;

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof LinkError) return e.code;
    throw e;
  }
  throw new Error("expected a LinkError, nothing was thrown");
}

describe("buildShareLink", () => {
  it("builds the verify path with the key in the fragment only", () => {
    const key = generateBadgeKey();
    const link = buildShareLink({ appBase: "https://app.example.org", chainId: 31337, registry: REGISTRY, uid: UID, key });
    expect(link).toBe(`https://app.example.org/verify/31337/${REGISTRY}/${UID}#k=${keyToString(key)}`);
    const url = new URL(link);
    expect(url.pathname + url.search).not.toContain(keyToString(key)); // what a server would see
  });

  it("checksums the registry, lowercases ids, adds the batch, accepts a string key and bigint chain id", () => {
    const key = keyToString(generateBadgeKey());
    const link = buildShareLink({
      appBase: "https://app.example.org/chancery/",
      chainId: 11155111n,
      registry: REGISTRY.toLowerCase(),
      uid: UID.toUpperCase().replace("0X", "0x"),
      batchId: BATCH,
      key,
    });
    expect(link).toBe(`https://app.example.org/chancery/verify/11155111/${REGISTRY}/${UID}?batch=${BATCH}#k=${key}`);
  });

  it("builds a link without key or batch", () => {
    expect(buildShareLink({ appBase: "http://localhost:5173", chainId: 1, registry: REGISTRY, uid: UID })).toBe(
      `http://localhost:5173/verify/1/${REGISTRY}/${UID}`,
    );
  });

  it.each([
    ["link-bad-app-base", { appBase: "app.example.org" }],
    ["link-bad-app-base", { appBase: "ftp://app.example.org" }],
    ["link-bad-app-base", { appBase: "https://app.example.org/?x=1" }],
    ["link-bad-app-base", { appBase: "https://user:pw@app.example.org" }],
    ["link-bad-chain-id", { chainId: 0 }],
    ["link-bad-chain-id", { chainId: -1 }],
    ["link-bad-chain-id", { chainId: 1.5 }],
    ["link-bad-chain-id", { chainId: 2n ** 64n }],
    ["link-bad-registry", { registry: "0x1234" }],
    ["link-bad-registry", { registry: "0x5FbDB2315678afecb367f032d93F642f64180AA3" }],
    ["link-bad-uid", { uid: "0x1234" }],
    ["link-bad-uid", { uid: "ab".repeat(32) }],
    ["link-bad-batch", { batchId: "0x" }],
    ["link-bad-key", { key: "short" }],
    ["link-bad-key", { key: new Uint8Array(16) }],
  ] as const)("rejects %s (%#)", (expected, override) => {
    expect(code(() => buildShareLink({ appBase: "https://app.example.org", chainId: 1, registry: REGISTRY, uid: UID, ...override }))).toBe(
      expected,
    );
  });
});

describe("parseShareLink", () => {
  it("round-trips every field", () => {
    const key = generateBadgeKey();
    const input = { appBase: "https://app.example.org/sub/path", chainId: 8453, registry: REGISTRY, uid: UID, batchId: BATCH, key };
    expect(parseShareLink(buildShareLink(input))).toEqual(input);
  });

  it("accepts a bare link without fragment, a trailing slash, extra query params and surrounding spaces", () => {
    expect(parseShareLink(`  https://app.example.org/verify/1/${REGISTRY}/${UID}/?utm_source=mail \n`)).toEqual({
      appBase: "https://app.example.org",
      chainId: 1,
      registry: REGISTRY,
      uid: UID,
    });
  });

  it("normalises a lowercase registry to its checksum and an uppercase uid to lowercase", () => {
    const parsed = parseShareLink(`https://a.example/verify/10/${REGISTRY.toLowerCase()}/0x${"AB".repeat(32)}`);
    expect(parsed.registry).toBe(REGISTRY);
    expect(parsed.uid).toBe(UID);
  });

  it("ignores other fragment parameters but reads k", () => {
    const key = generateBadgeKey();
    const parsed = parseShareLink(`https://a.example/verify/10/${REGISTRY}/${UID}#x=1&k=${keyToString(key)}`);
    expect(parsed.key).toEqual(key);
    expect(parseShareLink(`https://a.example/verify/10/${REGISTRY}/${UID}#section`).key).toBeUndefined();
  });

  const base = `https://a.example/verify`;
  const goodKey = keyToString(new Uint8Array(32).fill(7));
  it.each([
    ["link-invalid-url", "not a link"],
    ["link-invalid-url", `/verify/1/${REGISTRY}/${UID}`],
    ["link-invalid-url", `javascript:alert(1)//verify/1/${REGISTRY}/${UID}`],
    ["link-too-long", `https://a.example/verify/1/${REGISTRY}/${UID}#k=${"A".repeat(9000)}`],
    ["link-not-verify-path", `https://a.example/`],
    ["link-not-verify-path", `https://a.example/badge/1/${REGISTRY}/${UID}`],
    ["link-not-verify-path", `https://a.example/verify/1/${REGISTRY}`],
    ["link-not-verify-path", `https://a.example/verify/1/${REGISTRY}/${UID}/extra`],
    ["link-bad-chain-id", `${base}/0/${REGISTRY}/${UID}`],
    ["link-bad-chain-id", `${base}/01/${REGISTRY}/${UID}`],
    ["link-bad-chain-id", `${base}/-5/${REGISTRY}/${UID}`],
    ["link-bad-chain-id", `${base}/1e3/${REGISTRY}/${UID}`],
    ["link-bad-chain-id", `${base}/99999999999999999/${REGISTRY}/${UID}`],
    ["link-bad-registry", `${base}/1/0x5FbDB2315678afecb367f032d93F642f64180AA3/${UID}`],
    ["link-bad-registry", `${base}/1/0x5fbdb2315678afecb367f032d93f642f64180aa/${UID}`],
    ["link-bad-registry", `${base}/1/5fbdb2315678afecb367f032d93f642f64180aa3/${UID}`],
    ["link-bad-uid", `${base}/1/${REGISTRY}/0x${"ab".repeat(31)}`],
    ["link-bad-uid", `${base}/1/${REGISTRY}/0x${"zz".repeat(32)}`],
    ["link-bad-uid", `${base}/1/${REGISTRY}/%30x${"ab".repeat(32)}`],
    ["link-bad-batch", `${base}/1/${REGISTRY}/${UID}?batch=0x12`],
    ["link-bad-batch", `${base}/1/${REGISTRY}/${UID}?batch=${BATCH}&batch=${BATCH}`],
    ["link-bad-key", `${base}/1/${REGISTRY}/${UID}#k=${goodKey.slice(0, 40)}`],
    ["link-bad-key", `${base}/1/${REGISTRY}/${UID}#k=${goodKey.slice(0, 42)}*`],
    ["link-bad-key", `${base}/1/${REGISTRY}/${UID}#k=${goodKey}&k=${goodKey}`],
  ])("rejects %s: %s", (expected, link) => {
    expect(code(() => parseShareLink(link))).toBe(expected);
  });

  it("errors carry a readable message", () => {
    try {
      parseShareLink(`${base}/1/${REGISTRY}/${UID}#k=abc`);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LinkError);
      expect((e as Error).name).toBe("LinkError");
      expect((e as Error).message).toMatch(/43 base64url characters/);
    }
  });
});
