// Published credentials leave out the images the chain already holds (sdk/src/chain/published.ts):
// a badge of a class with a 12 kB picture, from an issuer with an 8 kB logo, is published with the
// stand-ins of full-badge links in their place; every reader opens it to the exact credential signed.
// Payload bytes and gas are measured against the same badge published with its images in full (the
// format before), which still opens unchanged.

import { startTestChain, type TestChain } from "@chancery/testing/chain";
import { setUpIssuer, type TestIssuer } from "@chancery/testing/issuer";
import { type Hex, hexToBytes, toHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueAward, prepareBadge } from "../src/award/index.ts";
import { MemoryJournal, openBulkIssue, planBulkIssue, readRecipients } from "../src/bulk/index.ts";
import {
  chainImageReader,
  createBadgeClass,
  issueBadge,
  openPublishedCredential,
  PublishedCredentialError,
  publishStatusListIfMissing,
  readAssertionStatus,
  readNextStatusIndex,
  readPayload,
  updateIssuerProfile,
} from "../src/chain/index.ts";
import { base64urlEncode } from "../src/codecs/base64.ts";
import { badgeAad, decryptCredential, encryptCredential, generateBadgeKey } from "../src/crypto/envelope.ts";
import { buildShareLink, CLASS_IMAGE_IN_LINK, ISSUER_IMAGE_IN_LINK, parseShareLink } from "../src/links/index.ts";
import { readRoster, unlockRoster } from "../src/roster/index.ts";
import { verifyBadge } from "../src/verify/index.ts";

const APP = "https://app.example.org";
let chain: TestChain;
let issuer: TestIssuer;
let classId: number;
let classImage: string;
let logo: string;

const randomImage = (type: string, bytes: number) =>
  `data:${type};base64,${base64urlEncode(crypto.getRandomValues(new Uint8Array(bytes)))
    .replace(/-/g, "+")
    .replace(/_/g, "/")}`;
const options = () => ({ publicClient: chain.publicClient, trust: [{ chainId: 31337, registry: chain.registry }] });
const gasOf = async (hash: Hex) => Number((await chain.publicClient.getTransactionReceipt({ hash })).gasUsed);
/** An award of the pictured class, from the issuer with its logo, as the app builds it. */
const pictured = (name: string) => {
  const base = issuer.award();
  return issuer.award({
    classId,
    issuer: { ...base.issuer, image: logo },
    achievement: { ...base.achievement, name: "Data Literacy III", image: classImage },
    recipient: { email: `${name.toLowerCase().replace(/\W/g, ".")}@example.org`, name },
  });
};

beforeAll(async () => {
  chain = await startTestChain();
  issuer = await setUpIssuer(chain, { name: "Université Exemple" });
  // What the app fits a class picture and a logo to: 12 kB and 8 kB of image bytes (they do not compress).
  classImage = randomImage("image/webp", 12_000);
  logo = randomImage("image/webp", 8_000);
  ({ classId } = await createBadgeClass(issuer.admin, issuer.issuerId, {
    type: ["Achievement"],
    name: "Data Literacy III",
    image: { id: classImage, type: "Image" },
  }));
  await updateIssuerProfile(issuer.admin, issuer.issuerId, {
    type: "Profile",
    name: "Université Exemple",
    image: { id: logo, type: "Image" },
  });
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

/** The same badge published as before this change: the credential with its images in full. */
async function issueWithFullImages(name: string) {
  const statusIndex = await readNextStatusIndex(issuer.admin, classId);
  const award = pictured(name);
  await publishStatusListIfMissing(
    issuer.admin,
    { issuerId: issuer.issuerId, classId, statusIndex },
    { gatewayBase: award.gatewayBase, deployment: award.deployment, signingKey: issuer.signingKey },
  );
  const badge = await prepareBadge({ ...award, statusIndex }, issuer.signingKey);
  const key = generateBadgeKey();
  const payload = toHex(
    await encryptCredential(badge.credential, key, badgeAad({ chainId: 31337, registry: chain.registry, uid: badge.uid })),
  );
  const { hash, blockNumber } = await issueBadge(issuer.admin, {
    classId,
    statusIndex,
    credentialHash: badge.credentialHash,
    recipient: badge.recipient,
    payload,
  });
  const shareLink = buildShareLink({ appBase: APP, chainId: 31337, registry: chain.registry, uid: badge.uid, key });
  return { ...badge, hash, blockNumber, key, shareLink, payload };
}

describe("a published badge leaves its class image and issuer logo on chain", () => {
  it("publishes the stand-ins, opens to the exact signed credential, verifies valid from its share link (bytes and gas printed)", async () => {
    const before = await issueWithFullImages("Ada Lovelace");
    const after = await issueAward(issuer.admin, pictured("Grace Hopper"), issuer.signingKey, { publish: { appBase: APP } });
    const payload = await readPayload(issuer.admin, after.uid, after.blockNumber);
    if (!payload) throw new Error("the award published no payload");
    const bytesBefore = hexToBytes(before.payload).length;
    const bytesAfter = hexToBytes(payload).length;
    const [gasBefore, gasAfter] = [await gasOf(before.hash), await gasOf(after.transactionHash)];
    console.info(
      `published badge, 12 kB class image + 8 kB logo: payload ${bytesBefore} B -> ${bytesAfter} B, issueWithPayload ${gasBefore} -> ${gasAfter} gas`,
    );
    expect(bytesAfter).toBeLessThan(3_000);
    expect(bytesBefore - bytesAfter).toBeGreaterThan(26_000); // both images, base64: 16,000 + 10,667 characters
    expect(gasAfter).toBeLessThan(gasBefore - 400_000);

    // What the chain holds: the stand-ins, not the images.
    const key = parseShareLink(after.shareLink!).key!;
    const carried = await decryptCredential(
      hexToBytes(payload),
      key,
      badgeAad({ chainId: 31337, registry: chain.registry, uid: after.uid }),
    );
    expect(carried).toContain(CLASS_IMAGE_IN_LINK);
    expect(carried).toContain(`${ISSUER_IMAGE_IN_LINK}:`);
    expect(carried).not.toContain(classImage.slice(0, 200));

    // Opened: the credential as signed, byte for byte in its JSON, whether the reader knows the class or not.
    const images = chainImageReader(issuer.admin);
    const at = { chainId: 31337, registry: chain.registry, uid: after.uid };
    const opened = await openPublishedCredential(images, at, payload, key);
    expect(JSON.stringify(opened)).toBe(JSON.stringify(after.credential));
    const status = await readAssertionStatus(issuer.admin, { uid: after.uid });
    expect(await openPublishedCredential(images, { ...at, issuerId: status.issuerId, classId: status.classId }, payload, key)).toEqual(
      after.credential,
    );

    const report = await verifyBadge(after.shareLink!, options());
    expect(report.verdict).toBe("valid");
    expect(report.credential).toEqual(after.credential);
  });

  it("a payload published before, with its images in full, opens and verifies unchanged", async () => {
    const before = await issueWithFullImages("Alan Turing");
    const opened = await openPublishedCredential(
      chainImageReader(issuer.admin),
      { chainId: 31337, registry: chain.registry, uid: before.uid },
      before.payload,
      before.key,
    );
    expect(JSON.stringify(opened)).toBe(JSON.stringify(before.credential));
    const report = await verifyBadge(before.shareLink, options());
    expect(report.verdict).toBe("valid");
    expect(report.credential).toEqual(before.credential);
  });

  it("after the issuer changes its logo, the badge still opens to the logo it was signed with (earlier profile)", async () => {
    const badge = await issueAward(issuer.admin, pictured("Katherine Johnson"), issuer.signingKey, { publish: { appBase: APP } });
    const newLogo = randomImage("image/png", 600);
    await updateIssuerProfile(issuer.admin, issuer.issuerId, {
      type: "Profile",
      name: "Université Exemple",
      image: { id: newLogo, type: "Image" },
    });
    try {
      const report = await verifyBadge(badge.shareLink!, options());
      expect(report.verdict).toBe("valid");
      expect(report.credential).toEqual(badge.credential);
    } finally {
      await updateIssuerProfile(issuer.admin, issuer.issuerId, {
        type: "Profile",
        name: "Université Exemple",
        image: { id: logo, type: "Image" },
      });
    }
  });

  it("a wrong key is said as such, not as a damaged badge", async () => {
    const badge = await issueAward(issuer.admin, pictured("Hedy Lamarr"), issuer.signingKey, { publish: { appBase: APP } });
    const payload = (await readPayload(issuer.admin, badge.uid, badge.blockNumber)) as Hex;
    const wrong = await openPublishedCredential(
      chainImageReader(issuer.admin),
      { chainId: 31337, registry: chain.registry, uid: badge.uid },
      payload,
      generateBadgeKey(),
    ).catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(PublishedCredentialError);
    expect((wrong as PublishedCredentialError).problem).toBe("key-does-not-open");
  });

  it("an array batch publishes them too: gas per badge printed, each opens from its link and from the roster", async () => {
    const roster = await unlockRoster(issuer.admin, { signer: issuer.admin.wallet });
    const base = pictured("x");
    const setup = {
      rows: readRecipients(
        "email,name\nmary@example.org,Mary Jackson\ndorothy@example.org,Dorothy Vaughan\nannie@example.org,Annie Easley\n",
      ),
      settings: { chainId: 31337, registry: chain.registry, classId, mode: "batch" as const, publish: true, gatewayBase: base.gatewayBase },
      issuer: base.issuer,
      achievement: base.achievement,
      appBase: APP,
    };
    // The plan sizes payloads without the images when the caller says what the chain holds (as the app does).
    const counted = planBulkIssue(setup);
    const planned = planBulkIssue({ ...setup, chainImages: { classImage, issuerImage: logo } });
    console.info(
      `bulk plan, payload per badge: ${counted.payloadBytes} B with the images counted, ${planned.payloadBytes} B left on chain; ` +
        `${counted.size} -> ${planned.size} badges a transaction; estimate ${counted.gas / 3n} -> ${planned.gas / 3n} gas per badge`,
    );
    expect(counted.payloadBytes).toBeGreaterThan(28_000);
    expect(planned.payloadBytes).toBeLessThan(3_500);
    expect(planned.size).toBeGreaterThan(counted.size);
    const bulk = await openBulkIssue({ ...setup, journal: new MemoryJournal(), chainImages: { classImage, issuerImage: logo } });
    await bulk.run({ ctx: issuer.admin, signingKey: issuer.signingKey, roster });
    const results = bulk.results();
    expect(results).toHaveLength(3);
    const blocks = await Promise.all(
      results.map(async (r) => (await readAssertionStatus(issuer.admin, { uid: r.uid as Hex })).issuedBlock),
    );
    expect(new Set(blocks).size).toBe(1); // one transaction (the node mines one a block)
    const block = await chain.publicClient.getBlock({ blockNumber: blocks[0] as bigint });
    expect(block.transactions).toHaveLength(1);
    const gas = await gasOf(block.transactions[0] as Hex);
    console.info(
      `array batch of 3 published badges (12 kB class image + 8 kB logo left on chain): ${Math.round(gas / 3)} gas per badge (estimated ${planned.gas / 3n})`,
    );
    expect(gas / 3).toBeLessThan(200_000);
    // The estimate is an upper bound, not far above what the chain took.
    expect(Number(planned.gas)).toBeGreaterThanOrEqual(gas);
    expect(Number(planned.gas)).toBeLessThan(gas * 2);
    for (const r of results) {
      const report = await verifyBadge(r.shareLink!, options());
      expect(report.verdict).toBe("valid");
      expect(report.credential).toEqual(r.credential);
    }
    const opened = await readRoster(
      issuer.admin,
      roster,
      results.map((r) => ({ uid: r.uid as Hex, blockNumber: blocks[0] as bigint })),
    );
    for (const r of results) {
      const entry = opened.get(r.uid as Hex);
      expect(entry?.state).toBe("named");
      expect(entry?.state === "named" && entry.credential).toEqual(r.credential);
    }
  });

  it("a run planned with images the chain does not hold stops before sending, saying so", async () => {
    const base = pictured("x");
    const bulk = await openBulkIssue({
      journal: new MemoryJournal(),
      rows: readRecipients("email,name\nmae@example.org,Mae Jemison\n"),
      settings: { chainId: 31337, registry: chain.registry, classId, mode: "batch", publish: true, gatewayBase: base.gatewayBase },
      issuer: base.issuer,
      achievement: base.achievement,
      appBase: APP,
      chainImages: { classImage: randomImage("image/png", 100), issuerImage: logo },
    });
    const outcome = await bulk.run({ ctx: issuer.admin, signingKey: issuer.signingKey }).catch((error: unknown) => error);
    const said = outcome instanceof Error ? outcome.message : JSON.stringify(bulk.results().map((r) => r.error));
    expect(said).toMatch(/planned with is not the one on chain/);
    expect(bulk.results()[0]?.status).not.toBe("issued");
  });
});
