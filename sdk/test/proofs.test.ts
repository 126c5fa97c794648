import { readFileSync } from "node:fs";
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { CompactSign, exportJWK, exportSPKI, generateKeyPair, SignJWT } from "jose";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { buildOb3Credential, ChanceryError, validateOb3Profile } from "../src/documents/index.ts";
import {
  base58btcDecode,
  buildControllerDocument,
  buildKeyDocument,
  type Credential,
  canonicalize,
  createDocumentLoader,
  deriveSigningKey,
  didWebDocumentUrl,
  type FetchLike,
  keyGenerationToUse,
  multibaseToPublicKey,
  publicKeyToMultibase,
  signCredential,
  signingKeyFromSecret,
  signingKeyMessage,
  verifyCredentialProof,
  verifyOb2SignedAssertion,
  verifyOb3Jwt,
} from "../src/proofs/index.ts";
import { issuerProfileId, verificationMethodUrl } from "../src/urls.ts";

const text = (path: string) => readFileSync(new URL(`./fixtures/${path}`, import.meta.url), "utf8");
const fixture = (path: string) => JSON.parse(text(path));

// The key pair published with the spec's test vector (see fixtures/ob3/README.md).
const VECTOR_PUBLIC_KEY = "4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5";
const VECTOR_SECRET_KEY = `6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4${VECTOR_PUBLIC_KEY}`;
const VECTOR_ISSUER = "https://example.edu/issuers/565049";
const VECTOR_PROOF_VALUE = "z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr";

const vectorController = buildControllerDocument(VECTOR_ISSUER, [{ publicKey: hexToBytes(VECTOR_PUBLIC_KEY) }]);
const resolveVector = async (id: string) => (id === VECTOR_ISSUER ? vectorController : null);

const BASE = "https://badges.example.org";
const DEPLOYMENT = { chainId: 31337, registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3" } as const;

describe("eddsa-rdfc-2022 test vector of the OB 3.0 spec", () => {
  const unsigned = fixture("ob3/ldp-testvector-unsigned-credential.json");
  const signed = fixture("ob3/ldp-testvector-signed-credential.json");

  it("canonical N-Quads of the document match the spec byte for byte", async () => {
    expect(await canonicalize(unsigned)).toBe(text("ob3/ldp-testvector-document-canon.nq"));
  });

  it("canonical N-Quads of the proof options match the spec byte for byte", async () => {
    const { proofValue: _omit, ...options } = signed.proof;
    expect(await canonicalize({ "@context": signed["@context"], ...options })).toBe(text("ob3/ldp-testvector-proof-canon.nq"));
  });

  it("the spec's signature is Ed25519 over sha256(proof canon) ‖ sha256(document canon)", () => {
    const data = new Uint8Array([
      ...sha256(new TextEncoder().encode(text("ob3/ldp-testvector-proof-canon.nq"))),
      ...sha256(new TextEncoder().encode(text("ob3/ldp-testvector-document-canon.nq"))),
    ]);
    const signature = base58btcDecode(VECTOR_PROOF_VALUE.slice(1));
    expect(signature.length).toBe(64);
    expect(ed25519.verify(signature, data, hexToBytes(VECTOR_PUBLIC_KEY))).toBe(true);
  });

  it("signing the unsigned credential with the published key reproduces proofValue z5x9aCBY…", async () => {
    const result = await signCredential(unsigned, { secretKey: hexToBytes(VECTOR_SECRET_KEY), created: "2010-01-01T19:23:24Z" });
    // The same proof, as the one item of a list (the 1EdTech schema's form).
    expect(result.proof).toEqual([signed.proof]);
    expect(unsigned.proof).toBeUndefined(); // input untouched
    expect(publicKeyToMultibase(hexToBytes(VECTOR_PUBLIC_KEY))).toBe("z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi");
  });

  it("the spec's signed credential verifies against a controller document built from the public key", async () => {
    const result = await verifyCredentialProof(signed, { resolveController: resolveVector });
    expect(result).toEqual({
      verified: true,
      suite: "eddsa-rdfc-2022",
      created: "2010-01-01T19:23:24Z",
      verificationMethod: `${VECTOR_ISSUER}#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi`,
      publicKeyMultibase: "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
      publicKeyHex: `0x${VECTOR_PUBLIC_KEY}`,
    });
  });

  it("a changed claim breaks the signature", async () => {
    const tampered = structuredClone(signed);
    tampered.credentialSubject.achievement.name = "Leadership";
    const result = await verifyCredentialProof(tampered, { resolveController: resolveVector });
    expect(result.verified).toBe(false);
    expect(result.error).toMatch(/^The signature does not match the credential/);
  });

  it("reformatting does not: key order and single values vs arrays are the same RDF", async () => {
    const reordered = JSON.parse(JSON.stringify({ proof: signed.proof, credentialSubject: signed.credentialSubject, ...signed }, null, 7));
    reordered.issuer.type = "Profile";
    expect((await verifyCredentialProof(reordered, { resolveController: resolveVector })).verified).toBe(true);
  });

  it("a key the controller document does not list is refused", async () => {
    const other = signingKeyFromSecret(new Uint8Array(32).fill(9));
    const controller = buildControllerDocument(VECTOR_ISSUER, [{ publicKey: other.publicKey }]);
    const result = await verifyCredentialProof(signed, { resolveController: async () => controller });
    expect(result.verified).toBe(false);
    expect(result.error).toMatch(/lists no verification method .*z6MkjZRZ.*not \(or no longer\) registered/);
  });

  it("a key listed but not in assertionMethod is refused", async () => {
    const controller = { ...vectorController, assertionMethod: [] };
    const result = await verifyCredentialProof(signed, { resolveController: async () => controller });
    expect(result.verified).toBe(false);
    expect(result.error).toMatch(/does not list the signing key in assertionMethod/);
  });

  it("a key controlled by someone else than the issuer is refused", async () => {
    const mallory = "https://mallory.example/issuer";
    const forged = await signCredential(unsigned, {
      secretKey: hexToBytes(VECTOR_SECRET_KEY),
      verificationMethod: `${mallory}#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi`,
    });
    const malloryController = buildControllerDocument(mallory, [{ publicKey: hexToBytes(VECTOR_PUBLIC_KEY) }]);
    const result = await verifyCredentialProof(forged, { resolveController: async (id) => (id === mallory ? malloryController : null) });
    expect(result.verified).toBe(false);
    expect(result.error).toMatch(/belongs to someone other than the credential's issuer/);
  });

  it("no proof, or another suite, is reported plainly", async () => {
    expect(await verifyCredentialProof(unsigned)).toEqual({
      verified: false,
      error: "The credential has no eddsa-rdfc-2022 DataIntegrityProof (nor an Ed25519Signature2020 proof).",
    });
    expect((await verifyCredentialProof({ ...signed, proof: { ...signed.proof, cryptosuite: "ecdsa-rdfc-2019" } })).error).toMatch(
      /no eddsa-rdfc-2022/,
    );
  });
});

describe("offline document loader", () => {
  it("serves every bundled context and refuses to fetch anything else", async () => {
    const loader = createDocumentLoader();
    for (const url of [
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
      "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
      "https://w3id.org/security/data-integrity/v2",
      "https://w3id.org/security/multikey/v1",
      "https://w3id.org/security/suites/ed25519-2020/v1",
      "https://w3id.org/openbadges/v2",
    ]) {
      const doc = await loader(url);
      expect(doc.documentUrl).toBe(url);
      expect((doc.document as { "@context": unknown })["@context"]).toBeTruthy();
    }
    await expect(loader("https://evil.example/context.json")).rejects.toMatchObject({
      code: "document-not-bundled",
      message: expect.stringMatching(/^Refusing to fetch https:\/\/evil\.example\/context\.json/),
    });
    await expect(canonicalize({ "@context": "https://schema.org/", name: "x" })).rejects.toThrow(
      /Refusing to fetch https:\/\/schema\.org\//,
    );
  });

  it("resolves controller documents and their verification methods through the hook", async () => {
    const loader = createDocumentLoader({ resolveController: resolveVector });
    expect((await loader(VECTOR_ISSUER)).document).toBe(vectorController);
    const vmId = `${VECTOR_ISSUER}#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi`;
    expect((await loader(vmId)).document).toEqual({
      "@context": "https://w3id.org/security/multikey/v1",
      id: vmId,
      type: "Multikey",
      controller: VECTOR_ISSUER,
      publicKeyMultibase: "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
    });
    await expect(loader("https://example.edu/issuers/1")).rejects.toThrow(
      /the controller resolver knows no issuer https:\/\/example\.edu\/issuers\/1/,
    );
    const liar = createDocumentLoader({ resolveController: async () => vectorController });
    await expect(liar("https://other.example/issuer")).rejects.toThrow(
      /has id "https:\/\/example\.edu\/issuers\/565049"; the ids must match exactly/,
    );
  });

  it("resolves did:key Ed25519 controllers locally", async () => {
    const did = "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";
    const doc = (await createDocumentLoader()(`${did}#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi`)).document as {
      controller: string;
      publicKeyMultibase: string;
    };
    expect(doc.controller).toBe(did);
    const unsigned = { ...fixture("ob3/ldp-testvector-unsigned-credential.json"), issuer: { id: did, type: ["Profile"], name: "Keyed" } };
    const signed = await signCredential(unsigned, { secretKey: hexToBytes(VECTOR_SECRET_KEY) });
    expect((await verifyCredentialProof(signed)).verified).toBe(true);
  });
});

describe("other issuers' Ed25519 proofs", () => {
  const key = signingKeyFromSecret(new Uint8Array(32).fill(21));
  const did = `did:key:${key.publicKeyMultibase}`;
  const vm = `${did}#${key.publicKeyMultibase}`;
  const credential = {
    "@context": [
      "https://www.w3.org/2018/credentials/v1",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
      "https://w3id.org/security/suites/ed25519-2020/v1",
    ],
    id: "urn:uuid:3f7c1e2a-0000-4000-8000-000000000021",
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: did, type: ["Profile"], name: "Other Academy" },
    issuanceDate: "2024-03-01T00:00:00Z",
    name: "Teamwork",
    credentialSubject: {
      type: ["AchievementSubject"],
      achievement: {
        id: "urn:uuid:3f7c1e2a-0000-4000-8000-000000000022",
        type: ["Achievement"],
        name: "Teamwork",
        description: "Works with others.",
        criteria: { narrative: "Project." },
      },
    },
  };
  async function sign2020(doc: object): Promise<Credential> {
    const vc = await import("@digitalbazaar/vc");
    const { Ed25519Signature2020 } = await import("@digitalbazaar/ed25519-signature-2020");
    const signer = { id: vm, algorithm: "Ed25519", sign: async ({ data }: { data: Uint8Array }) => ed25519.sign(data, key.secretKey) };
    return vc.issue({
      credential: structuredClone(doc),
      suite: new Ed25519Signature2020({ signer } as never),
      documentLoader: createDocumentLoader(),
    }) as Promise<Credential>;
  }

  it("verifies an Ed25519Signature2020 proof by a did:key (VC 1.1 credential), and refuses a changed copy", async () => {
    const signed = await sign2020(credential);
    expect(signed.proof).toMatchObject({ type: "Ed25519Signature2020", verificationMethod: vm });
    expect(await verifyCredentialProof(signed)).toMatchObject({
      verified: true,
      suite: "Ed25519Signature2020",
      verificationMethod: vm,
      publicKeyHex: key.publicKeyHex,
    });
    const changed = { ...signed, name: "Leadership" };
    const result = await verifyCredentialProof(changed);
    expect(result.verified).toBe(false);
    expect(result.error).toMatch(/^The signature does not match the credential/);
  });

  it("verifies it against a key listed as Ed25519VerificationKey2020 in an issuer's controller document", async () => {
    const issuer = "https://academy.example/issuer";
    const signed = await (async () => {
      const vc = await import("@digitalbazaar/vc");
      const { Ed25519Signature2020 } = await import("@digitalbazaar/ed25519-signature-2020");
      const signer = {
        id: `${issuer}#key-1`,
        algorithm: "Ed25519",
        sign: async ({ data }: { data: Uint8Array }) => ed25519.sign(data, key.secretKey),
      };
      return vc.issue({
        credential: { ...structuredClone(credential), issuer: { ...credential.issuer, id: issuer } },
        suite: new Ed25519Signature2020({ signer } as never),
        documentLoader: createDocumentLoader(),
      });
    })();
    const controller = {
      "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/ed25519-2020/v1"],
      id: issuer,
      verificationMethod: [
        { id: `${issuer}#key-1`, type: "Ed25519VerificationKey2020", controller: issuer, publicKeyMultibase: key.publicKeyMultibase },
      ],
      assertionMethod: [`${issuer}#key-1`],
    };
    const result = await verifyCredentialProof(signed, { resolveController: async (id) => (id === issuer ? controller : null) });
    expect(result).toMatchObject({ verified: true, suite: "Ed25519Signature2020", publicKeyHex: key.publicKeyHex });
  });

  it("finds a did:web DID's document where the method says", () => {
    expect(didWebDocumentUrl("did:web:example.com")).toBe("https://example.com/.well-known/did.json");
    expect(didWebDocumentUrl("did:web:example.com%3A8443:issuers:42")).toBe("https://example.com:8443/issuers/42/did.json");
    expect(() => didWebDocumentUrl("did:web:example.com#key-1")).toThrow(/not a did:web DID/);
    expect(() => didWebDocumentUrl("did:web:example.com:..:x")).toThrow(/relative path segment/);
    expect(() => didWebDocumentUrl("did:web:a%2Fb")).toThrow(/does not name a plain host/);
  });
});

describe("controller documents", () => {
  it("lists every key as a Multikey in verificationMethod and assertionMethod, with its window", () => {
    const id = issuerProfileId(BASE, DEPLOYMENT, 7);
    const k1 = signingKeyFromSecret(new Uint8Array(32).fill(1));
    const k2 = signingKeyFromSecret(new Uint8Array(32).fill(2));
    const doc = buildControllerDocument(id, [
      { publicKey: k1.publicKey, validFrom: 1_700_000_000, validUntil: 1_750_000_000 },
      { publicKey: k2.publicKeyHex, validFrom: new Date("2025-06-15T00:00:00Z"), validUntil: 0 },
    ]);
    expect(doc.id).toBe(id);
    expect(doc["@context"]).toEqual([
      "https://www.w3.org/ns/did/v1",
      "https://w3id.org/security/multikey/v1",
      expect.objectContaining({ validFrom: expect.any(Object), validUntil: expect.any(Object) }),
    ]);
    const url = (k: { publicKeyMultibase: string }) => verificationMethodUrl(BASE, DEPLOYMENT, 7, k.publicKeyMultibase);
    // Each key twice: its own document's URL (what new proofs name), then the older fragment.
    expect(doc.verificationMethod).toEqual([
      {
        id: url(k1),
        type: "Multikey",
        controller: id,
        publicKeyMultibase: k1.publicKeyMultibase,
        validFrom: "2023-11-14T22:13:20Z",
        validUntil: "2025-06-15T15:06:40Z",
      },
      {
        id: `${id}#${k1.publicKeyMultibase}`,
        type: "Multikey",
        controller: id,
        publicKeyMultibase: k1.publicKeyMultibase,
        validFrom: "2023-11-14T22:13:20Z",
        validUntil: "2025-06-15T15:06:40Z",
      },
      {
        id: url(k2),
        type: "Multikey",
        controller: id,
        publicKeyMultibase: k2.publicKeyMultibase,
        validFrom: "2025-06-15T00:00:00Z",
      },
      {
        id: `${id}#${k2.publicKeyMultibase}`,
        type: "Multikey",
        controller: id,
        publicKeyMultibase: k2.publicKeyMultibase,
        validFrom: "2025-06-15T00:00:00Z",
      },
    ]);
    expect(doc.assertionMethod).toEqual(doc.verificationMethod.map((vm) => vm.id));
    expect(() => buildControllerDocument(`${id}#frag`, [])).toThrow(/without a fragment/);
    expect(() => buildControllerDocument(id, [{ publicKey: new Uint8Array(31) }])).toThrow(
      /An Ed25519 public key is 32 bytes; got 31 bytes/,
    );
  });

  it("multibase round-trips and rejects keys of other types", () => {
    const key = signingKeyFromSecret(new Uint8Array(32).fill(3));
    expect(key.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(bytesToHex(multibaseToPublicKey(key.publicKeyMultibase))).toBe(bytesToHex(key.publicKey));
    expect(() => multibaseToPublicKey("zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme")).toThrow(
      /is not an Ed25519 public key Multikey/,
    );
    expect(() => multibaseToPublicKey("uAAAA")).toThrow(/must be base58btc/);
  });
});

describe("Ed25519 key derived from a wallet signature", () => {
  const params = { chainId: 31337, registry: "0x5fbdb2315678afecb367f032d93f642f64180aa3", issuerId: 7 };

  it("the message says what signing does and names the exact issuer and version", () => {
    const message = signingKeyMessage(params);
    expect(message).toContain("Chancery");
    expect(message).toContain("Open Badges 3.0");
    expect(message).toContain("sends no transaction");
    expect(message).toContain("Keep this signature secret");
    expect(message).toContain("Chain ID: 31337");
    expect(message).toContain("Badge registry: 0x5FbDB2315678afecb367f032d93F642f64180aa3");
    expect(message).toContain("Issuer ID: 7");
    expect(message).toContain("Version: 1");
    expect(signingKeyMessage({ ...params, issuerId: 8 })).not.toBe(message);
    expect(signingKeyMessage({ ...params, chainId: 1 })).not.toBe(message);
    expect(() => signingKeyMessage({ ...params, issuerId: 0 })).toThrow(/issuerId must be an integer/);
  });

  it("rotates by generation: the first generation's text has no generation line, the next ones derive new keys", async () => {
    expect(signingKeyMessage({ ...params, generation: 1 })).toBe(signingKeyMessage(params));
    expect(signingKeyMessage(params)).not.toContain("Key generation");
    const second = signingKeyMessage({ ...params, generation: 2 });
    expect(second).toContain("Key generation: 2");
    const account = privateKeyToAccount(generatePrivateKey());
    const first = deriveSigningKey(await account.signMessage({ message: signingKeyMessage(params) }));
    expect(deriveSigningKey(await account.signMessage({ message: second })).publicKeyHex).not.toBe(first.publicKeyHex);
    expect(() => signingKeyMessage({ ...params, generation: 0 })).toThrow(/generation must be a whole number/);
  });

  it("uses the newest key still valid, else a generation past every key ever registered", () => {
    const now = 1_000;
    expect(keyGenerationToUse([], now)).toEqual({ generation: 1, registered: false });
    expect(keyGenerationToUse([{ validFrom: 10 }], now)).toEqual({ generation: 1, registered: true });
    expect(keyGenerationToUse([{ validFrom: 10, validUntil: 500 }], now)).toEqual({ generation: 2, registered: false });
    expect(keyGenerationToUse([{ validFrom: 10, validUntil: 500 }, { validFrom: 500 }], now)).toEqual({ generation: 2, registered: true });
    expect(keyGenerationToUse([{ validFrom: 10 }, { validFrom: 500, validUntil: 900 }], now)).toEqual({ generation: 1, registered: true });
    expect(keyGenerationToUse([{ validFrom: 2_000 }], now)).toEqual({ generation: 2, registered: false });
  });

  it("same signature → same key; different signature → different key", () => {
    const sig = `0x${"11".repeat(64)}1b`;
    const a = deriveSigningKey(sig);
    const b = deriveSigningKey(sig.toUpperCase().replace("0X", "0x"));
    expect(a.publicKeyHex).toBe(b.publicKeyHex);
    expect(a.secretKey).toEqual(b.secretKey);
    const c = deriveSigningKey(`0x${"11".repeat(64)}1c`);
    expect(c.publicKeyHex).not.toBe(a.publicKeyHex);
    expect(a.publicKey.length).toBe(32);
    expect(a.publicKeyHex).toMatch(/^0x[0-9a-f]{64}$/);
    expect(a.publicKeyMultibase).toBe(publicKeyToMultibase(a.publicKey));
    expect(bytesToHex(ed25519.getPublicKey(a.secretKey))).toBe(a.publicKeyHex.slice(2));
  });

  it("a wallet signing the message twice gets the same key (RFC 6979), another wallet another key", async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const message = signingKeyMessage(params);
    const s1 = await account.signMessage({ message });
    const s2 = await account.signMessage({ message });
    expect(s1).toBe(s2);
    expect(deriveSigningKey(s1).publicKeyHex).toBe(deriveSigningKey(s2).publicKeyHex);
    const other = privateKeyToAccount(generatePrivateKey());
    expect(deriveSigningKey(await other.signMessage({ message })).publicKeyHex).not.toBe(deriveSigningKey(s1).publicKeyHex);
    expect(deriveSigningKey(await account.signMessage({ message: signingKeyMessage({ ...params, issuerId: 9 }) })).publicKeyHex).not.toBe(
      deriveSigningKey(s1).publicKeyHex,
    );
  });

  it("refuses what is not a 65-byte signature", () => {
    expect(() => deriveSigningKey("0x1234")).toThrow(ChanceryError);
    expect(() => deriveSigningKey("0x1234")).toThrow(/65-byte ECDSA signature as 0x \+ 130 hex digits/);
  });

  it("end to end: build a Chancery credential, sign with the derived key, verify against the chain's keys", async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const key = deriveSigningKey(await account.signMessage({ message: signingKeyMessage(params) }));
    const credential = buildOb3Credential({
      issuer: { issuerId: 7, name: "Test University", url: "https://univ.example.edu" },
      achievement: { name: "Solidity", description: "Smart contracts.", criteria: { narrative: "Exam." } },
      recipient: { email: "alice@example.org", wallet: account.address, name: "Alice" },
      validFrom: "2025-01-01T00:00:00Z",
      validUntil: "2026-01-01T00:00:00Z", // in the past is fine: the proof step ignores the window
      deployment: DEPLOYMENT,
      gatewayBase: BASE,
      classId: 1,
    });
    const signed = await signCredential(credential, { secretKey: key.secretKey, created: "2025-01-01T00:00:05Z" });
    const keyUrl = verificationMethodUrl(BASE, DEPLOYMENT, 7, key.publicKeyMultibase);
    expect(signed.proof).toEqual([expect.objectContaining({ type: "DataIntegrityProof", verificationMethod: keyUrl })]);
    // What a verifier does: rebuild the controller document from the keys registered on chain.
    const chainKeys = [{ publicKey: key.publicKeyHex, validFrom: 1_735_689_000, validUntil: 0 }];
    const keyDocument = buildKeyDocument(credential.issuer.id, key.publicKeyHex);
    expect(keyDocument).toEqual({
      "@context": "https://w3id.org/security/multikey/v1",
      id: keyUrl,
      type: "Multikey",
      controller: credential.issuer.id,
      publicKeyMultibase: key.publicKeyMultibase,
    });
    const resolveController = async (id: string) =>
      id === credential.issuer.id ? buildControllerDocument(id, chainKeys) : id === keyUrl ? keyDocument : null;
    const result = await verifyCredentialProof(signed, { resolveController });
    expect(result).toMatchObject({ verified: true, verificationMethod: keyUrl, publicKeyHex: key.publicKeyHex });
    // A badge signed before names the fragment inside the issuer document: it still verifies.
    const { proof: _new, ...unsignedAgain } = signed;
    const old = await signCredential(unsignedAgain, {
      secretKey: key.secretKey,
      verificationMethod: `${credential.issuer.id}#${key.publicKeyMultibase}`,
    });
    const oldForm = { ...old, proof: old.proof[0] }; // as it was stored: one object, not a list
    expect(await verifyCredentialProof(oldForm, { resolveController })).toMatchObject({ verified: true, publicKeyHex: key.publicKeyHex });
    // A key URL of another issuer is not this issuer's key.
    const otherKey = signingKeyFromSecret(new Uint8Array(32).fill(4));
    const stranger = buildKeyDocument(issuerProfileId(BASE, DEPLOYMENT, 8), otherKey.publicKey);
    const forged = await signCredential(unsignedAgain, { secretKey: otherKey.secretKey, verificationMethod: stranger.id });
    const refused = await verifyCredentialProof(forged, {
      resolveController: async (id) =>
        id === stranger.id
          ? stranger
          : id === stranger.controller
            ? buildControllerDocument(id, [{ publicKey: otherKey.publicKey }])
            : null,
    });
    expect(refused.verified).toBe(false);
    expect(refused.error).toMatch(/belongs to someone other than the credential's issuer/);
    await expect(signCredential(signed, { secretKey: key.secretKey })).rejects.toThrow(/already has a proof/);

    // The gateway's issuer document: the OB 3.0 Profile and the controller document in one.
    const issuerDocument = buildControllerDocument(credential.issuer.id, chainKeys, { profile: credential.issuer });
    expect(issuerDocument).toMatchObject({
      id: credential.issuer.id,
      type: ["Profile"],
      name: "Test University",
      url: "https://univ.example.edu",
      assertionMethod: [keyUrl, `${credential.issuer.id}#${key.publicKeyMultibase}`],
    });
    expect(validateOb3Profile(issuerDocument)).toEqual([]);
    expect(await canonicalize(issuerDocument)).toContain("<https://w3id.org/security#assertionMethod>");
    const fromGateway = async (id: string) => (id === keyUrl ? keyDocument : issuerDocument);
    expect((await verifyCredentialProof(signed, { resolveController: fromGateway })).verified).toBe(true);
    expect(() =>
      buildControllerDocument(credential.issuer.id, chainKeys, { profile: { ...credential.issuer, id: "https://other.example" } }),
    ).toThrow(/must have the same id/);
  });
});

// ---------------------------------------------------------------------------------------------
// JWS proofs

function stubFetch(documents: Record<string, unknown>): FetchLike {
  return async (url) =>
    url in documents ? { ok: true, status: 200, json: async () => documents[url] } : { ok: false, status: 404, json: async () => ({}) };
}

describe("OB 2.0 signed assertions (RS256 JWS)", async () => {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const pem = await exportSPKI(publicKey);
  const issuerUrl = "https://issuer.example.org/issuer.json";
  const keyUrl = "https://issuer.example.org/key.json";
  const badgeUrl = "https://issuer.example.org/badge.json";
  const assertion = {
    "@context": "https://w3id.org/openbadges/v2",
    type: "Assertion",
    id: "urn:uuid:3c574c87-b96f-4f06-8eb5-68a29335b60e",
    recipient: {
      type: "email",
      hashed: true,
      salt: "deadsea",
      identity: "sha256$c7ef86405ba71b85acd8e2e95166c4b111448089f2e1599f42fe1bba46e865c5",
    },
    badge: badgeUrl,
    verification: { type: "signed", creator: keyUrl },
    issuedOn: "2016-12-31T23:59:59Z",
  };
  const documents = {
    [badgeUrl]: { "@context": "https://w3id.org/openbadges/v2", type: "BadgeClass", id: badgeUrl, issuer: issuerUrl },
    [issuerUrl]: { "@context": "https://w3id.org/openbadges/v2", type: "Issuer", id: issuerUrl, name: "Issuer", publicKey: keyUrl },
    [keyUrl]: { "@context": "https://w3id.org/openbadges/v2", type: "CryptographicKey", id: keyUrl, owner: issuerUrl, publicKeyPem: pem },
  };
  const sign = async (payload: object, key = privateKey, alg = "RS256") =>
    new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg }).sign(key);

  it("verifies a genuine assertion and returns it with the key and issuer", async () => {
    const result = await verifyOb2SignedAssertion(await sign(assertion), { fetch: stubFetch(documents) });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ verified: true, keyId: keyUrl, issuerId: issuerUrl, assertion });
  });

  it("refuses a signature by another key", async () => {
    const other = await generateKeyPair("RS256");
    const result = await verifyOb2SignedAssertion(await sign(assertion, other.privateKey), { fetch: stubFetch(documents) });
    expect(result.verified).toBe(false);
    expect(result.problems).toEqual([
      "The JWS signature does not match the issuer's key: the assertion was changed or signed with another key.",
    ]);
  });

  it("refuses a key whose owner is not the issuer, or that the issuer does not list", async () => {
    const forged = {
      ...documents,
      [keyUrl]: { ...documents[keyUrl], owner: "https://mallory.example/issuer" },
      [issuerUrl]: { ...documents[issuerUrl], publicKey: "https://issuer.example.org/other-key.json" },
    };
    const result = await verifyOb2SignedAssertion(await sign(assertion), { fetch: stubFetch(forged) });
    expect(result.verified).toBe(false);
    expect(result.problems).toEqual([
      `The signing key's owner is "https://mallory.example/issuer", not the issuer "${issuerUrl}".`,
      `The issuer Profile does not list the key ${keyUrl} in its publicKey.`,
    ]);
  });

  it("refuses another algorithm, and a hosted verification type", async () => {
    const ec = await generateKeyPair("ES256");
    const result = await verifyOb2SignedAssertion(await sign({ ...assertion, verification: { type: "hosted" } }, ec.privateKey, "ES256"), {
      fetch: stubFetch(documents),
    });
    expect(result.problems).toContain('Open Badges 2.0 signed assertions use RS256; this one uses "ES256".');
    expect(result.problems).toContain('The Assertion\'s verification.type must be "signed" (or "SignedBadge") for a JWS; got "hosted".');
  });

  it("the spec's JWS decodes, but its key is not published, so it cannot verify", async () => {
    const result = await verifyOb2SignedAssertion(text("ob2/spec-signed-assertion.jws"), { fetch: stubFetch({}) });
    expect(result.verified).toBe(false);
    expect(result.assertion).toMatchObject({
      id: "https://example.org/beths-robotics-badge.json",
      badge: "https://example.org/robotics-badge.json",
    });
    expect(result.problems).toContain('The Assertion\'s verification.type must be "signed" (or "SignedBadge") for a JWS; got undefined.');
    expect(result.problems).toContain(
      "The signed assertion cannot be checked: the BadgeClass at https://example.org/robotics-badge.json answered HTTP 404.",
    );
    expect((await verifyOb2SignedAssertion("not a jws", { fetch: stubFetch({}) })).problems).toEqual([
      "This is not a compact JWS (three base64url parts separated by dots).",
    ]);
  });
});

describe("OB 3.0 VC-JWT", async () => {
  const credential = fixture("ob3/spec-basic-openbadgecredential-unsigned.json");
  const claims = {
    ...credential,
    iss: credential.issuer.id,
    jti: credential.id,
    sub: credential.credentialSubject.id,
    nbf: Date.parse(credential.validFrom) / 1000,
  };

  it.each(["EdDSA", "ES256", "RS256"])("verifies %s with the key resolved from kid", async (alg) => {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = `${credential.issuer.id}#key-1`;
    const jwt = await new SignJWT(claims).setProtectedHeader({ alg, kid, typ: "JWT" }).sign(privateKey);
    const result = await verifyOb3Jwt(jwt, { resolveKey: async (k) => (k === kid ? jwk : null) });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ verified: true, alg, kid, keySource: "kid", notBefore: 1262304000 });
    expect(result.credential).toMatchObject({ id: credential.id, type: credential.type });
  });

  it("accepts a header jwk (reporting that it is only embedded) and the older vc claim", async () => {
    const { publicKey, privateKey } = await generateKeyPair("EdDSA", { extractable: true });
    const jwt = await new SignJWT({ vc: credential, iss: credential.issuer.id })
      .setProtectedHeader({ alg: "EdDSA", jwk: await exportJWK(publicKey) })
      .sign(privateKey);
    const result = await verifyOb3Jwt(jwt);
    expect(result).toMatchObject({ verified: true, keySource: "embedded-jwk" });
    expect(result.credential).toEqual(credential);
  });

  it("refuses a wrong key, mismatched claims, unknown algorithms and unknown kids", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    const other = await generateKeyPair("ES256", { extractable: true });
    const otherJwk = await exportJWK(other.publicKey);
    const jwt = await new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid: "k" }).sign(privateKey);
    expect((await verifyOb3Jwt(jwt, { resolveKey: async () => otherJwk })).problems).toEqual([
      "The JWT does not verify: the signature does not match the key: the credential was changed or signed with another key.",
    ]);
    expect((await verifyOb3Jwt(jwt, { resolveKey: async () => null })).problems).toEqual([
      "The signing key cannot be found: no key is known for kid k.",
    ]);

    const mismatched = await new SignJWT({ ...claims, iss: "https://mallory.example", sub: "did:example:other" })
      .setProtectedHeader({ alg: "ES256", kid: "k" })
      .sign(other.privateKey);
    expect((await verifyOb3Jwt(mismatched, { resolveKey: async () => otherJwk })).problems).toEqual([
      `The JWT iss "https://mallory.example" differs from the credential issuer "${credential.issuer.id}".`,
      `The JWT sub "did:example:other" differs from credentialSubject.id "${credential.credentialSubject.id}".`,
    ]);

    const hs = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(new Uint8Array(32));
    expect((await verifyOb3Jwt(hs)).problems).toEqual([
      'The JWT algorithm "HS256" is not accepted (accepted: EdDSA, Ed25519, ES256, RS256).',
    ]);
  });
});
