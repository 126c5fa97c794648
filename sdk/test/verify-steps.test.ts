// The verification steps one check at a time: each check either records its step or throws a
// VerificationStepError tagged with that step and the verdict it leads to. (verify.test.ts and
// verify-third-party.test.ts cover whole badges end to end.)
import { readFileSync } from "node:fs";
import { deflateRawSync, gzipSync } from "node:zlib";
import { type Hex, zeroHash } from "viem";
import { describe, expect, it } from "vitest";
import type { AssertionStatus } from "../src/chain/registry.ts";
import { hashIdentity } from "../src/documents/recipient.ts";
import { isVc11Credential, validateOb3Credential, validateReceivedOb3Credential } from "../src/documents/validateOb3.ts";
import { type FetchLike, fetchHosted, fetchJson } from "../src/verify/fetch.ts";
import { readInput } from "../src/verify/inputs/read.ts";
import { failuresOf, recordFailure, reportOf, startRun } from "../src/verify/run.ts";
import { checkExpectedUid, checkIdNamesUid, checkRecorded, recipientWallet } from "../src/verify/steps/anchor.ts";
import { checkOb3Format, hostedId } from "../src/verify/steps/format.ts";
import { checkIssuer } from "../src/verify/steps/issuer.ts";
import { badgeText, documentKind, jsonObject, jwsKind, jwsPayload } from "../src/verify/steps/parse.ts";
import { checkHostedOrigin } from "../src/verify/steps/proof.ts";
import { checkRecipient } from "../src/verify/steps/recipient.ts";
import { checkOb2RevocationList } from "../src/verify/steps/status.ts";
import { checkBitstring, checkThirdPartyStatus, decodeBitstring } from "../src/verify/steps/statusLists.ts";
import { checkOb2Validity, checkValidity, dateOf } from "../src/verify/steps/validity.ts";
import { said, VerificationStepError } from "../src/verify/steps.ts";
import type { VerifyOptions } from "../src/verify/types.ts";

const REGISTRY = "0x00000000000000000000000000000000000000b1";
const UID: Hex = `0x${"ab".repeat(32)}`;
const OTHER_UID: Hex = `0x${"cd".repeat(32)}`;
const NOW = new Date("2026-01-01T00:00:00Z");
const seconds = (iso: string) => Date.parse(iso) / 1000;

/** What a check threw: its step, verdict and message. */
function failureOf(check: () => unknown) {
  try {
    check();
  } catch (error) {
    if (error instanceof VerificationStepError)
      return { step: error.step, verdict: error.verdict, message: error.message, stepCode: error.stepCode };
    throw error;
  }
  throw new Error("the check did not fail");
}
async function asyncFailureOf(check: () => Promise<unknown>) {
  const error = await check().then(
    () => new Error("the check did not fail"),
    (thrown: unknown) => thrown,
  );
  if (error instanceof VerificationStepError) return { step: error.step, verdict: error.verdict, message: error.message };
  throw error;
}

const runWith = (options: VerifyOptions = {}) => startRun({ now: NOW, fetch: serve({}), ...options });
const stepOf = (run: ReturnType<typeof startRun>, id: string) => run.log.steps.find((step) => step.id === id);

function status(overrides: Partial<AssertionStatus> = {}): AssertionStatus {
  return {
    exists: true,
    issuerId: 7,
    issuerStatus: "accredited",
    classId: 1,
    classHash: zeroHash,
    classRetired: false,
    batchId: undefined,
    issuedAt: seconds("2025-01-01T00:00:00Z"),
    issuedBlock: 10n,
    expiresAt: undefined,
    revokedAt: undefined,
    revokedBlock: undefined,
    revocationReason: undefined,
    erased: false,
    keyValidAtIssue: true,
    ...overrides,
  };
}

/** A fetch serving fixed bodies (a function body throws when read: not JSON), with a status per URL. */
function serve(documents: Record<string, unknown>, statuses: Record<string, number> = {}): FetchLike {
  return async (url) => {
    const code = statuses[url] ?? (url in documents ? 200 : 404);
    const body = documents[url];
    return { ok: code >= 200 && code < 300, status: code, json: async () => (typeof body === "function" ? body() : structuredClone(body)) };
  };
}
const notJson = () => {
  throw new SyntaxError("Unexpected token <");
};

describe("run", () => {
  it("records a failed check under its step, and an unexpected problem as error in the next step", () => {
    const run = runWith();
    run.log.passed("parse", "read");
    recordFailure(run, new TypeError("boom"));
    expect(stepOf(run, "format")).toMatchObject({ status: "failed", message: expect.stringMatching(/unexpected problem: boom/) });
    expect(reportOf(run).verdict).toBe("error");

    const tagged = runWith();
    recordFailure(
      tagged,
      failuresOf("status")(said("status.revoked-by-host", { reason: "gone" }, "Revoked by the issuer: “gone”."), "revoked"),
    );
    expect(stepOf(tagged, "status")).toMatchObject({ status: "failed", code: "status.revoked-by-host", params: { reason: "gone" } });
    expect(reportOf(tagged).verdict).toBe("revoked");
  });

  it("reports every step in order, those never reached as skipped, and hides an erased badge's credential", () => {
    const run = runWith();
    run.credential = { secret: true };
    run.log.failed("status", "erased", "erased");
    run.log.passed("parse", "read");
    const report = reportOf(run);
    expect(report.steps.map((step) => step.id)).toEqual([
      "parse",
      "format",
      "proof",
      "anchor",
      "issuer",
      "status",
      "validity",
      "recipient",
    ]);
    expect(report.steps.filter((step) => step.status === "skipped")).toHaveLength(6);
    expect(report.verdict).toBe("erased");
    expect(report.credential).toBeUndefined();
  });
});

describe("fetch: the one HTTP fetcher", () => {
  const fail = failuresOf("status");
  const URL_ = "https://issuer.example/list.json";

  it("returns the JSON, and fails in the calling step: gone is invalid, could-not-ask is error", async () => {
    expect(await fetchJson({ fetch: serve({ [URL_]: { a: 1 } }), fail }, URL_, "the list")).toEqual({ a: 1 });
    const cases: [FetchLike | undefined, string, string, RegExp][] = [
      [serve({}), URL_, "invalid", /The list at .* answered HTTP 404/],
      [serve({ [URL_]: {} }, { [URL_]: 410 }), URL_, "invalid", /HTTP 410/],
      [serve({ [URL_]: {} }, { [URL_]: 503 }), URL_, "error", /HTTP 503/],
      [serve({ [URL_]: notJson }), URL_, "invalid", /is not JSON/],
      [async () => Promise.reject(new Error("ECONNREFUSED")), URL_, "error", /could not be fetched \(ECONNREFUSED\)/],
      [undefined, URL_, "error", /No way to fetch the list/],
      [serve({}), "ipfs://bafy", "error", /not an http\(s\) URL/],
    ];
    for (const [fetch, url, verdict, message] of cases) {
      const failure = await asyncFailureOf(() => fetchJson({ fetch, fail }, url, "the list"));
      expect(failure).toMatchObject({ step: "status", verdict });
      expect(failure.message).toMatch(message);
    }
  });

  it("hands a hosted document's 410 back with the issuer's reason, and wants a JSON object otherwise", async () => {
    const at = "https://issuer.example/assertions/1";
    const gone = await fetchHosted(
      { fetch: serve({ [at]: { revocationReason: "Cheated" } }, { [at]: 410 }), fail },
      at,
      "hosted-assertion",
    );
    expect(gone).toEqual({ revoked: true, reason: "Cheated" });
    const silent = await fetchHosted({ fetch: serve({ [at]: "" }, { [at]: 410 }), fail }, at, "hosted-assertion");
    expect(silent).toEqual({ revoked: true, reason: undefined });
    const failure = await asyncFailureOf(() => fetchHosted({ fetch: serve({ [at]: [1, 2] }), fail }, at, "hosted-assertion"));
    expect(failure).toMatchObject({ step: "status", verdict: "invalid", message: expect.stringMatching(/did not return a JSON document/) });
  });
});

describe("parse", () => {
  it("reads what was given into a document, a JWS, a share link or a hosted URL", () => {
    // The source is a word of TERMS.source (said in English by the message, translated by the app).
    expect(readInput({ type: "Assertion" })).toMatchObject({ kind: "document", source: "object" });
    expect(readInput(new TextEncoder().encode(' {"type":"Assertion"} ').buffer)).toMatchObject({ kind: "document", source: "file" });
    expect(readInput("eyJhIjoxfQ.eyJhIjoxfQ.c2ln")).toMatchObject({ kind: "jws" });
    expect(readInput(`https://app.example/verify/1/${REGISTRY}/${UID}`)).toMatchObject({
      kind: "share-link",
      link: { chainId: 1, uid: UID },
    });
    expect(readInput("https://issuer.example/assertions/1")).toEqual({ kind: "hosted-url", url: "https://issuer.example/assertions/1" });
    expect(failureOf(() => readInput(42))).toMatchObject({
      step: "parse",
      stepCode: "parse.nothing",
      message: expect.stringMatching(/Nothing to verify/),
    });
  });

  it("refuses empty, oversized and non-object JSON text", () => {
    expect(failureOf(() => badgeText(" \n ", "text")).message).toMatch(/empty/);
    expect(failureOf(() => badgeText(`{${" ".repeat(2 * 1024 * 1024)}1}`, "text")).message).toMatch(/at most 2097152/);
    expect(failureOf(() => jsonObject("[1]", "text"))).toMatchObject({
      step: "parse",
      verdict: "invalid",
      message: "The badge JSON must be an object.",
    });
  });

  it("tells the Open Badges apart by their type", () => {
    expect(documentKind({ type: ["VerifiableCredential", "AchievementCredential"] })).toBe("ob3");
    expect(documentKind({ "@type": "Assertion" })).toBe("ob2");
    expect(failureOf(() => documentKind({ type: "VerifiableCredential" })).message).toMatch(/not an Open Badge/);
    expect(jwsKind({ vc: { type: ["OpenBadgeCredential"] } })).toBe("ob3");
    expect(jwsKind({ recipient: { identity: "x" } })).toBe("ob2");
    expect(failureOf(() => jwsKind({ sub: "someone" })).step).toBe("parse");
    expect(failureOf(() => jwsPayload("e30.bm90IGpzb24.x", "text")).message).toMatch(/no readable JSON payload/);
  });
});

describe("format", () => {
  it("wants an https id for a hosted assertion", () => {
    expect(hostedId({ id: "https://issuer.example/a/1" })).toBe("https://issuer.example/a/1");
    expect(failureOf(() => hostedId({ id: "http://issuer.example/a/1" }))).toMatchObject({ step: "format", verdict: "invalid" });
  });
  // Other issuers' credentials: the spec's basic OpenBadgeCredential, as VC 2.0 and rewritten in the VC 1.1 data model.
  const basic = JSON.parse(readFileSync(new URL("./fixtures/ob3/spec-basic-openbadgecredential-unsigned.json", import.meta.url), "utf8"));
  const { validFrom, ...undated } = basic;
  const vc11 = {
    ...undated,
    "@context": ["https://www.w3.org/2018/credentials/v1", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json"],
    issuanceDate: validFrom,
  };
  const problemsOf = (credential: object) => validateReceivedOb3Credential(credential).map((p) => p.message);

  it("reads a VC 1.1 OB 3.0 credential: issuanceDate (required) and expirationDate for validFrom / validUntil", () => {
    expect(isVc11Credential(vc11)).toBe(true);
    expect(problemsOf(vc11)).toEqual([]);
    expect(problemsOf({ ...vc11, expirationDate: "2011-01-01T00:00:00Z" })).toEqual([]);
    const run = runWith();
    checkOb3Format(run, vc11);
    expect(stepOf(run, "format")?.message).toMatch(/as a VC 1\.1 credential/);
    expect(problemsOf({ ...vc11, issuanceDate: undefined })).toEqual([
      'The credential (VC 1.1, credentials/v1) is missing the required property "issuanceDate".',
    ]);
    expect(problemsOf({ ...vc11, validFrom })).toEqual([expect.stringMatching(/issuanceDate \/ expirationDate; validFrom is VC 2\.0/)]);
    expect(problemsOf({ ...vc11, expirationDate: "next year" })).toEqual([expect.stringMatching(/^expirationDate must be an ISO 8601/)]);
    expect(problemsOf({ ...vc11, expirationDate: "2009-01-01T00:00:00Z" })).toEqual([
      "expirationDate (2009-01-01T00:00:00Z) must not be before issuanceDate (2010-01-01T00:00:00Z).",
    ]);
    // A VC 2.0 credential still needs validFrom.
    expect(problemsOf(undated)).toEqual([expect.stringMatching(/missing the required property "validFrom"/)]);
  });

  it("accepts what JSON-LD reads the same (one value for a list of one, several status entries), nothing else", () => {
    expect(problemsOf({ ...basic, issuer: { ...basic.issuer, type: "Profile" } })).toEqual([]);
    expect(validateOb3Credential({ ...basic, issuer: { ...basic.issuer, type: "Profile" } })).not.toEqual([]);
    const entry = (i: number) => ({ id: `https://x.example/s#${i}`, type: "BitstringStatusListEntry" });
    expect(problemsOf({ ...basic, credentialStatus: [entry(1), entry(2)] })).toEqual([]);
    expect(problemsOf({ ...basic, credentialStatus: [entry(1), { type: "BitstringStatusListEntry" }] })).toEqual([
      'credentialStatus[1] is missing the required property "id".',
    ]);
    expect(problemsOf({ ...basic, issuer: { ...basic.issuer, type: ["Organization"] } })).not.toEqual([]);
  });

  it("wants each proof of a known type, naming its key by a URL", () => {
    const proof = { type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022", verificationMethod: "did:key:z6Mk1#z6Mk1" };
    expect(problemsOf({ ...basic, proof })).toEqual([]);
    expect(problemsOf({ ...basic, proof: [{ type: "SomeProofType" }, proof] })).toEqual([
      'proof[0] is of type "SomeProofType", which no bundled context defines, so the credential is not valid JSON-LD.',
    ]);
    expect(problemsOf({ ...basic, proof: { ...proof, verificationMethod: "z6MkNoScheme" } })).toEqual([
      'proof.verificationMethod must be the URL of the signing key; got "z6MkNoScheme".',
    ]);
  });
});

describe("proof: hosted verification's allowed origins", () => {
  const assertion = (id: string) => ({ id, badge: { issuer: "https://issuer.example/profile" } });
  const profile = (verification?: object) =>
    serve({ "https://issuer.example/profile": { id: "https://issuer.example/profile", ...(verification ? { verification } : {}) } });

  it("allows the issuer's own host when the profile lists nothing, and only what it lists otherwise", async () => {
    await expect(checkHostedOrigin(runWith({ fetch: profile() }), assertion("https://issuer.example/a/1"))).resolves.toMatchObject({
      id: "https://issuer.example/profile",
    });
    expect(
      await asyncFailureOf(() => checkHostedOrigin(runWith({ fetch: profile() }), assertion("https://cdn.example/a/1"))),
    ).toMatchObject({ step: "proof", verdict: "invalid" });
    const listed = profile({ allowedOrigins: "cdn.example", startsWith: ["https://badges.example/issuer/"] });
    await expect(checkHostedOrigin(runWith({ fetch: listed }), assertion("https://cdn.example/a/1"))).resolves.toBeDefined();
    await expect(checkHostedOrigin(runWith({ fetch: listed }), assertion("https://badges.example/issuer/a/1"))).resolves.toBeDefined();
    expect(
      (await asyncFailureOf(() => checkHostedOrigin(runWith({ fetch: listed }), assertion("https://issuer.example/a/1")))).message,
    ).toMatch(/does not allow/);
  });

  it("fails when the badge class names no issuer profile", async () => {
    expect(
      await asyncFailureOf(() => checkHostedOrigin(runWith(), { id: "https://issuer.example/a/1", badge: { name: "x" } })),
    ).toMatchObject({
      step: "proof",
      message: "The badge class names no issuer profile.",
    });
  });
});

describe("anchor", () => {
  const anchor = { gatewayBase: "https://gw.example", deployment: { chainId: 31337, registry: REGISTRY }, issuerId: 7 } as const;

  it("takes the recipient wallet from a did:pkh of the badge's chain only", () => {
    const wallet = "0x00000000000000000000000000000000000000a1";
    expect(recipientWallet({ credentialSubject: { id: `did:pkh:eip155:31337:${wallet}` } }, 31337)?.toLowerCase()).toBe(wallet);
    expect(recipientWallet({ credentialSubject: { id: "mailto:someone@example.org" } }, 31337)).toBeUndefined();
    expect(failureOf(() => recipientWallet({ credentialSubject: { id: `did:pkh:eip155:1:${wallet}` } }, 31337))).toMatchObject({
      step: "anchor",
      verdict: "invalid",
    });
  });

  it("refuses a credential whose id or share link names another badge than its content", () => {
    const id = `https://gw.example/ob3/credentials/31337/${REGISTRY}/${OTHER_UID}`;
    expect(failureOf(() => checkIdNamesUid({ id }, UID, anchor.deployment)).message).toMatch(/id names another badge/);
    expect(() => checkIdNamesUid({ id: "urn:uuid:1" }, UID, anchor.deployment)).not.toThrow();
    expect(failureOf(() => checkExpectedUid(UID, OTHER_UID)).message).toMatch(/hashes to another badge/);
    expect(() => checkExpectedUid(UID, `0x${UID.slice(2).toUpperCase()}`)).not.toThrow();
  });

  it("says unanchored for a hash the chain does not know, invalid for another issuer's record", () => {
    expect(failureOf(() => checkRecorded(status({ exists: false }), anchor))).toMatchObject({ step: "anchor", verdict: "unanchored" });
    expect(failureOf(() => checkRecorded(status({ issuerId: 8 }), anchor))).toMatchObject({ step: "anchor", verdict: "invalid" });
    expect(() => checkRecorded(status(), anchor)).not.toThrow();
  });
});

describe("issuer", () => {
  // No name shown: the accredited-namesake lookup is not asked, so no chain is needed.
  const unnamed = { registry: { client: undefined as never, registry: REGISTRY as Hex }, name: undefined };

  it("gives the registry authority's standing, and refuses a key that was not valid at issue", async () => {
    const cases: [Partial<AssertionStatus>, string, string][] = [
      [{ issuerStatus: "accredited" }, "passed", "valid"],
      [{ issuerStatus: "self-declared" }, "warning", "valid"],
      [{ issuerStatus: "suspended" }, "failed", "suspended-issuer"],
    ];
    for (const [overrides, stepStatus, verdict] of cases) {
      const run = runWith();
      run.log.passed("anchor", "recorded");
      await checkIssuer(run, status(overrides), true, unnamed);
      expect(stepOf(run, "issuer")?.status).toBe(stepStatus);
      expect(run.log.verdict()).toBe(verdict);
      expect(reportOf(run).issuer).toMatchObject({ standing: overrides.issuerStatus });
    }
    expect(await asyncFailureOf(() => checkIssuer(runWith(), status({ keyValidAtIssue: false }), true, unnamed))).toMatchObject({
      step: "issuer",
      verdict: "invalid",
    });
    await expect(checkIssuer(runWith(), status({ keyValidAtIssue: false }), false, unnamed)).resolves.toBeUndefined();
    expect((await asyncFailureOf(() => checkIssuer(runWith(), status({ issuerStatus: "unregistered" }), false, unnamed))).message).toMatch(
      /not registered/,
    );
  });
});

describe("status", () => {
  const assertion = { id: "https://issuer.example/a/1", uid: "abc" };
  const withList = (list: unknown) => runWith({ fetch: serve({ "https://issuer.example/revoked": list }) });
  const issuer = { revocationList: "https://issuer.example/revoked" };

  it("finds an OB 2.0 assertion in its issuer's revocation list by id or by uid", async () => {
    for (const revokedAssertions of [["https://issuer.example/a/1"], [{ uid: "abc", revocationReason: "Plagiarism" }]]) {
      const run = withList({ revokedAssertions });
      await checkOb2RevocationList(run, assertion, issuer);
      expect(run.log.verdict()).toBe("revoked");
    }
    const clean = withList({ revokedAssertions: [{ id: "https://issuer.example/a/2" }, null] });
    await checkOb2RevocationList(clean, assertion, issuer);
    expect(stepOf(clean, "status")).toMatchObject({ status: "passed" });
    const none = runWith();
    await checkOb2RevocationList(none, assertion, {});
    expect(stepOf(none, "status")?.message).toMatch(/publishes no revocation list/);
  });

  it("reads a gzip (or raw deflate) bitstring, bit 0 first, and refuses one that is not a list", () => {
    const bits = new Uint8Array(16);
    bits[1] = 0b0100_0000; // index 9
    expect(decodeBitstring(`u${Buffer.from(gzipSync(bits)).toString("base64url")}`)).toEqual(bits);
    expect(decodeBitstring(Buffer.from(deflateRawSync(bits)).toString("base64url"))).toEqual(bits);
    expect(failureOf(() => decodeBitstring("u!!!"))).toMatchObject({
      step: "status",
      message: expect.stringMatching(/not valid base64url/),
    });
    expect(failureOf(() => decodeBitstring(`u${Buffer.from("not compressed").toString("base64url")}`)).message).toMatch(
      /could not be decompressed/,
    );
  });

  it("refuses a status entry it cannot read: invalid for the credential's own mistakes, error for what it cannot check", async () => {
    const credential = { issuer: "did:example:issuer" };
    const entry = (extra: object) => ({
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: "9",
      statusListCredential: "https://other.example/status",
      ...extra,
    });
    const cases: [object, string, RegExp][] = [
      [{ statusListIndex: "1.5" }, "invalid", /not a whole number/],
      [{ statusListIndex: -1 }, "invalid", /not a whole number/],
      [{ statusListCredential: "ftp://x" }, "invalid", /no status list URL/],
      [{ statusSize: 2 }, "invalid", /revocation status is one bit/],
      [{ statusPurpose: "message", statusSize: 2 }, "invalid", /must list its statusMessage/],
      [{ statusSize: 12 }, "error", /at most 8/],
    ];
    for (const [extra, verdict, message] of cases) {
      const failure = await asyncFailureOf(() => checkBitstring(runWith(), credential, entry(extra)));
      expect(failure, JSON.stringify(extra)).toMatchObject({ step: "status", verdict, message: expect.stringMatching(message) });
    }
  });

  it("believes a status list only when it is the issuer's own, current and signed (error otherwise, never valid)", async () => {
    const url = "https://other.example/status";
    const credential = { issuer: { id: "did:example:issuer" } };
    const entry = { type: "BitstringStatusListEntry", statusPurpose: "revocation", statusListIndex: "9", statusListCredential: url };
    const list = {
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      issuer: "did:example:issuer",
      credentialSubject: {
        type: "BitstringStatusList",
        statusPurpose: "revocation",
        encodedList: "uH4sIAAAAAAAAA2NgGAWjYBQMFQAAW8pS2hAAAAA",
      },
    };
    const cases: [unknown, RegExp][] = [
      [[list], /is not a JSON object/],
      [{ ...list, type: ["VerifiableCredential"] }, /is not a BitstringStatusListCredential/],
      [
        { ...list, credentialSubject: { ...list.credentialSubject, statusPurpose: "suspension" } },
        /is a suspension list, not a revocation list/,
      ],
      [{ ...list, issuer: "did:example:someone-else" }, /issued by did:example:someone-else, not by the badge's issuer did:example:issuer/],
      [{ ...list, validUntil: "2025-01-01T00:00:00Z" }, /expired on 2025-01-01.*stale/],
      [{ ...list, validFrom: "2027-01-01T00:00:00Z" }, /not valid before 2027-01-01/],
      [list, /is not signed/],
    ];
    for (const [served, message] of cases) {
      const run = runWith({ fetch: serve({ [url]: served }) });
      const failure = await asyncFailureOf(() => checkBitstring(run, credential, entry));
      expect(failure, String(message)).toMatchObject({ step: "status", verdict: "error", message: expect.stringMatching(message) });
    }
    const gone = await asyncFailureOf(() => checkBitstring(runWith({ fetch: serve({}) }), credential, entry));
    expect(gone).toMatchObject({ verdict: "error", message: expect.stringMatching(/HTTP 404/) });
  });

  it("reads every credentialStatus entry and sums them up in one status step", async () => {
    const run = runWith();
    await checkThirdPartyStatus(run, {
      issuer: "did:example:issuer",
      credentialStatus: [
        {
          type: "BitstringStatusListEntry",
          statusPurpose: "revocation",
          statusListIndex: "x",
          statusListCredential: "https://a.example/1",
        },
        { id: "https://x.example/1", type: "SomeStatus2030" },
      ],
    });
    const step = stepOf(run, "status");
    expect(run.log.steps.filter((s) => s.id === "status")).toHaveLength(1);
    expect(step?.message).toMatch(/credentialStatus\[0\]: .*not a whole number/);
    expect(step?.message).toMatch(/credentialStatus\[1\]: .*SomeStatus2030/);
    // The credential's own malformed entry decides over the one that could not be checked.
    expect(run.log.verdict()).toBe("invalid");
  });

  it("never passes a status method it does not know", async () => {
    const run = runWith();
    await checkThirdPartyStatus(run, { credentialStatus: { id: "https://x.example/1", type: "SomeStatus2030" } });
    expect(run.log.verdict()).toBe("error");
  });
});

describe("validity", () => {
  it("reads OB 2.0 numeric dates as seconds, and ISO dates", () => {
    expect(dateOf(1_700_000_000)).toBe(1_700_000_000_000);
    expect(dateOf("2026-01-01T00:00:00Z")).toBe(NOW.getTime());
    expect(dateOf("next tuesday")).toBeUndefined();
  });

  it("ends at the expiry the chain records, which must be the credential's own", () => {
    const run = runWith();
    checkValidity(
      run,
      { validFrom: "2025-01-01T00:00:00Z", validUntil: "2025-12-31T00:00:00Z" },
      status({ expiresAt: seconds("2025-12-31T00:00:00Z") }),
    );
    expect(stepOf(run, "validity")?.message).toBe("Expired on 2025-12-31T00:00:00.000Z.");
    expect(run.log.verdict()).toBe("expired");
    // A credential whose dates are not the anchored ones would show a window nobody anchored.
    for (const [validUntil, expiresAt] of [
      ["2027-01-01T00:00:00Z", seconds("2025-12-31T00:00:00Z")],
      [undefined, seconds("2025-12-31T00:00:00Z")],
      ["2027-01-01T00:00:00Z", undefined],
    ] as const) {
      const mismatch = runWith();
      checkValidity(mismatch, { validFrom: "2025-01-01T00:00:00Z", ...(validUntil ? { validUntil } : {}) }, status({ expiresAt }));
      expect(stepOf(mismatch, "validity")).toMatchObject({
        status: "failed",
        message: expect.stringMatching(/chain records .* but the credential carries/),
      });
      expect(mismatch.log.verdict()).toBe("invalid");
    }
  });

  it("reads the VC 1.1 names too, and says not-yet-valid before the start", () => {
    const run = runWith();
    checkValidity(run, { issuanceDate: "2026-06-01T00:00:00Z", expirationDate: "2027-01-01T00:00:00Z" });
    expect(run.log.verdict()).toBe("not-yet-valid");
    const ob2 = runWith();
    checkOb2Validity(ob2, { issuedOn: "2025-01-01T00:00:00Z" });
    expect(stepOf(ob2, "validity")?.message).toBe("Valid, with no expiry date.");
  });
});

describe("recipient", () => {
  const wallet: Hex = "0x00000000000000000000000000000000000000a1";
  const credential = {
    credentialSubject: {
      id: `did:pkh:eip155:31337:${wallet}`,
      identifier: [{ identityType: "emailAddress", hashed: true, identityHash: hashIdentity("ada@example.org", "pepper"), salt: "pepper" }],
    },
  };

  it("is skipped unless a recipient is expected", () => {
    const run = runWith();
    checkRecipient(run, credential);
    expect(stepOf(run, "recipient")?.status).toBe("skipped");
  });

  it("matches a salted e-mail hash, a wallet in any case, or both", () => {
    for (const expectedRecipient of [
      { email: " Ada@Example.org " },
      { wallet: `0x${wallet.slice(2).toUpperCase()}` as const },
      { email: "ada@example.org", wallet },
    ]) {
      const run = runWith({ expectedRecipient });
      checkRecipient(run, credential);
      expect(stepOf(run, "recipient")?.status).toBe("passed");
    }
    const other = runWith({ expectedRecipient: { email: "ada@example.org", wallet: "0x00000000000000000000000000000000000000a2" } });
    checkRecipient(other, credential);
    expect(stepOf(other, "recipient")?.message).toMatch(/not issued to wallet/);
  });

  it("answers per identity, and a badge naming no e-mail or no wallet is a warning, never a pass nor a 'not issued to'", () => {
    const matched = runWith({ expectedRecipient: { email: "ada@example.org" } });
    checkRecipient(matched, credential);
    expect(matched.recipient).toEqual({ email: "matched" });
    const walletOnly = { credentialSubject: { id: `did:pkh:eip155:31337:${wallet}` } };
    const noEmail = runWith({ expectedRecipient: { email: "ada@example.org" } });
    checkRecipient(noEmail, walletOnly);
    expect(noEmail.recipient).toEqual({ email: "not-named" });
    expect(stepOf(noEmail, "recipient")).toMatchObject({ status: "warning", message: expect.stringMatching(/names no e-mail address/) });
    const emailOnly = { credentialSubject: { identifier: credential.credentialSubject.identifier } };
    const noWallet = runWith({ expectedRecipient: { wallet } });
    checkRecipient(noWallet, emailOnly);
    expect(noWallet.recipient).toEqual({ wallet: "not-named" });
    expect(stepOf(noWallet, "recipient")?.status).toBe("warning");
    const wrong = runWith({ expectedRecipient: { email: "bob@example.org" } });
    checkRecipient(wrong, credential);
    expect(wrong.recipient).toEqual({ email: "not-matched" });
    expect(wrong.log.verdict()).toBe("invalid");
  });

  it("compares a plain (unhashed) OB 2.0 identity without salt", () => {
    const run = runWith({ expectedRecipient: { email: "bob@example.org" } });
    checkRecipient(run, { recipient: { type: "email", hashed: false, identity: "Bob@Example.org" } });
    expect(stepOf(run, "recipient")?.status).toBe("passed");
  });
});
