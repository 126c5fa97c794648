// The issuer commands of `chancery` on a real local node: register, class, one badge, a 50-row CSV
// interrupted (cleanly, and by SIGKILL) and resumed without issuing anything twice, bad rows
// reported before anything is sent, revocation (also inside a Merkle batch), --network.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { badgeRegistryAbi } from "@chancery/sdk/abi";
import { classStatusListKey } from "@chancery/sdk/anchor";
import { parseCsv, readRecipients } from "@chancery/sdk/bulk";
import {
  readAssertionStatus,
  readBadgeClass,
  readIssuer,
  readIssuerKeys,
  readPublishedStatusList,
  readStatusListState,
  revokeBadge,
  revokedEntriesOf,
} from "@chancery/sdk/chain";
import { parseShareLink } from "@chancery/sdk/links";
import { chainReader } from "@chancery/sdk/readers";
import { readRoster, unlockRoster } from "@chancery/sdk/roster";
import { verifyBadge } from "@chancery/sdk/verify";
import { startTestChain, type TestChain } from "@chancery/testing/chain";
import { getAbiItem, getAddress, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CLI = join(ROOT, "cli", "bin", "chancery.mjs");
let chain: TestChain;
let registry: `0x${string}`;
let dir: string;
let issuerId: number;
let classId: number;

const env = (extra: Record<string, string> = {}) => ({
  ...process.env,
  CHANCERY_PRIVATE_KEY: "",
  CHANCERY_RPC_URL: "",
  CHANCERY_ACCOUNT_INDEX: "1",
  ...extra,
});

function chancery(args: string[], extra: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args, "--rpc", chain.rpcUrl, "--registry", registry], {
    encoding: "utf8",
    cwd: dir,
    env: env(extra),
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function json(args: string[]) {
  const r = chancery([...args, "--json"]);
  if (r.code !== 0) throw new Error(`chancery ${args.join(" ")} exited ${r.code}: ${r.err}`);
  return JSON.parse(r.out);
}

function csvRows(file: string) {
  const [header, ...rows] = parseCsv(readFileSync(file, "utf8"));
  return rows.map((r) => Object.fromEntries(header!.fields.map((h, i) => [h, r.fields[i]!])));
}

async function issuedEvents(): Promise<Hex[]> {
  const logs = await chain.publicClient.getLogs({
    address: registry,
    events: [
      getAbiItem({ abi: badgeRegistryAbi, name: "AssertionIssued" }),
      getAbiItem({ abi: badgeRegistryAbi, name: "AssertionBatched" }),
    ],
    fromBlock: 0n,
    strict: true,
  });
  return logs.map((l) => (l.args as { uid: Hex }).uid);
}

function writeCohort(name: string, n: number) {
  const lines = ["email,wallet,name,expires"];
  for (let i = 0; i < n; i++) {
    const wallet = i % 5 === 0 ? chain.wallets[6 + (i % 3)]!.account!.address : "";
    // A few rows with a wallet, one expiry group, a name with a comma (quoted).
    lines.push(`learner${i}@example.org,${wallet},"Learner ${i}, cohort A",${i % 4 === 0 ? "2031-06-30" : ""}`);
  }
  const file = join(dir, name);
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

beforeAll(async () => {
  chain = await startTestChain();
  registry = getAddress(chain.registry);
  dir = mkdtempSync(join(tmpdir(), "chancery-issuer-"));
}, 120_000);

afterAll(async () => {
  await chain?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("chancery issuer register / class create / issue", () => {
  it("registers an issuer with its wallet-derived signing key", async () => {
    const r = json([
      "issuer",
      "register",
      "--name",
      "Université de Lumière",
      "--url",
      "https://lumiere.example",
      "--email",
      "registrar@lumiere.example",
    ]);
    issuerId = r.issuerId;
    expect(issuerId).toBe(1);
    expect(r.admin).toBe(chain.wallets[1]!.account!.address);
    const ctx = { client: chain.publicClient, registry };
    const issuer = await readIssuer(ctx, issuerId);
    expect(issuer.profile).toMatchObject({ type: ["Profile"], name: "Université de Lumière", url: "https://lumiere.example" });
    const keys = await readIssuerKeys(ctx, issuerId);
    expect(keys).toHaveLength(1);
    expect(r.publicKeyMultibase).toMatch(/^z6Mk/);
  });

  it("creates a badge class (with a drawn image when none is given)", async () => {
    const r = json([
      "class",
      "create",
      "--issuer",
      String(issuerId),
      "--name",
      "Data Literacy",
      "--description",
      "Reads, cleans and charts data.",
      "--criteria",
      "Passed the practical exam.",
      "--tags",
      "data, statistics",
    ]);
    classId = r.classId;
    const klass = await readBadgeClass({ client: chain.publicClient, registry }, classId);
    expect(klass.issuerId).toBe(issuerId);
    expect(klass.content).toMatchObject({
      type: ["Achievement"],
      name: "Data Literacy",
      tag: ["data", "statistics"],
      criteria: { narrative: "Passed the practical exam." },
    });
    expect((klass.content as { image: { id: string } }).image.id).toMatch(/^data:image\/png;base64,/);
  });

  it("issues one badge, published encrypted: the share link and the baked PNG verify", async () => {
    const r = json([
      "issue",
      "--class",
      String(classId),
      "--email",
      "ada@example.org",
      "--name",
      "Ada Lovelace",
      "--publish",
      "--out",
      "single",
    ]);
    expect(parseShareLink(r.shareLink)).toMatchObject({ uid: r.uid, chainId: 31337 });
    expect(r.shareLink).toMatch(/#k=/);
    expect(r.hostedUrl).toMatch(new RegExp(`/ob2/assertions/31337/${r.uid}/[A-Za-z0-9_-]{43}$`));
    const png = new Uint8Array(readFileSync(join(dir, r.files.png)));
    const report = await verifyBadge(png, {
      publicClient: chain.publicClient,
      trust: [{ chainId: 31337, registry }],
      expectedRecipient: { email: "ada@example.org" },
    });
    expect(report.verdict).toBe("valid");
    expect((await verifyBadge(r.shareLink, { publicClient: chain.publicClient, trust: [{ chainId: 31337, registry }] })).verdict).toBe(
      "valid",
    );
  });

  it("explains a wallet that is not a signer of the issuer", () => {
    const r = chancery(["issue", "--class", String(classId), "--email", "x@example.org"], { CHANCERY_ACCOUNT_INDEX: "3" });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is not a current signer of issuer #1/);
  });
});

describe("chancery issue --csv", () => {
  it("reports every bad row with its line number and sends nothing", async () => {
    const before = (await issuedEvents()).length;
    const file = join(dir, "bad.csv");
    writeFileSync(
      file,
      [
        "email,wallet,name,expires",
        "ok@example.org,,Fine,",
        "not-an-email,,Broken,",
        `b@example.org,0x5FbDB2315678afecb367f032d93F642f64180aA3,Bad checksum,`,
        "c@example.org,,Past,2020-01-01",
        '"d@example.org",,"A name with a line',
        'break",',
        ",,Nobody,",
        "ok@example.org,,Twice,",
        "e@example.org,,Too,many,fields",
      ].join("\n"),
    );
    const r = chancery(["issue", "--class", String(classId), "--csv", file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/nothing was sent/);
    expect(r.err).toMatch(/line 3: "not-an-email" is not an e-mail address/);
    expect(r.err).toMatch(/line 4: wallet .* bad EIP-55 checksum/);
    expect(r.err).toMatch(/line 5: expires 2020-01-01 is in the past/);
    expect(r.err).toMatch(/line 8: no email and no wallet/);
    expect(r.err).toMatch(/line 9: the same recipient as line 2/);
    expect(r.err).toMatch(/line 10: 5 fields, but the header names 4 columns/);
    expect(r.err).not.toMatch(/line 6/); // the quoted line break is one valid row
    expect(existsSync(`${file}.journal.jsonl`)).toBe(false);
    expect((await issuedEvents()).length).toBe(before);
  });

  it("issues 50 rows in gas-sized batches, stops after an interruption and resumes without issuing twice", async () => {
    const file = writeCohort("cohort.csv", 50);
    const before = await issuedEvents();
    // One expiry per transaction: the 13 rows expiring 2031-06-30 make batches of 10 and 3, the 37
    // others 10, 10, 10 and 7. Stopping after two batches leaves the 37 for the rerun.
    const first = chancery(["issue", "--class", String(classId), "--csv", file, "--batch-size", "10", "--max-batches", "2"]);
    expect(first.code).toBe(130);
    expect(first.out).toMatch(/Stopped after 13 badges/);
    expect(first.err).toMatch(/issuing +\[#+-*\] +\d+\/50/); // the progress bar
    expect((await issuedEvents()).length - before.length).toBe(13);

    const second = chancery(["issue", "--class", String(classId), "--csv", file, "--batch-size", "10"]);
    expect(second.code, second.err).toBe(0);
    expect(second.out).toMatch(/50 badges — 37 issued now in 4 transactions, 13 already on chain/);
    const after = await issuedEvents();
    const fresh = after.slice(before.length);
    expect(fresh).toHaveLength(50);
    expect(new Set(fresh).size).toBe(50);

    const results = csvRows(join(dir, "cohort.results.csv"));
    expect(results).toHaveLength(50);
    expect(results.filter((r) => r.status === "issued")).toHaveLength(37);
    expect(results.filter((r) => r.status === "issued earlier")).toHaveLength(13);
    expect(new Set(results.map((r) => r.uid))).toEqual(new Set(fresh));
    expect(results[0]).toMatchObject({ line: "2", email: "learner0@example.org", name: "Learner 0, cohort A" });
    for (const r of results) {
      expect(parseShareLink(r.share_link!).uid).toBe(r.uid);
      expect(r.hosted_url).toBe(`http://127.0.0.1:8787/ob2/assertions/31337/${r.uid}`);
    }
    const pngs = readdirSync(join(dir, "cohort-badges")).filter((f) => f.endsWith(".png"));
    expect(pngs).toHaveLength(50);
    const withExpiry = results.find((r) => r.line === "2")!;
    const report = await verifyBadge(new Uint8Array(readFileSync(join(dir, withExpiry.png!))), {
      publicClient: chain.publicClient,
      trust: [{ chainId: 31337, registry }],
    });
    expect(report.verdict).toBe("valid");
    expect(report.anchor?.status?.expiresAt).toBe(Math.floor(Date.parse("2031-06-30T23:59:59Z") / 1000));

    // A third run finds everything on chain and sends nothing.
    const third = chancery(["issue", "--class", String(classId), "--csv", file, "--batch-size", "10"]);
    expect(third.code).toBe(0);
    expect(third.out).toMatch(/0 issued now in 0 transactions, 50 already on chain/);
    expect((await issuedEvents()).length).toBe(after.length);
  });

  it("survives a SIGKILL in the middle of the run: the rerun completes the file with no duplicate", async () => {
    const file = writeCohort("killed.csv", 50);
    const before = (await issuedEvents()).length;
    const journal = `${file}.journal.jsonl`;
    const child = spawn(
      process.execPath,
      [CLI, "issue", "--class", String(classId), "--csv", file, "--batch-size", "10", "--rpc", chain.rpcUrl, "--registry", registry],
      { cwd: dir, env: env(), stdio: "ignore" },
    );
    await new Promise<void>((resolveKill, reject) => {
      const timer = setInterval(() => {
        if (existsSync(journal) && readFileSync(journal, "utf8").includes('"type":"anchored"')) {
          clearInterval(timer);
          child.kill("SIGKILL");
          resolveKill();
        }
      }, 5);
      child.once("exit", () => {
        clearInterval(timer);
        resolveKill();
      });
      setTimeout(() => reject(new Error("no batch was anchored in time")), 60_000);
    });
    await new Promise((r) => (child.exitCode === null && child.signalCode === null ? child.once("exit", r) : r(null)));
    const midway = (await issuedEvents()).length - before;
    expect(midway).toBeGreaterThanOrEqual(10);
    const rerun = chancery(["issue", "--class", String(classId), "--csv", file, "--batch-size", "10"]);
    expect(rerun.code, rerun.err).toBe(0);
    const fresh = (await issuedEvents()).slice(before);
    expect(fresh).toHaveLength(50);
    expect(new Set(fresh).size).toBe(50);
    const results = csvRows(join(dir, "killed.results.csv"));
    expect(results.every((r) => r.status === "issued" || r.status === "issued earlier")).toBe(true);
    const ctx = { client: chain.publicClient, registry };
    for (const r of results.slice(0, 5)) expect((await readAssertionStatus(ctx, { uid: r.uid as Hex })).exists).toBe(true);
  });

  it("refuses to resume a journal whose CSV changed", () => {
    const file = join(dir, "cohort.csv");
    writeFileSync(file, readFileSync(file, "utf8").replace("learner7@example.org", "someone-else@example.org"));
    const r = chancery(["issue", "--class", String(classId), "--csv", file, "--batch-size", "10"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/changed since the journal was written \(line 9 differs\)/);
  });

  it("issues Merkle batches named for the wallet's roster (as the app reads them), and revokes a badge inside one", async () => {
    const file = join(dir, "merkle.csv");
    writeFileSync(file, `email,name\n${Array.from({ length: 7 }, (_, i) => `m${i}@example.org,Merkle Learner ${i}`).join("\n")}\n`);
    const r = chancery(["issue", "--class", String(classId), "--csv", file, "--merkle", "--batch-size", "3", "--json"]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ total: 7, issuedNow: 7, transactions: expect.any(Array) });
    expect(JSON.parse(r.out).transactions).toHaveLength(3);
    const results = csvRows(join(dir, "merkle.results.csv"));
    expect(new Set(results.map((x) => x.batch_id)).size).toBe(3);
    // The console's view: the CLI's wallet signs the roster message, every batch's names open.
    const ctx = { client: chain.publicClient, registry };
    const roster = await unlockRoster(ctx, { signer: chain.wallets[1]! });
    const listed = (await chainReader(ctx).listBadgesOfIssuer(issuerId)).filter((b) => results.some((x) => x.uid === b.uid));
    expect(listed).toHaveLength(7);
    const names = await readRoster(ctx, roster, listed);
    for (const row of results) {
      const entry = names.get(row.uid as Hex);
      expect(entry?.state === "batch-named" && [entry.name, entry.email]).toEqual([row.name, row.email]);
    }
    // --no-roster: the batch goes without its names (cheaper), the console says so.
    const plain = join(dir, "merkle-plain.csv");
    writeFileSync(plain, "email,name\nplain@example.org,Plain Learner\n");
    expect(chancery(["issue", "--class", String(classId), "--csv", plain, "--merkle", "--no-roster"]).code).toBe(0);
    const plainUid = csvRows(join(dir, "merkle-plain.results.csv"))[0]!.uid as Hex;
    const plainListed = (await chainReader(ctx).listBadgesOfIssuer(issuerId)).filter((b) => b.uid === plainUid);
    expect((await readRoster(ctx, roster, plainListed)).get(plainUid)?.state).toBe("no-payload");
    const target = results[4]!;
    expect(parseShareLink(target.share_link!).batchId).toBe(target.batch_id);
    const png = new Uint8Array(readFileSync(join(dir, target.png!)));
    expect((await verifyBadge(png, { publicClient: chain.publicClient, trust: [{ chainId: 31337, registry }] })).verdict).toBe("valid");

    const revoked = chancery(["revoke", target.uid!, "--reason", "Issued to the wrong cohort", "--code", "issued-in-error"]);
    expect(revoked.code, revoked.err).toBe(0);
    const report = await verifyBadge(png, { publicClient: chain.publicClient, trust: [{ chainId: 31337, registry }] });
    expect(report.verdict).toBe("revoked");
    expect(report.steps.find((s) => s.id === "status")?.message).toMatch(/Issued to the wrong cohort/);
  });
});

describe("chancery revoke", () => {
  it("revokes a badge recorded on its own, then refuses a second revocation", async () => {
    const one = json(["issue", "--class", String(classId), "--wallet", chain.wallets[7]!.account!.address, "--out", "single"]);
    const r = chancery(["revoke", one.uid, "--reason", "Exam retaken", "--code", "misconduct"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Revoked badge .* \(misconduct\): “Exam retaken”/);
    expect((await readAssertionStatus({ client: chain.publicClient, registry }, { uid: one.uid })).revocationReason).toBe("misconduct");
    const again = chancery(["revoke", one.uid, "--reason", "Twice"]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already revoked/);
    expect(chancery(["revoke", `0x${"12".repeat(32)}`, "--reason", "x"]).err).toMatch(/No badge/);
    expect(chancery(["revoke", one.uid]).code).toBe(2);
  });
  it("revokes in the badge's signed status list too, and publish-status catches up a list left behind", async () => {
    const ctx = { client: chain.publicClient, registry };
    const one = json(["issue", "--class", String(classId), "--email", "list@example.org", "--out", "single"]);
    const credential = JSON.parse(readFileSync(join(dir, one.files.json), "utf8"));
    expect(credential.credentialStatus.type).toBe("BitstringStatusListEntry");
    expect(chancery(["revoke", one.uid, "--reason", "Exam retaken"]).code).toBe(0);
    const listKey = classStatusListKey(classId, 0);
    const after = await readPublishedStatusList(ctx, listKey);
    expect(after.state.behind).toBe(false);
    expect(revokedEntriesOf(after.credential)).toContain(Number(credential.credentialStatus.statusListIndex));

    // A revocation sent without its list (another tool): the gateway would say "behind"; publish-status fixes it.
    const other = json(["issue", "--class", String(classId), "--email", "behind@example.org", "--out", "single"]);
    const admin = { ...ctx, wallet: chain.wallets[1]! };
    await revokeBadge(admin, { uid: other.uid, reason: "" });
    expect((await readStatusListState(ctx, listKey)).behind).toBe(true);
    const published = json(["class", "publish-status", "--class", String(classId)]);
    expect(published.listUrl).toBe(credential.credentialStatus.statusListCredential);
    expect((await readStatusListState(ctx, listKey)).behind).toBe(false);
    expect(chancery(["class", "publish-status", "--class", String(classId), "--list", "1", "--batch", `0x${"12".repeat(32)}`]).code).toBe(
      2,
    );
  });
});

describe("where and with which key", () => {
  it("--network localhost reads the RPC from hardhat.config.ts (LOCAL_RPC_URL) and signs with the node's account", () => {
    const result = spawnSync(
      process.execPath,
      [
        CLI,
        "class",
        "create",
        "--network",
        "localhost",
        "--registry",
        registry,
        "--issuer",
        String(issuerId),
        "--name",
        "Ethics",
        "--description",
        "Ethics of data.",
        "--criteria",
        "Essay.",
        "--json",
      ],
      {
        encoding: "utf8",
        cwd: ROOT,
        env: env({ LOCAL_RPC_URL: chain.rpcUrl }),
      },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).classId).toBeGreaterThan(classId);
  });

  it("CHANCERY_PRIVATE_KEY signs instead of the node's accounts", () => {
    // Hardhat's well-known account #9 is not a signer of the issuer: the refusal names it.
    const key = "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6";
    const r = chancery(["issue", "--class", String(classId), "--email", "x@example.org"], { CHANCERY_PRIVATE_KEY: key });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Wallet 0xa0Ee7A142d267C1f36714E4a8F75612F20a79720 \(CHANCERY_PRIVATE_KEY\) is not a current signer/);
  });

  it("explains usage errors with exit 2", () => {
    expect(chancery(["issue", "--class", "abc", "--email", "x@example.org"]).code).toBe(2);
    expect(chancery(["class", "create", "--issuer", "1"]).err).toMatch(/--name is required/);
    expect(chancery(["issue", "--class", "1", "--csv", "nope.csv"]).err).toMatch(/No file nope.csv/);
    expect(chancery(["issue", "--class", "1", "--csv", "x.csv", "--merkle", "--publish"]).code).toBe(2);
    expect(chancery(["issuer", "frobnicate"]).code).toBe(2);
  });
});

describe("the CSV reader", () => {
  it("keeps line numbers through quoted line breaks and reads dates", () => {
    const rows = readRecipients(
      'email,name,expires,valid_from\r\na@x.org,"Ada\nLovelace",2031-01-01,2025-01-01T08:00:00Z\r\n\r\nb@x.org,"Say ""hi""",,\n',
      { now: new Date("2026-01-01T00:00:00Z") },
    );
    expect(rows.map((r) => r.line)).toEqual([2, 5]);
    expect(rows[0]).toMatchObject({ email: "a@x.org", name: "Ada\nLovelace" });
    expect(rows[0]!.expires!.toISOString()).toBe("2031-01-01T23:59:59.000Z");
    expect(rows[0]!.validFrom!.toISOString()).toBe("2025-01-01T08:00:00.000Z");
    expect(rows[1]!.name).toBe('Say "hi"');
  });
});
