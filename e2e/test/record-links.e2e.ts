// Record-only links (issue 10, part 1): a share link without its key — what "Add to LinkedIn" publishes,
// and the only link a Merkle-batched badge has — opens the verifier on the record the chain keeps:
// "record-valid" with the public class card (its picture, name, issuer, date, wallet) and the content
// withheld, never "could not check"; a revoked one says revoked. The badge page lets the learner
// choose between the record-only link and the full one (copy, QR, LinkedIn); a Merkle badge, whose
// content is not on chain, gets a full link that carries its signed credential (`#c=`) where the
// credential is on the device (opened once from such a link), else the full one disabled, saying why;
// its full link opens as valid, a damaged one says damaged, and a full link too long for a QR code
// gets the record-only link's QR, saying so. Each new state in English, French and Chinese at 1280 and 375 px.
import { anchorMerkleBatch } from "@chancery/sdk/award";
import { revokeBadge } from "@chancery/sdk/chain";
import { buildShareLink, QR_MAX_LINK_LENGTH } from "@chancery/sdk/links";
import type { Page } from "playwright-core";
import { getAddress } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, openApp, shotsInEveryLanguage, verdictOf, WIDE } from "../src/app.ts";
import { accountOf, type SeededIssuer, seedIssuer } from "../src/seed.ts";
import { stopAfterFirstFailure } from "../src/sequence.ts";
import { type Stack, startStack } from "../src/stack.ts";

let stack: Stack;
let app: App;
let page: Page;
let issuer: SeededIssuer;
let fullLink: string;
let recordLink: string;
let revokedLink: string;
let merkle: { uid: `0x${string}`; batchId: `0x${string}`; link: string; full: string };
/** A Merkle badge with long class texts: its full link is over QR_MAX_LINK_LENGTH. */
let longMerkle: { uid: `0x${string}`; batchId: `0x${string}`; full: string };
let learner: `0x${string}`;

const keyless = (link: string) => link.replace(/#.*$/, "");

beforeAll(async () => {
  stack = await startStack();
  learner = accountOf(stack, 5);
  issuer = await seedIssuer(stack, { accountIndex: 1, name: "Université Exemple", className: "Data Literacy I" });
  const published = await issuer.issue({ email: "ada@example.org", wallet: learner, name: "Ada Lovelace" });
  fullLink = published.shareLink!;
  recordLink = keyless(fullLink);
  const revoked = await issuer.issue({ email: "grace@example.org" });
  await revokeBadge(issuer.admin, { uid: revoked.uid, reason: "Issued to the wrong cohort", code: "issued-in-error" });
  revokedLink = keyless(revoked.shareLink!);
  const batch = await anchorMerkleBatch(issuer.admin, {
    classId: issuer.classId,
    signingKey: issuer.signingKey,
    awards: [
      issuer.award({ email: "alan@example.org", wallet: accountOf(stack, 6), name: "Alan Turing" }),
      issuer.award({ email: "joan@example.org" }),
      issuer.award(
        { email: "maria.salomea.sklodowska-curie@universite-exemple.example.org", name: "Maria Salomea Skłodowska-Curie" },
        {
          achievement: {
            ...issuer.achievement,
            // Real prose, not a repeated phrase (which DEFLATE would fold into a few bytes).
            description:
              "Awarded to learners who completed the twelve-week Advanced Data Literacy track: sourcing an open data set, " +
              "documenting its provenance and licence, cleaning missing or inconsistent values with a reproducible notebook, " +
              "choosing summary statistics suited to skewed distributions, drawing accessible charts with honest axes, " +
              "testing one hypothesis with a pre-registered plan, and defending the method before a jury of two examiners " +
              "who questioned sampling bias, confounders, privacy of the subjects and the limits of every conclusion drawn.",
          },
        },
      ),
    ],
  });
  const at = (index: number, credential?: object) =>
    buildShareLink({
      appBase: stack.appUrl,
      chainId: stack.chainId,
      registry: stack.registry,
      uid: batch.badges[index]!.uid,
      batchId: batch.batchId,
      // The class image and the logo stay on chain (the verifier puts them back), as the app builds full links.
      ...(credential ? { credential, classImage: issuer.achievement.image as string, issuerImage: issuer.issuer.image as string } : {}),
    });
  const first = batch.badges[0]!;
  merkle = { uid: first.uid, batchId: batch.batchId, link: at(0), full: at(0, first.credential) };
  longMerkle = { uid: batch.badges[2]!.uid, batchId: batch.batchId, full: at(2, batch.badges[2]!.credential) };
  app = await openApp(stack, { viewport: WIDE });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await stack?.stop();
});

const shots = (name: string) => shotsInEveryLanguage(page, `record-links-${name}`);

const stepStatus = (id: string) => page.locator(`[data-step="${id}"]`).getAttribute("class");

/** The class picture on the record card is the class's own image, decoded (not a placeholder). */
async function recordImageShown(): Promise<boolean> {
  const image = page.locator("[data-record-card] [data-record-image]");
  await image.waitFor();
  return image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && img.src.startsWith("data:image/svg+xml"));
}

describe("record-only links", () => {
  stopAfterFirstFailure(() => page);

  it("a keyless link opens the verifier on the record: record-valid, the class card, the content withheld", async () => {
    await page.goto(recordLink);
    expect(await verdictOf(page)).toBe("record-valid");
    const result = page.locator(".verify-result");
    const text = await result.innerText();
    expect(text).toContain("Record in force — content withheld");
    expect(text).not.toContain("Could not check");
    expect(text).not.toMatch(/try again later/i);
    for (const id of ["anchor", "status", "validity"]) expect(await stepStatus(id)).toContain("step-passed");
    for (const id of ["format", "proof"]) expect(await stepStatus(id)).toContain("step-skipped");
    const card = page.locator("[data-record-card]");
    const cardText = await card.innerText();
    expect(cardText).toContain("Data Literacy I");
    expect(cardText).toContain("Université Exemple");
    expect(cardText).toContain(getAddress(learner));
    expect(cardText).toContain("Ask the holder for the full link to see the learner’s name and details.");
    // The withheld content stays withheld: the learner's name appears nowhere.
    expect(text).not.toContain("Ada Lovelace");
    expect(await recordImageShown()).toBe(true);
    await shots("verify-record");
  });

  it("the employer's question on a keyless link: an e-mail cannot be checked from it; the wallet the chain records matches", async () => {
    await page.goto(recordLink);
    await page.locator('[data-verdict="record-valid"]').waitFor();
    const field = page.getByLabel(/E-mail address or wallet address of the person/);
    await field.fill("ada@example.org");
    await page.getByRole("button", { name: "Check", exact: true }).click();
    await page.locator('[data-recipient="email-withheld"]').waitFor();
    expect(await page.locator("[data-recipient]").innerText()).toContain("The e-mail address cannot be checked from this link");
    expect(await verdictOf(page)).toBe("record-valid");
    await shots("verify-email-withheld");
    await field.fill(learner);
    await page.getByRole("button", { name: "Check", exact: true }).click();
    await page.locator('[data-recipient="wallet-matched"]').waitFor();
    expect(await verdictOf(page)).toBe("record-valid");
    await page.getByRole("button", { name: "Clear" }).click();
  });

  it("a keyless link of a revoked badge: revoked, with the issuer's words", async () => {
    await page.goto(revokedLink);
    expect(await verdictOf(page)).toBe("revoked");
    expect(await page.locator(".verify-result").innerText()).toContain("Issued to the wrong cohort");
    await shots("verify-revoked");
  });

  it("a Merkle-batched badge's link: its batch's record, the class picture and the wallet of its leaf", async () => {
    await page.goto(merkle.link);
    expect(await verdictOf(page)).toBe("record-valid");
    expect(await page.locator('[data-step="anchor"] .step-message').innerText()).toMatch(/Merkle batch/);
    expect(await page.locator("[data-record-card]").innerText()).toContain(getAddress(accountOf(stack, 6)));
    expect(await recordImageShown()).toBe(true);
    await shots("verify-merkle");
  });

  it("the badge page with the key: the learner chooses a record-only or a full link; LinkedIn and the QR follow the choice", async () => {
    const uid = new URL(fullLink).pathname.split("/").at(-1)!;
    await page.goto(`${stack.appUrl}/badge/${stack.chainId}/${uid}${new URL(fullLink).hash}`);
    await page.locator('[data-verdict="valid"]').waitFor();
    const input = page.getByLabel("Share link", { exact: true });
    expect(await input.inputValue()).toBe(recordLink);
    expect(await page.locator('[data-share-choice="record"] input').isChecked()).toBe(true);
    const linkedIn = page.getByRole("link", { name: "Add to LinkedIn profile" });
    expect(new URL((await linkedIn.getAttribute("href"))!).searchParams.get("certUrl")).toBe(recordLink);
    await shots("badge-share-record");

    await page.locator('[data-share-choice="full"]').click();
    expect(await input.inputValue()).toBe(fullLink);
    expect(new URL((await linkedIn.getAttribute("href"))!).searchParams.get("certUrl")).toBe(fullLink);
    expect(await page.locator(".share").innerText()).toContain("Your LinkedIn profile is public");
    await shots("badge-share-full");
  });

  it("the badge page of a Merkle badge: the record checked on the page, the record-only link, the full one disabled with why", async () => {
    await page.goto(`${stack.appUrl}/badge/${stack.chainId}/${merkle.uid}?batch=${merkle.batchId}`);
    await page.locator('[data-verdict="record-valid"]').waitFor();
    expect(await page.getByLabel("Share link", { exact: true }).inputValue()).toBe(merkle.link);
    expect(await page.locator('[data-share-choice="full"] input').isDisabled()).toBe(true);
    expect(await page.locator('[data-share-choice="full"]').innerText()).toContain("this badge’s content is not on chain");
    await shots("badge-share-merkle");
  });

  it("a Merkle badge's full link (#c=, the credential in the link) opens the verifier as valid, the learner's name shown", async () => {
    await page.goto(`${stack.appUrl}/`);
    await page.goto(merkle.full);
    expect(await verdictOf(page)).toBe("valid");
    expect(await page.locator('[data-step="parse"] .step-message').innerText()).toContain("full-badge link");
    expect(await page.locator('[data-step="anchor"] .step-message').innerText()).toMatch(/Merkle batch/);
    for (const id of ["format", "proof", "anchor", "status", "validity"]) expect(await stepStatus(id)).toContain("step-passed");
    expect(await page.locator(".verify-result").innerText()).toContain("Alan Turing");
    await shots("verify-merkle-full");
  });

  it("a damaged full link says it is damaged (copy it again), never valid and never fetched", async () => {
    const value = new URL(merkle.full).hash.slice("#c=".length);
    await page.goto(`${stack.appUrl}/`);
    await page.goto(`${merkle.link}#c=${value.slice(0, 300)}`);
    expect(await verdictOf(page)).toBe("invalid");
    const parse = await page.locator('[data-step="parse"] .step-message').innerText();
    expect(parse).toContain("This full-badge link is damaged");
    expect(parse).toContain("Copy the whole link again");
    await shots("verify-full-damaged");
  });

  it("the badge page opened from a Merkle badge's full link: the full link offered (QR too), and still on this device later", async () => {
    await page.goto(`${stack.appUrl}/badge/${stack.chainId}/${merkle.uid}?batch=${merkle.batchId}${new URL(merkle.full).hash}`);
    await page.locator('[data-verdict="valid"]').waitFor();
    const input = page.getByLabel("Share link", { exact: true });
    expect(await input.inputValue()).toBe(merkle.link);
    await page.locator('[data-share-choice="full"]').click();
    expect(await input.inputValue()).toBe(merkle.full);
    // An issuer's real texts, a name, an e-mail and a wallet: about 1,300 characters, so the QR code is the full link only below the limit.
    console.info(`Merkle badge's full link: ${merkle.full.length} characters (QR limit ${QR_MAX_LINK_LENGTH})`);
    expect(merkle.full.length).toBeLessThan(2000);
    expect(await page.locator("[data-qr-kind]").getAttribute("data-qr-kind")).toBe(
      merkle.full.length <= QR_MAX_LINK_LENGTH ? "full" : "record",
    );
    const linkedIn = page.getByRole("link", { name: "Add to LinkedIn profile" });
    expect(new URL((await linkedIn.getAttribute("href"))!).searchParams.get("certUrl")).toBe(merkle.full);
    expect(await page.locator(".share").innerText()).toContain("The part after # is the whole badge");
    await shots("badge-share-merkle-full");

    // Verified once, the credential stays on this device: the page without the fragment still offers the full link.
    await page.goto(`${stack.appUrl}/badge/${stack.chainId}/${merkle.uid}?batch=${merkle.batchId}`);
    await page.locator('[data-verdict="valid"]').waitFor();
    expect(await page.locator('[data-share-choice="full"] input').isDisabled()).toBe(false);
  });

  it("a full link too long for a QR code: the QR code opens the record-only link, saying so", async () => {
    expect(longMerkle.full.length).toBeGreaterThan(QR_MAX_LINK_LENGTH);
    await page.goto(`${stack.appUrl}/badge/${stack.chainId}/${longMerkle.uid}?batch=${longMerkle.batchId}${new URL(longMerkle.full).hash}`);
    await page.locator('[data-verdict="valid"]').waitFor();
    await page.locator('[data-share-choice="full"]').click();
    expect(await page.getByLabel("Share link", { exact: true }).inputValue()).toBe(longMerkle.full);
    const hint = page.locator("[data-qr-kind]");
    expect(await hint.getAttribute("data-qr-kind")).toBe("record");
    expect(await hint.innerText()).toContain(`The full link (${longMerkle.full.length} characters) is too long for a phone camera`);
    await shots("badge-share-qr-record");
  });
});
