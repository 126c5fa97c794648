// The bulk-issue engine: plans under the gas cap, then on a real Hardhat node a whole run, a run
// resumed after a crash between send and confirm, a batch already on chain when the journal never
// heard of its transaction (array and Merkle), a pause between credentials, and refused journals.

import { startTestChain, type TestChain } from "@chancery/testing/chain";
import { setUpIssuer, type TestIssuer } from "@chancery/testing/issuer";
import { getAbiItem, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { merkleBatchId } from "../src/anchor/index.ts";
import { issueAward } from "../src/award/index.ts";
import {
  BulkIssueError,
  type BulkIssueSetup,
  type BulkJournalEntry,
  type BulkMode,
  type BulkProgressEvent,
  badgesPerTransaction,
  estimatePlanGas,
  MemoryJournal,
  openBulkIssue,
  planBatches,
  planBulkIssue,
  readRecipients,
} from "../src/bulk/index.ts";
import { GAS_PER_BATCHED_BADGE, maxBadgesPerTransaction, readAssertionStatus, TRANSACTION_GAS_CAP } from "../src/chain/index.ts";
import { badgeRegistryAbi } from "../src/generated/abi.ts";
import { parseShareLink } from "../src/links/index.ts";

let chain: TestChain;
let issuer: TestIssuer;
let cohort = 0;

beforeAll(async () => {
  chain = await startTestChain();
  issuer = await setUpIssuer(chain);
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

/** A fresh cohort of `n` learners (new e-mails each time, so uids never collide across tests); every third has a wallet. */
function csv(n: number, options: { expiresEvery?: number } = {}): string {
  const c = ++cohort;
  const lines = ["email,wallet,name,expires"];
  for (let i = 0; i < n; i++) {
    const wallet = i % 3 === 0 ? chain.wallets[6 + (i % 3)]!.account!.address : "";
    const expires = options.expiresEvery && i % options.expiresEvery === 0 ? "2031-06-30" : "";
    lines.push(`c${c}-learner${i}@example.org,${wallet},"Learner ${i}, cohort ${c}",${expires}`);
  }
  return `${lines.join("\n")}\n`;
}

function setupOf(
  text: string,
  journal: MemoryJournal,
  options: { mode?: BulkMode; publish?: boolean; batchSize?: number } = {},
): BulkIssueSetup {
  const award = issuer.award();
  return {
    journal,
    rows: readRecipients(text),
    settings: {
      chainId: chain.chainId,
      registry: chain.registry,
      classId: issuer.classId,
      mode: options.mode ?? "batch",
      publish: options.publish ?? false,
      gatewayBase: award.gatewayBase,
    },
    issuer: award.issuer,
    achievement: award.achievement,
    appBase: "https://app.example.org",
    batchSize: "batchSize" in options ? options.batchSize : 10,
    label: "cohort.csv",
  };
}

const run = (
  bulk: Awaited<ReturnType<typeof openBulkIssue>>,
  extra: { onProgress?: (e: BulkProgressEvent) => void; shouldStop?: (at: "batch" | "credential") => boolean } = {},
) => bulk.run({ ctx: issuer.admin, signingKey: issuer.signingKey, ...extra });

/** Every uid the registry recorded for the test issuer so far (array and Merkle batches). */
async function uidsOnChain(): Promise<Hex[]> {
  const logs = await chain.publicClient.getLogs({
    address: chain.registry,
    events: [
      getAbiItem({ abi: badgeRegistryAbi, name: "AssertionIssued" }),
      getAbiItem({ abi: badgeRegistryAbi, name: "AssertionBatched" }),
    ],
    fromBlock: 0n,
    strict: true,
  });
  return logs.map((log) => (log.args as { uid: Hex }).uid);
}

/** A journal that loses power on the first entry `when` accepts: that entry and everything after never reach it. */
class CrashingJournal extends MemoryJournal {
  private crashed = false;
  private readonly when: (entry: BulkJournalEntry) => boolean;
  constructor(when: (entry: BulkJournalEntry) => boolean) {
    super();
    this.when = when;
  }
  override async append(...entries: BulkJournalEntry[]): Promise<void> {
    if (this.crashed || entries.some(this.when)) {
      this.crashed = true;
      throw new Error("power cut");
    }
    await super.append(...entries);
  }
}

describe("planning a bulk issue", () => {
  it("sizes every transaction under the gas cap, smaller with encrypted credentials", () => {
    expect(badgesPerTransaction({ mode: "batch" })).toBe(maxBadgesPerTransaction("batch"));
    expect(badgesPerTransaction({ mode: "merkle" })).toBe(maxBadgesPerTransaction("merkle"));
    expect(badgesPerTransaction({ mode: "batch", payloadBytes: 12_000 })).toBeLessThan(badgesPerTransaction({ mode: "batch" }));
    expect(badgesPerTransaction({ mode: "batch", payloadBytes: 60_000 })).toBeGreaterThanOrEqual(1);
    expect(badgesPerTransaction({ mode: "batch", batchSize: 7 })).toBe(7);
    for (const [mode, payloadBytes] of [
      ["batch", 0],
      ["batch", 3_000],
      ["batch", 12_000],
      ["merkle", 0],
    ] as const) {
      const size = badgesPerTransaction({ mode, payloadBytes });
      const [one] = planBatches(
        Array.from({ length: size }, (_, i) => ({ line: i + 2 })),
        size,
        mode,
        1,
      );
      expect(estimatePlanGas([one!], { mode, payloadBytes })).toBeLessThan(TRANSACTION_GAS_CAP);
    }
  });

  it("puts one expiry in each batch and every row in exactly one batch; Merkle batches get their own ids", () => {
    const rows = Array.from({ length: 1_200 }, (_, i) => ({
      line: i + 2,
      ...(i % 3 === 0 ? { expires: new Date("2030-01-01T23:59:59Z") } : {}),
    }));
    const batches = planBatches(rows, 497, "batch");
    expect(batches.flatMap((b) => b.lines).sort((a, b) => a - b)).toEqual(rows.map((r) => r.line));
    expect(batches.every((b) => b.lines.length <= 497)).toBe(true);
    expect(new Set(batches.map((b) => b.expiresAt))).toEqual(new Set([0, Date.parse("2030-01-01T23:59:59Z") / 1000]));
    for (const b of batches) expect(new Set(b.lines.map((line) => rows[line - 2]!.expires?.getTime() ?? 0)).size).toBe(1);
    expect(batches.every((b) => b.batchId === undefined)).toBe(true);
    const merkle = planBatches(rows, 300, "merkle", 7);
    expect(new Set(merkle.map((b) => b.batchId)).size).toBe(merkle.length);
    // Each batch is sent with a random key and named by the id the registry stores it under.
    for (const b of merkle) expect(b.batchId).toBe(merkleBatchId(7, b.batchKey!));
    expect(() => planBatches(rows, 300, "merkle")).toThrow(/needs the issuer's id/);
  });

  it("sizes from the largest encrypted credential of the file, and estimates the gas of the plan", () => {
    const plain = planBulkIssue(setupOf(csv(60), new MemoryJournal(), { batchSize: undefined }));
    const published = planBulkIssue(setupOf(csv(60), new MemoryJournal(), { publish: true, batchSize: undefined }));
    expect(plain.payloadBytes).toBe(0);
    expect(published.payloadBytes).toBeGreaterThan(1_000);
    expect(published.size).toBeLessThan(plain.size);
    expect(published.size).toBe(badgesPerTransaction({ mode: "batch", payloadBytes: published.payloadBytes }));
    expect(plain.gas).toBe(21_000n + 60n * GAS_PER_BATCHED_BADGE);
  });
});

describe("a bulk issue on a real node", () => {
  it("signs, sends every batch and reports each row with its share link and hosted URL", async () => {
    const journal = new MemoryJournal();
    const bulk = await openBulkIssue(setupOf(csv(25, { expiresEvery: 4 }), journal, { publish: true }));
    // 7 rows expire in 2031 (the first row among them), 18 do not: batches of 7, then 10 and 8.
    expect(bulk.batches.map((b) => b.lines.length)).toEqual([7, 10, 8]);
    const before = (await uidsOnChain()).length;
    const events: BulkProgressEvent[] = [];
    const outcome = await run(bulk, { onProgress: (e) => events.push(e) });
    expect(outcome).toMatchObject({ issuedNow: 25, alreadyOnChain: 0, stopped: false });
    expect(outcome.transactions).toHaveLength(3);
    expect((await uidsOnChain()).length - before).toBe(25);
    expect(events.filter((e) => e.phase === "anchored").map((e) => e.done)).toEqual([7, 17, 25]);
    expect(events.at(-1)).toMatchObject({ phase: "anchored", done: 25, total: 25, batches: 3 });
    expect(bulk.progress()).toMatchObject({ done: 25, total: 25, batchesDone: 3 });

    const results = bulk.results();
    expect(results.map((r) => r.line)).toEqual(bulk.rows.map((r) => r.line));
    for (const r of results) {
      expect(r.status).toBe("issued");
      expect(parseShareLink(r.shareLink!)).toMatchObject({ uid: r.uid, chainId: chain.chainId });
      expect(r.shareLink).toMatch(/#k=[A-Za-z0-9_-]{43}$/);
      expect(r.hostedUrl).toBe(`https://badges.example.org/ob2/assertions/${chain.chainId}/${r.uid}/${r.key}`);
    }
    expect((await readAssertionStatus(issuer.admin, { uid: results[4]!.uid! })).expiresAt).toBe(Date.parse("2031-06-30T23:59:59Z") / 1000);
    // The journal holds the start, every credential with its key, a hash and an anchor per batch.
    expect(journal.entries.filter((e) => e.type === "prepared")).toHaveLength(25);
    expect(journal.entries.filter((e) => e.type === "sending")).toHaveLength(3);
    expect(journal.entries.filter((e) => e.type === "anchored")).toHaveLength(3);
  });

  it("resumes after a crash between send and confirm: waits for the journaled transaction and sends nothing twice", async () => {
    const text = csv(30);
    const before = (await uidsOnChain()).length;
    // The power goes after batch 2's transaction hash was journaled, before its anchor.
    let anchors = 0;
    const crashing = new CrashingJournal((e) => e.type === "anchored" && ++anchors === 2);
    const first = await openBulkIssue(setupOf(text, crashing));
    await expect(run(first)).rejects.toThrow(/power cut/);
    expect((await uidsOnChain()).length - before).toBe(20);
    expect(crashing.entries.filter((e) => e.type === "sending")).toHaveLength(2);

    const journal = new MemoryJournal(crashing.entries);
    const resumed = await openBulkIssue(setupOf(text, journal));
    expect(resumed.progress()).toMatchObject({ done: 10, signed: 20 });
    const events: BulkProgressEvent[] = [];
    const outcome = await run(resumed, { onProgress: (e) => events.push(e) });
    expect(events.find((e) => e.phase === "waiting")).toMatchObject({ batch: 1 });
    expect(outcome).toMatchObject({ issuedNow: 10, alreadyOnChain: 20 });
    expect(outcome.transactions).toHaveLength(1);
    const fresh = (await uidsOnChain()).slice(before);
    expect(fresh).toHaveLength(30);
    expect(new Set(fresh).size).toBe(30);
    const statuses = resumed.results().map((r) => r.status);
    expect(statuses.filter((s) => s === "issued earlier")).toHaveLength(20);
    expect(statuses.filter((s) => s === "issued")).toHaveLength(10);
    expect(new Set(resumed.results().map((r) => r.uid))).toEqual(new Set(fresh));
  });

  for (const mode of ["batch", "merkle"] as const) {
    it(`finds a batch already on chain whose transaction the journal never heard of (${mode}), and does not resend it`, async () => {
      const text = csv(12);
      const before = (await uidsOnChain()).length;
      // The power goes right after the wallet returned the first hash: the batch is on chain, the journal does not know.
      const crashing = new CrashingJournal((e) => e.type === "sending");
      await expect(run(await openBulkIssue(setupOf(text, crashing, { mode })))).rejects.toThrow(/power cut/);
      expect((await uidsOnChain()).length - before).toBe(10);
      expect(crashing.entries.some((e) => e.type === "sending" || e.type === "anchored")).toBe(false);

      const resumed = await openBulkIssue(setupOf(text, new MemoryJournal(crashing.entries), { mode }));
      const events: BulkProgressEvent[] = [];
      const outcome = await run(resumed, { onProgress: (e) => events.push(e) });
      expect(events.filter((e) => e.phase === "checking").map((e) => e.batch)).toEqual([0, 1]);
      expect(events.filter((e) => e.phase === "sending").map((e) => e.batch)).toEqual([1]);
      expect(outcome).toMatchObject({ issuedNow: 2, alreadyOnChain: 10 });
      const fresh = (await uidsOnChain()).slice(before);
      expect(fresh).toHaveLength(12);
      expect(new Set(fresh).size).toBe(12);
      if (mode === "merkle") expect(new Set(resumed.results().map((r) => r.batchId)).size).toBe(2);
    });
  }

  it("stops between two credentials when asked, keeps what it signed, and reuses it on resume", async () => {
    const text = csv(8);
    const journal = new MemoryJournal();
    const first = await openBulkIssue(setupOf(text, journal));
    let signed = 0;
    const outcome = await run(first, {
      onProgress: (e) => e.phase === "signing" && signed++,
      shouldStop: (at) => at === "credential" && signed >= 3,
    });
    expect(outcome).toMatchObject({ stopped: true, issuedNow: 0, transactions: [] });
    const kept = journal.entries.filter((e) => e.type === "prepared");
    expect(kept).toHaveLength(3);
    expect(first.results().filter((r) => r.status === "signed, not sent")).toHaveLength(3);

    const resumed = await openBulkIssue(setupOf(text, journal));
    expect(await run(resumed)).toMatchObject({ stopped: false, issuedNow: 8 });
    const uids = new Map(resumed.results().map((r) => [r.line, r.uid]));
    for (const p of kept) if (p.type === "prepared") expect(uids.get(p.line)).toBe(p.uid);
  });

  it("gives an array batch's badges consecutive status indexes, and signs again when another issue took them", async () => {
    const text = csv(8);
    const journal = new MemoryJournal();
    const first = await openBulkIssue(setupOf(text, journal, { batchSize: 4 }));
    let signed = 0;
    await run(first, { onProgress: (e) => e.phase === "signing" && signed++, shouldStop: (at) => at === "credential" && signed >= 2 });
    const kept = journal.entries.filter((e) => e.type === "prepared");
    // Another issue takes the index the journaled credentials were signed with.
    await issueAward(issuer.admin, issuer.award(), issuer.signingKey);
    const resumed = await openBulkIssue(setupOf(text, journal, { batchSize: 4 }));
    expect(await run(resumed)).toMatchObject({ stopped: false, issuedNow: 8 });
    const results = resumed.results();
    const uids = new Map(results.map((r) => [r.line, r.uid]));
    for (const p of kept) if (p.type === "prepared") expect(uids.get(p.line)).not.toBe(p.uid);
    const indexes = results.map((r) => Number(r.credential?.credentialStatus.statusListIndex));
    const start = indexes[0] ?? 0;
    expect(indexes).toEqual(indexes.map((_, i) => start + i));
    for (const r of results)
      expect((await readAssertionStatus(issuer.admin, { uid: r.uid as Hex })).statusIndex).toBe(indexes[results.indexOf(r)]);
  });

  it("refuses a journal whose input or settings changed", async () => {
    const text = csv(5);
    const journal = new MemoryJournal();
    await openBulkIssue(setupOf(text, journal));
    const changed = text.replace("learner2@", "someone-else@");
    await expect(openBulkIssue(setupOf(changed, journal))).rejects.toMatchObject({
      code: "journal-mismatch",
      reason: "row-changed",
      lines: [4],
      kind: "invalid-input",
    });
    await expect(openBulkIssue(setupOf(changed, journal))).rejects.toThrow(/line 4 differs/);
    const gained = `${text}extra@example.org,,Extra,\n`;
    await expect(openBulkIssue(setupOf(gained, journal))).rejects.toMatchObject({ reason: "rows-added", lines: [7] });
    const shorter = text.split("\n").slice(0, -2).join("\n");
    await expect(openBulkIssue(setupOf(shorter, journal))).rejects.toMatchObject({ reason: "row-changed", lines: [6] });
    await expect(openBulkIssue(setupOf(text, journal, { publish: true }))).rejects.toMatchObject({
      reason: "settings",
      setting: "publish=false",
    });
    await expect(openBulkIssue(setupOf(text, journal, { mode: "merkle" }))).rejects.toBeInstanceOf(BulkIssueError);
    // The same input and settings resume.
    expect((await openBulkIssue(setupOf(text, journal))).progress()).toMatchObject({ done: 0, total: 5 });
  });
});
