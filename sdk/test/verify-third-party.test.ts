// verifyBadge on Open Badges that are not ours: the spec's own examples and badges signed by
// other issuers, with their documents served through an injected fetch (no network).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { hexToBytes } from "viem";
import { describe, expect, it } from "vitest";
import { base64urlEncode } from "../src/codecs/base64.ts";
import { type VerificationReport, type VerifyFetch, verifyBadge } from "../src/index.ts";
import { buildControllerDocument } from "../src/proofs/controller.ts";
import { signCredential } from "../src/proofs/dataIntegrity.ts";
import { signingKeyFromSecret } from "../src/proofs/keys.ts";
import { publicKeyToMultibase } from "../src/proofs/multibase.ts";

const fixture = (path: string) => JSON.parse(readFileSync(new URL(`./fixtures/${path}`, import.meta.url), "utf8"));
const stepsOf = (report: VerificationReport) => Object.fromEntries(report.steps.map((s) => [s.id, s.status]));
const messageOf = (report: VerificationReport, id: string) => report.steps.find((s) => s.id === id)?.message ?? "";

/** A fetch that serves fixed documents (and a status per URL), and records what was asked. */
function serve(documents: Record<string, unknown>, statuses: Record<string, number> = {}) {
  const asked: string[] = [];
  const fetch: VerifyFetch = async (url) => {
    asked.push(url);
    const status = statuses[url] ?? (url in documents ? 200 : 404);
    return { ok: status >= 200 && status < 300, status, json: async () => structuredClone(documents[url]) };
  };
  return { fetch, asked };
}

describe("Open Badges 2.0 hosted (the spec's example)", () => {
  const assertion = fixture("ob2/spec-assertion-hosted.json");
  const issuer = fixture("ob2/spec-issuer.json");
  const badgeClass = {
    "@context": "https://w3id.org/openbadges/v2",
    type: "BadgeClass",
    id: "https://example.org/robotics-badge.json",
    name: "Awesome Robotics Badge",
    description: "For doing awesome things with robots that people think is pretty great.",
    image: "https://example.org/robotics-badge.png",
    criteria: "https://example.org/robotics-badge.html",
    issuer: "https://example.org/organization.json",
  };
  const documents = {
    [assertion.id]: assertion,
    [badgeClass.id]: badgeClass,
    [issuer.id]: issuer,
    [issuer.revocationList]: fixture("ob2/spec-revocationlist.json"),
  };

  it("checks it by re-fetching it from its own URL: a genuine badge that is not on chain", async () => {
    const { fetch, asked } = serve(documents);
    const report = await verifyBadge(assertion, { fetch, now: new Date("2017-03-01T00:00:00Z") });
    expect(asked).toContain(assertion.id);
    expect(report.format).toBe("ob2-hosted");
    expect(stepsOf(report)).toMatchObject({
      parse: "passed",
      format: "passed",
      proof: "passed",
      anchor: "warning",
      status: "passed",
      validity: "passed",
    });
    expect(report.verdict).toBe("unanchored");
    const someoneElse = await verifyBadge(assertion, {
      fetch,
      now: new Date("2017-03-01T00:00:00Z"),
      expectedRecipient: { email: "beth@example.org" },
    });
    expect(someoneElse.verdict).toBe("invalid");
    expect(messageOf(someoneElse, "recipient")).toMatch(/not issued to beth@example.org/);
  });

  it("says expired after its expiry date (June 2017)", async () => {
    const report = await verifyBadge(assertion, { fetch: serve(documents).fetch, now: new Date("2026-01-01T00:00:00Z") });
    expect(report.verdict).toBe("expired");
    expect(messageOf(report, "validity")).toMatch(/2017-06-30/);
  });

  it("says revoked, with the reason, when the issuer's server answers 410", async () => {
    const gone = { ...documents, [assertion.id]: fixture("ob2/spec-revoked-hosted-assertion.json") };
    const report = await verifyBadge(assertion, {
      fetch: serve(gone, { [assertion.id]: 410 }).fetch,
      now: new Date("2017-03-01T00:00:00Z"),
    });
    expect(report.verdict).toBe("revoked");
    expect(messageOf(report, "status")).toMatch(/three stacked children in a trenchcoat/);
  });

  it("says revoked when the issuer's revocation list names it", async () => {
    const listed = {
      ...documents,
      [issuer.revocationList]: {
        ...(documents[issuer.revocationList] as object),
        revokedAssertions: [{ id: assertion.id, revocationReason: "Honor code violation" }],
      },
    };
    const report = await verifyBadge(assertion, { fetch: serve(listed).fetch, now: new Date("2017-03-01T00:00:00Z") });
    expect(report.verdict).toBe("revoked");
    expect(messageOf(report, "status")).toMatch(/Honor code violation/);
  });

  it("refuses an assertion hosted on an origin the issuer does not allow", async () => {
    const moved = { ...assertion, id: "https://mallory.example/beth.json" };
    const report = await verifyBadge(moved, {
      fetch: serve({ ...documents, [moved.id]: moved }).fetch,
      now: new Date("2017-03-01T00:00:00Z"),
    });
    expect(report.verdict).toBe("invalid");
    expect(messageOf(report, "proof")).toMatch(/mallory.example.*does not allow/);
  });

  it("says it could not check when the issuer's server is down, never valid", async () => {
    const fetch: VerifyFetch = async () => {
      throw new Error("getaddrinfo ENOTFOUND example.org");
    };
    const report = await verifyBadge(assertion, { fetch, now: new Date("2017-03-01T00:00:00Z") });
    expect(report.verdict).toBe("error");
    expect(messageOf(report, "proof")).toMatch(/could not be fetched/);
  });

  it("says invalid when the hosted copy is gone (404)", async () => {
    const report = await verifyBadge(assertion, { fetch: serve({}).fetch, now: new Date("2017-03-01T00:00:00Z") });
    expect(report.verdict).toBe("invalid");
  });
});

describe("Open Badges 3.0 from other issuers", () => {
  const vector = fixture("ob3/ldp-testvector-signed-credential.json");
  const VECTOR_ISSUER = "https://example.edu/issuers/565049";
  const vectorKey = hexToBytes("0x4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5");
  const controller = buildControllerDocument(VECTOR_ISSUER, [{ publicKey: vectorKey }]);

  it("verifies the spec's signed test vector through the issuer's controller document", async () => {
    const report = await verifyBadge(vector, { fetch: serve({ [VECTOR_ISSUER]: controller }).fetch });
    expect(stepsOf(report)).toMatchObject({ format: "passed", proof: "passed", anchor: "warning", status: "passed", validity: "passed" });
    expect(report.verdict).toBe("unanchored");
  });

  it("says invalid when a claim of the test vector is changed", async () => {
    const report = await verifyBadge({ ...vector, name: "Leadership Badge" }, { fetch: serve({ [VECTOR_ISSUER]: controller }).fetch });
    expect(report.verdict).toBe("invalid");
    expect(stepsOf(report).proof).toBe("failed");
  });

  it("says it could not check when the issuer's controller document cannot be fetched", async () => {
    const report = await verifyBadge(vector, { fetch: serve({}, { [VECTOR_ISSUER]: 503 }).fetch });
    expect(report.verdict).not.toBe("valid");
    expect(report.verdict).not.toBe("unanchored");
  });

  // A did:key issuer needs nothing fetched to check the proof; its status lists are fetched.
  const key = signingKeyFromSecret(new Uint8Array(32).fill(7));
  const did = `did:key:${publicKeyToMultibase(key.publicKey)}`;
  function unsigned(status?: object) {
    const base = fixture("ob3/spec-basic-openbadgecredential-unsigned.json");
    return {
      ...base,
      "@context": [...base["@context"], "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"],
      issuer: { id: did, type: ["Profile"], name: "Other Academy" },
      validFrom: "2024-01-01T00:00:00Z",
      ...(status ? { credentialStatus: status } : {}),
    };
  }
  const sign = (credential: object) =>
    signCredential(credential as never, { secretKey: key.secretKey, verificationMethod: `${did}#${publicKeyToMultibase(key.publicKey)}` });

  /** The issuer's own signed list (an unsigned or foreign one cannot say "not revoked"). */
  function bitstringList(revokedIndex: number) {
    const bits = new Uint8Array(16 * 1024);
    bits[Math.floor(revokedIndex / 8)] |= 1 << (7 - (revokedIndex % 8));
    return sign({
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      id: "https://other.example/status/1",
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      issuer: did,
      validFrom: "2024-01-01T00:00:00Z",
      credentialSubject: { type: "BitstringStatusList", statusPurpose: "revocation", encodedList: `u${base64urlEncode(gzipSync(bits))}` },
    });
  }
  const bitstringEntry = (index: number) => ({
    id: `https://other.example/status/1#${index}`,
    type: "BitstringStatusListEntry",
    statusPurpose: "revocation",
    statusListIndex: String(index),
    statusListCredential: "https://other.example/status/1",
  });

  it("reads a BitstringStatusList: a clear bit stands, a set bit is revoked", async () => {
    const documents = { "https://other.example/status/1": await bitstringList(42) };
    const standing = await verifyBadge(await sign(unsigned(bitstringEntry(41))), { fetch: serve(documents).fetch });
    expect(standing.verdict).toBe("unanchored");
    expect(stepsOf(standing).status).toBe("passed");
    const revoked = await verifyBadge(await sign(unsigned(bitstringEntry(42))), { fetch: serve(documents).fetch });
    expect(revoked.verdict).toBe("revoked");
  });

  it("reads a 1EdTechRevocationList", async () => {
    const credential = await sign(unsigned({ id: "https://other.example/revocations", type: "1EdTechRevocationList" }));
    const list = {
      id: "https://other.example/revocations",
      revokedCredentials: [{ id: (credential as { id?: string }).id, revocationReason: "Plagiarism" }],
    };
    const report = await verifyBadge(credential, { fetch: serve({ "https://other.example/revocations": list }).fetch });
    expect(report.verdict).toBe("revoked");
    expect(messageOf(report, "status")).toMatch(/Plagiarism/);
    const clean = await verifyBadge(credential, {
      fetch: serve({ "https://other.example/revocations": { revokedCredentials: [] } }).fetch,
    });
    expect(clean.verdict).toBe("unanchored");
  });

  it("never says the status is fine when the status list cannot be fetched", async () => {
    const report = await verifyBadge(await sign(unsigned(bitstringEntry(1))), {
      fetch: serve({}, { "https://other.example/status/1": 500 }).fetch,
    });
    expect(report.verdict).toBe("error");
    expect(messageOf(report, "status")).toMatch(/HTTP 500/);
  });

  it("verifies an OB 3.0 VC-JWT whose key is named by a did:key kid", async () => {
    const { publicKey, privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    const jwk = await exportJWK(publicKey);
    const jwtDid = `did:key:${publicKeyToMultibase(Buffer.from(jwk.x!, "base64url"))}`;
    const credential = { ...unsigned(), issuer: { id: jwtDid, type: ["Profile"], name: "JWT Academy" } };
    const jwt = await new SignJWT(credential as never)
      .setProtectedHeader({ alg: "EdDSA", typ: "vc+jwt", kid: `${jwtDid}#${jwtDid.slice(8)}` })
      .sign(privateKey);
    const report = await verifyBadge(jwt);
    expect(report.format).toBe("ob3-jwt");
    expect(stepsOf(report)).toMatchObject({ parse: "passed", format: "passed", proof: "passed" });
    expect(report.verdict).toBe("unanchored");

    const [header, payload] = jwt.split(".");
    const forged = `${header}.${payload}.${base64urlEncode(new Uint8Array(64))}`;
    expect((await verifyBadge(forged)).verdict).toBe("invalid");
  });
});
