// Every page in its normal and error states, on a chain seeded through the sdk the way the console
// and the CLI would leave it: three institutions (accredited, suspended with a reason,
// self-declared) and a learner holding valid, revoked, expired, suspended-issuer and erased
// badges. Each state is asserted, then saved as a screenshot under e2e/artifacts/screenshots/.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AnchoredBadge } from "@chancery/sdk/award";
import { bakePng } from "@chancery/sdk/baking";
import { accreditIssuer, eraseBadge, readIssuer, revokeBadge, suspendIssuer } from "@chancery/sdk/chain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type App,
  connectWallet,
  cutRpc,
  dropFile,
  fileFrom,
  horizontalOverflow,
  openApp,
  rewriteRpc,
  shot,
  verdictOf,
  verifierDropZone,
} from "../src/app.ts";
import { logoPng } from "../src/images.ts";
import { type SeededIssuer, seedIssuer, writerOf } from "../src/seed.ts";
import { type Stack, startStack } from "../src/stack.ts";

const SUSPENSION = "Diplomas sold without assessment: under investigation by the consortium";
const REVOCATION = "Replaced by Data Literacy II after the syllabus review";

let stack: Stack;
let files: string;
let learner: `0x${string}`;
let nobody: `0x${string}`;
let lumiere: SeededIssuer;
let academy: SeededIssuer;
let openSkills: SeededIssuer;
const badges = {} as Record<"valid" | "revoked" | "expired" | "suspended" | "erased" | "openSkills", AnchoredBadge>;
let validPng: string;

const ada = (wallet: `0x${string}`) => ({ email: "ada.lovelace@example.org", wallet, name: "Ada Lovelace" });

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), "chancery-e2e-pages-"));
  stack = await startStack();
  learner = stack.accounts[3]!;
  nobody = stack.accounts[7]!;
  const authority = writerOf(stack, 0);

  lumiere = await seedIssuer(stack, {
    accountIndex: 1,
    name: "Université de Lumière",
    url: "https://www.lumiere.example.edu",
    className: "Data Literacy I",
    tags: ["data", "statistics"],
  });
  // Expires a few seconds from now: by the time the pages are visited, it has.
  badges.expired = await lumiere.issue(ada(learner), { expiresAt: new Date(Date.now() + 4_000) });
  badges.valid = await lumiere.issue(ada(learner));
  badges.revoked = await lumiere.issue(ada(learner));
  await revokeBadge(lumiere.admin, { uid: badges.revoked.uid, code: "superseded", reason: REVOCATION });
  await accreditIssuer(authority, lumiere.issuerId);

  academy = await seedIssuer(stack, {
    accountIndex: 2,
    name: "Academy of Tomorrow",
    url: "https://tomorrow-academy.example.com",
    className: "Blockchain Expert",
    tags: ["blockchain"],
  });
  badges.suspended = await academy.issue(ada(learner));
  await suspendIssuer(authority, academy.issuerId, SUSPENSION);

  openSkills = await seedIssuer(stack, {
    accountIndex: 6,
    name: "Open Skills Collective",
    url: "https://openskills.example.org",
    className: "Community Facilitation",
    tags: ["community"],
  });
  badges.openSkills = await openSkills.issue(ada(learner));
  badges.erased = await openSkills.issue(ada(learner));
  await eraseBadge(openSkills.admin, { uid: badges.erased.uid });

  validPng = join(files, "data-literacy-i.png");
  writeFileSync(validPng, bakePng(new Uint8Array(logoPng(128)), JSON.stringify(badges.valid.credential), "ob3"));
  // Wait (on the clock, not a fixed time) for the short-lived badge to be past its expiry.
  const expiry = new Date(badges.expired.credential.validUntil as string).getTime();
  while (Date.now() <= expiry + 1_000) await new Promise((r) => setTimeout(r, 250));
});

afterAll(async () => {
  await stack?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

/** A browser for one describe block; `account` installs the test wallet. */
function useApp(options: () => Parameters<typeof openApp>[1] = () => ({})) {
  const ref: { app?: App; page?: Page } = {};
  beforeAll(async () => {
    ref.app = await openApp(stack, options());
    ref.page = ref.app.page;
  });
  afterAll(async () => ref.app?.close());
  return () => ref.page!;
}

const local = (link: string) => link.replace(/^https?:\/\/[^/]+/, stack.appUrl);
const badgePage = (badge: AnchoredBadge, withKey = true) =>
  `${stack.appUrl}/badge/${stack.chainId}/${badge.uid}${withKey && badge.key ? `#k=${badge.key}` : ""}`;

describe("a visitor with no wallet", () => {
  const page = useApp();

  it("home, in English and in French", async () => {
    await page().goto(stack.appUrl);
    await page()
      .getByRole("heading", { level: 1, name: /Credentials anyone can check/ })
      .waitFor();
    for (const door of ["Open the issuer console", "See my badges", "Verify now"])
      expect(await page().getByRole("link", { name: door }).isVisible()).toBe(true);
    await shot(page(), "home");
    await page().getByLabel("Language").selectOption("fr");
    await page()
      .getByRole("heading", { level: 1, name: /Des certifications que chacun peut vérifier/ })
      .waitFor();
    expect(await page().evaluate(() => document.documentElement.lang)).toBe("fr");
    await shot(page(), "home-fr");
    await page().getByLabel("Langue").selectOption("en");
    await page()
      .getByRole("heading", { level: 1, name: /Credentials anyone can check/ })
      .waitFor();
  });

  it("a page that does not exist", async () => {
    await page().goto(`${stack.appUrl}/diplomas/2026`);
    await page().getByRole("heading", { name: "This page does not exist" }).waitFor();
    await shot(page(), "not-found");
  });

  it("the learner's page: valid, revoked, expired and suspended-issuer badges; the erased one is not shown", async () => {
    await page().goto(`${stack.appUrl}/learner/${learner}`);
    await page().getByText("5 badges", { exact: true }).waitFor();
    const cards = page().getByRole("main").getByRole("listitem");
    expect(await cards.count()).toBe(5);
    const chips = await cards.evaluateAll((items) => items.map((li) => li.querySelector(".chip")?.textContent?.trim()));
    expect(chips.sort()).toEqual(["Expired", "Issuer suspended", "Revoked", "Valid", "Valid"]);
    await page().getByText("1 erased badge is not shown.").waitFor();
    await shot(page(), "learner-badges-all-states");
  });

  it("the learner's page of an address with no badge, and of something that is not an address", async () => {
    await page().goto(`${stack.appUrl}/learner/${nobody}`);
    await page().getByRole("heading", { name: "No badge for this address" }).waitFor();
    await shot(page(), "learner-empty");
    await page().goto(`${stack.appUrl}/learner/0x12345`);
    await page().getByText("This is not a wallet address").waitFor();
    await shot(page(), "learner-bad-address");
  });

  it("a badge's page: revoked with the issuer's reason; without its key, only the record; erased; unknown", async () => {
    await page().goto(badgePage(badges.revoked));
    expect(await verdictOf(page())).toBe("revoked");
    expect(await page().locator("[data-verdict]").innerText()).toContain(REVOCATION);
    // No LinkedIn offer for a badge that is not valid.
    expect(await page().getByRole("link", { name: "Add to LinkedIn profile" }).count()).toBe(0);
    await shot(page(), "badge-detail-revoked");

    await page().goto(badgePage(badges.openSkills, false));
    await page().getByText("Only the record is shown").waitFor();
    expect(await page().getByRole("heading", { level: 1 }).innerText()).toBe("Community Facilitation");
    await shot(page(), "badge-detail-no-key");

    await page().goto(badgePage(badges.erased));
    await page().getByText("This badge was erased").waitFor();
    expect(await page().getByRole("main").innerText()).not.toContain("Ada Lovelace");
    await shot(page(), "badge-detail-erased");

    await page().goto(`${stack.appUrl}/badge/${stack.chainId}/0x${"ab".repeat(32)}`);
    await page().getByText("No such badge").waitFor();
    await shot(page(), "badge-detail-not-found");
  });

  it("the verifier on share links: expired, suspended issuer, erased", async () => {
    for (const [name, verdict] of [
      ["expired", "expired"],
      ["suspended", "suspended-issuer"],
      ["erased", "erased"],
    ] as const) {
      await page().goto(local(badges[name].shareLink!));
      expect(await verdictOf(page())).toBe(verdict);
      await shot(page(), `verify-${verdict}`);
    }
    expect(await page().getByRole("main").innerText()).not.toContain("Ada Lovelace");
  });

  it("the verifier on a tampered credential (invalid), a damaged link, and a file too large", async () => {
    await page().goto(`${stack.appUrl}/verify`);
    await page().getByRole("tab", { name: "Link or JSON" }).click();
    const tampered = structuredClone(badges.valid.credential) as unknown as { credentialSubject: { achievement: { name: string } } };
    tampered.credentialSubject.achievement.name = "Data Literacy III (with honours)";
    await page()
      .getByLabel(/Paste a share link/)
      .fill(JSON.stringify(tampered));
    await page().getByRole("button", { name: "Check this badge" }).click();
    expect(await verdictOf(page())).toBe("invalid");
    expect(await page().locator('[data-step="proof"]').innerText()).toMatch(/failed/i);
    await shot(page(), "verify-invalid");

    await page().goto(`${stack.appUrl}/verify/${stack.chainId}/0x1234/0xabcd`);
    await page().getByText("This link is damaged").waitFor();
    await shot(page(), "verify-damaged-link");

    await page().goto(`${stack.appUrl}/verify`);
    const huge = join(files, "scan-of-diploma.png");
    writeFileSync(huge, Buffer.alloc(6 * 1024 * 1024, 7));
    await dropFile(verifierDropZone(page()), fileFrom(huge, "image/png"));
    await page().getByRole("alert").filter({ hasText: "File too large" }).waitFor();
    await shot(page(), "verify-too-large");
  });

  it("the registry as a visitor: every institution and its standing, no authority actions", async () => {
    await page().goto(`${stack.appUrl}/registry`);
    const rows = page().getByRole("main").getByRole("listitem");
    await page().getByText("Open Skills Collective").waitFor();
    expect(await rows.count()).toBe(3);
    expect(await rows.filter({ hasText: "Université de Lumière" }).innerText()).toContain("Accredited");
    const suspended = rows.filter({ hasText: "Academy of Tomorrow" });
    await suspended.getByText(`Suspended: ${SUSPENSION}`).waitFor();
    expect(await rows.filter({ hasText: "Open Skills Collective" }).innerText()).toContain("Self-declared");
    expect(
      await page()
        .getByRole("button", { name: /Accredit|Suspend|Reinstate/ })
        .count(),
    ).toBe(0);
    await shot(page(), "registry-visitor");
  });
});

describe("the registry authority", () => {
  const page = useApp(() => ({ account: stack.accounts[0]! }));

  it("sees the authority notice and accredits a self-declared institution from its row", async () => {
    await page().goto(`${stack.appUrl}/registry`);
    await connectWallet(page());
    await page().getByText("You hold the registry authority role").waitFor();
    const row = page().getByRole("main").getByRole("listitem").filter({ hasText: "Open Skills Collective" });
    await row.getByRole("button", { name: "Accredit" }).waitFor();
    expect(
      await page()
        .getByRole("main")
        .getByRole("listitem")
        .filter({ hasText: "Academy of Tomorrow" })
        .getByRole("button", { name: "Reinstate" })
        .isVisible(),
    ).toBe(true);
    await shot(page(), "registry-authority");

    await row.getByRole("button", { name: "Accredit" }).click();
    await row.getByRole("button", { name: "Withdraw accreditation" }).waitFor();
    expect(await row.innerText()).toContain("Accredited");
    expect((await readIssuer(writerOf(stack, 0), openSkills.issuerId)).status).toBe("accredited");
    await row.getByRole("button", { name: "Suspend" }).click();
    await row.getByLabel("Reason").fill("Audit pending");
    await shot(page(), "registry-authority-suspend-form");
    await row.getByRole("button", { name: "Cancel" }).click();
  });
});

describe("an accredited institution's console", () => {
  const page = useApp(() => ({ account: stack.accounts[1]! }));

  it("shows its standing, its figures and its issued badges with their status", async () => {
    await page().goto(`${stack.appUrl}/issue`);
    await connectWallet(page());
    await page().getByRole("heading", { level: 1, name: "Université de Lumière" }).waitFor();
    await page().getByText("Accredited by the registry authority.", { exact: false }).waitFor();
    await shot(page(), "issue-dashboard-accredited");

    await page().getByRole("navigation", { name: "Issuer console sections" }).getByRole("link", { name: "Issued badges" }).click();
    const rows = page().locator(".issued-list").getByRole("listitem");
    await page().getByText(`Revoked: ${REVOCATION}`).waitFor();
    expect(await rows.count()).toBe(3);
    await shot(page(), "issue-issued-list");
    await page().getByLabel("Filter by status").selectOption("expired");
    await page().waitForFunction(() => document.querySelectorAll(".issued-list > li").length === 1);
    expect(await rows.first().innerText()).toContain("Expired");
  });
});

describe("a suspended institution's console", () => {
  const page = useApp(() => ({ account: stack.accounts[2]! }));

  it("says it is suspended, and a transaction the registry refuses is explained in plain words", async () => {
    await page().goto(`${stack.appUrl}/issue`);
    await connectWallet(page());
    await page().getByText("Your institution is suspended").first().waitFor();
    await page().getByText(SUSPENSION).waitFor();
    await shot(page(), "issue-suspended");

    // New classes are not offered to a suspended institution: the form says why and cannot be sent.
    await page().getByRole("navigation", { name: "Issuer console sections" }).getByRole("link", { name: "Badge classes" }).click();
    await page().getByRole("button", { name: "Create a badge class" }).first().click();
    expect(await page().getByRole("button", { name: "Publish the class" }).isDisabled()).toBe(true);
    await page().getByText("Your institution is suspended").first().waitFor();

    // A transaction the registry refuses is explained in plain words before anything is sent:
    // the admin's wallet already has a signer window (written once).
    await page().getByRole("navigation", { name: "Issuer console sections" }).getByRole("link", { name: "Signers & key" }).click();
    await page().getByLabel("Wallet address", { exact: true }).fill(stack.accounts[2]!);
    await page().getByRole("button", { name: "Add the signer" }).click();
    const alert = page().getByRole("alert").filter({ hasText: "already has a signer window" });
    await alert.waitFor();
    expect(await alert.innerText()).toContain(`for issuer #${academy.issuerId}`);
    await shot(page(), "issue-transaction-reverted");
  });
});

describe("a learner with a wallet", () => {
  const page = useApp(() => ({ account: learner }));

  it("sees 'My badges' and erases one of their own badges, with the explanation first", async () => {
    await page().goto(`${stack.appUrl}/learner`);
    await page().getByRole("heading", { name: "My badges", level: 1 }).waitFor();
    await shot(page(), "my-badges-connect");
    await connectWallet(page());
    await page().waitForURL(new RegExp(`/learner/${learner}$`, "i"));
    await page().getByText("Your wallet", { exact: true }).waitFor();
    await page().getByText("5 badges", { exact: true }).waitFor();
    await shot(page(), "my-badges");

    await page().goto(badgePage(badges.openSkills));
    expect(await verdictOf(page())).toBe("valid");
    await page().getByRole("heading", { name: "Erase this badge" }).waitFor();
    expect(await page().getByRole("main").innerText()).toContain("It is final. If the badge was revoked, the revocation stays on record.");
    await page().getByRole("button", { name: "Erase this badge…" }).click();
    await page().getByLabel("Type “erase” to confirm").fill("erase");
    await shot(page(), "badge-erase-confirm");
    await page().getByRole("button", { name: "Erase permanently" }).click();
    await page().getByText("This badge was erased").waitFor();
    await page().goto(`${stack.appUrl}/learner/${learner}`);
    await page().getByText("4 badges", { exact: true }).waitFor();
    await page().getByText("2 erased badges are not shown.").waitFor();
  });
});

describe("when the chain cannot be reached", () => {
  const page = useApp(() => ({ account: stack.accounts[1]! }));
  beforeAll(async () => {
    // The app loads from its own server; every call to the RPC fails.
    await cutRpc(page().context(), stack.rpcUrl);
  });

  it("every page says so in plain words, and the verifier gives no verdict but 'could not check'", async () => {
    await page().goto(stack.appUrl);
    await page().getByText("The chain cannot be reached").first().waitFor();
    expect(await page().locator("body").innerText()).toContain(`The RPC endpoint ${stack.rpcUrl} did not answer.`);
    await shot(page(), "rpc-down-home");

    await page().goto(`${stack.appUrl}/learner/${learner}`);
    await page().getByText("Badges cannot be read now").waitFor();
    await shot(page(), "rpc-down-learner");

    await page().goto(`${stack.appUrl}/verify`);
    await dropFile(verifierDropZone(page()), fileFrom(validPng, "image/png"));
    expect(await verdictOf(page())).toBe("error");
    await page().getByRole("heading", { name: "Could not check" }).waitFor();
    await shot(page(), "verify-error-rpc-down");

    await page().goto(`${stack.appUrl}/issue`);
    await connectWallet(page());
    await page().getByText("The issuer console needs the chain").waitFor();
    await shot(page(), "rpc-down-issue");
  });
});

describe("when the contracts are not deployed on the configured chain", () => {
  const page = useApp();
  beforeAll(async () => {
    await rewriteRpc(page().context(), stack.rpcUrl, (method, answer) => (method === "eth_getCode" ? { ...answer, result: "0x" } : answer));
  });

  it("says so, naming the address and the chain", async () => {
    await page().goto(`${stack.appUrl}/registry`);
    await page().getByText("Contracts not deployed on this chain").waitFor();
    expect(await page().locator("body").innerText()).toContain(
      `There is no Chancery registry at ${stack.registry} on Hardhat (${stack.chainId}).`,
    );
    await shot(page(), "not-deployed");
  });
});

describe("on a phone, 375 px wide", () => {
  const page = useApp(() => ({ viewport: { width: 375, height: 812 } }));

  it("home, verify (empty and with a verdict), a learner's badges and a badge fit the screen", async () => {
    const pages: [string, string, () => Promise<unknown>][] = [
      [
        "mobile-home",
        stack.appUrl,
        () =>
          page()
            .getByRole("heading", { level: 1, name: /Credentials anyone can check/ })
            .waitFor(),
      ],
      ["mobile-verify", `${stack.appUrl}/verify`, () => page().getByRole("heading", { level: 1, name: "Verify a badge" }).waitFor()],
      ["mobile-verify-valid", local(badges.valid.shareLink!), () => verdictOf(page())],
      [
        "mobile-learner",
        `${stack.appUrl}/learner/${learner}`,
        () =>
          page()
            .getByText(/^\d+ badges$/)
            .waitFor(),
      ],
      ["mobile-badge-detail", badgePage(badges.valid), () => verdictOf(page())],
    ];
    for (const [name, url, ready] of pages) {
      await page().goto(url);
      await ready();
      expect(await page().getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Verify" }).isVisible()).toBe(true);
      expect(await horizontalOverflow(page()), `${name} is wider than the screen`).toBeLessThanOrEqual(0);
      await shot(page(), name);
    }
  });
});
