// The `chancery verify` command on a badge issued on a real local node.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { anchorBadge, prepareBadge } from "@chancery/sdk/award";
import { bakePng } from "@chancery/sdk/baking";
import { revokeBadge, type WriteContext } from "@chancery/sdk/chain";
import { startTestChain, type TestChain } from "@chancery/testing/chain";
import { setUpIssuer } from "@chancery/testing/issuer";
import { concat, idat, iend, ihdr, SIGNATURE } from "@chancery/testing/png";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), "..", "bin", "chancery.mjs");
let chain: TestChain;
let dir: string;
let badgeFile: string;
let uid: `0x${string}`;
let admin: WriteContext;

function chancery(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, CHANCERY_RPC_URL: "" } });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

beforeAll(async () => {
  chain = await startTestChain();
  dir = mkdtempSync(join(tmpdir(), "chancery-cli-"));
  const issuer = await setUpIssuer(chain, { name: "Institut CLI", className: "Shell Basics" });
  admin = issuer.admin;
  const classId = issuer.classId;
  const badge = await prepareBadge(issuer.award({ recipient: { email: "linus@example.org" } }), issuer.signingKey);
  await anchorBadge(admin, badge, { classId });
  uid = badge.uid;
  badgeFile = join(dir, "badge.png");
  writeFileSync(badgeFile, bakePng(concat(SIGNATURE, ihdr(), idat(), iend()), JSON.stringify(badge.credential), "ob3"));
}, 120_000);

afterAll(async () => {
  await chain?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("chancery verify", () => {
  it("prints every step and exits 0 for a valid badge, then 1 with the reason once revoked", async () => {
    const valid = chancery("verify", badgeFile, "--rpc", chain.rpcUrl);
    expect(valid.code).toBe(0);
    for (const step of ["parse", "format", "proof", "anchor", "issuer", "status", "validity", "recipient"])
      expect(valid.out).toMatch(new RegExp(`^. ${step}`, "m"));
    expect(valid.out).toMatch(/^valid: VALID/m);

    await revokeBadge(admin, { uid, reason: "Duplicate of an earlier award", code: "issued-in-error" });
    const revoked = chancery("verify", badgeFile, "--rpc", chain.rpcUrl);
    expect(revoked.code).toBe(1);
    expect(revoked.out).toMatch(/✗ status .*Duplicate of an earlier award/);
    expect(revoked.out).toMatch(/^revoked: REVOKED/m);
  });

  it("prints the report as JSON with --json", () => {
    const { code, out } = chancery("verify", badgeFile, "--rpc", chain.rpcUrl, "--json");
    const report = JSON.parse(out);
    expect(code).toBe(1);
    expect(report.verdict).toBe("revoked");
    expect(report.anchor.uid).toBe(uid);
  });

  it("says it could not check when the RPC is down, and exits 1", () => {
    const { code, out } = chancery("verify", badgeFile, "--rpc", "http://127.0.0.1:9");
    expect(code).toBe(1);
    expect(out).toMatch(/^error: COULD NOT CHECK/m);
  });

  it("explains usage errors with exit 2", () => {
    expect(chancery().code).toBe(2);
    expect(chancery("frobnicate", "x").err).toMatch(/Unknown command "frobnicate"/);
    expect(chancery("verify", join(dir, "missing.png")).err).toMatch(/No file/);
    expect(chancery("verify", badgeFile, "--colour").code).toBe(2);
  });
});
