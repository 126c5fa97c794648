import { readFileSync } from "node:fs";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { SimpleMerkleTree, StandardMerkleTree } from "@openzeppelin/merkle-tree";
import jsonld from "jsonld";
import { concat, encodeAbiParameters, keccak256, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import {
  assertionId,
  buildBatchTree,
  canonicalCredential,
  canonicalCredentialHash,
  credentialAnchor,
  merkleBatchId,
  merkleLeaf,
  proofFor,
  randomBatchKey,
  rebuildBatchTreeFromLeaves,
  verifyBatchProof,
} from "../src/anchor/index.ts";
import { type AwardInput, buildOb3Credential } from "../src/documents/index.ts";
import {
  buildControllerDocument,
  buildKeyDocument,
  canonicalize,
  contextLoader,
  signCredential,
  signingKeyFromSecret,
  verifyCredentialProof,
} from "../src/proofs/index.ts";

const text = (path: string) => readFileSync(new URL(`./fixtures/${path}`, import.meta.url), "utf8");
const fixture = (path: string) => JSON.parse(text(path));

const BASE = "https://badges.example.org";
const DEPLOYMENT = { chainId: 31337, registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3" } as const;
const WALLET = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

const award: AwardInput = {
  issuer: { issuerId: 7, name: "Test University", url: "https://univ.example.edu", image: "https://univ.example.edu/logo.png" },
  achievement: {
    name: "Solidity",
    description: "Smart contracts.",
    criteria: { narrative: "Pass the exam." },
    tags: ["a", "b"],
    image: { id: "https://univ.example.edu/b.png" },
  },
  recipient: { email: "alice@example.org", wallet: WALLET, name: "Alice" },
  evidence: [{ id: "https://univ.example.edu/p/1", narrative: "Project" }],
  validFrom: "2025-01-01T00:00:00Z",
  validUntil: "2027-01-01T00:00:00Z",
  deployment: DEPLOYMENT,
  gatewayBase: BASE,
  classId: 1,
  credentialId: "urn:uuid:0d3c7b5e-8f4a-4b4e-9d2e-6c1b2a3f4e5d",
  emailSalt: "c0ffee",
};
const credential = buildOb3Credential(award);

/** Reverses the key order of every object, recursively. */
function reorder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorder);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reorder(v)]),
    );
  return value;
}

describe("canonicalCredentialHash", () => {
  it("is sha256 of the RDFC-1.0 N-Quads of the credential without its id: for the spec's vector, its document canon with the id's node blank", async () => {
    const vector = fixture("ob3/ldp-testvector-unsigned-credential.json");
    // The spec's canon file names the credential by its id; without the id, RDFC names that node _:c14nN.
    const withId = text("ob3/ldp-testvector-document-canon.nq");
    const nq = await canonicalCredential(vector);
    expect(nq).not.toContain(`<${vector.id}>`);
    expect(nq.split("\n").length).toBe(withId.split("\n").length);
    expect(await canonicalize({ ...vector })).toBe(withId);
    expect(await canonicalCredentialHash(vector)).toBe(`0x${bytesToHex(sha256(new TextEncoder().encode(nq)))}`);
  });

  it("ignores the credential's id, so the id can name the badge's own uid", async () => {
    const vector = fixture("ob3/ldp-testvector-unsigned-credential.json");
    expect(await canonicalCredentialHash({ ...vector, id: "https://badges.example.org/ob3/credentials/1/x" })).toBe(
      await canonicalCredentialHash(vector),
    );
  });

  it("ignores proof: the same hash before and after signing", async () => {
    const signed = fixture("ob3/ldp-testvector-signed-credential.json");
    const unsigned = fixture("ob3/ldp-testvector-unsigned-credential.json");
    expect(await canonicalCredentialHash(signed)).toBe(await canonicalCredentialHash(unsigned));
    expect(signed.proof).toBeDefined(); // not removed from the caller's object
    const ours = await signCredential(credential, { secretKey: new Uint8Array(32).fill(5) });
    expect(await canonicalCredentialHash(ours)).toBe(await canonicalCredentialHash(credential));
  });

  it("survives key reordering, whitespace and indentation", async () => {
    const hash = await canonicalCredentialHash(credential);
    expect(hash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await canonicalCredentialHash(reorder(credential) as object)).toBe(hash);
    expect(await canonicalCredentialHash(JSON.parse(JSON.stringify(credential, null, "\t\t")))).toBe(hash);
    expect(await canonicalCredentialHash(JSON.parse(JSON.stringify(credential).replace(/,"/g, ' ,\n   "')))).toBe(hash);
  });

  it("survives equivalent JSON-LD forms: one value vs a one-item list, full IRIs, the expanded document", async () => {
    const hash = await canonicalCredentialHash(credential);
    const variant = structuredClone(credential) as any;
    variant.type = ["OpenBadgeCredential", "VerifiableCredential"]; // a set: order carries no meaning
    variant.issuer.type = "Profile";
    variant.credentialSubject.achievement.type = "Achievement";
    variant.credentialSchema = variant.credentialSchema[0];
    variant.credentialSubject.achievement.tag = ["b", "a"];
    delete variant.name;
    variant["https://schema.org/name"] = credential.name;
    expect(await canonicalCredentialHash(variant)).toBe(hash);
    const expanded = await jsonld.expand(structuredClone(credential), { documentLoader: contextLoader, safe: true });
    expect(JSON.stringify(expanded)).not.toContain('"@context"');
    expect(await canonicalCredentialHash(expanded[0] as object)).toBe(hash);
  });

  it.each<[string, (c: any) => void]>([
    ["the credential name", (c) => (c.name = "Solidity!")],
    ["validFrom by one second", (c) => (c.validFrom = "2025-01-01T00:00:01Z")],
    ["validUntil", (c) => (c.validUntil = "2028-01-01T00:00:00Z")],
    ["the recipient wallet", (c) => (c.credentialSubject.id = "did:pkh:eip155:31337:0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC")],
    [
      "the e-mail hash",
      (c) => (c.credentialSubject.identifier[0].identityHash = c.credentialSubject.identifier[0].identityHash.replace(/.$/, "0")),
    ],
    ["the recipient name", (c) => (c.credentialSubject.identifier[1].identityHash = "Alicia")],
    ["the issuer id", (c) => (c.issuer.id = c.issuer.id.replace(/7$/, "8"))],
    ["the achievement criteria", (c) => (c.credentialSubject.achievement.criteria.narrative = "Pass the exam twice.")],
    ["the status (Merkle batch)", (c) => (c.credentialStatus.id += `/0x${"1".repeat(64)}`)],
    ["a removed tag", (c) => c.credentialSubject.achievement.tag.pop()],
    ["added evidence", (c) => c.evidence.push({ type: ["Evidence"], narrative: "More" })],
  ])("changes when %s changes", async (_, mutate) => {
    const changed = structuredClone(credential);
    mutate(changed);
    expect(await canonicalCredentialHash(changed)).not.toBe(await canonicalCredentialHash(credential));
  });

  it("refuses a property no context defines (it would otherwise be left out of the hash)", async () => {
    await expect(canonicalCredentialHash({ ...credential, secretNote: "not in any context" })).rejects.toMatchObject({
      code: "canonicalization-failed",
      message: expect.stringContaining('"property":"secretNote"'),
    });
    await expect(canonicalCredentialHash("{}" as unknown as object)).rejects.toThrow(/needs the credential as a JSON object/);
  });
});

describe("assertionId (the on-chain uid)", () => {
  const hash = `0x${"42".repeat(32)}` as const;
  const ISSUER = 7;
  const encode = (issuer: number, to: string) =>
    encodeAbiParameters([{ type: "uint32" }, { type: "bytes32" }, { type: "address" }], [issuer, hash, to as `0x${string}`]);

  it("is keccak256(keccak256(abi.encode(issuerId, hash, recipient))), as viem computes it", () => {
    const expected = keccak256(concat([keccak256(encode(ISSUER, WALLET))]));
    expect(assertionId(ISSUER, hash, WALLET)).toBe(expected);
    expect(assertionId(ISSUER, hash.toUpperCase().replace("0X", "0x"), WALLET.toLowerCase())).toBe(expected);
  });

  it("equals the OpenZeppelin StandardMerkleTree leaf; no wallet means the zero address", () => {
    const tree = StandardMerkleTree.of([[ISSUER, hash, WALLET]], ["uint32", "bytes32", "address"]);
    expect(assertionId(ISSUER, hash, WALLET)).toBe(tree.leafHash([ISSUER, hash, WALLET]));
    expect(assertionId(ISSUER, hash)).toBe(assertionId(ISSUER, hash, zeroAddress));
    expect(assertionId(ISSUER, hash, null)).toBe(keccak256(keccak256(encode(ISSUER, zeroAddress))));
    expect(assertionId(ISSUER, hash)).not.toBe(assertionId(ISSUER, hash, WALLET));
  });

  it("differs between issuers for the same credential hash and recipient", () => {
    expect(assertionId(ISSUER, hash, WALLET)).not.toBe(assertionId(ISSUER + 1, hash, WALLET));
  });

  it("refuses a zero or malformed hash, and an issuer id outside uint32", () => {
    expect(() => assertionId(ISSUER, `0x${"0".repeat(64)}`)).toThrow(/credentialHash must not be zero/);
    expect(() => assertionId(ISSUER, "0x1234")).toThrow(/credentialHash must be 0x followed by 64 hex digits/);
    expect(() => assertionId(ISSUER, hash, "0x1234")).toThrow(/recipient must be a 0x-prefixed 20-byte hex address/);
    expect(() => assertionId(0, hash)).toThrow(/issuerId must be/);
    expect(() => assertionId(2 ** 32, hash)).toThrow(/issuerId must be/);
  });
});

describe("Merkle batches", () => {
  const entries = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      credentialHash: bytesToHex(sha256(new TextEncoder().encode(`credential ${i}`))).replace(/^/, "0x"),
      recipient: i % 3 === 0 ? null : `0x${(i + 1).toString(16).padStart(40, "0")}`,
    }));

  it.each([1, 2, 3, 7, 100])("a batch of %i: the tree rebuilt from uids in event order has the same root and proofs", (n) => {
    const batch = entries(n);
    const tree = buildBatchTree(3, batch);
    const uids = batch.map((e) => assertionId(3, e.credentialHash, e.recipient));
    // The reference: OpenZeppelin's StandardMerkleTree of ["bytes32"] over the uids, in call order.
    const reference = StandardMerkleTree.of(
      uids.map((uid) => [uid]),
      ["bytes32"],
      { sortLeaves: false },
    );
    expect(tree.root).toBe(reference.root);
    const rebuilt = rebuildBatchTreeFromLeaves(uids);
    expect(rebuilt.root).toBe(tree.root);
    // Each leaf is the double hash of its uid, never the uid itself.
    expect(SimpleMerkleTree.of(uids.map(merkleLeaf), { sortLeaves: false }).root).toBe(tree.root);
    expect(merkleLeaf(uids[0]!)).toBe(keccak256(keccak256(encodeAbiParameters([{ type: "bytes32" }], [uids[0]!]))));
    for (const i of [0, Math.floor(n / 2), n - 1]) {
      const proof = proofFor(tree, i);
      expect(proofFor(rebuilt, i)).toEqual(proof);
      expect(StandardMerkleTree.verify(tree.root, ["bytes32"], [uids[i]!], proof)).toBe(true);
      expect(verifyBatchProof(tree.root, uids[i]!, proof)).toBe(true);
      if (n > 1) expect(verifyBatchProof(tree.root, uids[(i + 1) % n]!, proof)).toBe(false);
    }
  });

  it("never takes an inner node or the root for a badge, even with its genuine sub-proof", () => {
    const tree = buildBatchTree(3, entries(8));
    const nodes = tree.dump().tree as `0x${string}`[];
    // Node 1 (above leaves 0-3) with its sibling, node 2; and the root with no proof.
    expect(SimpleMerkleTree.verify(tree.root, nodes[1]!, [nodes[2]!])).toBe(true);
    expect(verifyBatchProof(tree.root, nodes[1]!, [nodes[2]!])).toBe(false);
    expect(verifyBatchProof(tree.root, tree.root, [])).toBe(false);
  });

  it("names a batch by merkleBatchId(issuerId, batchKey): known before sending, another issuer's apart", () => {
    const key = randomBatchKey();
    expect(key).toMatch(/^0x[0-9a-f]{64}$/);
    expect(randomBatchKey()).not.toBe(key);
    expect(merkleBatchId(3, key)).toBe(keccak256(encodeAbiParameters([{ type: "uint32" }, { type: "bytes32" }], [3, key])));
    expect(merkleBatchId(3, key)).toBe(merkleBatchId(3, key.toUpperCase().replace("0X", "0x")));
    expect(merkleBatchId(4, key)).not.toBe(merkleBatchId(3, key));
    expect(() => merkleBatchId(3, `0x${"0".repeat(64)}`)).toThrow(/batchKey must not be zero/);
    expect(() => merkleBatchId(0, key)).toThrow(/issuerId must be/);
  });

  it("keeps call order: the same badges in another order give another root", () => {
    const batch = entries(4);
    expect(buildBatchTree(3, [...batch.slice(1), batch[0]!]).root).not.toBe(buildBatchTree(3, batch).root);
  });

  it("refuses empty batches and out-of-range indexes", () => {
    expect(() => buildBatchTree(3, [])).toThrow(/at least one badge/);
    expect(() => rebuildBatchTreeFromLeaves([])).toThrow(/at least one uid/);
    expect(() => proofFor(buildBatchTree(3, entries(3)), 3)).toThrow(/No badge at index 3: the batch has 3/);
  });
});

describe("credentialAnchor", () => {
  it("reads the deployment, issuer and batch from a Chancery credential", () => {
    expect(credentialAnchor(credential)).toEqual({ gatewayBase: BASE, deployment: DEPLOYMENT, issuerId: 7 });
    const batched = buildOb3Credential({ ...award, batchId: `0x${"ab".repeat(32)}` });
    expect(credentialAnchor(batched).batchId).toBe(`0x${"ab".repeat(32)}`);
  });

  it("refuses a credential whose issuer and status name different anchors, or that has none", () => {
    const forged = structuredClone(credential);
    forged.issuer.id = forged.issuer.id.replace(/\/7$/, "/8");
    expect(() => credentialAnchor(forged)).toThrow(/name different anchors/);
    expect(() => credentialAnchor(fixture("ob3/spec-basic-openbadgecredential-unsigned.json"))).toThrow(
      /has no BitstringStatusListEntry or 1EdTechRevocationList credentialStatus/,
    );
  });
});

describe("speed (node, after warm-up)", () => {
  it("hashes, signs and verifies a credential in a few milliseconds", async () => {
    const key = signingKeyFromSecret(new Uint8Array(32).fill(7));
    const controller = buildControllerDocument(credential.issuer.id, [{ publicKey: key.publicKey }]);
    const keyDocument = buildKeyDocument(credential.issuer.id, key.publicKey);
    const resolveController = async (id: string) => (id === keyDocument.id ? keyDocument : controller);
    const time = async (n: number, fn: () => Promise<unknown>) => {
      for (let i = 0; i < 5; i++) await fn();
      const start = performance.now();
      for (let i = 0; i < n; i++) await fn();
      return (performance.now() - start) / n;
    };
    const signed = await signCredential(credential, { secretKey: key.secretKey });
    const hashMs = await time(50, () => canonicalCredentialHash(credential));
    const signMs = await time(30, () => signCredential(credential, { secretKey: key.secretKey }));
    const verifyMs = await time(30, async () => expect((await verifyCredentialProof(signed, { resolveController })).verified).toBe(true));
    console.log(
      `canonicalCredentialHash ${hashMs.toFixed(2)} ms, signCredential ${signMs.toFixed(2)} ms, verifyCredentialProof ${verifyMs.toFixed(2)} ms per credential`,
    );
    // Generous bounds (2 shared cores): a regression to seconds would fail.
    expect(hashMs).toBeLessThan(50);
    expect(signMs).toBeLessThan(100);
    expect(verifyMs).toBeLessThan(150);
  });
});
