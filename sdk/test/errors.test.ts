import {
  BaseError,
  ChainMismatchError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  ContractFunctionZeroDataError,
  encodeErrorResult,
  HttpRequestError,
  SwitchChainError,
  TimeoutError,
  UserRejectedRequestError,
} from "viem";
import { foundry } from "viem/chains";
import { describe, expect, it } from "vitest";
import { CsvError, parseCsv } from "../src/bulk/csv.ts";
import {
  BakingError,
  badgeRegistryAbi,
  CHANCERY_ERROR_KINDS,
  ChanceryError,
  type ChanceryErrorKind,
  CryptoError,
  check,
  explainError,
  extractBadge,
  isChanceryError,
  keyFromString,
  LinkError,
  parseShareLink,
  RegistryError,
} from "../src/index.ts";
import { VerificationStepError } from "../src/verify/steps.ts";

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
};

describe("one error base class", () => {
  it("every sdk error is a ChanceryError with a kind from the closed list and a kebab-case code", () => {
    const errors: [ChanceryError, string, string, ChanceryErrorKind][] = [
      [new ChanceryError("invalid-input", "x"), "ChanceryError", "invalid-input", "invalid-input"],
      [new ChanceryError("document-not-bundled", "x"), "ChanceryError", "document-not-bundled", "not-found"],
      [new ChanceryError("key-derivation-failed", "x"), "ChanceryError", "key-derivation-failed", "crypto"],
      [thrown(() => check(false, "no")) as ChanceryError, "ChanceryError", "invalid-input", "invalid-input"],
      [thrown(() => extractBadge(new Uint8Array(0))) as ChanceryError, "BakingError", "empty-input", "invalid-input"],
      [new BakingError("png-too-large", "x"), "BakingError", "png-too-large", "too-large"],
      [new BakingError("not-a-badge", "x"), "BakingError", "not-a-badge", "not-a-badge"],
      [new BakingError("svg-script", "x"), "BakingError", "svg-script", "unsafe"],
      [new BakingError("png-bad-crc", "x"), "BakingError", "png-bad-crc", "invalid-input"],
      [thrown(() => keyFromString("nope")) as ChanceryError, "CryptoError", "bad-key", "invalid-input"],
      [new CryptoError("decrypt-failed", "x"), "CryptoError", "decrypt-failed", "crypto"],
      [new CryptoError("crypto-unavailable", "x"), "CryptoError", "crypto-unavailable", "unsupported"],
      [thrown(() => parseShareLink("not a link")) as ChanceryError, "LinkError", "link-invalid-url", "invalid-input"],
      [
        new RegistryError("contract-reverted", "x", { errorName: "BadgeRegistryUnknownClass", args: [3] }),
        "RegistryError",
        "contract-reverted",
        "reverted",
      ],
      [new RegistryError("rpc-unreachable", "x"), "RegistryError", "rpc-unreachable", "rpc"],
      [new VerificationStepError("anchor", "x", "error"), "VerificationStepError", "anchor-error", "unavailable"],
      [new VerificationStepError("proof", "x"), "VerificationStepError", "proof-invalid", "invalid-badge"],
      [thrown(() => parseCsv('email\n"never closed')) as ChanceryError, "CsvError", "csv-invalid", "invalid-input"],
    ];
    for (const [error, name, code, kind] of errors) {
      expect(error).toBeInstanceOf(ChanceryError);
      expect(error).toBeInstanceOf(Error);
      expect(isChanceryError(error)).toBe(true);
      expect(isChanceryError(error, kind)).toBe(true);
      expect({ name: error.name, code: error.code, kind: error.kind }).toEqual({ name, code, kind });
      expect(error.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(CHANCERY_ERROR_KINDS).toContain(error.kind);
    }
    expect(isChanceryError(new Error("x"))).toBe(false);
  });

  it("keeps the cause and the details", () => {
    const cause = new Error("inner");
    const error = new ChanceryError("controller-not-found", "outer", { cause, details: { url: "https://x.example" } });
    expect(error.cause).toBe(cause);
    expect(error.details).toEqual({ url: "https://x.example" });
    expect(new LinkError("link-bad-key", "k", { cause }).cause).toBe(cause);
    expect(new CsvError([{ line: 3, message: "no e-mail" }]).details).toEqual({ problems: [{ line: 3, message: "no e-mail" }] });
  });

  it("refuses an unknown general code at type level", () => {
    // @ts-expect-error a plain ChanceryError takes only the general codes (subclasses bring their own)
    new ChanceryError("INVALID_INPUT", "x");
    // @ts-expect-error a code outside the general ones needs an explicit kind
    new ChanceryError("my-code", "x", {});
    expect(new ChanceryError("my-code", "x", { kind: "unsupported" }).kind).toBe("unsupported");
  });
});

describe("explainError", () => {
  const revert = () => {
    const data = encodeErrorResult({ abi: badgeRegistryAbi, errorName: "BadgeRegistryUnknownClass", args: [7] });
    const inner = new ContractFunctionRevertedError({ abi: badgeRegistryAbi, data, functionName: "issue" });
    return new ContractFunctionExecutionError(inner, { abi: badgeRegistryAbi, functionName: "issue", args: [] });
  };

  it("turns a custom error of the registry into a sentence, kind reverted", () => {
    const error = explainError(revert()) as RegistryError;
    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({ kind: "reverted", code: "contract-reverted", errorName: "BadgeRegistryUnknownClass", args: [7] });
    expect(error.message).toMatch(/Badge class #7 does not exist/);
  });

  it("classifies wallet, network and RPC failures by their viem class or EIP-1193 code", () => {
    const cases: [unknown, ChanceryErrorKind, string][] = [
      [new UserRejectedRequestError(new Error("User rejected the request.")), "rejected", "wallet-rejected"],
      [Object.assign(new Error("User denied transaction signature"), { code: 4001 }), "rejected", "wallet-rejected"],
      [{ code: 4001, message: "rejected" }, "rejected", "wallet-rejected"],
      [new HttpRequestError({ url: "http://127.0.0.1:1", details: "fetch failed" }), "rpc", "rpc-unreachable"],
      [new TimeoutError({ body: {}, url: "http://127.0.0.1:1" }), "rpc", "rpc-unreachable"],
      [new TypeError("Failed to fetch"), "rpc", "rpc-unreachable"],
      [new ChainMismatchError({ chain: foundry, currentChainId: 1 }), "wrong-network", "wrong-network"],
      [new SwitchChainError(new Error("Unrecognized chain")), "wrong-network", "wrong-network"],
      [new ContractFunctionZeroDataError({ functionName: "verifyAssertion" }), "not-deployed", "not-deployed"],
      [new BaseError("Something odd"), "unknown", "call-failed"],
      [new Error("boom"), "unknown", "call-failed"],
      ["a string", "unknown", "call-failed"],
    ];
    for (const [input, kind, code] of cases) {
      const error = explainError(input);
      expect({ kind: error.kind, code: error.code }).toEqual({ kind, code });
      expect(error.message.length).toBeGreaterThan(0);
    }
    // wrapped in a cause chain, still found
    expect(explainError(new Error("outer", { cause: new UserRejectedRequestError(new Error("no")) })).kind).toBe("rejected");
  });

  it("returns a ChanceryError as it is", () => {
    const baking = new BakingError("png-too-large", "big");
    expect(explainError(baking)).toBe(baking);
  });
});
