// The trust root in the browser: a badge from a cloned BadgeRegistry (the same contract deployed
// again by someone else, an issuer there named like a real university) is "untrusted-registry" —
// never valid — and names the registry; once the person adds that registry under "Trusted
// registries", the same badge verifies valid, "trusted by you", also after a reload.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { anchorBadge, prepareBadge } from "@chancery/sdk/award";
import { bakePng } from "@chancery/sdk/baking";
import { deployClonedRegistry } from "@chancery/testing/hostile";
import { setUpIssuer } from "@chancery/testing/issuer";
import { concat, idat, iend, ihdr, SIGNATURE } from "@chancery/testing/png";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHOTS } from "../src/app.ts";
import { launchBrowser } from "../src/chromium.ts";
import { chainOf } from "../src/seed.ts";
import { type Stack, startStack } from "../src/stack.ts";

let stack: Stack;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let files: string;
let clone: `0x${string}`;
let png: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  files = mkdtempSync(join(tmpdir(), "chancery-e2e-trust-"));
  stack = await startStack();
  // Wallet #3 deploys its own copy of the registry and registers "Université Exemple" on it.
  const cloned = await deployClonedRegistry(chainOf(stack), 3);
  clone = cloned.registry;
  const impostor = await setUpIssuer(cloned, { walletIndex: 3, name: "Université Exemple", className: "Data Literacy I" });
  const badge = await prepareBadge(impostor.award(), impostor.signingKey);
  await anchorBadge(impostor.admin, badge, { classId: impostor.classId });
  png = join(files, "cloned.png");
  writeFileSync(png, bakePng(concat(SIGNATURE, ihdr(), idat(), iend()), JSON.stringify(badge.credential), "ob3"));
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

async function dropOnVerify(): Promise<string> {
  await page.goto(`${stack.appUrl}/verify`);
  const input = page.locator('input[type="file"]');
  await input.waitFor({ state: "attached" });
  await input.setInputFiles(png);
  const banner = page.locator("[data-verdict]");
  await banner.waitFor({ state: "visible", timeout: 30_000 });
  return (await banner.getAttribute("data-verdict")) ?? "";
}

describe("trusted registries", () => {
  it("a cloned registry's badge is untrusted-registry, naming the registry; trusted in the setting, it is valid, trusted by you", async () => {
    expect(clone.toLowerCase()).not.toBe(stack.registry.toLowerCase());
    expect(await dropOnVerify()).toBe("untrusted-registry");
    const banner = page.locator("[data-verdict]");
    await page.screenshot({ path: join(SHOTS, "verify-untrusted-registry.png"), fullPage: true });
    expect(await banner.innerText()).toContain(clone);
    expect(await banner.innerText()).toMatch(/Unknown registry/);
    expect(await page.locator("body").innerText()).not.toMatch(/Valid badge/);

    // The verdict offers to trust it; the person confirms in the setting, and the badge is checked again.
    await banner.getByRole("button", { name: "Trust this registry…" }).click();
    await expect.poll(() => page.getByLabel("Registry contract address").inputValue()).toBe(clone);
    await page.getByLabel(/Name \(your note\)/).fill("Registry I know");
    await page.getByRole("button", { name: "Trust this registry", exact: true }).click();
    await page.locator('[data-verdict="valid"]').waitFor({ state: "visible", timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, "verify-trusted-by-you.png"), fullPage: true });
    const answered = page.locator(".verdict-answered");
    expect(await answered.getAttribute("data-trust-source")).toBe("user");
    expect(await answered.innerText()).toContain("trusted by you");
    expect(await answered.innerText()).toContain(clone);
    // Its issuer registered itself there: never shown like an accredited one.
    expect(await page.locator("[data-standing]").getAttribute("data-standing")).toBe("self-declared");

    // Kept in this browser: a fresh load still trusts it.
    expect(await dropOnVerify()).toBe("valid");
    expect(await page.locator(".verdict-answered").innerText()).toContain("trusted by you");
  });
});
