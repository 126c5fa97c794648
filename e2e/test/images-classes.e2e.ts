// Images as issuers have them, and the rest of the issuer console (issue 10, parts 4 and 7): an
// institution registers with a 200 kB 1024×1024 PNG logo (fitted in the browser, shown in the
// console instead of the initial); an ordinary 33 kB 256×256 PNG, a large PNG and SVGs go into a
// badge class (a non-image and an SVG with a script refused with why, before any transaction; a
// 300 kB SVG rasterised, a small one kept as vector); the class is revised (prefilled, a version
// history) and, after a Merkle bulk issue of a small CSV whose badges verify, retired. Each new state
// is saved in en, fr and zh at 1280 and 375 px, and the classes once at deviceScaleFactor 2.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCsv } from "@chancery/sdk/bulk";
import { readIssuer } from "@chancery/sdk/chain";
import type { Locator, Page } from "playwright-core";
import { toFunctionSelector } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type App,
  connectWallet,
  download,
  dropFile,
  fileFrom,
  openApp,
  SHOTS,
  shot,
  shotsInEveryLanguage,
  verdictOf,
  WIDE,
} from "../src/app.ts";
import { launchBrowser } from "../src/chromium.ts";
import { badgeSvg, png } from "../src/images.ts";
import { writerOf } from "../src/seed.ts";
import { stopAfterFirstFailure } from "../src/sequence.ts";
import { type Stack, startStack } from "../src/stack.ts";
import { rpc } from "../src/wallet.ts";

const INSTITUTION = "Conservatoire des Arts Numériques";
const CLASS_NAME = "Digital Heritage Conservation";
/** The registry keeps a whole document in this many bytes. */
const MAX_DOCUMENT = 16_384;

let stack: Stack;
let app: App;
let page: Page;
let files: string;
const gas: Record<string, number> = {};
let merkleLink = "";

/** A medallion as a designer exports it: smooth shading, a gilded rim, a little grain (sizes tuned to an ordinary export). */
function medallionPng(size: number, speckle: number): Buffer {
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const c = size / 2;
  const q = (v: number) => Math.max(0, Math.min(255, Math.round(v / 4) * 4));
  return png(size, (x, y) => {
    const d = Math.hypot(x + 0.5 - c, y + 0.5 - c) / c;
    const a = Math.atan2(y - c, x - c);
    const n = rand() < speckle ? 24 : 0;
    if (d > 0.96) return [0, 0, 0, 0];
    if (d > 0.8) return [q(200 + n), q(150 + 40 * Math.sin(a * 24)), 40, 255];
    return [q(30 + 80 * d + n), q(60 + 120 * (1 - d)), q(140 + 90 * Math.cos(a * 3)), 255];
  });
}

/** A large, safe SVG (many shapes, about `kb` kB) with `extra` inside. */
function bigSvg(kb: number, extra = ""): string {
  const shapes: string[] = [];
  for (let i = 0, length = 0; length < kb * 1024; i++) {
    const shape = `<circle cx="${(i * 37) % 512}" cy="${(i * 91) % 512}" r="${3 + (i % 9)}" fill="#${((i * 4099) % 0xffffff).toString(16).padStart(6, "0")}"/>`;
    shapes.push(shape);
    length += shape.length;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512"><rect width="512" height="512" rx="80" fill="#14213d"/>${extra}${shapes.join("")}</svg>`;
}

function write(name: string, content: string | Buffer): string {
  const path = join(files, name);
  writeFileSync(path, content);
  return path;
}

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), "chancery-e2e-images-"));
  stack = await startStack();
  app = await openApp(stack, { account: stack.accounts[1], viewport: WIDE });
  page = app.page;
});

afterAll(async () => {
  if (Object.keys(gas).length) console.log("gas used:", JSON.stringify(gas));
  await app?.close();
  await stack?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

function tab(name: string) {
  return page.getByRole("navigation", { name: "Issuer console sections" }).getByRole("link", { name });
}

const shots = (name: string) => shotsInEveryLanguage(page, `images-${name}`, { maxOverflowPx: 1 });

/** Gas of the latest transaction (the one the page just sent). */
async function lastGas(): Promise<number> {
  const block = (await rpc(stack.rpcUrl, "eth_getBlockByNumber", ["latest", false])) as { transactions: string[] };
  const receipt = (await rpc(stack.rpcUrl, "eth_getTransactionReceipt", [block.transactions.at(-1)])) as { gasUsed: string };
  return Number(receipt.gasUsed);
}

/** Gas of the latest issueMerkleBatch transaction (a few blocks back at most: status lists may follow it). */
async function merkleBatchGas(): Promise<number> {
  const selector = toFunctionSelector("issueMerkleBatch(uint32,bytes32,bytes32[],address[],uint40)");
  let number = Number(await rpc(stack.rpcUrl, "eth_blockNumber", []));
  for (let back = 0; back < 10 && number >= 0; back++, number--) {
    const block = (await rpc(stack.rpcUrl, "eth_getBlockByNumber", [`0x${number.toString(16)}`, true])) as {
      transactions: { hash: string; input: string }[];
    };
    const tx = block.transactions.find((t) => t.input.startsWith(selector));
    if (tx) return Number(((await rpc(stack.rpcUrl, "eth_getTransactionReceipt", [tx.hash])) as { gasUsed: string }).gasUsed);
  }
  throw new Error("No issueMerkleBatch transaction in the last 10 blocks.");
}

/** The prepared image's line in a picker: format, bytes, pixels. */
async function preparedLine(field: Locator): Promise<{ format: string; side: number }> {
  const line = await field.locator(".image-chosen p").first().innerText();
  const format = /^(PNG|WebP|SVG) · /.exec(line);
  expect(format, line).not.toBeNull();
  const pixels = / · (\d+)×(\d+)/.exec(line);
  return { format: format?.[1] ?? "", side: pixels ? Math.max(Number(pixels[1]), Number(pixels[2])) : 0 };
}

/** Natural width of an <img> once it has decoded. */
async function naturalWidth(image: Locator): Promise<number> {
  await image.waitFor();
  return image.evaluate(async (img: HTMLImageElement) => {
    await img.decode().catch(() => undefined);
    return img.naturalWidth;
  });
}

function pickerOf(label: RegExp) {
  return page.locator(".field").filter({ has: page.locator(".field-label", { hasText: label }) });
}

describe("images as issuers have them; revise, Merkle bulk, retire", () => {
  stopAfterFirstFailure(() => page);

  it("registers with a 200 kB 1024×1024 PNG logo, fitted in the browser and shown (not the initial)", async () => {
    const logo = medallionPng(1024, 0.025);
    expect(logo.length).toBeGreaterThan(180_000);
    expect(logo.length).toBeLessThan(260_000);
    await page.goto(`${stack.appUrl}/issue`);
    await connectWallet(page);
    await page.getByRole("heading", { name: "Register your institution", level: 1 }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill(INSTITUTION);
    await page.getByLabel("Website").fill("https://www.can.example.edu");
    await page.getByLabel(/^Logo/).setInputFiles(write("crest-1024.png", logo));
    const picker = pickerOf(/^Logo/);
    const prepared = await preparedLine(picker);
    // Sharp on a 2× screen wherever the logo is shown (at most 180 CSS px).
    expect(prepared.side).toBeGreaterThanOrEqual(360);
    expect(await picker.innerText()).toContain("Fitted for the chain from crest-1024.png");
    await shots("register-logo");
    await page.getByRole("button", { name: "Register on chain" }).click();
    await page.getByRole("heading", { name: INSTITUTION, level: 1 }).waitFor();
    gas.registerWithLogo = await lastGas();

    const header = page.locator(".issuer-logo");
    expect(await header.locator("img").count()).toBe(1);
    expect(await naturalWidth(header.locator("img"))).toBeGreaterThanOrEqual(360);
    const onChain = await readIssuer(writerOf(stack, 0), 1);
    const image = (onChain.profile as { image?: { id?: string } | string }).image;
    const uri = typeof image === "string" ? image : image?.id;
    expect(uri).toMatch(/^data:image\/(png|webp);base64,/);
    expect(new TextEncoder().encode(JSON.stringify(onChain.profile)).length).toBeLessThanOrEqual(MAX_DOCUMENT);
    await shots("console-logo");
  });

  it("registers the signing key (for the bulk issue below)", async () => {
    await tab("Signers & key").click();
    await page.getByRole("button", { name: "Derive my signing key" }).click();
    await page.getByRole("button", { name: "Register the key on chain" }).click();
    await page.getByText("Registered and active").waitFor();
  });

  it("takes an ordinary 33 kB 256×256 PNG; refuses a non-image and a scripted SVG with why, before any transaction", async () => {
    await tab("Badge classes").click();
    await page.getByRole("button", { name: "Create a badge class" }).first().click();
    const picker = pickerOf(/^Badge image/);
    const input = page.getByLabel(/^Badge image/);
    const blockBefore = await rpc(stack.rpcUrl, "eth_blockNumber", []);

    await input.setInputFiles(write("recipients.png", "email,name\nada@example.org,Ada\n"));
    await picker.getByText(/“recipients\.png” is not an image this app can read/).waitFor();
    await input.setInputFiles(write("scripted.svg", bigSvg(300, "<script>alert(document.cookie)</script>")));
    await picker.getByText(/This SVG cannot be used: it contains a script\./).waitFor();
    await page.getByLabel("Badge name").fill(CLASS_NAME);
    await page.getByRole("button", { name: "Publish the class" }).click();
    await page.getByText(/The image you chose could not be used/).waitFor();
    await shots("class-refused");
    expect(await rpc(stack.rpcUrl, "eth_blockNumber", [])).toBe(blockBefore);

    const ordinary = medallionPng(256, 0.04);
    expect(ordinary.length).toBeGreaterThan(28_000);
    expect(ordinary.length).toBeLessThan(42_000);
    await input.setInputFiles(write("medal-256.png", ordinary));
    const fitted = await preparedLine(picker);
    expect(fitted.side).toBe(256); // never scaled up, not scaled down either
    await picker.getByRole("button", { name: "Replace" }).click();
  });

  it("creates a class with a large PNG (1024×1024), fitted sharp", async () => {
    const picker = pickerOf(/^Badge image/);
    await page.getByLabel(/^Badge image/).setInputFiles(write("medal-1024.png", medallionPng(1024, 0.025)));
    expect((await preparedLine(picker)).side).toBeGreaterThanOrEqual(360);
    await page.getByLabel("Description", { exact: true }).fill("Preserves born-digital collections so they stay readable and authentic.");
    await page.getByLabel("Criteria", { exact: true }).fill("Wrote and applied a preservation plan for a real collection.");
    await page.getByLabel(/^Tags/).fill("heritage, preservation");
    await shots("class-create");
    await page.getByRole("button", { name: "Publish the class" }).click();
    const card = page.locator(".badge-card").filter({ hasText: CLASS_NAME });
    await card.waitFor();
    gas.createClassWithPng = await lastGas();
    expect(await naturalWidth(card.locator(".badge-card-image img"))).toBeGreaterThanOrEqual(360);
  });

  it("revises the class: prefilled; a 300 kB SVG rasterised, a small SVG kept as vector; a version history", async () => {
    const card = page.locator(".badge-card").filter({ hasText: CLASS_NAME });
    await card.getByRole("button", { name: "Revise" }).click();
    await page.getByRole("heading", { name: `Revise “${CLASS_NAME}”` }).waitFor();
    expect(await page.getByLabel("Badge name").inputValue()).toBe(CLASS_NAME);
    expect(await page.getByLabel(/^Tags/).inputValue()).toBe("heritage, preservation");
    expect(await page.getByLabel("Criteria", { exact: true }).inputValue()).toBe(
      "Wrote and applied a preservation plan for a real collection.",
    );
    const picker = pickerOf(/^Badge image/);
    expect((await preparedLine(picker)).side).toBeGreaterThanOrEqual(360); // the current image, kept unless replaced

    await picker.getByRole("button", { name: "Replace" }).click();
    await page.getByLabel(/^Badge image/).setInputFiles(write("poster.svg", bigSvg(300)));
    const rasterised = await preparedLine(picker);
    expect(["PNG", "WebP"]).toContain(rasterised.format);
    expect(rasterised.side).toBeGreaterThanOrEqual(256);
    await picker.getByRole("button", { name: "Replace" }).click();
    await page.getByLabel(/^Badge image/).setInputFiles(write("medal.svg", badgeSvg("DHC")));
    expect((await preparedLine(picker)).format).toBe("SVG");
    await page
      .getByLabel("Description", { exact: true })
      .fill("Preserves born-digital collections (2027 edition: emulation and web archives).");
    await shots("class-revise");
    await page.getByRole("button", { name: "Publish the new version" }).click();

    const revised = page.locator(".badge-card").filter({ hasText: CLASS_NAME });
    await revised.getByText(/version 2/).waitFor();
    gas.reviseClassWithSvg = await lastGas();
    expect(await page.locator(".badge-card").filter({ hasText: CLASS_NAME }).count()).toBe(1);
    expect(await revised.innerText()).toContain("Class #2");
    await revised.getByText("1 earlier version").click();
    await revised.getByText("Version 1 · class #1").waitFor();
    await shots("class-history");
  });

  it("issues a small CSV as a Merkle batch, with the trade-off and each way's gas per badge; the badges verify", async () => {
    await tab("Bulk (CSV)").click();
    const csv = write("workshop.csv", "email,name\nines@example.org,Inès Moreau\nli.wei@example.org,Li Wei\nsam@example.org,Sam Okafor\n");
    await dropFile(page.getByRole("region", { name: "Bulk issue from CSV" }).locator('input[type="file"]'), fileFrom(csv, "text/csv"));
    await page.getByRole("heading", { name: "3 rows" }).waitFor();
    const modes = page.getByRole("group", { name: "How the badges are recorded" });
    await modes
      .getByText(/About [\d,]+ gas per badge/)
      .first()
      .waitFor();
    const estimates = await modes.getByText(/About [\d,]+ gas per badge/).allInnerTexts();
    const perBadge = estimates.map((s) => Number(/About ([\d,]+)/.exec(s)?.[1]?.replace(/,/g, "")));
    const merkleTotal = Number(/\(([\d,]+) in all\)/.exec(estimates[1] ?? "")?.[1]?.replace(/,/g, ""));
    expect(perBadge).toHaveLength(2);
    const [arrayGas, merkleGas] = perBadge as [number, number];
    expect(merkleGas).toBeLessThan(arrayGas);
    gas.estimateArrayPerBadge = arrayGas;
    gas.estimateMerklePerBadge = merkleGas;
    await modes.getByLabel(/Merkle batches/).check();
    expect(await page.getByLabel(/Publish the full badge/).isDisabled()).toBe(true);
    await shots("bulk-merkle");

    await page.getByRole("button", { name: "Prepare 3 badges" }).click();
    await page.getByText("Merkle batches", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Issue 3 badges" }).click();
    await page.getByText("3 badges issued", { exact: true }).waitFor({ timeout: 120_000 });
    // The estimate shown is the sdk's plan (wallets and the roster appendix counted): within 3 % of the
    // batch's own transaction (measured 92,364 vs 92,271; the latest transaction is the batch's status list).
    const merkleTx = await merkleBatchGas();
    gas.estimateMerkleTotal = merkleTotal;
    gas.merkleBatchOf3 = merkleTx;
    gas.statusListAfterMerkle = await lastGas();
    expect(Math.abs(merkleTotal - merkleTx) / merkleTx).toBeLessThan(0.03);
    await shots("bulk-merkle-done");

    const saved = await download(page, page.getByRole("button", { name: "Download results (CSV)" }), files);
    const [head, ...rows] = parseCsv(readFileSync(saved.path, "utf8")).map((r) => r.fields);
    const column = (name: string) => (head ?? []).indexOf(name);
    const issued = rows.filter((r) => r.some(Boolean));
    expect(issued).toHaveLength(3);
    for (const row of issued) expect(row[column("status")]).toBe("issued");
    const link = issued[1]?.[column("share_link")] ?? "";
    merkleLink = link;
    expect(link).toContain(`${stack.appUrl}/verify/`);
    await page.goto(link);
    expect(await verdictOf(page)).toBe("record-valid");
    expect(await page.locator('[data-step="anchor"] .step-message').innerText()).toMatch(/Merkle batch/);
    await shot(page, "images-bulk-merkle-verify");
  });

  it("retires the class: it takes no new badges, its card says so", async () => {
    await page.goto(`${stack.appUrl}/issue/classes`);
    const card = page.locator(".badge-card").filter({ hasText: CLASS_NAME });
    await card.getByRole("button", { name: "Retire this class" }).click();
    await card.getByRole("button", { name: "Yes, retire" }).click();
    await card.getByText("Retired", { exact: true }).waitFor();
    gas.retireClass = await lastGas();
    expect(await card.getByRole("button", { name: "Revise" }).count()).toBe(0);
    await shots("class-retired");
  });

  it("shows the images crisp on a 2× screen (device pixels ≥ displayed pixels × 2)", async () => {
    const logo = page.locator(".issuer-logo img");
    const ratio = await logo.evaluate((img: HTMLImageElement) => img.naturalWidth / img.getBoundingClientRect().width);
    expect(ratio).toBeGreaterThanOrEqual(2);
    // A browser with a 2× screen, no wallet: the Merkle badge's record page shows the class picture at its largest.
    const hidpi = await launchBrowser({ deviceScaleFactor: 2 });
    try {
      const viewer = hidpi.context.pages()[0] ?? (await hidpi.context.newPage());
      await viewer.goto(merkleLink);
      expect(await verdictOf(viewer)).toBe("record-valid");
      expect(await viewer.evaluate(() => devicePixelRatio)).toBe(2);
      const picture = viewer.locator("[data-record-card] img").first();
      await picture.waitFor();
      const shown = await picture.evaluate((img: HTMLImageElement) => ({
        vector: img.src.startsWith("data:image/svg+xml"),
        natural: img.naturalWidth,
        css: img.getBoundingClientRect().width,
      }));
      // The revised class's image is the small SVG: a vector, sharp at any density (its naturalWidth is only its nominal size).
      expect(shown.vector || shown.natural >= shown.css * 2, JSON.stringify(shown)).toBe(true);
      expect(shown.vector).toBe(true);
      await viewer.screenshot({ path: join(SHOTS, "images-record-hidpi-2x.png") });
    } finally {
      await hidpi.close();
    }
  });
});
