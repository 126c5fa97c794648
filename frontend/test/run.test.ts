// The app's one call into the sdk verifier, for real (no mock): a share link naming a registry
// nobody trusts ends "untrusted-registry" before any chain read, and the report names that registry.
import { describe, expect, it } from "vitest";
import { runVerification } from "../src/verify/run.ts";
import { fakeClient, REGISTRY, uid } from "./fakeRegistry.ts";

const CLONE = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";

describe("runVerification", () => {
  it("names the registry of an untrusted share link, and asks the chain nothing", async () => {
    const client = fakeClient({});
    const report = await runVerification(`https://app.example/verify/31337/${CLONE}/${uid(3)}`, {
      publicClient: client,
      rpcUrl: "http://127.0.0.1:8545",
      trust: [{ chainId: 31337, registry: REGISTRY }],
    });
    expect(report.verdict).toBe("untrusted-registry");
    expect(report.named ?? report.anchor).toMatchObject({ chainId: 31337, registry: CLONE });
    expect(client.calls.filter((c) => c !== "getChainId")).toEqual([]);
  });
});
