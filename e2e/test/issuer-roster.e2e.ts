// The issuer's full roster on any device (issue 10, part 2): badges issued one by one, in an array
// batch and in Merkle batches (one carrying its names encrypted in its transaction, one sent without
// them) — some through the sdk as a script would, one through the console of a
// first browser profile — all listed in the console of a second, fresh profile (another device);
// the learners' names shown after one wallet signature; search by name and e-mail, filters by class
// and status; one badge revoked from its row and two (one of them Merkle-batched) from a selection.
// Each new state in en, fr and zh at 1280 and 375 px (`roster-*.png`).
import { anchorBadge, anchorMerkleBatch, prepareBadge } from "@chancery/sdk/award";
import { MemoryJournal, openBulkIssue, readRecipients } from "@chancery/sdk/bulk";
import { readAssertionStatus, readBatchedStatus } from "@chancery/sdk/chain";
import { unlockRoster } from "@chancery/sdk/roster";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, connectWallet, openApp, shotsInEveryLanguage, WIDE } from "../src/app.ts";
import { type SeededIssuer, seedIssuer } from "../src/seed.ts";
import { stopAfterFirstFailure } from "../src/sequence.ts";
import { type Stack, startStack } from "../src/stack.ts";

const CLASS_NAME = "Data Literacy";

let stack: Stack;
let seeded: SeededIssuer;
let device: App | undefined;
let page: Page;
let focus: Page | undefined;
const uids: Record<string, `0x${string}`> = {};
let merkleBatch: `0x${string}`;

beforeAll(async () => {
  stack = await startStack();
  seeded = await seedIssuer(stack, { accountIndex: 1, name: "Université de Genève Exemple", className: CLASS_NAME });
  const ctx = seeded.admin;
  // The console's own derivation: the same wallet, the same fixed message.
  const roster = await unlockRoster(ctx, { signer: ctx.wallet });
  const single = await prepareBadge(
    seeded.award({ email: "grace.hopper@example.org", name: "Grace Brewster Murray Hopper" }),
    seeded.signingKey,
  );
  await anchorBadge(ctx, single, { classId: seeded.classId, publish: { appBase: stack.appUrl, roster } });
  uids.single = single.uid;
  const bulk = await openBulkIssue({
    journal: new MemoryJournal(),
    rows: readRecipients("email,name\nada@example.org,Ada Lovelace\nalan@example.org,Alan Mathison Turing\n"),
    settings: {
      chainId: stack.chainId,
      registry: stack.registry,
      classId: seeded.classId,
      mode: "batch",
      publish: true,
      gatewayBase: seeded.award({}).gatewayBase,
    },
    issuer: seeded.issuer,
    achievement: seeded.achievement,
    appBase: stack.appUrl,
  });
  await bulk.run({ ctx, signingKey: seeded.signingKey, roster });
  // Before the roster: a random key (its name stays on the device that kept the link).
  uids.legacy = (await seeded.issue({ email: "old@example.org", name: "Before The Roster" })).uid;
  // A Merkle batch carrying its names (encrypted for the roster, after the call's arguments), and one
  // sent without them (the issuer's choice): only the first is named on another device.
  const merkle = await anchorMerkleBatch(ctx, {
    classId: seeded.classId,
    awards: ["m1", "m2", "m3"].map((m) => seeded.award({ email: `${m}@example.org`, name: `Merkle ${m}` })),
    signingKey: seeded.signingKey,
    roster,
  });
  merkleBatch = merkle.batchId;
  uids.merkle1 = merkle.badges[0]!.uid;
  uids.merkle2 = merkle.badges[1]!.uid;
  const unnamed = await anchorMerkleBatch(ctx, {
    classId: seeded.classId,
    awards: [seeded.award({ email: "quiet@example.org", name: "Sent Without Names" })],
    signingKey: seeded.signingKey,
  });
  uids.unnamed = unnamed.badges[0]!.uid;
}, 240_000);

afterAll(async () => {
  await device?.close();
  await stack?.stop();
});

const shots = (name: string) => shotsInEveryLanguage(page, `roster-${name}`, { maxOverflowPx: 1 });

const list = () => page.locator("ul.roster-list > li");
const rowOf = (text: string) => list().filter({ hasText: text });

describe("issuer roster: every badge, on another device, names after one signature", () => {
  stopAfterFirstFailure(() => focus);

  it("a first device awards one badge from the console (its key from the roster)", async () => {
    const first = await openApp(stack, { account: stack.accounts[1], viewport: WIDE });
    focus = first.page;
    try {
      await first.page.goto(`${stack.appUrl}/issue/award`);
      await connectWallet(first.page);
      await first.page.getByLabel("Badge class").waitFor();
      await first.page.getByLabel(/^E-mail/).fill("katherine@example.org");
      await first.page.getByLabel(/^Full name/).fill("Katherine Coleman Goble Johnson");
      await first.page.getByRole("button", { name: "Sign and award" }).click();
      await first.page.getByText("Badge awarded").waitFor();
      const link = await first.page.getByLabel("Share link").inputValue();
      uids.console = link.split("#")[0]!.split("/").at(-1) as `0x${string}`;
      // Two signatures (signing key, roster), then the transactions.
      expect(first.wallet.filter((r) => r.method === "personal_sign").length).toBe(2);
    } finally {
      await first.close();
    }
  });

  it("a fresh profile lists every badge of the issuer, Merkle included, names hidden until asked", async () => {
    device = await openApp(stack, { account: stack.accounts[1], viewport: WIDE });
    page = device.page;
    focus = page;
    await page.goto(`${stack.appUrl}/issue/issued`);
    await connectWallet(page);
    await page.getByText("Learner names are encrypted on chain").waitFor();
    await expect.poll(() => list().count(), { timeout: 30_000 }).toBe(9);
    expect(await rowOf("Merkle batch").count()).toBe(4);
    expect(await page.getByRole("main").innerText()).not.toContain("Ada Lovelace");
    await shots("hidden");
  });

  it("shows the names after one wallet signature, Merkle-batched ones included; the others say why theirs are not shown", async () => {
    const before = device!.wallet.filter((r) => r.method === "personal_sign").length;
    await page.getByRole("button", { name: "Show learner names" }).click();
    await page.getByText("Names shown for 7 badges").waitFor();
    expect(device!.wallet.filter((r) => r.method === "personal_sign").length).toBe(before + 1);
    for (const name of [
      "Grace Brewster Murray Hopper",
      "Ada Lovelace",
      "Alan Mathison Turing",
      "Katherine Coleman Goble Johnson",
      "Merkle m1",
      "Merkle m2",
      "Merkle m3",
    ]) {
      expect(await rowOf(name).count()).toBe(1);
    }
    expect(await rowOf("Merkle m1").getByText("Merkle batch").count()).toBe(1);
    expect(await page.locator(`li[data-uid="${uids.unnamed}"]`).innerText()).toContain("Name not readable here");
    await page.getByText(/1 badge was issued before the roster existed/).waitFor();
    await page.getByText(/1 badge is in a Merkle batch sent without its names/).waitFor();
    await shots("names");
  });

  it("offers to send the award e-mail again once the typed address matches the badge's salted hash", async () => {
    const row = rowOf("Grace Brewster Murray Hopper");
    await row.getByRole("button", { name: "Send the e-mail again" }).click();
    await row.getByLabel("The learner's e-mail").fill("grace@example.org");
    await row.getByText("This is not the e-mail this badge was awarded to.").waitFor();
    expect(await row.getByRole("button", { name: "Send the award e-mail" }).count()).toBe(0);
    await row.getByLabel("The learner's e-mail").fill("Grace.Hopper@example.org");
    await row.getByRole("button", { name: "Send the award e-mail" }).waitFor();
    await shots("mail-again");
    await row.getByRole("button", { name: "Cancel" }).click();
  });

  it("searches by name and by e-mail (through each badge's salted hash), filters by class and status", async () => {
    const search = page.getByLabel("Search", { exact: true });
    await search.fill("lovelace");
    await expect.poll(() => list().count()).toBe(1);
    await search.fill("grace.hopper@example.org");
    await expect.poll(() => list().count()).toBe(1);
    expect(await list().first().innerText()).toContain("Grace Brewster Murray Hopper");
    await shots("search-email");
    // A Merkle badge's e-mail is in its batch's roster.
    await search.fill("m2@example.org");
    await expect.poll(() => list().count()).toBe(1);
    expect(await list().first().innerText()).toContain("Merkle m2");
    await search.fill("");
    await page.getByLabel("Badge class").selectOption({ label: CLASS_NAME });
    await expect.poll(() => list().count()).toBe(9);
    await page.getByLabel("Filter by status").selectOption("revoked");
    await page.getByText("Nothing matches your search").waitFor();
    await page.getByLabel("Filter by status").selectOption("all");
    await expect.poll(() => list().count()).toBe(9);
  });

  it("revokes one badge from its row", async () => {
    const row = rowOf("Alan Mathison Turing");
    await row.getByRole("button", { name: "Revoke", exact: true }).click();
    await row.getByLabel("Reason shown to verifiers").fill("Issued to the wrong cohort.");
    await row.getByRole("button", { name: "Revoke the badge" }).click();
    await row.getByText("Revoked: Issued to the wrong cohort.").waitFor({ timeout: 60_000 });
    const alan = (await rowOf("Alan Mathison Turing").getAttribute("data-uid")) as `0x${string}`;
    expect((await readAssertionStatus(seeded.admin, { uid: alan })).revokedAt).toBeTruthy();
  });

  it("revokes many from a selection, a Merkle badge with its proof", async () => {
    await page.locator(`li[data-uid="${uids.single}"] input[type=checkbox]`).check();
    await page.locator(`li[data-uid="${uids.merkle1}"] input[type=checkbox]`).check();
    const form = page.locator("form.revoke-form").first();
    await form.getByLabel("Reason shown to verifiers").fill("Assessment annulled.");
    await shots("revoke-many");
    await form.getByRole("button", { name: "Revoke 2 badges" }).click();
    await page.locator(`li[data-uid="${uids.merkle1}"]`).getByText("Revoked: Assessment annulled.").waitFor({ timeout: 90_000 });
    expect((await readAssertionStatus(seeded.admin, { uid: uids.single! })).revokedAt).toBeTruthy();
    const batched = await readBatchedStatus(seeded.admin, { uid: uids.merkle1!, batchId: merkleBatch });
    expect(batched?.status.revokedAt).toBeTruthy();
    const untouched = await readBatchedStatus(seeded.admin, { uid: uids.merkle2!, batchId: merkleBatch });
    expect(untouched?.status.revokedAt).toBeUndefined();
    await page.getByLabel("Filter by status").selectOption("revoked");
    await expect.poll(() => list().count()).toBe(3);
    await shots("revoked");
  });
});
