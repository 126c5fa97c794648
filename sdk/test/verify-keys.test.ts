// The proof step and the forms of key a badge can name. Ours, on a real registry: the key's own
// document URL (what the sdk signs with now) and the older `${issuer id}#z6Mk…` fragment, both
// resolved from the keys registered on chain, nothing fetched. Other issuers' (documents served
// through an injected fetch): did:web, a fragment of the issuer's controller document, and
// Ed25519Signature2020 proofs; a document that cannot be fetched is "error", never "invalid".
import { startTestChain, type TestChain } from "@chancery/testing/chain";
import { setUpIssuer, TEST_GATEWAY, type TestIssuer } from "@chancery/testing/issuer";
import { ed25519 } from "@noble/curves/ed25519.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anchorBadge, prepareBadge } from "../src/award/index.ts";
import type { WriteContext } from "../src/chain/index.ts";
import { type VerificationReport, type VerifyFetch, verifyBadge } from "../src/index.ts";
import { type Credential, signCredential, signingKeyFromSecret } from "../src/proofs/index.ts";
import { createDocumentLoader } from "../src/proofs/loader.ts";
import { issuerProfileId, verificationMethodId, verificationMethodUrl } from "../src/urls.ts";

const stepsOf = (report: VerificationReport) => Object.fromEntries(report.steps.map((s) => [s.id, s.status]));
const messageOf = (report: VerificationReport, id: string) => report.steps.find((s) => s.id === id)?.message ?? "";

/** A fetch that serves fixed documents, answers some URLs with a status, and fails others as a network would. */
function serve(documents: Record<string, unknown>, statuses: Record<string, number> = {}, unreachable: string[] = []) {
  const asked: string[] = [];
  const fetch: VerifyFetch = async (url) => {
    asked.push(url);
    if (unreachable.some((u) => url.startsWith(u))) throw new TypeError("fetch failed (ECONNREFUSED)");
    const status = statuses[url] ?? (url in documents ? 200 : 404);
    return { ok: status >= 200 && status < 300, status, json: async () => structuredClone(documents[url]) };
  };
  return { fetch, asked };
}

describe("our badges: both forms of key, from the chain", () => {
  let chain: TestChain;
  let t: TestIssuer;
  const trust = () => [{ chainId: 31337, registry: chain.registry }];
  const deployment = () => ({ chainId: 31337, registry: chain.registry });

  beforeAll(async () => {
    chain = await startTestChain();
    t = await setUpIssuer(chain);
  }, 120_000);
  afterAll(async () => {
    await chain?.stop();
  });

  /** An award re-signed with `sign` (the hash leaves the proof out, so it anchors the same), then anchored. */
  async function anchored(sign?: (unsigned: Credential) => Promise<Credential>) {
    const badge = await prepareBadge(t.award(), t.signingKey);
    const { proof: _proof, ...unsigned } = badge.credential;
    const credential = sign ? await sign(unsigned as Credential) : badge.credential;
    await anchorBadge(t.admin as WriteContext, { ...badge, credential: credential as typeof badge.credential }, { classId: t.classId });
    return credential;
  }

  it("a new badge names its key's own URL, resolved from the chain with nothing fetched: valid", async () => {
    const credential = await anchored();
    const keyUrl = verificationMethodUrl(TEST_GATEWAY, deployment(), t.issuerId, t.signingKey.publicKeyMultibase);
    expect(credential.proof).toEqual([expect.objectContaining({ verificationMethod: keyUrl })]);
    const { fetch, asked } = serve({});
    const report = await verifyBadge(credential, { publicClient: chain.publicClient, trust: trust(), fetch });
    expect(report.verdict).toBe("valid");
    expect(messageOf(report, "proof")).toMatch(/a key the issuer registered on chain/);
    expect(asked).toEqual([]);
  });

  it("an older badge, its proof one object naming a #z6Mk… fragment of the issuer id, still verifies: valid", async () => {
    const credential = await anchored(async (unsigned) => {
      const issuer = issuerProfileId(TEST_GATEWAY, deployment(), t.issuerId);
      const signed = await signCredential(unsigned, {
        secretKey: t.signingKey.secretKey,
        verificationMethod: verificationMethodId(issuer, t.signingKey.publicKeyMultibase),
      });
      return { ...signed, proof: signed.proof[0] };
    });
    const report = await verifyBadge(credential, { publicClient: chain.publicClient, trust: trust() });
    expect(report.verdict).toBe("valid");
    expect(stepsOf(report).proof).toBe("passed");
  });

  it("a key URL of this issuer whose key was never registered: invalid, saying so", async () => {
    const stranger = signingKeyFromSecret(new Uint8Array(32).fill(77));
    const credential = await anchored((unsigned) =>
      signCredential(unsigned, {
        secretKey: stranger.secretKey,
        verificationMethod: verificationMethodUrl(TEST_GATEWAY, deployment(), t.issuerId, stranger.publicKeyMultibase),
      }),
    );
    const report = await verifyBadge(credential, { publicClient: chain.publicClient, trust: trust() });
    expect(report.verdict).toBe("invalid");
    expect(messageOf(report, "proof")).toMatch(
      `signed with key ${stranger.publicKeyMultibase}, which its issuer never registered on chain`,
    );
  });

  it("a key URL of another issuer: invalid, before anything is resolved", async () => {
    const credential = await anchored((unsigned) =>
      signCredential(unsigned, {
        secretKey: t.signingKey.secretKey,
        verificationMethod: verificationMethodUrl(TEST_GATEWAY, deployment(), t.issuerId + 1, t.signingKey.publicKeyMultibase),
      }),
    );
    const report = await verifyBadge(credential, { publicClient: chain.publicClient, trust: trust() });
    expect(report.verdict).toBe("invalid");
    expect(messageOf(report, "proof")).toMatch(/is signed with a key of .*\/ob3\/issuers\/31337\/.*, not of the credential's issuer/);
  });
});

describe("other issuers' keys", () => {
  const key = signingKeyFromSecret(new Uint8Array(32).fill(31));
  const unsigned = (issuer: string, extraContext: string[] = []) => ({
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", ...extraContext],
    id: "urn:uuid:6d1f5a0e-0000-4000-8000-000000000031",
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: issuer, type: ["Profile"], name: "Other Academy" },
    validFrom: "2025-01-01T00:00:00Z",
    name: "Teamwork",
    credentialSubject: {
      type: ["AchievementSubject"],
      achievement: {
        id: "https://academy.example/achievements/teamwork",
        type: ["Achievement"],
        name: "Teamwork",
        description: "Works with others.",
        criteria: { narrative: "A group project." },
      },
    },
  });

  const DID = "did:web:academy.example";
  const didDocument = {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
    id: DID,
    verificationMethod: [{ id: `${DID}#key-1`, type: "Multikey", controller: DID, publicKeyMultibase: key.publicKeyMultibase }],
    assertionMethod: [`${DID}#key-1`],
  };
  const DID_URL = "https://academy.example/.well-known/did.json";

  it("did:web: the DID document is fetched from the domain it names, and the badge is genuine (unanchored)", async () => {
    const credential = await signCredential(unsigned(DID), { secretKey: key.secretKey, verificationMethod: `${DID}#key-1` });
    const { fetch, asked } = serve({ [DID_URL]: didDocument });
    const report = await verifyBadge(credential, { fetch });
    expect(report.verdict).toBe("unanchored");
    expect(stepsOf(report).proof).toBe("passed");
    expect(asked).toContain(DID_URL);
    const changed = await verifyBadge({ ...credential, name: "Leadership" }, { fetch });
    expect(changed.verdict).toBe("invalid");
    expect(messageOf(changed, "proof")).toMatch(/signature does not match/);
  });

  it("did:web whose document cannot be fetched (HTTP 503, or no connection): error, never invalid", async () => {
    const credential = await signCredential(unsigned(DID), { secretKey: key.secretKey, verificationMethod: `${DID}#key-1` });
    const down = await verifyBadge(credential, { fetch: serve({}, { [DID_URL]: 503 }).fetch });
    expect(down.verdict).toBe("error");
    expect(messageOf(down, "proof")).toMatch(/HTTP 503/);
    const gone = await verifyBadge(credential, { fetch: serve({}).fetch });
    expect(gone.verdict).toBe("error"); // a 404 key: the key could not be had, the badge could not be checked
    expect(messageOf(gone, "proof")).toMatch(/HTTP 404/);
    const offline = await verifyBadge(credential, { fetch: serve({}, {}, ["https://academy.example/"]).fetch });
    expect(offline.verdict).toBe("error");
    expect(messageOf(offline, "proof")).toMatch(/could not be fetched/);
  });

  it("a #z6Mk… fragment of an issuer URL: the controller document is fetched and the key picked; unreachable is error", async () => {
    const issuer = "https://academy.example/issuer";
    const vm = `${issuer}#${key.publicKeyMultibase}`;
    const controller = {
      "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
      id: issuer,
      verificationMethod: [{ id: vm, type: "Multikey", controller: issuer, publicKeyMultibase: key.publicKeyMultibase }],
      assertionMethod: [vm],
    };
    const credential = await signCredential(unsigned(issuer), { secretKey: key.secretKey, verificationMethod: vm });
    expect((await verifyBadge(credential, { fetch: serve({ [issuer]: controller }).fetch })).verdict).toBe("unanchored");
    const unreachable = await verifyBadge(credential, { fetch: serve({}, {}, ["https://academy.example/"]).fetch });
    expect(unreachable.verdict).toBe("error");
    expect(messageOf(unreachable, "proof")).toMatch(/could not be fetched/);
    // A key document that is fetched but holds another key: the signature does not verify.
    const other = signingKeyFromSecret(new Uint8Array(32).fill(32));
    const wrongKey = {
      ...controller,
      verificationMethod: [{ ...controller.verificationMethod[0], publicKeyMultibase: other.publicKeyMultibase }],
    };
    expect((await verifyBadge(credential, { fetch: serve({ [issuer]: wrongKey }).fetch })).verdict).toBe("invalid");
  });

  it("a verification method no key is published at (another scheme, another DID method): invalid, nothing fetched", async () => {
    for (const method of [`xxx:${key.publicKeyMultibase}`, `did:example:${key.publicKeyMultibase}`]) {
      const credential = await signCredential(unsigned(DID), { secretKey: key.secretKey, verificationMethod: method });
      const { fetch, asked } = serve({ [DID_URL]: didDocument });
      const report = await verifyBadge(credential, { fetch });
      expect(report.verdict).toBe("invalid");
      expect(messageOf(report, "proof")).toMatch(/is neither an http\(s\) URL, a did:key nor a did:web/);
      expect(asked).toEqual([]);
    }
  });

  it("an Ed25519Signature2020 proof (did:key): genuine, and a changed copy is invalid", async () => {
    const did = `did:key:${key.publicKeyMultibase}`;
    const vm = `${did}#${key.publicKeyMultibase}`;
    const vc = await import("@digitalbazaar/vc");
    const { Ed25519Signature2020 } = await import("@digitalbazaar/ed25519-signature-2020");
    const signer = { id: vm, algorithm: "Ed25519", sign: async ({ data }: { data: Uint8Array }) => ed25519.sign(data, key.secretKey) };
    const credential = await vc.issue({
      credential: unsigned(did, ["https://w3id.org/security/suites/ed25519-2020/v1"]),
      suite: new Ed25519Signature2020({ signer } as never),
      documentLoader: createDocumentLoader(),
    });
    expect(credential.proof).toMatchObject({ type: "Ed25519Signature2020" });
    const report = await verifyBadge(credential, { fetch: serve({}).fetch });
    expect(report.verdict).toBe("unanchored");
    expect(messageOf(report, "proof")).toMatch(/Ed25519Signature2020 signature is valid/);
    const changed = await verifyBadge({ ...credential, name: "Leadership" }, { fetch: serve({}).fetch });
    expect(changed.verdict).toBe("invalid");
  });
});
