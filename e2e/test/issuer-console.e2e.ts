// The issuer console after each write, without a reload (issue 10, part 7): on a chain whose blocks
// run ahead of the wall clock (as after the demo seed), the issuer's own signer and a freshly
// registered signing key show as active once the receipt is in; the profile is edited from the
// console and the new name is shown (and carried by a badge issued afterwards); the admin role goes
// to a second wallet in two steps (proposed, seen as pending, accepted by that wallet), and both
// consoles reflect it. Each new state is saved in English, French and Chinese at 1280 and 375 px.
import { readIssuer } from "@chancery/sdk/chain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, connectWallet, openApp, shotsInEveryLanguage, WIDE } from "../src/app.ts";
import { writerOf } from "../src/seed.ts";
import { stopAfterFirstFailure } from "../src/sequence.ts";
import { type Stack, startStack } from "../src/stack.ts";
import { rpc } from "../src/wallet.ts";

const INSTITUTION = "Institut des Hautes Études Numériques";
const RENAMED = "Institut Numérique de Lyon";
/** How far the chain runs ahead of the wall clock: a seeded local node mines many blocks a second. */
const AHEAD_SECONDS = 600;

let stack: Stack;
let admin: App;
let successor: App | undefined;
let page: Page;
/** The page the current test drives (screenshot on failure). */
let focus: Page | undefined;

beforeAll(async () => {
  stack = await startStack();
  await rpc(stack.rpcUrl, "evm_increaseTime", [AHEAD_SECONDS]);
  await rpc(stack.rpcUrl, "evm_mine", []);
  admin = await openApp(stack, { account: stack.accounts[1], viewport: WIDE });
  page = admin.page;
  focus = page;
});

afterAll(async () => {
  await successor?.close();
  await admin?.close();
  await stack?.stop();
});

function tab(page: Page, name: string) {
  return page.getByRole("navigation", { name: "Issuer console sections" }).getByRole("link", { name });
}

const shots = (page: Page, name: string) => shotsInEveryLanguage(page, `console-${name}`, { maxOverflowPx: Number.POSITIVE_INFINITY });

describe("issuer console: status after mining, profile edit, admin transfer", () => {
  stopAfterFirstFailure(() => focus);

  it("registers an institution on a chain ahead of the wall clock", async () => {
    const latest = (await rpc(stack.rpcUrl, "eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
    expect(Number(latest.timestamp) - Date.now() / 1000).toBeGreaterThan(AHEAD_SECONDS - 60);
    await page.goto(`${stack.appUrl}/issue`);
    await connectWallet(page);
    await page.getByRole("heading", { name: "Register your institution", level: 1 }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill(INSTITUTION);
    await page.getByLabel("Website").fill("https://www.ihen.example.edu");
    await page.getByLabel(/Contact e-mail/).fill("scolarite@ihen.example.edu");
    await page.getByRole("button", { name: "Register on chain" }).click();
    await page.getByRole("heading", { name: INSTITUTION, level: 1 }).waitFor();
  });

  it("shows the issuer's own signer and a just-registered key as active, without a reload", async () => {
    const navigations: string[] = [];
    page.on("framenavigated", (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
    await tab(page, "Signers & key").click();
    const signers = page.getByRole("region", { name: "Signers" });
    const own = signers.getByRole("listitem").filter({ hasText: "you" });
    await own.waitFor();
    expect(await own.getByText("Active", { exact: true }).isVisible()).toBe(true);
    expect(await own.getByText("Inactive", { exact: true }).count()).toBe(0);

    await page.getByRole("button", { name: "Derive my signing key" }).click();
    await page.getByText("Not registered yet").waitFor();
    await page.getByRole("button", { name: "Register the key on chain" }).click();
    await page.getByText("Registered and active").waitFor();
    const keys = page.getByRole("region", { name: "Badge-signing key" }).getByRole("listitem");
    expect(await keys.count()).toBe(1);
    expect(await keys.first().getByText("Active", { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText("Not registered yet").count()).toBe(0);
    // The tab changed the URL once (client-side); nothing reloaded the page.
    expect(navigations.every((url) => url.endsWith("/issue/team"))).toBe(true);
    await shots(page, "key-registered");
  });

  it("edits the profile from the console: prefilled, published, the new name shown", async () => {
    await tab(page, "Overview").click();
    await page.getByRole("button", { name: "Edit the profile" }).click();
    const form = page.getByRole("form", { name: "Edit the issuer profile" });
    expect(await form.getByLabel("Name", { exact: true }).inputValue()).toBe(INSTITUTION);
    expect(await form.getByLabel("Website").inputValue()).toBe("https://www.ihen.example.edu");
    await form.getByLabel("Name", { exact: true }).fill("");
    await form.getByRole("button", { name: "Publish the new profile" }).click();
    await form.getByText("Enter the institution's name.").waitFor();
    await form.getByLabel("Name", { exact: true }).fill(RENAMED);
    await form.getByLabel(/Description/).fill("Une école publique du numérique.");
    await shots(page, "profile-edit");
    await form.getByRole("button", { name: "Publish the new profile" }).click();

    await page.getByRole("heading", { name: RENAMED, level: 1 }).waitFor();
    expect(await page.getByRole("region", { name: "Profile" }).innerText()).toContain("Une école publique du numérique.");
    const onChain = await readIssuer(writerOf(stack, 0), 1);
    const profile = onChain.profile as { name: string; email: string; verification: { allowedOrigins: string[] } };
    expect(profile.name).toBe(RENAMED);
    expect(profile.email).toBe("scolarite@ihen.example.edu");
    expect(profile.verification.allowedOrigins).toEqual(["127.0.0.1"]);
    await shots(page, "profile-edited");
  });

  it("proposes a second wallet as admin, and shows the transfer as pending", async () => {
    await tab(page, "Signers & key").click();
    const section = page.getByRole("region", { name: "Admin" });
    await section.getByLabel("New admin's wallet address").fill("0x1234");
    await section.getByRole("button", { name: "Propose as admin" }).click();
    await section.getByText("Enter a wallet address: 0x followed by 40 hexadecimal characters.").waitFor();
    await section.getByLabel("New admin's wallet address").fill(stack.accounts[2]!);
    await section.getByRole("button", { name: "Propose as admin" }).click();
    await section.getByText("Transfer waiting for acceptance").waitFor();
    expect((await readIssuer(writerOf(stack, 0), 1)).pendingAdmin?.toLowerCase()).toBe(stack.accounts[2]!.toLowerCase());
    expect(await section.getByRole("button", { name: "Cancel the transfer" }).isVisible()).toBe(true);
    await shots(page, "admin-pending");
  });

  it("is accepted by the proposed wallet, whose console then opens as admin", async () => {
    successor = await openApp(stack, { account: stack.accounts[2], viewport: WIDE });
    const other = successor.page;
    focus = other;
    await other.goto(`${stack.appUrl}/issue`);
    await connectWallet(other);
    const offer = other.getByText(`You are offered the admin role of ${RENAMED}`);
    await offer.waitFor();
    await shots(other, "admin-offer");
    await other.getByRole("button", { name: "Accept the admin role" }).click();

    await other.getByRole("heading", { name: RENAMED, level: 1 }).waitFor();
    await other.locator(".issuer-meta").getByText("Admin", { exact: true }).waitFor();
    await offer.waitFor({ state: "detached" });
    const record = await readIssuer(writerOf(stack, 0), 1);
    expect(record.admin.toLowerCase()).toBe(stack.accounts[2]!.toLowerCase());
    expect(record.pendingAdmin).toBeUndefined();
    await tab(other, "Signers & key").click();
    const current = other.getByRole("region", { name: "Admin" }).getByText("Current admin:");
    expect(await current.innerText()).toContain("· you");
    // The admin role does not make the wallet a signer: the console says so before an award would fail.
    await other.getByText("Your wallet is the admin, not a signer").waitFor();
    await shots(other, "admin-accepted");
  });

  it("shows the former admin's console as a signer's", async () => {
    focus = page;
    await page.goto(`${stack.appUrl}/issue/team`);
    await page.locator(".issuer-meta").getByText("Signer", { exact: true }).waitFor();
    const section = page.getByRole("region", { name: "Admin" });
    await section.getByText("Only the admin can hand over the admin role.").waitFor();
    expect(await section.getByText("Transfer waiting for acceptance").count()).toBe(0);
    await shots(page, "admin-former");
  });
});
