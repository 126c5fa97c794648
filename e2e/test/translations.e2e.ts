// Every word translated (issue 10, part 5): a valid, a revoked and an expired badge, issued on chain
// through the sdk, verified on /verify and read in English, French and Chinese. In French and Chinese
// no step line is left in English (each differs from the English one), no raw ISO date remains, and
// the dates are the browser's Intl rendering for that language; the verdict's reason (the issuer's
// revocation words) and the time it took are in the reader's language too. Screenshots of each state
// in en, fr and zh at 1280 and 375 px (Chinese drawn with the CJK font the harness installs).
import { anchorBadge, prepareBadge } from "@chancery/sdk/award";
import { revokeBadge } from "@chancery/sdk/chain";
import { setUpIssuer, type TestIssuer } from "@chancery/testing/issuer";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, horizontalOverflow, openApp, shot, verdictOf } from "../src/app.ts";
import { chainOf } from "../src/seed.ts";
import { stopAfterFirstFailure } from "../src/sequence.ts";
import { type Stack, startStack } from "../src/stack.ts";

const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

let stack: Stack;
let app: App;
let page: Page;
let issuer: TestIssuer;
const badges: Record<"valid" | "revoked" | "expired", { credential: string; expiresAt?: Date }> = {} as never;

beforeAll(async () => {
  stack = await startStack();
  const chain = chainOf(stack);
  issuer = await setUpIssuer(chain, { name: "Université Exemple", className: "Data Literacy I" });
  const issue = async (expiresAt?: Date) => {
    const badge = await prepareBadge(
      issuer.award({ recipient: { email: "ada@example.org" }, ...(expiresAt ? { validUntil: expiresAt } : {}) }),
      issuer.signingKey,
    );
    await anchorBadge(issuer.admin, badge, { classId: issuer.classId, ...(expiresAt ? { expiresAt } : {}) });
    return { credential: JSON.stringify(badge.credential), uid: badge.uid, expiresAt };
  };
  // Expiring a few seconds after the later of the wall clock and the chain's (the contract judges by the block's time).
  const chainNow = Number((await chain.publicClient.getBlock()).timestamp) * 1000;
  const soon = new Date(Math.ceil((Math.max(Date.now(), chainNow) + 6_000) / 1000) * 1000);
  const expiring = await issue(soon);
  badges.expired = expiring;
  const valid = await issue(new Date(Date.UTC(2031, 5, 30, 12, 0, 0)));
  badges.valid = valid;
  const revoked = await issue();
  await revokeBadge(issuer.admin, { uid: revoked.uid, code: "issued-in-error", reason: "Awarded to the wrong learner" });
  badges.revoked = revoked;
  app = await openApp(stack, { viewport: WIDE });
  page = app.page;
  // The expiring badge has expired by the time it is checked.
  const wait = soon.getTime() + 1_000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
});

afterAll(async () => {
  await app?.close();
  await stack?.stop();
});

async function setLanguage(lang: "en" | "fr" | "zh") {
  await page.locator("select:has(option[value='zh'])").first().selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang.startsWith(l), lang);
}

/** The credential pasted on /verify in English; resolves with the verdict. */
async function verify(credential: string): Promise<string> {
  await page.goto(`${stack.appUrl}/verify`);
  await setLanguage("en");
  await page.getByRole("tab", { name: "Link or JSON" }).click();
  await page.getByLabel(/Paste a share link/).fill(credential);
  await page.getByRole("button", { name: "Check this badge" }).click();
  return verdictOf(page);
}

/** What the report says: each step line, the verdict's reason, the time it took. */
async function words() {
  return {
    steps: await page.locator(".steps .step-message").allInnerTexts(),
    detail: (await page.locator(".verdict-detail").allInnerTexts())[0],
    time: (await page.locator(".verdict-time").allInnerTexts())[0],
  };
}

/** How this browser writes an instant in a language: the app's own Intl format (date and time, medium). */
const intlDate = (instant: Date, lang: string) =>
  page.evaluate(
    ([ms, l]) => new Intl.DateTimeFormat(l as string, { dateStyle: "medium", timeStyle: "short" }).format(new Date(ms as number)),
    [instant.getTime(), lang] as const,
  );

/** Reads the report in en, fr and zh (screenshots at both widths), checking French and Chinese against English. */
async function readInEveryLanguage(name: string, dated?: Date) {
  const english = await words();
  expect(english.steps).toHaveLength(8);
  for (const lang of ["en", "fr", "zh"] as const) {
    await setLanguage(lang);
    const said = await words();
    if (lang !== "en") {
      // No step line left in English: each differs from the English line, and none carries a raw ISO date.
      const same = said.steps.filter((line, i) => line === english.steps[i]);
      expect(same, `${name} ${lang}: lines still in English`).toEqual([]);
      for (const line of said.steps) expect(line, `${name} ${lang}`).not.toMatch(ISO);
      if (english.detail) expect(said.detail, `${name} ${lang}: the verdict's reason`).not.toBe(english.detail);
      // "0,27 s" in French, "0.27秒"-like in Chinese: the locale's own number and unit.
      if (lang === "fr" && said.time) expect(said.time).not.toMatch(/\d\.\d/);
    }
    if (dated) {
      const date = await intlDate(dated, lang);
      expect(said.steps.join("\n"), `${name} ${lang}: the date in this language's format`).toContain(date);
    }
    await shot(page, `translations-${name}-${lang}-1280`);
    await page.setViewportSize(PHONE);
    await shot(page, `translations-${name}-${lang}-375`);
    expect(await horizontalOverflow(page), `${name} ${lang} at 375 px`).toBeLessThanOrEqual(0);
    await page.setViewportSize(WIDE);
  }
  await setLanguage("en");
  return english;
}

describe("every step of a verification in the reader's language", () => {
  stopAfterFirstFailure(() => page);

  it("a valid badge: its expiry date as each language writes it", async () => {
    expect(await verify(badges.valid.credential)).toBe("valid");
    await readInEveryLanguage("valid", badges.valid.expiresAt);
  });

  it("a revoked badge: the revocation sentence, its reason and the issuer's words", async () => {
    expect(await verify(badges.revoked.credential)).toBe("revoked");
    const english = await readInEveryLanguage("revoked");
    expect(english.detail).toContain("issued in error");
    await setLanguage("fr");
    expect((await words()).detail).toContain("émis par erreur");
    expect((await words()).detail).toContain("« Awarded to the wrong learner »");
    await setLanguage("zh");
    expect((await words()).detail).toContain("误发");
    await setLanguage("en");
  });

  it("an expired badge: the expiry line in each language", async () => {
    expect(await verify(badges.expired.credential)).toBe("expired");
    await readInEveryLanguage("expired", badges.expired.expiresAt);
  });
});
