import { RegistryError } from "@chancery/sdk/chain";
import { ChanceryError } from "@chancery/sdk/errors";
import { HttpRequestError } from "viem";
import { describe, expect, it } from "vitest";
import { CliError } from "../src/connect.ts";

describe("CliError", () => {
  it("is a ChanceryError: usage errors exit 2 as invalid-input, others keep a kind", () => {
    const usage = new CliError("Give --issuer.", 2);
    expect(usage).toBeInstanceOf(ChanceryError);
    expect(usage).toMatchObject({ name: "CliError", code: "cli-usage", kind: "invalid-input", exitCode: 2 });
    expect(new CliError("No contract here.", 1, { kind: "not-deployed" })).toMatchObject({
      code: "cli-failed",
      kind: "not-deployed",
      exitCode: 1,
    });
    expect(new CliError("?")).toMatchObject({ kind: "unknown", exitCode: 1 });
  });

  it("from() keeps the sdk's sentence, kind and cause", () => {
    const reverted = new RegistryError("contract-reverted", "Badge class #7 does not exist on this registry.", {
      errorName: "BadgeRegistryUnknownClass",
    });
    expect(CliError.from(reverted)).toMatchObject({ message: reverted.message, kind: "reverted", cause: reverted });
    expect(CliError.from(new HttpRequestError({ url: "http://127.0.0.1:1" }), "Could not send: ")).toMatchObject({
      kind: "rpc",
      message: expect.stringMatching(/^Could not send: The chain's RPC endpoint did not answer/),
    });
    const own = new CliError("x", 2);
    expect(CliError.from(own)).toBe(own);
  });
});
