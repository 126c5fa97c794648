// The employer's question on /verify (issue 10, part 6): "is it this person's badge?". Badges issued on
// chain through the sdk (one to an e-mail only, one to a wallet only) are pasted with an expected
// e-mail or wallet: a match, a mismatch shown at the top (under the verdict, never in the step list
// only), a badge naming no e-mail "cannot be checked"; a tampered copy's content sits under the
// "Do not rely on what this badge says" banner with its fields labelled unverified. Each new state
// is saved in English, French and Chinese at 1280 and 375 px.
import { anchorBadge, prepareBadge } from "@chancery/sdk/award";
import { setUpIssuer, type TestIssuer } from "@chancery/testing/issuer";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, openApp, shotsInEveryLanguage, verdictOf, WIDE } from "../src/app.ts";
import { accountOf, chainOf } from "../src/seed.ts";
import { stopAfterFirstFailure } from "../src/sequence.ts";
import { type Stack, startStack } from "../src/stack.ts";

let stack: Stack;
let app: App;
let page: Page;
let issuer: TestIssuer;
let emailBadge: string;
let walletBadge: string;
let learnerWallet: `0x${string}`;

beforeAll(async () => {
  stack = await startStack();
  issuer = await setUpIssuer(chainOf(stack), { name: "Université Exemple", className: "Data Literacy I" });
  learnerWallet = accountOf(stack, 5);
  const issue = async (recipient: { email?: string; wallet?: `0x${string}` }) => {
    const badge = await prepareBadge(issuer.award({ recipient }), issuer.signingKey);
    await anchorBadge(issuer.admin, badge, { classId: issuer.classId });
    return JSON.stringify(badge.credential);
  };
  emailBadge = await issue({ email: "ada@example.org" });
  walletBadge = await issue({ wallet: learnerWallet });
  app = await openApp(stack, { viewport: WIDE });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await stack?.stop();
});

const shots = (name: string) => shotsInEveryLanguage(page, `verify-recipient-${name}`);

const field = () => page.getByLabel(/E-mail address or wallet address of the person/);

/** Types the expected recipient and applies it (the badge on screen, if any, is checked again). */
async function expectRecipient(value: string) {
  await field().fill(value);
  await page.getByRole("button", { name: "Check", exact: true }).click();
}

/** A fresh /verify with this recipient, the credential pasted; resolves with the verdict. */
async function verify(credential: string, recipient?: string): Promise<string> {
  await page.goto(`${stack.appUrl}/verify`);
  if (recipient) await expectRecipient(recipient);
  await page.getByRole("tab", { name: "Link or JSON" }).click();
  await page.getByLabel(/Paste a share link/).fill(credential);
  await page.getByRole("button", { name: "Check this badge" }).click();
  return verdictOf(page);
}

/** The recipient answer shown right under the verdict banner (the top of the result). */
async function answerAtTop(): Promise<string | null> {
  const answer = page.locator(".verify-result > [data-verdict] + [data-recipient]");
  await answer.waitFor();
  return answer.getAttribute("data-recipient");
}

describe("verifier: is it this person's badge?", () => {
  stopAfterFirstFailure(() => page);

  it("the right e-mail: awarded to this e-mail address, the verdict valid", async () => {
    expect(await verify(emailBadge, "Ada@Example.org")).toBe("valid");
    expect(await answerAtTop()).toBe("email-matched");
    await expect.poll(() => page.locator("[data-recipient]").innerText()).toContain("Awarded to this e-mail address");
    expect(await page.locator(".untrusted-card").count()).toBe(0);
    await shots("email-matched");
  });

  it("a wrong e-mail: 'Not awarded to' at the top, in the verdict's own words; the right one checks again to a match", async () => {
    expect(await verify(emailBadge, "mallory@example.org")).toBe("invalid");
    expect(await answerAtTop()).toBe("email-not-matched");
    const top = await page.locator(".verify-result").innerText();
    expect(top).toContain("Not this person’s badge");
    expect(top.indexOf("Not awarded to this e-mail address")).toBeLessThan(top.indexOf("What was checked"));
    // The genuine content of someone else's badge: marked, but not called altered.
    expect(await page.locator(".untrusted-card").getAttribute("data-untrusted")).toBe("not-in-force");
    await shots("email-not-matched");
    await expectRecipient("ada@example.org");
    await page.locator('[data-recipient="email-matched"]').waitFor();
    expect(await verdictOf(page)).toBe("valid");
  });

  it("a wallet badge: the right wallet matches, another wallet does not", async () => {
    expect(await verify(walletBadge, learnerWallet.toLowerCase())).toBe("valid");
    expect(await answerAtTop()).toBe("wallet-matched");
    await shots("wallet-matched");
    await expectRecipient(accountOf(stack, 6));
    await page.locator('[data-recipient="wallet-not-matched"]').waitFor();
    expect(await verdictOf(page)).toBe("invalid");
    expect(await page.locator(".verify-result").innerText()).toContain("Not awarded to this wallet");
    await shots("wallet-not-matched");
  });

  it("a badge that names no e-mail, checked against an e-mail: cannot be checked, never a pass", async () => {
    expect(await verify(walletBadge, "ada@example.org")).toBe("valid");
    expect(await answerAtTop()).toBe("email-not-named");
    expect(await page.locator('[data-step="recipient"]').getAttribute("class")).toContain("step-warning");
    expect(await page.locator("[data-recipient]").innerText()).toContain("This badge names no e-mail address, so it cannot be checked");
    await shots("email-not-named");
  });

  it("a form mistake is refused with why, and nothing is checked", async () => {
    await page.goto(`${stack.appUrl}/verify`);
    await expectRecipient("0x12345");
    await page.getByText(/40 hexadecimal characters; this one has 5/).waitFor();
    await shots("input-error");
  });

  it("a tampered badge: its content under 'Do not rely on what this badge says', each field unverified", async () => {
    const tampered = JSON.parse(emailBadge);
    tampered.credentialSubject.achievement.name = "Doctorate in Data Science";
    expect(await verify(JSON.stringify(tampered))).toBe("invalid");
    const card = page.locator(".untrusted-card");
    expect(await card.getAttribute("data-untrusted")).toBe("unverified");
    const text = await card.innerText();
    expect(text).toContain("Do not rely on what this badge says");
    expect(text).toContain("Doctorate in Data Science");
    expect(await card.locator("[data-unverified]").count()).toBeGreaterThanOrEqual(3);
    await shots("tampered");
  });
});
