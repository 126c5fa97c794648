// Award e-mails (issue 10, part 3) in Chromium against a real node, the real gateway process and a
// real SMTP catcher (MailDev): a badge awarded in the console is mailed with one wallet signature;
// the message is read back from the catcher's HTTP API (picture inline, baked badge attached, the
// share link with its key), and the link from the mail opens the verifier on "valid". The send
// button, the progress and the result are saved in en, fr and zh at 1280 and 375 px.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { extractBadge } from "@chancery/sdk/baking";
import type { MailCatcher } from "@chancery/testing/mail";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectWallet, dropFile, fileFrom, shot, shotsInEveryLanguage, verdictOf } from "../src/app.ts";
import { type MailingWorld, startMailingWorld } from "../src/mailing.ts";
import { stopAfterFirstFailure } from "../src/sequence.ts";
import type { Stack } from "../src/stack.ts";

const CLASS_NAME = "Open Science Practices";
const LEARNER = "grace.hopper@example.org";

let world: MailingWorld;
let stack: Stack;
let catcher: MailCatcher;
let page: Page;
let files: string;
const found: { shareLink?: string } = {};

beforeAll(async () => {
  world = await startMailingWorld({ issuerName: "Université de Lumière", className: CLASS_NAME, name: "mail" });
  ({ stack, catcher, page, files } = world);
}, 300_000);

afterAll(async () => {
  await world?.stop();
});

const shots = (name: string) => shotsInEveryLanguage(page, `award-mail-${name}`);

describe("award e-mails in the browser", () => {
  stopAfterFirstFailure(() => page);

  it("awards a badge to an e-mail address and offers to send the award e-mail", async () => {
    await page.goto(`${stack.appUrl}/issue/award`);
    await connectWallet(page);
    await page.getByLabel("Badge class").waitFor();
    await page.getByLabel(/^E-mail/).fill(LEARNER);
    await page.getByLabel(/^Full name/).fill("Grace Hopper");
    await page.getByRole("button", { name: "Sign and award" }).click();
    await page.getByText("Badge awarded").waitFor({ timeout: 60_000 });
    found.shareLink = await page.getByLabel("Share link").inputValue();
    await page.getByRole("button", { name: "Send the award e-mail" }).waitFor();
    await shots("send");
  });

  it("sends it with one signature and lists the outcome", async () => {
    const before = (await catcher.inbox()).length;
    await page.getByRole("button", { name: "Send the award e-mail" }).click();
    await page.getByText("1 e-mail sent").waitFor({ timeout: 30_000 });
    const row = page.locator(".award-mail-outcomes li").filter({ hasText: LEARNER });
    await row.getByText("Sent").waitFor();
    expect((await catcher.inbox()).length).toBe(before + 1);
    await shots("sent");
  });

  it("delivers the picture, the share link with its key and the baked badge; the link verifies", async () => {
    const mail = (await catcher.inbox()).find((m) => m.to[0]?.address === LEARNER);
    expect(mail?.subject).toBe(`Your badge “${CLASS_NAME}” from Université de Lumière`);
    expect(mail?.text).toContain("Hello Grace Hopper,");
    const inline = mail?.attachments.find((a) => a.contentDisposition === "inline");
    expect(mail?.html).toContain(`src="cid:${inline?.contentId}"`);
    const link = /http:\/\/127\.0\.0\.1:\d+\/verify\/\S+/.exec(mail?.text ?? "")?.[0];
    expect(link).toBe(found.shareLink);
    expect(link).toMatch(/#k=[A-Za-z0-9_-]{43}$/);
    const baked = mail?.attachments.find((a) => a.contentDisposition === "attachment");
    const file = await catcher.attachment(mail!, baked?.fileName as string);
    const extracted = extractBadge(file);
    expect(JSON.parse(extracted.payload)).toMatchObject({ credentialSubject: { achievement: { name: CLASS_NAME } } });
    // The learner opens the link from the mail.
    await page.goto(link as string);
    expect(await verdictOf(page)).toBe("valid");
    await shot(page, "award-mail-link-opened");
  });

  it("mails a small bulk run with one signature: every learner with an e-mail, none without", async () => {
    await page.goto(`${stack.appUrl}/issue/bulk`);
    await page.getByRole("heading", { name: "Bulk issue from CSV" }).waitFor();
    const csv = join(files, "cohort.csv");
    writeFileSync(
      csv,
      `email,wallet,name\nada@example.org,,Ada Lovelace\nalan@example.org,,Alan Turing\n,${stack.accounts[4]},Wallet Only\n`,
    );
    await dropFile(page.getByRole("region", { name: "Bulk issue from CSV" }).locator('input[type="file"]'), fileFrom(csv, "text/csv"));
    await page.getByText("Every row is valid.").waitFor();
    await page.getByRole("button", { name: "Prepare 3 badges" }).click();
    await page.getByRole("button", { name: "Issue 3 badges" }).click();
    await page.getByText("All badges are recorded on chain.").waitFor({ timeout: 120_000 });
    const send = page.getByRole("button", { name: "Send 2 award e-mails" });
    await send.waitFor();
    await shots("bulk-send");
    const before = (await catcher.inbox()).length;
    await send.click();
    await page.getByText("2 e-mails sent").waitFor({ timeout: 30_000 });
    const inbox = await catcher.inbox();
    expect(inbox.length).toBe(before + 2);
    expect(inbox.map((m) => m.to[0]?.address)).toEqual(expect.arrayContaining(["ada@example.org", "alan@example.org"]));
    await shots("bulk-sent");
  });
});
