// Full-badge links that carry the credential itself (`#c=`, for Merkle-batched badges, whose content is
// not on chain): the codec (round trip, sizes measured, limits, hostile values), then a real Merkle
// batch on a Hardhat node verified from its links as a dropped file would be.

import { createHash } from "node:crypto";
import { deployRegistry, startTestChain, type TestChain } from "@chancery/testing/chain";
import { setUpIssuer, type TestIssuer } from "@chancery/testing/issuer";
import { deflateSync } from "fflate";
import { keccak256, toHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anchorMerkleBatch } from "../src/award/index.ts";
import { createBadgeClass, revokeBadge, updateIssuerProfile } from "../src/chain/index.ts";
import { base64urlEncode } from "../src/codecs/base64.ts";
import {
  buildShareLink,
  CLASS_IMAGE_IN_LINK,
  decodeLinkCredential,
  encodeLinkCredential,
  ISSUER_IMAGE_IN_LINK,
  LINK_DICTIONARY_V1,
  LinkError,
  MAX_FULL_LINK_LENGTH,
  MAX_LINK_CREDENTIAL_BYTES,
  parseShareLink,
  QR_MAX_LINK_LENGTH,
} from "../src/links/index.ts";
import { type VerificationReport, verifyBadge } from "../src/verify/index.ts";

const APP = "https://app.example.org";
let chain: TestChain;
let issuer: TestIssuer;
let batch: Awaited<ReturnType<typeof anchorMerkleBatch>>;
const options = () => ({ publicClient: chain.publicClient, trust: [{ chainId: 31337, registry: chain.registry }] });
const stepsOf = (report: VerificationReport) => Object.fromEntries(report.steps.map((s) => [s.id, s.status]));
const parseStep = (report: VerificationReport) => report.steps.find((s) => s.id === "parse");
const fullLink = (index: number, credential: object = batch.badges[index]!.credential) =>
  buildShareLink({
    appBase: APP,
    chainId: 31337,
    registry: chain.registry,
    uid: batch.badges[index]!.uid,
    batchId: batch.batchId,
    credential,
  });

function linkErrorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof LinkError) return e.code;
    throw e;
  }
  throw new Error("expected a LinkError, nothing was thrown");
}

beforeAll(async () => {
  chain = await startTestChain();
  issuer = await setUpIssuer(chain, { name: "Université Exemple" });
  batch = await anchorMerkleBatch(issuer.admin, {
    classId: issuer.classId,
    batchKey: keccak256(toHex("full-link cohort")),
    signingKey: issuer.signingKey,
    awards: [
      issuer.award({ recipient: { email: "ada.lovelace@example.org", name: "Ada Lovelace", wallet: chain.wallets[5].account!.address } }),
      issuer.award({ recipient: { email: "grace@example.org", name: "Grace Hopper" } }),
      // A worst case an issuer may really write: long names and a long description and criteria.
      issuer.award({
        recipient: { email: "maria.salome.sklodowska-curie@universite-exemple.example.org", name: "Maria Salomea Skłodowska-Curie" },
        achievement: {
          name: "Advanced Data Literacy — Statistics, Visualisation and Reproducible Research Methods",
          description: "Reads, cleans and charts a real data set; ".repeat(12),
          criteria: {
            narrative: "Passed the practical exam under supervision, with a written report reviewed by two examiners. ".repeat(6),
          },
        },
      }),
    ],
  });
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

describe("the credential in a link (#c=)", () => {
  it("keeps the link's dictionary as it is: every link ever shared depends on it", () => {
    expect(createHash("sha256").update(LINK_DICTIONARY_V1).digest("hex")).toBe(
      "15e4671e428667c9d51d2713bcc14e6d234835430d609491c038863f4efe15d8",
    );
  });

  it("round-trips a Merkle credential byte for byte, in the fragment only", () => {
    const credential = batch.badges[0]!.credential;
    const link = fullLink(0);
    const url = new URL(link);
    expect(url.hash.startsWith("#c=")).toBe(true);
    expect(url.pathname + url.search).toBe(`/verify/31337/${chain.registry}/${batch.badges[0]!.uid}?batch=${batch.batchId}`);
    const parsed = parseShareLink(link);
    expect(parsed.credential).toBe(JSON.stringify(credential));
    expect(parsed.key).toBeUndefined();
    expect(parsed.batchId).toBe(batch.batchId);
  });

  it("is short enough for a QR code for a typical badge, and the dictionary saves a third (figures printed)", () => {
    const typical = JSON.stringify(batch.badges[0]!.credential);
    const plain = base64urlEncode(deflateSync(new TextEncoder().encode(typical), { level: 9 })).length;
    const typicalLink = fullLink(0).length;
    const worstLink = fullLink(2).length;
    console.info(
      `full link: typical Merkle credential ${typical.length} B JSON → link ${typicalLink} chars (fragment ${encodeLinkCredential(batch.badges[0]!.credential).length}, ${plain} without the dictionary); long texts ${JSON.stringify(batch.badges[2]!.credential).length} B → ${worstLink} chars`,
    );
    expect(typicalLink).toBeLessThanOrEqual(QR_MAX_LINK_LENGTH);
    expect(encodeLinkCredential(batch.badges[0]!.credential).length).toBeLessThan(plain * 0.75);
    expect(worstLink).toBeLessThan(MAX_FULL_LINK_LENGTH);
  });

  it("refuses to build a link too long to share, and a link with both a key and a credential", () => {
    // Random text does not compress: ~12 kB of it cannot fit in 8,000 characters.
    const bulky = { ...batch.badges[0]!.credential, description: base64urlEncode(crypto.getRandomValues(new Uint8Array(9000))) };
    expect(linkErrorCode(() => fullLink(0, bulky))).toBe("link-too-long");
    expect(
      linkErrorCode(() =>
        buildShareLink({
          appBase: APP,
          chainId: 1,
          registry: chain.registry,
          uid: batch.badges[0]!.uid,
          key: "A".repeat(43),
          credential: {},
        }),
      ),
    ).toBe("link-bad-credential");
  });

  it("refuses hostile values with a clear code: bad base64url, corrupt data, a bomb, two badges, a key beside it, too long", () => {
    const head = `${APP}/verify/31337/${chain.registry}/${batch.badges[0]!.uid}`;
    const value = encodeLinkCredential(batch.badges[0]!.credential);
    // 8 MB of one letter deflates to ~8 kB; its first slices already pass the cap.
    const bomb = base64urlEncode(deflateSync(new Uint8Array(8 * 1024 * 1024).fill(0x41), { level: 9 }));
    const justOver = base64urlEncode(deflateSync(new Uint8Array(MAX_LINK_CREDENTIAL_BYTES + 1).fill(0x20), { level: 9 }));
    expect(decodeLinkCredential(value.slice(0, -1).concat("*"))).toEqual({ problem: "not-base64url" });
    expect(decodeLinkCredential("")).toEqual({ problem: "not-base64url" });
    expect(decodeLinkCredential(value.slice(0, value.length / 2 - ((value.length / 2) % 4)))).toEqual({ problem: "corrupt" });
    expect(decodeLinkCredential(base64urlEncode(new Uint8Array(40).fill(0xff)))).toEqual({ problem: "corrupt" });
    expect(decodeLinkCredential(justOver)).toEqual({ problem: "too-large" });
    expect(decodeLinkCredential(base64urlEncode(deflateSync(new Uint8Array([0xc3, 0x28]))))).toEqual({ problem: "not-utf8" });
    const started = performance.now();
    expect(decodeLinkCredential(bomb)).toEqual({ problem: "too-large" });
    expect(performance.now() - started).toBeLessThan(500);
    expect(linkErrorCode(() => parseShareLink(`${head}#c=${value}*`))).toBe("link-bad-credential");
    expect(linkErrorCode(() => parseShareLink(`${head}#c=${value}&c=${value}`))).toBe("link-bad-credential");
    expect(linkErrorCode(() => parseShareLink(`${head}#c=${value}&k=${"A".repeat(43)}`))).toBe("link-bad-credential");
    expect(linkErrorCode(() => parseShareLink(`${head}#c=${justOver}`))).toBe("link-credential-too-large");
    expect(linkErrorCode(() => parseShareLink(`${head}#c=${"A".repeat(MAX_FULL_LINK_LENGTH + 300)}`))).toBe("link-too-long");
  });
});

describe("a Merkle badge's full link verifies like its file", () => {
  it("valid: format, proof, Merkle inclusion on chain, issuer, status, validity — the credential shown", async () => {
    const link = fullLink(0);
    const [fromLink, fromFile] = await Promise.all([
      verifyBadge(link, options()),
      verifyBadge(new TextEncoder().encode(JSON.stringify(batch.badges[0]!.credential)), options()),
    ]);
    expect(fromLink.verdict).toBe("valid");
    expect(stepsOf(fromLink)).toEqual({ ...stepsOf(fromFile), parse: "passed" });
    expect(parseStep(fromLink)?.code).toBe("parse.read-share-link-credential");
    expect(fromLink.anchor?.batchId).toBe(batch.batchId);
    expect(fromLink.credential).toEqual(batch.badges[0]!.credential);
  });

  it("the badge of another learner under this link's uid: invalid (it hashes to another badge)", async () => {
    const swapped = buildShareLink({
      appBase: APP,
      chainId: 31337,
      registry: chain.registry,
      uid: batch.badges[0]!.uid,
      batchId: batch.batchId,
      credential: batch.badges[1]!.credential,
    });
    const report = await verifyBadge(swapped, options());
    expect(report.verdict).toBe("invalid");
    expect(report.steps.find((s) => s.id === "anchor")?.code).toBe("anchor.altered-for-link");
  });

  it("a credential naming another registry than its link: invalid at parse (link-credential-other-badge)", async () => {
    // A second registry the verifier trusts too, so the refusal is the mismatch, not the trust.
    const other = await deployRegistry(chain.wallets[0]!, chain.publicClient);
    const link = buildShareLink({
      appBase: APP,
      chainId: 31337,
      registry: other.contractAddress as string,
      uid: batch.badges[0]!.uid,
      batchId: batch.batchId,
      credential: batch.badges[0]!.credential,
    });
    const report = await verifyBadge(link, {
      publicClient: chain.publicClient,
      trust: [
        { chainId: 31337, registry: chain.registry },
        { chainId: 31337, registry: other.contractAddress as `0x${string}` },
      ],
    });
    expect([report.verdict, parseStep(report)?.code]).toEqual(["invalid", "parse.link-credential-other-badge"]);
  });

  it("an altered credential (another name): invalid at the proof", async () => {
    const credential = structuredClone(batch.badges[1]!.credential) as unknown as {
      credentialSubject: { identifier: { identityHash: string }[] };
    };
    credential.credentialSubject.identifier[1]!.identityHash = "Mallory";
    const report = await verifyBadge(fullLink(1, credential), options());
    expect(report.verdict).toBe("invalid");
    expect(stepsOf(report).proof).toBe("failed");
  });

  it("damaged, oversized or non-JSON content: refused at parse, with its code, never fetched as a hosted URL", async () => {
    const head = `${APP}/verify/31337/${chain.registry}/${batch.badges[0]!.uid}?batch=${batch.batchId}`;
    const value = encodeLinkCredential(batch.badges[0]!.credential);
    const cut = await verifyBadge(`${head}#c=${value.slice(0, 300)}`, options());
    expect([cut.verdict, parseStep(cut)?.code]).toEqual(["invalid", "parse.link-credential-damaged"]);
    // 1 MB of "{" in a 1.4 kB link: a bomb that fits in a link.
    const bomb = base64urlEncode(deflateSync(new Uint8Array(1024 * 1024).fill(0x7b), { level: 9 }));
    const big = await verifyBadge(`${head}#c=${bomb}`, options());
    expect([big.verdict, parseStep(big)?.code]).toEqual(["invalid", "parse.link-credential-too-large"]);
    const long = await verifyBadge(`${head}#c=${"A".repeat(MAX_FULL_LINK_LENGTH + 300)}`, options());
    expect([long.verdict, parseStep(long)?.code]).toEqual(["invalid", "parse.link-too-long"]);
    const notJson = await verifyBadge(`${head}#c=${base64urlEncode(deflateSync(new TextEncoder().encode('{"a":1,"a":2}')))}`, options());
    expect(notJson.verdict).toBe("invalid");
    expect(parseStep(notJson)?.code).toBe("parse.json-refused");
  });

  it("the class image stays on chain: the link carries a stand-in, the verifier puts the class's image back (valid)", async () => {
    // 12 kB of image bytes, as the app stores a class picture: they do not compress, and would not fit in a link.
    const image = `data:image/webp;base64,${base64urlEncode(crypto.getRandomValues(new Uint8Array(12_000)))
      .replace(/-/g, "+")
      .replace(/_/g, "/")}`;
    const { classId } = await createBadgeClass(issuer.admin, issuer.issuerId, {
      type: ["Achievement"],
      name: "Data Literacy II",
      image: { id: image, type: "Image" },
    });
    const base = issuer.award();
    const pictured = await anchorMerkleBatch(issuer.admin, {
      classId,
      batchKey: keccak256(toHex("pictured cohort")),
      signingKey: issuer.signingKey,
      awards: [issuer.award({ classId, achievement: { ...base.achievement, name: "Data Literacy II", image } })],
    });
    const badge = pictured.badges[0]!;
    const at = { appBase: APP, chainId: 31337, registry: chain.registry, uid: badge.uid, batchId: pictured.batchId };
    expect(linkErrorCode(() => buildShareLink({ ...at, credential: badge.credential }))).toBe("link-too-long");
    const link = buildShareLink({ ...at, credential: badge.credential, classImage: image });
    console.info(
      `full link with the class image left on chain: ${link.length} chars (the credential is ${JSON.stringify(badge.credential).length} B)`,
    );
    expect(link.length).toBeLessThanOrEqual(QR_MAX_LINK_LENGTH);
    expect(parseShareLink(link).credential).toContain(CLASS_IMAGE_IN_LINK);
    const report = await verifyBadge(link, options());
    expect(report.verdict).toBe("valid");
    expect(report.credential).toEqual(badge.credential);
  });

  it("the issuer's logo stays on chain too, and a link made before the logo changed still verifies (earlier profile)", async () => {
    const randomImage = (type: string, bytes: number) =>
      `data:${type};base64,${base64urlEncode(crypto.getRandomValues(new Uint8Array(bytes)))
        .replace(/-/g, "+")
        .replace(/_/g, "/")}`;
    const logo = randomImage("image/webp", 8_000);
    await updateIssuerProfile(issuer.admin, issuer.issuerId, {
      type: "Profile",
      name: "Université Exemple",
      image: { id: logo, type: "Image" },
    });
    const base = issuer.award();
    const logoBatch = await anchorMerkleBatch(issuer.admin, {
      classId: issuer.classId,
      batchKey: keccak256(toHex("logo cohort")),
      signingKey: issuer.signingKey,
      awards: [issuer.award({ issuer: { ...base.issuer, image: logo } })],
    });
    const badge = logoBatch.badges[0]!;
    const link = buildShareLink({
      appBase: APP,
      chainId: 31337,
      registry: chain.registry,
      uid: badge.uid,
      batchId: logoBatch.batchId,
      credential: badge.credential,
      issuerImage: logo,
    });
    console.info(`full link with the issuer's 8 kB logo left on chain: ${link.length} chars`);
    expect(link.length).toBeLessThanOrEqual(QR_MAX_LINK_LENGTH);
    expect(parseShareLink(link).credential).toContain(`${ISSUER_IMAGE_IN_LINK}:`);
    expect((await verifyBadge(link, options())).verdict).toBe("valid");
    // A new logo: the link names the old one by its digest, found in the profile's earlier version.
    await updateIssuerProfile(issuer.admin, issuer.issuerId, {
      type: "Profile",
      name: "Université Exemple",
      image: { id: randomImage("image/png", 500), type: "Image" },
    });
    const later = await verifyBadge(link, options());
    expect(later.verdict).toBe("valid");
    expect(later.credential).toEqual(badge.credential);
  });

  it("a stand-in for a class image the class does not have: invalid at the proof", async () => {
    const credential = structuredClone(batch.badges[1]!.credential) as unknown as {
      credentialSubject: { achievement: Record<string, unknown> };
    };
    credential.credentialSubject.achievement.image = { id: CLASS_IMAGE_IN_LINK, type: "Image" };
    const report = await verifyBadge(fullLink(1, credential), options());
    expect(report.verdict).toBe("invalid");
    expect(stepsOf(report).proof).toBe("failed");
  });

  it("a revoked Merkle badge's full link: revoked", async () => {
    await revokeBadge(issuer.admin, {
      uid: batch.badges[2]!.uid,
      batch: { batchId: batch.batchId, proof: batch.badges[2]!.proof },
      reason: "Awarded by mistake",
      code: "issued-in-error",
    });
    const report = await verifyBadge(fullLink(2), options());
    expect(report.verdict).toBe("revoked");
  });
});
