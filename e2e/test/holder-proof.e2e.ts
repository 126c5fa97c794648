// Holder proof on the verifier page (issue 11, item 4) in Chromium against a real node: an employer
// checks a badge bound to a wallet, shows the one-time challenge, and the person in front of them
// signs it with the injected test wallet (personal_sign, forwarded to the node's unlocked account).
// "Held by the recipient" only for the badge's own wallet; another wallet's signature is "not
// proven". Each state is saved in en, fr and zh at 1280 and 375 px.
import { anchorBadge, prepareBadge } from "@chancery/sdk/award";
import { setUpIssuer, type TestIssuer } from "@chancery/testing/issuer";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, connectWallet, openApp, shotsInEveryLanguage, verdictOf, WIDE } from "../src/app.ts";
import { accountOf, chainOf } from "../src/seed.ts";
import { stopAfterFirstFailure } from "../src/sequence.ts";
import { type Stack, startStack } from "../src/stack.ts";

let stack: Stack;
let issuer: TestIssuer;
let walletBadge: string;
let emailBadge: string;
let recipient: `0x${string}`;
const apps: App[] = [];

beforeAll(async () => {
  stack = await startStack();
  issuer = await setUpIssuer(chainOf(stack), { name: "Université Exemple", className: "Data Literacy I" });
  recipient = accountOf(stack, 5);
  const issue = async (to: { email?: string; wallet?: `0x${string}` }) => {
    const badge = await prepareBadge(issuer.award({ recipient: to }), issuer.signingKey);
    await anchorBadge(issuer.admin, badge, { classId: issuer.classId });
    return JSON.stringify(badge.credential);
  };
  walletBadge = await issue({ wallet: recipient });
  emailBadge = await issue({ email: "ada@example.org" });
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await stack?.stop();
});

/** The employer's page with `account` as the wallet of the person showing the badge; the badge checked. */
async function employerWith(account: `0x${string}`, credential: string): Promise<Page> {
  const app = await openApp(stack, { account, viewport: WIDE });
  apps.push(app);
  const { page } = app;
  await page.goto(`${stack.appUrl}/verify`);
  await page.getByRole("tab", { name: "Link or JSON" }).click();
  await page.getByLabel(/Paste a share link/).fill(credential);
  await page.getByRole("button", { name: "Check this badge" }).click();
  expect(await verdictOf(page)).toBe("valid");
  return page;
}

/** Shows the challenge, connects the holder's wallet and signs; resolves with the answer's title. */
async function proveWith(page: Page): Promise<{ challenge: string; answer: string }> {
  const proof = page.getByTestId("holder-proof");
  await proof.getByRole("button", { name: "Ask the holder to prove it" }).click();
  const challenge = (await proof.locator(".holder-challenge").textContent()) ?? "";
  await connectWallet(page);
  await proof.getByRole("button", { name: "Sign the challenge with this wallet" }).click();
  const answer = proof.locator(".notice");
  await answer.waitFor({ timeout: 30_000 });
  // The holder's wallet was asked to sign (personal_sign), not to send anything.
  const asked = apps.at(-1)?.wallet.map((r) => r.method) ?? [];
  expect(asked).toContain("personal_sign");
  expect(asked).not.toContain("eth_sendTransaction");
  return { challenge, answer: (await answer.textContent()) ?? "" };
}

describe("verifier: does the holder hold the badge's wallet?", () => {
  let page: Page | undefined;
  stopAfterFirstFailure(() => page);

  it("shows a one-time challenge for a badge bound to a wallet", async () => {
    page = await employerWith(recipient, walletBadge);
    const proof = page.getByTestId("holder-proof");
    await proof.getByText(/This badge is bound to a wallet/).waitFor();
    await proof.getByRole("button", { name: "Ask the holder to prove it" }).click();
    const challenge = (await proof.locator(".holder-challenge").textContent()) ?? "";
    expect(challenge).toContain("Chancery: I hold this badge.");
    expect(challenge).toContain(`Verifier: ${new URL(stack.appUrl).origin}`);
    expect(challenge).toMatch(/Challenge: [0-9a-f]{32}/);
    await shotsInEveryLanguage(page, "holder-proof-challenge");
  });

  it("says held by the recipient when the badge's own wallet signs", async () => {
    page = await employerWith(recipient, walletBadge);
    const { challenge, answer } = await proveWith(page);
    expect(challenge).toMatch(/Badge: 0x[0-9a-f]{64}/);
    expect(answer).toContain("Held by the recipient");
    await shotsInEveryLanguage(page, "holder-proof-held");
  });

  it("says not proven when another wallet signs the same kind of challenge", async () => {
    page = await employerWith(accountOf(stack, 6), walletBadge);
    const { answer } = await proveWith(page);
    expect(answer).toContain("Not proven: this signature is not from the badge's wallet.");
    expect(answer).not.toContain("Held by the recipient");
    await shotsInEveryLanguage(page, "holder-proof-not-held");
  });

  it("offers no wallet proof for a badge bound to an e-mail (the e-mail check is the way there)", async () => {
    page = await employerWith(recipient, emailBadge);
    await expect(page.getByTestId("holder-proof").count()).resolves.toBe(0);
    await page.getByLabel(/E-mail address or wallet address of the person/).waitFor();
  });
});
