// The issuer's whole journey through the UI with the test wallet, then the learner's and the
// verifier's: connect → register → signing key → badge class with an uploaded image → award one
// badge to a learner's wallet → the learner's page shows it → download the baked PNG → the
// verifier says valid → revoke with a reason in the console → the verifier says revoked, with it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractBadge } from "@chancery/sdk/baking";
import { readAssertionStatus, readIssuerKeys } from "@chancery/sdk/chain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, connectWallet, download, dropFile, fileFrom, openApp, shot, verdictOf, verifierDropZone } from "../src/app.ts";
import { badgeSvg, logoPng } from "../src/images.ts";
import { writerOf } from "../src/seed.ts";
import { stopAfterFirstFailure } from "../src/sequence.ts";
import { type Stack, startStack } from "../src/stack.ts";

const INSTITUTION = "Université de Lumière";
const CLASS_NAME = "Research Data Management";
const REASON = "Plagiarism established by the examination board";

let stack: Stack;
let app: App;
let page: Page;
let files: string;
let learner: `0x${string}`;
const journey: { shareLink?: string; uid?: `0x${string}`; png?: string } = {};

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), "chancery-e2e-journey-"));
  stack = await startStack();
  learner = stack.accounts[3]!;
  app = await openApp(stack, { account: stack.accounts[1] });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await stack?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

function tab(page: Page, name: string) {
  return page.getByRole("navigation", { name: "Issuer console sections" }).getByRole("link", { name });
}

describe("issuer journey in the browser", () => {
  stopAfterFirstFailure(() => page);

  it("connects the test wallet through RainbowKit's modal and shows the registration form", async () => {
    await page.goto(`${stack.appUrl}/issue`);
    await page.getByRole("heading", { name: "Connect your wallet" }).waitFor();
    await shot(page, "issue-connect");
    await connectWallet(page, { screenshot: "connect-modal" });
    await page.getByRole("heading", { name: "Register your institution", level: 1 }).waitFor();
    expect(await page.getByText(stack.accounts[1]!).count()).toBeGreaterThan(0);
    await shot(page, "issue-not-registered");
  });

  it("registers the institution from the form, logo included", async () => {
    const logo = join(files, "logo.png");
    writeFileSync(logo, logoPng());
    await page.getByLabel("Name", { exact: true }).fill(INSTITUTION);
    await page.getByLabel("Website").fill("https://www.lumiere.example.edu");
    await page.getByLabel(/Contact e-mail/).fill("registrar@lumiere.example.edu");
    await page.getByLabel(/^Logo/).setInputFiles(logo);
    await page.getByRole("img", { name: "Chosen image" }).waitFor();
    await page.getByLabel(/Description/).fill("A public university of science and humanities.");
    await shot(page, "issue-register-filled");
    await page.getByRole("button", { name: "Register on chain" }).click();

    await page.getByRole("heading", { name: INSTITUTION, level: 1 }).waitFor();
    await expect(page.getByText("Issuer #1").isVisible()).resolves.toBe(true);
    await page.getByRole("heading", { name: "Getting started" }).waitFor();
    await shot(page, "issue-dashboard");
  });

  it("derives the signing key from the wallet and registers it on chain", async () => {
    await tab(page, "Signers & key").click();
    await page.getByRole("button", { name: "Derive my signing key" }).click();
    await page.getByRole("button", { name: "Register the key on chain" }).click();
    await page.getByText("Registered and active").waitFor();
    const keys = await readIssuerKeys(writerOf(stack, 1), 1);
    expect(keys).toHaveLength(1);
    await shot(page, "issue-team");
  });

  it("creates a badge class with an uploaded SVG image", async () => {
    await tab(page, "Badge classes").click();
    await page.getByRole("heading", { name: "No badge class yet" }).waitFor();
    await shot(page, "issue-classes-empty");
    await page.getByRole("button", { name: "Create a badge class" }).first().click();

    const svg = join(files, "research-data.svg");
    writeFileSync(svg, badgeSvg("RDM"));
    await page.getByLabel("Badge name").fill(CLASS_NAME);
    await page.getByLabel("Description", { exact: true }).fill("Plans, documents and archives research data so others can reuse it.");
    await page.getByLabel("Criteria", { exact: true }).fill("Wrote a data management plan and archived a data set with its documentation.");
    await page.getByLabel(/^Tags/).fill("research, data, open science");
    await page.getByLabel(/^Badge image/).setInputFiles(svg);
    await page.getByRole("img", { name: "Chosen image" }).waitFor();
    await shot(page, "issue-class-form");
    await page.getByRole("button", { name: "Publish the class" }).click();

    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: CLASS_NAME }) });
    await card.waitFor();
    expect(await card.getByText("Class #1").isVisible()).toBe(true);
    expect(await card.locator("img").getAttribute("src")).toMatch(/^data:image\/svg\+xml/);
    await shot(page, "issue-classes");
  });

  it("awards one badge to the learner's wallet and offers its share link and downloads", async () => {
    await tab(page, "Award a badge").click();
    await page.getByLabel("Badge class").waitFor();
    await page.getByLabel(/^E-mail/).fill("ada.lovelace@example.org");
    await page.getByLabel(/^Wallet address/).fill(learner);
    await page.getByLabel(/^Full name/).fill("Ada Lovelace");
    await page.getByLabel(/^Link to the work/).fill("https://portfolio.example.org/ada/dmp");
    // The live preview follows the form.
    await page.getByRole("complementary", { name: "Live preview" }).getByText("Ada Lovelace").waitFor();
    await shot(page, "issue-award");
    await page.getByRole("button", { name: "Sign and award" }).click();

    await page.getByText("Badge awarded").waitFor();
    journey.shareLink = await page.getByLabel("Share link").inputValue();
    expect(journey.shareLink).toMatch(new RegExp(`^${stack.appUrl}/verify/${stack.chainId}/0x[0-9a-fA-F]{40}/0x[0-9a-f]{64}#k=`));
    journey.uid = journey.shareLink.split("#")[0]!.split("/").at(-1) as `0x${string}`;
    const status = await readAssertionStatus(writerOf(stack, 0), { uid: journey.uid });
    expect(status.exists).toBe(true);
    await shot(page, "issue-award-done");
  });

  it("shows the badge on the learner's page, and its detail page offers the baked PNG", async () => {
    await page.goto(`${stack.appUrl}/learner/${learner}`);
    const card = page.getByRole("link").filter({ has: page.getByRole("heading", { name: CLASS_NAME }) });
    await card.waitFor();
    expect(await page.getByRole("main").getByRole("listitem").count()).toBe(1);
    expect(await card.innerText()).toContain(INSTITUTION);
    expect(await card.innerText()).toContain("Valid");
    await page.getByText("1 badge", { exact: true }).waitFor();
    await shot(page, "learner-badges");

    await card.click();
    await page.getByRole("heading", { name: CLASS_NAME, level: 1 }).waitFor();
    expect(await verdictOf(page)).toBe("valid");
    await shot(page, "badge-detail");
    const saved = await download(page, page.getByRole("button", { name: "Baked PNG" }), files);
    expect(saved.name).toBe("research-data-management.png");
    const bytes = new Uint8Array(readFileSync(saved.path));
    expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // The credential is inside the image.
    const baked = extractBadge(bytes);
    expect(JSON.stringify(baked)).toContain("Ada Lovelace");
    journey.png = saved.path;
  });

  it("says valid for the downloaded PNG dropped on /verify", async () => {
    await page.goto(`${stack.appUrl}/verify`);
    await dropFile(verifierDropZone(page), fileFrom(journey.png!, "image/png"));
    expect(await verdictOf(page)).toBe("valid");
    const steps = page.getByRole("list", { name: "Verification steps" });
    expect(await steps.getByRole("listitem").count()).toBeGreaterThanOrEqual(6);
    expect(await page.getByRole("main").innerText()).toContain(INSTITUTION);
    await shot(page, "verify-valid-ui-badge");
  });

  it("revokes the badge with a reason in the issuer console", async () => {
    await page.goto(`${stack.appUrl}/issue/issued`);
    const row = page.getByRole("listitem").filter({ hasText: "Ada Lovelace" });
    await row.waitFor();
    await row.getByRole("button", { name: "Revoke" }).click();
    await row.getByLabel("Kind of reason").selectOption("misconduct");
    await row.getByLabel("Reason shown to verifiers").fill(REASON);
    await shot(page, "issue-revoke-form");
    await row.getByRole("button", { name: "Revoke the badge" }).click();
    await row.getByText(`Revoked: ${REASON}`).waitFor();
    expect(await row.innerText()).toContain("Revoked");
    const status = await readAssertionStatus(writerOf(stack, 0), { uid: journey.uid! });
    expect(status.revokedAt).toBeTruthy();
    await shot(page, "issue-issued");
  });

  it("says revoked, with the issuer's reason, for the same file", async () => {
    await page.goto(`${stack.appUrl}/verify`);
    await dropFile(verifierDropZone(page), fileFrom(journey.png!, "image/png"));
    expect(await verdictOf(page)).toBe("revoked");
    expect(await page.locator("[data-verdict]").innerText()).toContain(REASON);
    await shot(page, "verify-revoked-ui-badge");
  });
});
