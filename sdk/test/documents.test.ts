import { readFileSync } from "node:fs";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { describe, expect, it } from "vitest";
import {
  type AwardInput,
  buildOb2Assertion,
  buildOb2BadgeClass,
  buildOb2Issuer,
  buildOb2RevocationList,
  buildOb2RevokedAssertionBody,
  buildOb3Credential,
  ChanceryError,
  emailMatches,
  hashIdentity,
  ob2AssertionFromCredential,
  type Problem,
  prepareRecipient,
  validateOb2,
  validateOb3Credential,
  validateOb3Profile,
} from "../src/documents/index.ts";
import { newCredentialId, parseRecipientDid, recipientDid } from "../src/ids.ts";
import {
  credentialStatusEntry,
  issuerProfileId,
  ob2AssertionUrl,
  ob2BadgeClassUrl,
  ob2IssuerUrl,
  ob2RevocationListUrl,
  parseIssuerProfileId,
  parseOb2Url,
  parseStatusUrl,
  parseVerificationMethodId,
  statusUrl,
  verificationMethodId,
} from "../src/urls.ts";

const fixture = (path: string) => JSON.parse(readFileSync(new URL(`./fixtures/${path}`, import.meta.url), "utf8"));
const messages = (problems: Problem[]) => problems.map((p) => p.message);

const BASE = "https://badges.example.org";
const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const DEPLOYMENT = { chainId: 31337, registry: REGISTRY } as const;
const WALLET = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const UID = `0x${"ab".repeat(32)}`;
const BATCH = `0x${"0c".repeat(32)}`;

function award(overrides: Partial<AwardInput> = {}): AwardInput {
  return {
    issuer: {
      issuerId: 7,
      name: "Université de Test",
      url: "https://univ.example.edu",
      email: "badges@univ.example.edu",
      description: "A test university.",
      image: "https://univ.example.edu/logo.png",
    },
    achievement: {
      name: "Solidity Basics",
      description: "Writes, tests and deploys a simple smart contract.",
      criteria: { narrative: "Pass the final exam with at least 80%.", id: "https://univ.example.edu/solidity/criteria" },
      image: { id: "https://univ.example.edu/solidity/badge.png", caption: "Solidity Basics badge" },
      tags: ["blockchain", "solidity"],
      alignments: [
        {
          targetName: "Smart contracts",
          targetUrl: "https://framework.example.org/sc",
          targetFramework: "Example Framework",
          targetCode: "SC-1",
        },
      ],
      achievementType: "Badge",
    },
    recipient: { email: "  Alice@Example.ORG ", wallet: WALLET, name: "Alice Martin" },
    evidence: [{ id: "https://univ.example.edu/projects/42", name: "Final project", narrative: "A token vesting contract." }],
    validFrom: "2025-09-01T08:00:00Z",
    validUntil: "2028-09-01T08:00:00Z",
    deployment: DEPLOYMENT,
    gatewayBase: BASE,
    classId: 3,
    ...overrides,
  };
}

describe("ids: Chancery URL conventions", () => {
  it("builds and parses the OB 3.0 issuer id (also the controller document id)", () => {
    const id = issuerProfileId(`${BASE}/`, { chainId: 31337, registry: REGISTRY.toLowerCase() as `0x${string}` }, 7);
    expect(id).toBe(`${BASE}/ob3/issuers/31337/${REGISTRY}/7`);
    expect(parseIssuerProfileId(id)).toEqual({ gatewayBase: BASE, deployment: DEPLOYMENT, issuerId: 7 });
    const vm = verificationMethodId(id, "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi");
    expect(vm).toBe(`${id}#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi`);
    expect(parseVerificationMethodId(vm)).toEqual({
      controller: id,
      publicKeyMultibase: "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
    });
  });

  it("builds and parses status URLs, with and without a Merkle batch", () => {
    expect(credentialStatusEntry(BASE, DEPLOYMENT, 7)).toEqual({
      id: `${BASE}/ob3/status/31337/${REGISTRY}/7`,
      type: "1EdTechRevocationList",
    });
    const batched = statusUrl(BASE, DEPLOYMENT, 7, BATCH.toUpperCase().replace("0X", "0x"));
    expect(batched).toBe(`${BASE}/ob3/status/31337/${REGISTRY}/7/${BATCH}`);
    expect(parseStatusUrl(batched)).toEqual({ gatewayBase: BASE, deployment: DEPLOYMENT, issuerId: 7, batchId: BATCH });
    expect(parseStatusUrl(`https://gw.example.org/sub/path/ob3/status/1/${REGISTRY}/4294967295`)).toEqual({
      gatewayBase: "https://gw.example.org/sub/path",
      deployment: { chainId: 1, registry: REGISTRY },
      issuerId: 4294967295,
    });
  });

  it.each([
    ["not a string", 42],
    ["wrong prefix", `${BASE}/ob3/issuer/31337/${REGISTRY}/7`],
    ["issuer id zero", `${BASE}/ob3/status/31337/${REGISTRY}/0`],
    ["issuer id above uint32", `${BASE}/ob3/status/31337/${REGISTRY}/4294967296`],
    ["leading zero", `${BASE}/ob3/status/31337/${REGISTRY}/07`],
    ["short address", `${BASE}/ob3/status/31337/0x5FbDB2315678afecb367f032d93F642f64180a/7`],
    ["bad checksum", `${BASE}/ob3/status/31337/${REGISTRY.replace("F", "f")}/7`],
    ["upper-case batch", `${BASE}/ob3/status/31337/${REGISTRY}/7/${BATCH.toUpperCase()}`],
    ["zero batch", `${BASE}/ob3/status/31337/${REGISTRY}/7/0x${"0".repeat(64)}`],
    ["trailing slash", `${BASE}/ob3/status/31337/${REGISTRY}/7/`],
    ["query", `${BASE}/ob3/status/31337/${REGISTRY}/7?x=1`],
    ["not http", `ftp://gw.example.org/ob3/status/31337/${REGISTRY}/7`],
    ["chain id zero", `${BASE}/ob3/status/0/${REGISTRY}/7`],
  ])("rejects a malformed status URL (%s)", (_, url) => {
    expect(() => parseStatusUrl(url)).toThrowError(ChanceryError);
    try {
      parseStatusUrl(url);
    } catch (e) {
      expect((e as ChanceryError).code).toBe("invalid-url");
      expect((e as Error).message).toMatch(/is not a Chancery status URL/);
    }
  });

  it("builds and parses the OB 2.0 hosted URLs", () => {
    expect(ob2AssertionUrl(BASE, 31337, UID)).toBe(`${BASE}/ob2/assertions/31337/${UID}`);
    expect(ob2BadgeClassUrl(BASE, 31337, 3)).toBe(`${BASE}/ob2/badges/31337/3`);
    expect(ob2IssuerUrl(BASE, 31337, 7)).toBe(`${BASE}/ob2/issuers/31337/7`);
    expect(ob2RevocationListUrl(BASE, 31337, 7)).toBe(`${BASE}/ob2/issuers/31337/7/revocations`);
    expect(parseOb2Url(ob2AssertionUrl(BASE, 31337, UID))).toEqual({ kind: "assertion", gatewayBase: BASE, chainId: 31337, uid: UID });
    expect(parseOb2Url(`${BASE}/ob2/badges/31337/3`)).toEqual({ kind: "badge", gatewayBase: BASE, chainId: 31337, classId: 3 });
    expect(parseOb2Url(`${BASE}/ob2/issuers/31337/7`)).toEqual({ kind: "issuer", gatewayBase: BASE, chainId: 31337, issuerId: 7 });
    expect(parseOb2Url(`${BASE}/ob2/issuers/31337/7/revocations`)).toEqual({
      kind: "revocations",
      gatewayBase: BASE,
      chainId: 31337,
      issuerId: 7,
    });
    expect(() => parseOb2Url(`${BASE}/ob2/assertions/31337/0x1234`)).toThrow(/bytes32 uid/);
    expect(() => parseOb2Url(`${BASE}/ob2/badges/31337/3/revocations`)).toThrow(ChanceryError);
    expect(() => ob2AssertionUrl(BASE, 31337, "0x12")).toThrow(/uid must be 0x followed by 64 hex digits/);
  });

  it("rejects bad gateway bases, deployments and ids with messages that say what to pass", () => {
    expect(() => issuerProfileId("badges.example.org", DEPLOYMENT, 7)).toThrow(/not a valid URL/);
    expect(() => issuerProfileId(`${BASE}?a=1`, DEPLOYMENT, 7)).toThrow(/must not have a query or fragment/);
    expect(() => issuerProfileId(BASE, { chainId: -1, registry: REGISTRY }, 7)).toThrow(/chainId must be a positive integer/);
    expect(() => issuerProfileId(BASE, { chainId: 1, registry: "0x1234" as `0x${string}` }, 7)).toThrow(
      /deployment.registry must be a 0x-prefixed 20-byte hex address/,
    );
    expect(() => issuerProfileId(BASE, DEPLOYMENT, 0)).toThrow(/issuerId must be an integer between 1 and 4294967295/);
  });

  it("names wallets as did:pkh and credentials as urn:uuid v4", () => {
    const did = recipientDid(8453, WALLET.toLowerCase());
    expect(did).toBe(`did:pkh:eip155:8453:${WALLET}`);
    expect(parseRecipientDid(did)).toEqual({ chainId: 8453, wallet: WALLET });
    expect(() => parseRecipientDid("did:pkh:solana:1:abc")).toThrow(/not a did:pkh:eip155/);
    const a = newCredentialId();
    expect(a).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newCredentialId()).not.toBe(a);
  });
});

describe("recipient identity", () => {
  it("hashes identities as the spec's own example: sha256('a@example.com' + 'Kosher')", () => {
    expect(hashIdentity("a@example.com", "Kosher")).toBe("sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399");
  });

  it("trims and lower-cases the e-mail, uses a random salt, and never keeps the e-mail in clear", () => {
    const a = prepareRecipient({ email: " Alice@Example.ORG " }, 1);
    const b = prepareRecipient({ email: "alice@example.org" }, 1);
    expect(a.email!.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(a.email!.salt).not.toBe(b.email!.salt);
    expect(a.email!.identityHash).toBe(`sha256$${bytesToHex(sha256(new TextEncoder().encode(`alice@example.org${a.email!.salt}`)))}`);
    expect(JSON.stringify(a)).not.toMatch(/alice/i);
    expect(emailMatches("ALICE@example.org", a.email!.identityHash, a.email!.salt)).toBe(true);
    expect(emailMatches("bob@example.org", a.email!.identityHash, a.email!.salt)).toBe(false);
  });

  it("refuses a recipient with neither e-mail nor wallet, and a malformed e-mail", () => {
    expect(() => prepareRecipient({ name: "Alice" }, 1)).toThrow(/needs an e-mail or a wallet/);
    expect(() => prepareRecipient({ email: "not-an-email" }, 1)).toThrow(/is not an e-mail address/);
    expect(() => prepareRecipient({ wallet: "0x123" }, 1)).toThrow(/recipient.wallet must be a 0x-prefixed 20-byte hex address/);
  });
});

describe("OB 3.0 OpenBadgeCredential of an award", () => {
  it("has the contexts, types, issuer Profile, subject, dates, status and schema Chancery fixes", () => {
    const c = buildOb3Credential(award({ emailSalt: "00112233445566778899aabbccddeeff" }));
    expect(c["@context"]).toEqual([
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
      "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
    ]);
    expect(c.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(c.id).toMatch(/^urn:uuid:/);
    expect(c.name).toBe("Solidity Basics");
    expect(c.issuer).toEqual({
      id: `${BASE}/ob3/issuers/31337/${REGISTRY}/7`,
      type: ["Profile"],
      name: "Université de Test",
      url: "https://univ.example.edu",
      email: "badges@univ.example.edu",
      description: "A test university.",
      image: { id: "https://univ.example.edu/logo.png", type: "Image" },
    });
    expect(c.validFrom).toBe("2025-09-01T08:00:00Z");
    expect(c.validUntil).toBe("2028-09-01T08:00:00Z");
    expect(c.credentialStatus).toEqual({ id: `${BASE}/ob3/status/31337/${REGISTRY}/7`, type: "1EdTechRevocationList" });
    expect(c.credentialSchema).toEqual([
      {
        id: "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
        type: "1EdTechJsonSchemaValidator2019",
      },
    ]);
    const subject = c.credentialSubject as Record<string, any>;
    expect(subject.id).toBe(`did:pkh:eip155:31337:${WALLET}`);
    expect(subject.type).toEqual(["AchievementSubject"]);
    expect(subject.identifier).toEqual([
      {
        type: "IdentityObject",
        identityHash: hashIdentity("alice@example.org", "00112233445566778899aabbccddeeff"),
        identityType: "emailAddress",
        hashed: true,
        salt: "00112233445566778899aabbccddeeff",
      },
      { type: "IdentityObject", identityHash: "Alice Martin", identityType: "name", hashed: false },
    ]);
    expect(subject.achievement).toMatchObject({
      id: `${BASE}/ob2/badges/31337/3`,
      type: ["Achievement"],
      criteria: { id: "https://univ.example.edu/solidity/criteria", narrative: "Pass the final exam with at least 80%." },
      image: { id: "https://univ.example.edu/solidity/badge.png", type: "Image", caption: "Solidity Basics badge" },
      tag: ["blockchain", "solidity"],
      alignment: [
        {
          type: ["Alignment"],
          targetName: "Smart contracts",
          targetUrl: "https://framework.example.org/sc",
          targetFramework: "Example Framework",
          targetCode: "SC-1",
        },
      ],
      achievementType: "Badge",
    });
    expect(c.evidence).toEqual([
      { id: "https://univ.example.edu/projects/42", type: ["Evidence"], name: "Final project", narrative: "A token vesting contract." },
    ]);
    expect(JSON.stringify(c)).not.toMatch(/alice@example/i);
    expect(validateOb3Credential(c)).toEqual([]);
    expect(validateOb3Profile(c.issuer)).toEqual([]);
  });

  it("names the Merkle batch in credentialStatus and converts Date inputs to zoned ISO", () => {
    const c = buildOb3Credential(
      award({
        batchId: BATCH,
        validFrom: new Date(Date.UTC(2025, 0, 2, 3, 4, 5)),
        validUntil: undefined,
        recipient: { email: "bob@example.org" },
      }),
    );
    expect(c.credentialStatus.id).toBe(`${BASE}/ob3/status/31337/${REGISTRY}/7/${BATCH}`);
    expect(c.validFrom).toBe("2025-01-02T03:04:05Z");
    expect(c.validUntil).toBeUndefined();
    expect((c.credentialSubject as { id?: string }).id).toBeUndefined();
    expect(validateOb3Credential(c)).toEqual([]);
  });

  it("refuses awards it cannot turn into a valid badge, saying what to fix", () => {
    expect(() => buildOb3Credential(award({ validFrom: "2025-09-01T08:00:00" }))).toThrow(
      /validFrom must be a Date or an ISO 8601 date-time with a time zone/,
    );
    expect(() => buildOb3Credential(award({ validUntil: "2024-01-01T00:00:00Z" }))).toThrow(
      /validUntil \(2024-01-01T00:00:00Z\) must be after validFrom/,
    );
    expect(() => buildOb3Credential(award({ classId: undefined }))).toThrow(
      /pass award.classId \(the on-chain badge class\) or achievement.id/,
    );
    expect(() => buildOb3Credential(award({ recipient: {} }))).toThrow(/needs an e-mail or a wallet/);
    expect(() => buildOb3Credential(award({ achievement: { ...award().achievement, criteria: {} } }))).toThrow(
      /criteria needs a narrative/,
    );
    expect(() => buildOb3Credential(award({ issuer: { ...award().issuer, url: "univ.example.edu" } }))).toThrow(
      /issuer.url must be an http\(s\) URL/,
    );
    expect(() => buildOb3Credential(award({ credentialId: "123" }))).toThrow(/credentialId must be urn:uuid/);
  });
});

describe("OB 2.0 hosted views of the same award", () => {
  const credential = buildOb3Credential(award());

  it("Assertion: hosted id, hashed e-mail with the credential's salt, BadgeClass URL, dates", () => {
    const a = ob2AssertionFromCredential(credential, {
      gatewayBase: BASE,
      chainId: 31337,
      uid: UID,
      classId: 3,
      image: "https://badges.example.org/img/1.png",
    });
    const identifier = (credential.credentialSubject as any).identifier[0];
    expect(a).toEqual({
      "@context": "https://w3id.org/openbadges/v2",
      type: "Assertion",
      id: `${BASE}/ob2/assertions/31337/${UID}`,
      recipient: { type: "email", hashed: true, salt: identifier.salt, identity: identifier.identityHash },
      badge: `${BASE}/ob2/badges/31337/3`,
      verification: { type: "hosted" },
      issuedOn: "2025-09-01T08:00:00Z",
      expires: "2028-09-01T08:00:00Z",
      image: "https://badges.example.org/img/1.png",
      evidence: [
        { type: "Evidence", id: "https://univ.example.edu/projects/42", name: "Final project", narrative: "A token vesting contract." },
      ],
    });
    expect(validateOb2(a)).toEqual([]);
  });

  it("Assertion for a wallet-only recipient names the wallet by an https url identity (backpacks refuse a did:pkh there)", () => {
    const prepared = prepareRecipient({ wallet: WALLET }, 31337);
    const a = buildOb2Assertion({
      gatewayBase: BASE,
      chainId: 31337,
      uid: UID,
      classId: 3,
      recipient: prepared,
      issuedOn: "2025-09-01T08:00:00Z",
    });
    expect(a.recipient).toEqual({ type: "url", hashed: false, identity: `${BASE}/ob2/recipients/31337/${WALLET}` });
    expect(validateOb2(a)).toEqual([]);
    expect(() =>
      buildOb2Assertion({
        gatewayBase: BASE,
        chainId: 31337,
        uid: UID,
        classId: 3,
        recipient: prepared,
        issuedOn: "2025-09-01T08:00:00Z",
        image: "data:image/png;base64,AAAA",
      }),
    ).toThrow(/not a data: URI/);
  });

  it("BadgeClass, issuer Profile (allowedOrigins = gateway host, revocationList), RevocationList and the 410 body", () => {
    const badge = buildOb2BadgeClass({ gatewayBase: BASE, chainId: 31337, classId: 3, issuerId: 7, achievement: award().achievement });
    expect(badge).toMatchObject({
      "@context": "https://w3id.org/openbadges/v2",
      type: "BadgeClass",
      id: `${BASE}/ob2/badges/31337/3`,
      image: "https://univ.example.edu/solidity/badge.png",
      issuer: `${BASE}/ob2/issuers/31337/7`,
      tags: ["blockchain", "solidity"],
      alignment: [
        {
          targetName: "Smart contracts",
          targetUrl: "https://framework.example.org/sc",
          targetFramework: "Example Framework",
          targetCode: "SC-1",
        },
      ],
    });
    expect(validateOb2(badge)).toEqual([]);
    expect(() =>
      buildOb2BadgeClass({
        gatewayBase: BASE,
        chainId: 31337,
        classId: 3,
        issuerId: 7,
        achievement: { ...award().achievement, image: undefined },
      }),
    ).toThrow(/needs an image/);

    // validator-core: allowedOrigins holds host names only and must equal the assertion id's
    // authority, so a gateway on a port lists none (the default is the issuer id's own authority).
    const issuer = buildOb2Issuer({ gatewayBase: "https://badges.example.org:8443/", chainId: 31337, issuer: award().issuer });
    expect(issuer.verification).toEqual({ type: "VerificationObject", startsWith: ["https://badges.example.org:8443/ob2/assertions/"] });
    const onDefaultPort = buildOb2Issuer({ gatewayBase: "https://Badges.example.org", chainId: 31337, issuer: award().issuer });
    expect(onDefaultPort.verification).toEqual({
      type: "VerificationObject",
      startsWith: ["https://badges.example.org/ob2/assertions/"],
      allowedOrigins: ["badges.example.org"],
    });
    const onAddress = buildOb2Issuer({ gatewayBase: "http://127.0.0.1", chainId: 31337, issuer: award().issuer });
    expect(onAddress.verification).not.toHaveProperty("allowedOrigins");
    expect(issuer.revocationList).toBe("https://badges.example.org:8443/ob2/issuers/31337/7/revocations");
    expect(issuer.type).toBe("Issuer");
    expect(validateOb2(issuer)).toEqual([]);

    const list = buildOb2RevocationList({
      gatewayBase: BASE,
      chainId: 31337,
      issuerId: 7,
      revoked: [{ uid: UID, reason: "Issued in error" }, { uid: `0x${"cd".repeat(32)}` }],
    });
    expect(list).toEqual({
      "@context": "https://w3id.org/openbadges/v2",
      id: `${BASE}/ob2/issuers/31337/7/revocations`,
      type: "RevocationList",
      issuer: `${BASE}/ob2/issuers/31337/7`,
      revokedAssertions: [
        { id: `${BASE}/ob2/assertions/31337/${UID}`, revocationReason: "Issued in error" },
        { id: `${BASE}/ob2/assertions/31337/0x${"cd".repeat(32)}` },
      ],
    });
    expect(validateOb2(list)).toEqual([]);

    const gone = buildOb2RevokedAssertionBody({ gatewayBase: BASE, chainId: 31337, uid: UID, reason: "Misconduct" });
    expect(gone).toEqual({
      "@context": "https://w3id.org/openbadges/v2",
      id: `${BASE}/ob2/assertions/31337/${UID}`,
      revoked: true,
      revocationReason: "Misconduct",
    });
    expect(validateOb2(gone)).toEqual([]);
  });
});

describe("spec examples", () => {
  it.each([
    "ldp-testvector-unsigned-credential.json",
    "ldp-testvector-signed-credential.json",
    "spec-basic-openbadgecredential-unsigned.json",
    "spec-docformat-sample-file.json",
    "spec-complete-openbadgecredential.json",
  ])("OB 3.0 %s is schema-valid", (file) => {
    expect(validateOb3Credential(fixture(`ob3/${file}`))).toEqual([]);
  });

  it.each(["spec-assertion-hosted.json", "spec-issuer.json", "spec-revocationlist.json", "spec-revoked-hosted-assertion.json"])(
    "OB 2.0 %s is valid",
    (file) => {
      expect(validateOb2(fixture(`ob2/${file}`))).toEqual([]);
    },
  );

  it("OB 2.0 intro example: the missing recipient.hashed is an error", () => {
    expect(validateOb2(fixture("ob2/spec-intro-assertion-embedded.json"))).toEqual([
      { path: "recipient.hashed", message: 'recipient is missing the required property "hashed" (true when identity is a salted hash).' },
    ]);
  });
});

describe("malformed OB 3.0 credentials: each problem is named", () => {
  const base = () => fixture("ob3/spec-basic-openbadgecredential-unsigned.json");
  it.each<[string, (d: any) => void, string[]]>([
    ["missing issuer", (d) => delete d.issuer, ['The credential is missing the required property "issuer".']],
    ["issuer without id", (d) => delete d.issuer.id, ['issuer is missing the required property "id".']],
    ["issuer of the wrong type", (d) => (d.issuer = 5), ["issuer must be a string or an object."]],
    ["missing validFrom", (d) => delete d.validFrom, ['The credential is missing the required property "validFrom".']],
    [
      "date without time",
      (d) => (d.validFrom = "2010-01-01"),
      ['validFrom must be an ISO 8601 date-time with a time zone, like 2024-01-31T12:00:00Z; got "2010-01-01".'],
    ],
    [
      "date without zone",
      (d) => (d.validUntil = "2030-01-01T00:00:00"),
      ['validUntil must be an ISO 8601 date-time with a time zone, like 2024-01-31T12:00:00Z; got "2030-01-01T00:00:00".'],
    ],
    [
      "validUntil before validFrom",
      (d) => (d.validUntil = "2009-01-01T00:00:00Z"),
      ["validUntil (2009-01-01T00:00:00Z) must not be before validFrom (2010-01-01T00:00:00Z)."],
    ],
    [
      "wrong OB context",
      (d) => (d["@context"][1] = "https://example.org/ob.json"),
      [
        '@context[1] must be the Open Badges 3.0 context, https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json; got "https://example.org/ob.json".',
      ],
    ],
    ["only the VC context", (d) => (d["@context"] = ["https://www.w3.org/ns/credentials/v2"]), ["@context must have at least 2 items."]],
    [
      "VC context not first",
      (d) => d["@context"].reverse(),
      [
        '@context[0] must be one of "https://www.w3.org/ns/credentials/v2"; got "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json".',
        '@context[1] must be the Open Badges 3.0 context, https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json; got "https://www.w3.org/ns/credentials/v2".',
      ],
    ],
    [
      "no OpenBadgeCredential type",
      (d) => (d.type = ["VerifiableCredential"]),
      ['type must include "AchievementCredential" or "OpenBadgeCredential".'],
    ],
    ["type as a string", (d) => (d.type = "OpenBadgeCredential"), ["type must be a list."]],
    [
      "achievement without name",
      (d) => delete d.credentialSubject.achievement.name,
      ['credentialSubject.achievement is missing the required property "name".'],
    ],
    [
      "achievement without criteria",
      (d) => delete d.credentialSubject.achievement.criteria,
      ['credentialSubject.achievement is missing the required property "criteria".'],
    ],
    [
      "subject without achievement",
      (d) => delete d.credentialSubject.achievement,
      ['credentialSubject is missing the required property "achievement".'],
    ],
    [
      "unknown achievementType",
      (d) => (d.credentialSubject.achievement.achievementType = "Trophy"),
      [
        expect.stringMatching(
          /^credentialSubject\.achievement\.achievementType must be one of "Achievement", .*"Badge".*, or an extension term "ext:…"; got "Trophy"\.$/,
        ),
      ],
    ],
    [
      "image without type",
      (d) => (d.credentialSubject.achievement.image = { id: "https://example.org/i.png" }),
      ['credentialSubject.achievement.image is missing the required property "type".'],
    ],
    [
      "hashed identity that is no hash",
      (d) =>
        (d.credentialSubject.identifier = [
          { type: "IdentityObject", identityHash: "alice@example.org", identityType: "emailAddress", hashed: true, salt: "x" },
        ]),
      ['credentialSubject.identifier[0].identityHash is marked hashed but is not "sha256$" + 64 hex digits (or "md5$" + 32).'],
    ],
    [
      "hashed as text, extra property",
      (d) =>
        (d.credentialSubject.identifier = [
          { type: "IdentityObject", identityHash: `sha256$${"a".repeat(64)}`, identityType: "emailAddress", hashed: "true", email: "x" },
        ]),
      [
        'credentialSubject.identifier[0] has a property "email" that is not allowed there.',
        "credentialSubject.identifier[0].hashed must be a boolean.",
      ],
    ],
    [
      "status without type",
      (d) => (d.credentialStatus = { id: "https://example.org/status" }),
      ['credentialStatus is missing the required property "type".'],
    ],
    ["proof without type", (d) => (d.proof = { cryptosuite: "eddsa-rdfc-2022" }), ['proof[0] is missing the required property "type".']],
    [
      "credentialSchema as an object",
      (d) => (d.credentialSchema = { id: "https://example.org/s.json", type: "1EdTechJsonSchemaValidator2019" }),
      ["credentialSchema must be a list."],
    ],
  ])("%s", (_, mutate, expected) => {
    const doc = base();
    mutate(doc);
    expect(messages(validateOb3Credential(doc))).toEqual(expected);
  });

  it("a single proof object is accepted (normalised to an array, as the spec's test vector needs)", () => {
    const signed = fixture("ob3/ldp-testvector-signed-credential.json");
    expect(Array.isArray(signed.proof)).toBe(false);
    expect(validateOb3Credential(signed)).toEqual([]);
    expect(signed.proof.type).toBe("DataIntegrityProof"); // the caller's object is not changed
  });

  it("something that is not an object", () => {
    expect(messages(validateOb3Credential("{}"))).toEqual(["An Open Badges 3.0 credential must be a JSON object."]);
  });
});

describe("malformed OB 2.0 documents: each problem is named", () => {
  const hosted = () => fixture("ob2/spec-assertion-hosted.json");
  it.each<[string, (d: any) => void, string[]]>([
    [
      "wrong @context",
      (d) => (d["@context"] = "https://w3id.org/openbadges/v1"),
      ['@context must be "https://w3id.org/openbadges/v2" (or a list that includes it); got "https://w3id.org/openbadges/v1".'],
    ],
    [
      "missing @context",
      (d) => delete d["@context"],
      ['The Assertion is missing "@context"; it must be "https://w3id.org/openbadges/v2".'],
    ],
    [
      "id that is no IRI",
      (d) => (d.id = "assertion-1"),
      ['id must be an IRI (an http(s) URL, urn:uuid: or _:blank node); got "assertion-1".'],
    ],
    [
      "hosted with a urn:uuid id",
      (d) => (d.id = "urn:uuid:3c574c87-b96f-4f06-8eb5-68a29335b60e"),
      ['A hosted Assertion\'s id must be the http(s) URL it is served from; got "urn:uuid:3c574c87-b96f-4f06-8eb5-68a29335b60e".'],
    ],
    ["missing recipient", (d) => delete d.recipient, ['The Assertion is missing the required property "recipient".']],
    ["hashed as text", (d) => (d.recipient.hashed = "true"), ['recipient.hashed must be true or false (a boolean); got "true".']],
    [
      "bad hash",
      (d) => (d.recipient.identity = "sha256$c7ef86405ba71b85"),
      ['recipient.identity is marked hashed but is not "sha256$" + 64 hex digits (or "md5$" + 32); got "sha256$c7ef86405ba71b85".'],
    ],
    [
      "unknown hash algorithm",
      (d) => (d.recipient.identity = `sha1$${"a".repeat(40)}`),
      [`recipient.identity is marked hashed but is not "sha256$" + 64 hex digits (or "md5$" + 32); got "sha1$${"a".repeat(40)}".`],
    ],
    ["md5 hash is accepted", (d) => (d.recipient.identity = `md5$${"0123456789abcdef".repeat(2)}`), []],
    [
      "unknown recipient type",
      (d) => (d.recipient.type = "phone"),
      ['recipient.type must be one of "email", "url", "telephone", "id"; got "phone".'],
    ],
    ["missing identity", (d) => delete d.recipient.identity, ['recipient is missing the required property "identity".']],
    ["missing badge", (d) => delete d.badge, ['The Assertion is missing the required property "badge" (the BadgeClass URL or object).']],
    [
      "badge that is no IRI",
      (d) => (d.badge = "robotics-badge"),
      ['badge must be an IRI (an http(s) URL, urn:uuid: or _:blank node); got "robotics-badge".'],
    ],
    [
      "missing verification",
      (d) => delete d.verification,
      ['The Assertion is missing the required property "verification" ({ "type": "hosted" } or { "type": "signed", "creator": … }).'],
    ],
    [
      "unknown verification type",
      (d) => (d.verification.type = "blockchain"),
      ['verification.type must be "hosted" or "signed"; got "blockchain".'],
    ],
    ["missing issuedOn", (d) => delete d.issuedOn, ['The Assertion is missing the required property "issuedOn".']],
    [
      "issuedOn without zone",
      (d) => (d.issuedOn = "2016-12-31T23:59:59"),
      ['issuedOn must be an ISO 8601 date-time with a time zone, like 2016-12-31T23:59:59Z; got "2016-12-31T23:59:59".'],
    ],
    [
      "expires as a date only",
      (d) => (d.expires = "2017-06-30"),
      ['expires must be an ISO 8601 date-time with a time zone, like 2016-12-31T23:59:59Z; got "2017-06-30".'],
    ],
    ["expires before issuedOn", (d) => (d.expires = "2015-01-01T00:00:00Z"), ["expires must be after issuedOn."]],
    [
      "data: URI image",
      (d) => (d.image = "data:image/png;base64,iVBORw0KGgo="),
      ["image must not be a data: URI in an Assertion (OB 2.0 forbids it); link to the image instead."],
    ],
    [
      "wrong type",
      (d) => (d.type = "Badge"),
      ['The document\'s type must be "Assertion", "BadgeClass", "Issuer"/"Profile" or "RevocationList"; got "Badge".'],
    ],
  ])("Assertion: %s", (_, mutate, expected) => {
    const doc = hosted();
    mutate(doc);
    expect(messages(validateOb2(doc))).toEqual(expected);
  });

  it("embedded BadgeClass and issuer are checked too", () => {
    const doc = fixture("ob2/spec-intro-assertion-embedded.json");
    doc.recipient.hashed = false;
    delete doc.badge.description;
    doc.badge.issuer.url = "example.org";
    doc.badge.criteria = {};
    expect(messages(validateOb2(doc))).toEqual([
      'badge is missing the required property "description".',
      "badge.criteria needs an id (URL) or a narrative.",
      'badge.issuer.url must be an IRI (an http(s) URL, urn:uuid: or _:blank node); got "example.org".',
    ]);
  });

  it("BadgeClass, issuer Profile and RevocationList rules", () => {
    const issuer = fixture("ob2/spec-issuer.json");
    delete issuer.name;
    issuer.verification = { allowedOrigins: ["https://badges.example.org"] };
    expect(messages(validateOb2(issuer))).toEqual([
      'The issuer Profile is missing the required property "name".',
      'verification.allowedOrigins must list host names like "badges.example.org" (no scheme, path or port, no IP address); on a port, leave it out.',
    ]);
    // validator-core's URL_AUTHORITY: neither a port nor an IP address passes.
    for (const origin of ["badges.example.org:8443", "127.0.0.1", "localhost"]) {
      expect(
        messages(validateOb2({ ...fixture("ob2/spec-issuer.json"), verification: { allowedOrigins: [origin] } })),
        origin,
      ).toHaveLength(1);
    }
    expect(validateOb2({ ...fixture("ob2/spec-issuer.json"), verification: { allowedOrigins: ["badges.example.org"] } })).toEqual([]);

    const list = fixture("ob2/spec-revocationlist.json");
    list.revokedAssertions.push({ id: "not an iri", revocationReason: 5 });
    expect(messages(validateOb2(list))).toEqual([
      'revokedAssertions[3].id must be an IRI (an http(s) URL, urn:uuid: or _:blank node); got "not an iri".',
      "revokedAssertions[3].revocationReason must be text.",
    ]);

    const badge = {
      "@context": "https://w3id.org/openbadges/v2",
      type: "BadgeClass",
      id: "https://example.org/b",
      name: "B",
      description: "D",
      criteria: "https://example.org/c",
      issuer: "https://example.org/i",
    };
    expect(messages(validateOb2(badge))).toEqual(['The BadgeClass is missing the required property "image".']);
    expect(validateOb2({ ...badge, image: "data:image/png;base64,AAAA" })).toEqual([]); // data: is fine for a BadgeClass
  });
});
