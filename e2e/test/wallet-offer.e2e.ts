// "Add to a wallet" (issue 11, items 2 and 5) in Chromium against a real node, the real gateway
// process (its OpenID4VCI issuer) and a real SMTP catcher: a badge awarded in the console offers a
// QR code and an openid-credential-offer:// link on the award result; an independent wallet client
// (@openid4vc/openid4vci, from @chancery/testing/oid4vci-wallet) redeems that link against the
// gateway for the credential the issuer signed, which the app's verifier then finds valid; the
// award e-mail carries an offer of its own; the learner's badge page and the verify page of the
// share link offer the badge again. A badge published without its key says why no wallet can be
// offered it, on the result and the badge page.
// Each state is saved in en, fr and zh at 1280 and 375 px.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { MailCatcher } from "@chancery/testing/mail";
import { receiveOffer } from "@chancery/testing/oid4vci-wallet";
import type { Page } from "playwright-core";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectWallet, dropFile, fileFrom, shotsInEveryLanguage, verdictOf, verifierDropZone } from "../src/app.ts";
import { type MailingWorld, startMailingWorld } from "../src/mailing.ts";
import { stopAfterFirstFailure } from "../src/sequence.ts";
import type { Stack } from "../src/stack.ts";

const CLASS_NAME = "Field Ecology";
const LEARNER = "rachel.carson@example.org";

let world: MailingWorld;
let stack: Stack;
let catcher: MailCatcher;
let page: Page;
let files: string;
const found: { offerUri?: string; shareLink?: string; uid?: string; unpublishedUid?: string } = {};

beforeAll(async () => {
  world = await startMailingWorld({ issuerName: "Marine Biological Institute", className: CLASS_NAME, name: "wallet-offer" });
  ({ stack, catcher, page, files } = world);
}, 300_000);

afterAll(async () => {
  await world?.stop();
});

const shots = (name: string) => shotsInEveryLanguage(page, `wallet-offer-${name}`);
const uidOf = (shareLink: string) => /\/(0x[0-9a-f]{64})(?:[?#]|$)/i.exec(shareLink)?.[1] as string;

async function award(options: { publish: boolean; reload?: boolean }) {
  if (options.reload !== false) await page.goto(`${stack.appUrl}/issue/award`);
  await page.getByLabel("Badge class").waitFor();
  await page.getByLabel(/^E-mail/).fill(LEARNER);
  await page.getByLabel(/^Full name/).fill("Rachel Carson");
  const publish = page.getByRole("checkbox", { name: /Publish the full badge/ });
  if ((await publish.isChecked()) !== options.publish) await publish.click();
  await page.getByRole("button", { name: "Sign and award" }).click();
  await page.getByText("Badge awarded").waitFor({ timeout: 60_000 });
  return page.getByLabel("Share link").inputValue();
}

/** The offer on screen: its link, and that the QR code beside it draws that same link. */
async function offerOnScreen(): Promise<string> {
  const offer = page.getByTestId("wallet-offer");
  await offer.getByRole("button", { name: "Make a wallet QR code" }).click();
  const open = offer.getByRole("link", { name: "Open in a wallet app" });
  await open.waitFor();
  const offerUri = (await open.getAttribute("href")) as string;
  expect(offerUri).toMatch(/^openid-credential-offer:\/\/\?credential_offer(_uri)?=/);
  // The QR image is the app's own drawing of the link (qrcode, same options): drawn again here from
  // the link, it must be the same picture, so scanning it gives the wallet this exact offer.
  const src = (await offer.getByRole("img", { name: "QR code of the wallet offer" }).getAttribute("src")) as string;
  const svg = await QRCode.toString(offerUri, {
    type: "svg",
    margin: 1,
    errorCorrectionLevel: "M",
    color: { dark: "#14213d", light: "#ffffff" },
  });
  expect(decodeURIComponent(src.replace(/^data:image\/svg\+xml;charset=utf-8,/, ""))).toBe(svg);
  await expect(offer.getByText(/the code works once/).isVisible()).resolves.toBe(true);
  return offerUri;
}

/** The credential a wallet received, dropped on the app's verifier as a file. */
async function verdictInTheApp(credential: object, name: string) {
  const file = join(files, `${name}.json`);
  writeFileSync(file, JSON.stringify(credential));
  await page.goto(`${stack.appUrl}/verify`);
  await dropFile(verifierDropZone(page), fileFrom(file, "application/json"));
  return verdictOf(page);
}

describe("wallet offers in the browser", () => {
  stopAfterFirstFailure(() => page);

  it("offers a badge published with its key to a wallet on the award result: QR code and openid-credential-offer:// link", async () => {
    await page.goto(`${stack.appUrl}/issue/award`);
    await connectWallet(page);
    found.shareLink = await award({ publish: true, reload: false });
    found.uid = uidOf(found.shareLink);
    await page.locator("#award-wallet-offer").getByText("Add to a wallet").waitFor();
    // The award e-mail will carry an offer too, and says so before it is sent.
    await page.getByText(/also gets a wallet offer in its e-mail/).waitFor();
    found.offerUri = await offerOnScreen();
    await shots("award");
  });

  it("the independent wallet redeems the offer against the gateway for the signed credential, which verifies; a second use is refused", async () => {
    const { offer, issuerMetadata, credential } = await receiveOffer(found.offerUri as string);
    expect(offer.credential_issuer.startsWith(`${world.gateway.origin}/`)).toBe(true);
    expect(JSON.stringify(issuerMetadata.credentialIssuer)).toContain("Marine Biological Institute");
    expect(credential).toMatchObject({
      type: expect.arrayContaining(["OpenBadgeCredential"]),
      credentialSubject: { achievement: { name: CLASS_NAME } },
      proof: expect.anything(),
    });
    await expect(receiveOffer(found.offerUri as string)).rejects.toThrow(/invalid_grant|already used/);
    expect(await verdictInTheApp(credential as object, "from-wallet")).toBe("valid");
  });

  it("mails the learner a wallet offer of its own, which the independent wallet redeems", async () => {
    await award({ publish: true });
    const before = (await catcher.inbox()).length;
    await page.getByRole("button", { name: "Send the award e-mail" }).click();
    await page.getByText("1 e-mail sent").waitFor({ timeout: 30_000 });
    await expect(page.getByTestId("award-mail-without-offer").count()).resolves.toBe(0);
    const mail = (await catcher.inbox()).slice(before).find((m) => m.to[0]?.address === LEARNER);
    const mailed = /openid-credential-offer:\/\/\S+/.exec(mail?.text ?? "")?.[0] as string;
    expect(mailed).toBeDefined();
    expect(mail?.text).toContain("works for 7 days");
    const { credential } = await receiveOffer(mailed);
    expect(credential).toMatchObject({ credentialSubject: { achievement: { name: CLASS_NAME } } });
  });

  it("offers the badge again from the learner's badge page", async () => {
    // The key of the first badge is on this device (kept at award time), as on the learner's after opening the link.
    await page.goto(`${stack.appUrl}/badge/${stack.chainId}/${found.uid}`);
    await page.getByRole("heading", { name: CLASS_NAME }).waitFor();
    const offerUri = await offerOnScreen();
    expect(offerUri).not.toBe(found.offerUri);
    const { credential } = await receiveOffer(offerUri);
    expect(credential).toMatchObject({ credentialSubject: { achievement: { name: CLASS_NAME } } });
    await shots("badge-page");
  });

  it("offers the badge to its holder on the verify page of its share link (with the key)", async () => {
    await page.goto(found.shareLink as string);
    expect(await verdictOf(page)).toBe("valid");
    await page.getByRole("region", { name: "Add to a wallet" }).getByTestId("wallet-offer").waitFor();
    const { credential } = await receiveOffer(await offerOnScreen());
    expect(credential).toMatchObject({ credentialSubject: { achievement: { name: CLASS_NAME } } });
    await shots("verify-page");
  });

  it("says why a badge published without its key cannot be offered, on the award result and the badge page", async () => {
    const shareLink = await award({ publish: false });
    found.unpublishedUid = uidOf(shareLink);
    const note = page.getByTestId("wallet-offer-not-published");
    await note.waitFor();
    expect(await note.textContent()).toMatch(/not published with its key, so no wallet can be given its credential/);
    await expect(page.getByTestId("wallet-offer").count()).resolves.toBe(0);
    await shots("award-not-published");
    await page.goto(`${stack.appUrl}/badge/${stack.chainId}/${found.unpublishedUid}`);
    await page.getByRole("heading", { name: CLASS_NAME }).waitFor();
    await page.getByTestId("wallet-offer-not-published").waitFor();
    await expect(page.getByTestId("wallet-offer").count()).resolves.toBe(0);
    await shots("badge-page-not-published");
  });
});
