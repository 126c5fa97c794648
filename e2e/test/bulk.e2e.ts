// Bulk issue from a CSV in the issuer console: a 200-row file generated here is dropped, checked
// and previewed; the run signs and sends every batch while the progress bar climbs to 100 %; the
// results CSV downloads with 200 share links, and one of them opens valid on /verify.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getAddress, keccak256, toHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { readAssertionStatus } from "../../sdk/src/chain/index.ts";
import { connectWallet, download, dropFile, fileFrom, openApp, shot, verdictOf, type App } from "../src/app.ts";
import { seedIssuer, writerOf, type SeededIssuer } from "../src/seed.ts";
import { stopAfterFirstFailure } from "../src/sequence.ts";
import { startStack, type Stack } from "../src/stack.ts";

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
  issuer = await seedIssuer(stack, { accountIndex: 1, name: "Institut Polytechnique du Rhône", className: "Python for Data Analysis", tags: ["python", "data"] });
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

/** RFC 4180 CSV, enough for the results file (quoted fields, doubled quotes). */
function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") record.push(field), (field = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      record.push(field), records.push(record), (record = []), (field = "");
    } else field += ch;
  }
  if (field || record.length) record.push(field), records.push(record);
  const [head, ...body] = records;
  return body.filter((r) => r.some(Boolean)).map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ""])));
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

    const csv = join(files, "cohort-2026.csv");
    writeFileSync(csv, cohortCsv(ROWS));
    await dropFile(page.getByLabel(/Drop the recipients CSV/), fileFrom(csv, "text/csv"));
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
      .waitForFunction((total) => {
        const now = Number(document.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow"));
        return now > 0 && now < total;
      }, ROWS, { timeout: 60_000, polling: 50 })
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
    results = parseCsv(readFileSync(saved.path, "utf8"));
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
});
