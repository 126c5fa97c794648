// Bulk issue from a CSV in the issuer console: a 200-row file generated here is dropped, checked
// and previewed; the run signs and sends every batch while the progress bar climbs to 100 %; the
// results CSV downloads with 200 share links, and one of them opens valid on /verify.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { badgeRegistryAbi } from "@chancery/sdk/abi";
import { parseCsv } from "@chancery/sdk/bulk";
import { readAssertionStatus } from "@chancery/sdk/chain";
import type { Page } from "playwright-core";
import { getAddress, keccak256, toHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, connectWallet, download, dropFile, fileFrom, openApp, shot, verdictOf } from "../src/app.ts";
import { type SeededIssuer, seedIssuer, writerOf } from "../src/seed.ts";
import { stopAfterFirstFailure } from "../src/sequence.ts";
import { type Stack, startStack } from "../src/stack.ts";

const ROWS = 200;
let stack: Stack;
let app: App;
let page: Page;
let files: string;
let issuer: SeededIssuer;
let results: Record<string, string>[] = [];

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), "chancery-e2e-bulk-"));
  stack = await startStack();
  issuer = await seedIssuer(stack, {
    accountIndex: 1,
    name: "Institut Polytechnique du Rhône",
    className: "Python for Data Analysis",
    tags: ["python", "data"],
  });
  app = await openApp(stack, { account: stack.accounts[1] });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await stack?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

/** A cohort as a registrar exports it: e-mail and name on every row, a wallet on every third. */
function cohortCsv(rows: number): string {
  const lines = ["email,wallet,name"];
  for (let i = 1; i <= rows; i++) {
    const wallet = i % 3 === 0 ? getAddress(keccak256(toHex(`learner-${i}`)).slice(0, 42)) : "";
    lines.push(`learner${String(i).padStart(3, "0")}@cohort.example.org,${wallet},Learner ${i}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The CSV drop zone's file input (its label becomes the file's name once one is chosen). */
function csvDropZone(page: Page) {
  return page.getByRole("region", { name: "Bulk issue from CSV" }).locator('input[type="file"]');
}

/** The results file as objects keyed by its header row (read with the sdk's RFC 4180 reader). */
function parseResults(text: string): Record<string, string>[] {
  const [head, ...body] = parseCsv(text).map((record) => record.fields);
  return body.filter((r) => r.some(Boolean)).map((r) => Object.fromEntries((head ?? []).map((h, i) => [h, r[i] ?? ""])));
}

describe("bulk issue from a 200-row CSV", () => {
  stopAfterFirstFailure(() => page);

  it("checks and previews the dropped file, with a gas estimate", async () => {
    await page.goto(`${stack.appUrl}/issue/bulk`);
    await connectWallet(page);
    await page.getByRole("heading", { name: "Bulk issue from CSV" }).waitFor();
    // The template is offered as a download.
    const template = await download(page, page.getByRole("button", { name: "Download the CSV template" }), files);
    expect(readFileSync(template.path, "utf8").split("\n")[0]).toContain("email");
    await shot(page, "issue-bulk");

    // A file with mistakes: every problem is listed on its line, and nothing can be started.
    const wrong = join(files, "cohort-draft.csv");
    writeFileSync(
      wrong,
      "email,wallet,name,expires\nada@example.org,,Ada Lovelace,\nnot-an-email,,Bob,\ncarol@example.org,0x1234,Carol,\ndan@example.org,,Dan,2001-01-01\n",
    );
    await dropFile(csvDropZone(page), fileFrom(wrong, "text/csv"));
    await page.getByText(/^3 problems to fix$/).waitFor();
    const table = page.getByRole("table");
    for (const line of ["3", "4", "5"])
      expect(
        await table
          .getByRole("row")
          .filter({ has: page.getByRole("cell", { name: line, exact: true }) })
          .getByText("✓")
          .count(),
      ).toBe(0);
    expect(
      await table
        .getByRole("row")
        .filter({ has: page.getByRole("cell", { name: "2", exact: true }) })
        .getByText("✓")
        .count(),
    ).toBe(1);
    expect(await page.getByRole("button", { name: /^Prepare/ }).count()).toBe(0);
    await shot(page, "issue-bulk-errors");

    const csv = join(files, "cohort-2026.csv");
    writeFileSync(csv, cohortCsv(ROWS));
    await dropFile(csvDropZone(page), fileFrom(csv, "text/csv"));
    await page.getByRole("heading", { name: `${ROWS} rows` }).waitFor();
    await page.getByText("Every row is valid.").waitFor();
    await page.getByText(new RegExp(`${ROWS} badges in \\d+ transactions`)).waitFor();
    expect(await page.getByRole("table").getByRole("row").count()).toBe(101); // header + the first 100 rows
    await shot(page, "issue-bulk-preview");
  });

  it("issues all 200 badges in batches while the progress bar reaches 100 %", async () => {
    await page.getByRole("button", { name: `Prepare ${ROWS} badges` }).click();
    const progress = page.getByRole("progressbar", { name: "Bulk issue progress" });
    await progress.waitFor();
    expect(await progress.getAttribute("aria-valuemax")).toBe(String(ROWS));
    expect(await progress.getAttribute("aria-valuenow")).toBe("0");
    await page.getByRole("button", { name: `Issue ${ROWS} badges` }).click();

    // Part-way: the bar shows the batches already recorded (best effort: a fast machine may finish first).
    const midway = await page
      .waitForFunction(
        (total) => {
          const now = Number(document.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow"));
          return now > 0 && now < total;
        },
        ROWS,
        { timeout: 60_000, polling: 50 },
      )
      .then(() => true)
      .catch(() => false);
    if (midway) await shot(page, "issue-bulk-progress", { settle: false });

    await page.getByText(`${ROWS} badges issued`, { exact: true }).waitFor({ timeout: 180_000 });
    expect(await progress.getAttribute("aria-valuenow")).toBe(String(ROWS));
    expect(await progress.getAttribute("aria-valuetext")).toBe("100 %");
    await page.getByText("All badges are recorded on chain.").waitFor();
    await shot(page, "issue-bulk-done");
  });

  it("downloads a results CSV with 200 share links, every badge on chain", async () => {
    const saved = await download(page, page.getByRole("button", { name: "Download results (CSV)" }), files);
    expect(saved.name).toBe("cohort-2026.results.csv");
    results = parseResults(readFileSync(saved.path, "utf8"));
    expect(results).toHaveLength(ROWS);
    const linkPattern = new RegExp(`^${stack.appUrl}/verify/${stack.chainId}/${stack.registry}/0x[0-9a-f]{64}#k=[A-Za-z0-9_-]{43}$`, "i");
    for (const row of results) {
      expect(row.status).toBe("issued");
      expect(row.share_link).toMatch(linkPattern);
    }
    expect(new Set(results.map((r) => r.uid)).size).toBe(ROWS);
    expect(results[2]!.wallet).toMatch(/^0x/);
    // The chain records each of them (checked on a sample spread over every batch).
    const reader = writerOf(stack, 0);
    for (const row of [results[0]!, results[99]!, results[150]!, results[ROWS - 1]!]) {
      const status = await readAssertionStatus(reader, { uid: row.uid as `0x${string}` });
      expect(status.exists).toBe(true);
      expect(status.issuerId).toBe(issuer.issuerId);
      expect(status.classId).toBe(issuer.classId);
    }
  });

  it("opens one of the share links as valid on /verify", async () => {
    const row = results[137]!;
    await page.goto(row.share_link!);
    expect(await verdictOf(page)).toBe("valid");
    const main = await page.getByRole("main").innerText();
    expect(main).toContain("Python for Data Analysis");
    expect(main).toContain(row.name!);
    await shot(page, "verify-share-link");
  });

  it("pauses a second run after its first batch, survives a page refresh, and resumes without issuing anything twice", async () => {
    // More than one transaction holds: published credentials leave the class image and logo on chain
    // (sdk chain/published.ts), so about 120 fit in one.
    const rows = 150;
    await page.goto(`${stack.appUrl}/issue/bulk`);
    await page.getByRole("button", { name: "Start a new bulk issue" }).click();
    await page.getByRole("button", { name: "Close the run" }).click();
    const csv = join(files, "evening-class.csv");
    writeFileSync(csv, cohortCsv(rows).replaceAll("@cohort.", "@evening."));
    await dropFile(csvDropZone(page), fileFrom(csv, "text/csv"));
    const estimate = page.getByText(new RegExp(`${rows} badges in \\d+ transactions`));
    await estimate.waitFor();
    const transactions = Number(/in (\d+) transactions/.exec(await estimate.innerText())![1]);
    expect(transactions).toBeGreaterThanOrEqual(2); // so that the run can stop between two batches
    await page.getByRole("button", { name: `Prepare ${rows} badges` }).click();

    const sentBefore = app.wallet.filter((r) => r.method === "eth_sendTransaction").length;
    await page.getByRole("button", { name: `Issue ${rows} badges` }).click();
    await page.getByRole("button", { name: "Pause after this batch" }).click();
    await page.getByRole("button", { name: "Resume" }).waitFor({ timeout: 60_000 });
    const progress = page.getByRole("progressbar", { name: "Bulk issue progress" });
    const firstBatch = Number(await progress.getAttribute("aria-valuenow"));
    expect(firstBatch).toBeGreaterThan(0);
    expect(firstBatch).toBeLessThan(rows);

    // A refresh: the run comes back from this browser's journal.
    await page.reload();
    await page.getByText(`${firstBatch} of ${rows} badges recorded`).waitFor();
    await page.getByText(/Stopped part-way/).waitFor();
    await shot(page, "issue-bulk-resumable");
    await page.getByRole("button", { name: "Resume" }).click();
    await page.getByText(`${rows} badges issued`, { exact: true }).waitFor({ timeout: 120_000 });
    expect(await progress.getAttribute("aria-valuetext")).toBe("100 %");

    // One transaction per batch in all, and every badge of the file on chain exactly once.
    expect(app.wallet.filter((r) => r.method === "eth_sendTransaction").length - sentBefore).toBe(transactions);
    const saved = await download(page, page.getByRole("button", { name: "Download results (CSV)" }), files);
    const evening = parseResults(readFileSync(saved.path, "utf8"));
    expect(evening).toHaveLength(rows);
    expect(new Set(evening.map((r) => r.uid)).size).toBe(rows);
    const reader = writerOf(stack, 0);
    const issued = await reader.client.getContractEvents({
      address: stack.registry,
      abi: badgeRegistryAbi,
      eventName: "AssertionIssued",
      args: { issuerId: issuer.issuerId },
      fromBlock: 0n,
    });
    expect(issued).toHaveLength(ROWS + rows);
    const onChain = new Set(issued.map((e) => (e.args.uid as string).toLowerCase()));
    for (const row of evening) expect(onChain.has(row.uid!.toLowerCase())).toBe(true);
  });
});
