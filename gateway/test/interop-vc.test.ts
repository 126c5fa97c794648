// Digital Bazaar's stack, unmodified (`@digitalbazaar/vc` verifyCredential with the
// eddsa-rdfc-2022 cryptosuite of `@digitalbazaar/data-integrity`), on credentials the sdk signs and
// anchors on a real node, whose keys a real listening gateway serves. Its document loader is a
// stock one: the contexts of the npm context packages and the 1EdTech reference files, and for
// anything else a plain HTTP GET of the gateway URL it is given — no Chancery code, no fragment
// handling, and no multikey, DID or security context (the DCC's stock loader has no multikey one):
// the key's own document and the issuer document must verify as served.
import { anchorBadge, anchorMerkleBatch, type PreparedBadge, prepareBadge } from "@chancery/sdk/award";
import { addIssuerKey, createBadgeClass, deriveIssuerSigningKey, registerIssuer, type WriteContext } from "@chancery/sdk/chain";
import { type AwardInput, buildOb3Achievement, buildOb3IssuerProfile } from "@chancery/sdk/documents";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { keccak256, toHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Gateway } from "../src/app.ts";
import { type Chain, freePort, startChain } from "./helpers.ts";
import { chainGateway, stockLoaderFor } from "./stock-verifier.ts";

const APP = "https://app.test";
let chain: Chain;
let gw: Gateway;
let base: string;
const credentials: { what: string; credential: PreparedBadge["credential"] }[] = [];
const fetched: string[] = [];

const stockLoader = stockLoaderFor(
  () => base,
  (url) => fetched.push(url),
);

const verify = (credential: object) =>
  vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    documentLoader: stockLoader,
    // Revocation is another part of issue 8 (BitstringStatusList); this test is about keys and proofs.
    checkStatus: async () => ({ verified: true }),
  });

beforeAll(async () => {
  chain = await startChain();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const deployment = { chainId: chain.chainId, registry: chain.registry };
  const admin: WriteContext = {
    client: chain.publicClient,
    registry: chain.registry,
    deployedOnBlock: chain.deployedOnBlock,
    wallet: chain.wallets[1]!,
  };
  const profile = buildOb3IssuerProfile({ issuerId: 1, name: "Université de Lumière", url: "https://lumiere.example" }, base, deployment);
  const { issuerId } = await registerIssuer(admin, { ...profile, verification: { allowedOrigins: ["127.0.0.1"] } });
  const achievement = buildOb3Achievement(
    { name: "Data Literacy", description: "Reads, cleans and charts a real data set.", criteria: { narrative: "Exam." } },
    "https://placeholder.example/class",
  );
  const { classId } = await createBadgeClass(admin, issuerId, achievement);
  const { key } = await deriveIssuerSigningKey(admin, { issuerId, signer: admin.wallet, chainId: chain.chainId });
  await addIssuerKey(admin, issuerId, key.publicKeyHex);

  const learner = chain.wallets[5]!.account!.address;
  const award = (recipient: AwardInput["recipient"], extra: Partial<AwardInput> = {}): AwardInput => ({
    issuer: { issuerId, name: "Université de Lumière", url: "https://lumiere.example" },
    achievement: { name: "Data Literacy", description: "Reads, cleans and charts a real data set.", criteria: { narrative: "Exam." } },
    recipient,
    validFrom: new Date(Date.now() - 60_000),
    deployment,
    gatewayBase: base,
    classId,
    ...extra,
  });
  const inAYear = new Date(Date.now() + 365 * 86_400_000);
  const singles: [string, AwardInput, Date?][] = [
    ["wallet", award({ wallet: learner })],
    ["e-mail", award({ email: "ada@example.org" })],
    ["e-mail and wallet", award({ email: "grace@example.org", wallet: learner })],
    ["named", award({ email: "alan@example.org", name: "Alan Turing" })],
    ["evidence", award({ wallet: learner }, { evidence: [{ id: "https://lumiere.example/theses/1", name: "Thesis" }] })],
    ["expiring in a year", award({ wallet: learner }, { validUntil: inAYear }), inAYear],
    [
      "alignment",
      award(
        { email: "b@example.org" },
        {
          achievement: {
            ...award({}).achievement,
            alignments: [{ targetName: "D1", targetUrl: "https://fw.example/d1", targetType: "CFItem" }],
          },
        },
      ),
    ],
    ["named credential", award({ wallet: learner }, { name: "Data Literacy — with distinction" })],
  ];
  for (const [what, input, expiresAt] of singles) {
    const prepared = await prepareBadge(input, key);
    await anchorBadge(admin, prepared, { classId, expiresAt });
    credentials.push({ what, credential: prepared.credential });
  }
  for (let i = 0; i < 4; i++) {
    const prepared = await prepareBadge(award({ email: `cohort${i}@example.org` }), key);
    await anchorBadge(admin, prepared, { classId, publish: { appBase: APP } });
    credentials.push({ what: `published #${i + 1}`, credential: prepared.credential });
  }
  const batch = await anchorMerkleBatch(admin, {
    classId,
    batchKey: keccak256(toHex("cohort 2026")),
    signingKey: key,
    awards: Array.from({ length: 6 }, (_, i) => award(i % 2 ? { wallet: learner } : { email: `m${i}@example.org` })),
  });
  for (const [i, b] of batch.badges.entries()) credentials.push({ what: `Merkle batch #${i + 1}`, credential: b.credential });

  gw = await chainGateway(chain, { publicBaseUrl: base, appUrl: APP });
  await gw.listen({ port, host: "127.0.0.1" });
}, 240_000);

afterAll(async () => {
  await gw?.close();
  await chain?.stop();
});

describe("@digitalbazaar/vc with a stock loader, against a real gateway", () => {
  it("verifies every one of the 18 credentials the sdk signed, fetching only the key and the issuer document", async () => {
    expect(credentials).toHaveLength(18);
    const results = [];
    for (const { what, credential } of credentials) {
      const result = await verify(credential);
      results.push({
        what,
        verified: result.verified,
        error: result.verified ? undefined : String(result.results?.[0]?.error ?? result.error),
      });
    }
    const verified = results.filter((r) => r.verified).length;
    console.log(`@digitalbazaar/vc + eddsa-rdfc-2022, stock loader: ${verified} / ${results.length} verified`);
    expect(results.filter((r) => !r.verified)).toEqual([]);
    // A plain GET of the proof's verificationMethod and of the key's controller: nothing else.
    const keyUrl = (credentials[0]!.credential.proof as { verificationMethod: string }[])[0]!.verificationMethod;
    const issuerUrl = (credentials[0]!.credential.issuer as { id: string }).id;
    expect(new Set(fetched)).toEqual(new Set([keyUrl, issuerUrl]));
  });

  it("refuses a tampered copy of every one of them", async () => {
    let refused = 0;
    for (const { credential } of credentials) {
      const tampered = structuredClone(credential) as typeof credential & { name: string };
      tampered.name = `${tampered.name} (with honours)`;
      const result = await verify(tampered);
      if (!result.verified) refused++;
      expect(String(result.results?.[0]?.error ?? result.error)).toMatch(/Invalid signature/);
    }
    console.log(`@digitalbazaar/vc, tampered copies: ${refused} / ${credentials.length} refused`);
    expect(refused).toBe(credentials.length);
  });

  it("refuses a credential signed with a key the gateway does not serve for the issuer", async () => {
    const { credential } = credentials[0]!;
    const proof = (credential.proof as { verificationMethod: string }[])[0]!;
    const forged = {
      ...credential,
      proof: [
        { ...proof, verificationMethod: proof.verificationMethod.replace(/z6Mk\w+$/, "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp") },
      ],
    };
    const result = await verify(forged);
    expect(result.verified).toBe(false);
    expect(String(result.results?.[0]?.error ?? result.error)).toMatch(/HTTP 404/);
  });
});
