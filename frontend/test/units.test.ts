import { ChainMismatchError, ContractFunctionZeroDataError, HttpRequestError, UserRejectedRequestError } from "viem";
import { foundry } from "viem/chains";
import { describe, expect, it } from "vitest";
import { linkedInUrl } from "../src/components/share.tsx";
import { buildConfig } from "../src/config.ts";
import { en } from "../src/i18n/en.ts";
import { fr } from "../src/i18n/fr.ts";
import { zh } from "../src/i18n/zh.ts";
import { chipOf } from "../src/lib/badgeStatus.ts";
import { classifyError, UiError } from "../src/lib/errors.ts";
import type { AssertionStatus } from "../src/sdk/light.ts";
import { BakingError, ChanceryError, LinkError, RegistryError } from "../src/sdk/light.ts";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value === "string") return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("catalogs", () => {
  it("have the same keys in English, French and Chinese, none empty", () => {
    const reference = keys(en).sort();
    expect(keys(fr).sort()).toEqual(reference);
    expect(keys(zh).sort()).toEqual(reference);
    for (const catalog of [en, fr, zh])
      for (const key of keys(catalog)) expect(key.split(".").reduce((o: any, k) => o[k], catalog)).not.toBe("");
  });
});

describe("config", () => {
  const table = { "31337": { BadgeRegistry: { address: "0x5FbDB2315678afecb367f032d93F642f64180aa3", deployedOnBlock: 1 } } };
  it("takes chain and registry from the exported deployments", () => {
    const c = buildConfig({}, table);
    expect(c.chainId).toBe(31337);
    expect(c.registry).toBe("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    expect(c.rpcUrl).toBe("http://127.0.0.1:8545");
    expect(c.deployedOnBlock).toBe(1n);
    expect(c.isLocal).toBe(true);
  });
  it("is overridden by VITE_ variables", () => {
    const c = buildConfig(
      {
        VITE_CHAIN_ID: "84532",
        VITE_RPC_URL: "https://rpc.example",
        VITE_REGISTRY_ADDRESS: "0x1111111111111111111111111111111111111111",
        VITE_GATEWAY_URL: "https://gw.example/",
      },
      table,
    );
    expect(c.chain.name).toBe("Base Sepolia");
    expect(c.rpcUrl).toBe("https://rpc.example");
    expect(c.registry).toBe("0x1111111111111111111111111111111111111111");
    expect(c.gatewayUrl).toBe("https://gw.example");
    expect(c.isLocal).toBe(false);
  });
  it("has no registry on a chain without a deployment", () => {
    expect(buildConfig({ VITE_CHAIN_ID: "11155111" }, table).registry).toBeUndefined();
  });
});

describe("status chip", () => {
  const base: AssertionStatus = {
    exists: true,
    issuerId: 1,
    issuerStatus: "accredited",
    classId: 1,
    classHash: "0x",
    classRetired: false,
    batchId: undefined,
    issuedAt: 1,
    issuedBlock: 1n,
    expiresAt: undefined,
    revokedAt: undefined,
    revokedBlock: undefined,
    revocationReason: undefined,
    erased: false,
    keyValidAtIssue: true,
  };
  it("ranks erased, revoked, expired, suspended, valid", () => {
    expect(chipOf(base)).toBe("valid");
    expect(chipOf({ ...base, issuerStatus: "suspended" })).toBe("suspended");
    expect(chipOf({ ...base, expiresAt: 10 }, 20)).toBe("expired");
    expect(chipOf({ ...base, revokedAt: 5, expiresAt: 10 }, 20)).toBe("revoked");
    expect(chipOf({ ...base, erased: true, revokedAt: 5 })).toBe("erased");
    expect(chipOf({ ...base, exists: false })).toBe("unknown");
  });
});

describe("errors", () => {
  it("recognises a rejected wallet prompt, an RPC failure and a revert", () => {
    expect(classifyError(Object.assign(new Error("User rejected the request."), { code: 4001 }))).toBe("rejected");
    expect(classifyError(new UserRejectedRequestError(new Error("no")))).toBe("rejected");
    expect(classifyError(new HttpRequestError({ url: "http://127.0.0.1:1" }))).toBe("rpc");
    expect(classifyError(new TypeError("Failed to fetch"))).toBe("rpc");
    expect(classifyError(new RegistryError("contract-reverted", "x", { errorName: "BadgeRegistryUnauthorizedSigner" }))).toBe("reverted");
    expect(classifyError(new ChainMismatchError({ chain: foundry, currentChainId: 1 }))).toBe("wrong-network");
    expect(classifyError(new ContractFunctionZeroDataError({ functionName: "verifyAssertion" }))).toBe("not-deployed");
    expect(classifyError(new Error("boom"))).toBe("generic");
  });
  it("takes the kind of any sdk error, and shows the kinds it has no title for as generic", () => {
    expect(classifyError(new UiError("too-large", "big"))).toBe("too-large");
    expect(classifyError(new UiError("generic", "?"))).toBe("generic");
    expect(new UiError("not-a-badge", "x")).toBeInstanceOf(ChanceryError);
    expect(classifyError(new BakingError("png-too-large", "big"))).toBe("too-large");
    expect(classifyError(new LinkError("link-bad-uid", "cut"))).toBe("generic");
  });
});

describe("LinkedIn", () => {
  it("prefills the add-to-profile form", () => {
    const url = new URL(
      linkedInUrl({
        name: "Data Literacy I",
        organization: "Université de Lyon",
        issuedAt: Date.UTC(2026, 0, 15) / 1000,
        certUrl: "https://app.example/verify/1",
        certId: "0xabc",
      }),
    );
    expect(url.origin + url.pathname).toBe("https://www.linkedin.com/profile/add");
    expect(url.searchParams.get("name")).toBe("Data Literacy I");
    expect(url.searchParams.get("organizationName")).toBe("Université de Lyon");
    expect(url.searchParams.get("issueYear")).toBe("2026");
    expect(url.searchParams.get("issueMonth")).toBe("1");
  });
});
