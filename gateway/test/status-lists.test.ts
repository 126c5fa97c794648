// The issuer-signed W3C BitstringStatusLists, as the real gateway serves them from a real node: the
// latest publication found in O(1) calls, checked against the registry's revocation counts (a list
// the issuer must publish again is said so), verified by Digital Bazaar's stack with a stock loader,
// and read by the sdk's own third-party status reader (the one other issuers' badges go through).
import { anchorMerkleBatch, issueAward } from "@chancery/sdk/award";
import {
  addIssuerKey,
  createBadgeClass,
  deriveIssuerSigningKey,
  registerIssuer,
  revokeAndPublish,
  revokeBadge,
  type WriteContext,
} from "@chancery/sdk/chain";
import { type AwardInput, buildOb3Achievement, buildOb3IssuerProfile } from "@chancery/sdk/documents";
import type { Ed25519SigningKey } from "@chancery/sdk/proofs";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { gunzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Gateway } from "../src/app.ts";
import { type Chain, freePort, startChain } from "./helpers.ts";
import { chainGateway, stockLoaderFor } from "./stock-verifier.ts";

let chain: Chain;
let gw: Gateway;
let base: string;
let admin: WriteContext;
let issuerId: number;
let classId: number;
let otherClass: number;
let signingKey: Ed25519SigningKey;
let award: (extra?: Partial<AwardInput>) => AwardInput;

const stockLoader = stockLoaderFor(() => base);

/** Bit `index` of a served list, read the way the spec says (GZIP, base64url, first bit = most significant). */
function bitOf(list: { credentialSubject: { encodedList: string } }, index: number): number {
  const bytes = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), "base64url"));
  return ((bytes[index >> 3] ?? 0) >> (7 - (index & 7))) & 1;
}

const signing = () => ({ gatewayBase: base, deployment: { chainId: chain.chainId, registry: chain.registry }, signingKey });

beforeAll(async () => {
  chain = await startChain();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const deployment = { chainId: chain.chainId, registry: chain.registry };
  admin = { client: chain.publicClient, registry: chain.registry, deployedOnBlock: chain.deployedOnBlock, wallet: chain.wallets[1]! };
  const profile = buildOb3IssuerProfile({ issuerId: 1, name: "Université de Lumière", url: "https://lumiere.example" }, base, deployment);
  ({ issuerId } = await registerIssuer(admin, { ...profile, verification: { allowedOrigins: ["127.0.0.1"] } }));
  const achievement = buildOb3Achievement(
    { name: "Data Literacy", description: "Reads, cleans and charts a real data set.", criteria: { narrative: "Exam." } },
    "https://placeholder.example/class",
  );
  ({ classId } = await createBadgeClass(admin, issuerId, achievement));
  ({ classId: otherClass } = await createBadgeClass(admin, issuerId, achievement));
  ({ key: signingKey } = await deriveIssuerSigningKey(admin, { issuerId, signer: admin.wallet, chainId: chain.chainId }));
  await addIssuerKey(admin, issuerId, signingKey.publicKeyHex);
  award = (extra = {}) => ({
    issuer: { issuerId, name: "Université de Lumière", url: "https://lumiere.example" },
    achievement: { name: "Data Literacy", description: "Reads, cleans and charts a real data set.", criteria: { narrative: "Exam." } },
    recipient: { email: "ada@example.org" },
    validFrom: new Date(Date.now() - 60_000),
    deployment,
    gatewayBase: base,
    classId,
    ...extra,
  });
  gw = await chainGateway(chain, { publicBaseUrl: base, appUrl: "https://app.test" });
  await gw.listen({ port, host: "127.0.0.1" });
}, 240_000);

afterAll(async () => {
  await gw?.close();
  await chain?.stop();
});

describe("BitstringStatusList credentials served by the gateway", () => {
  it("serves the issuer's signed list at the URL the badge names, verifiable with a stock loader; a revocation sets its bit", async () => {
    const kept = await issueAward(admin, award(), signingKey);
    const revoked = await issueAward(admin, award(), signingKey);
    const listUrl = revoked.credential.credentialStatus.statusListCredential as string;
    const index = Number(revoked.credential.credentialStatus.statusListIndex);

    let response = await fetch(listUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-chancery-status-list")).toBe("current");
    let list = await response.json();
    expect(list.id).toBe(listUrl);
    expect(bitOf(list, index)).toBe(0);
    const checked = await vc.verifyCredential({
      credential: list,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader: stockLoader,
    });
    expect(checked.verified, JSON.stringify(checked.error)).toBe(true);

    await revokeAndPublish(admin, { uid: revoked.uid, reason: "Issued in error", code: "issued-in-error" }, signing());
    response = await fetch(listUrl);
    expect(response.headers.get("x-chancery-status-list")).toBe("current");
    list = await response.json();
    expect(bitOf(list, index)).toBe(1);
    expect(bitOf(list, Number(kept.credential.credentialStatus.statusListIndex))).toBe(0);
    const again = await vc.verifyCredential({
      credential: list,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader: stockLoader,
    });
    expect(again.verified).toBe(true);
  });

  it("says when a revocation came after the latest list (the issuer must publish again), and still serves that list", async () => {
    const badge = await issueAward(admin, award({ classId: otherClass }), signingKey);
    await revokeBadge(admin, { uid: badge.uid, reason: "" });
    const response = await fetch(badge.credential.credentialStatus.statusListCredential as string);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-chancery-status-list")).toBe("behind");
    expect(response.headers.get("warning")).toMatch(/The issuer must publish it again/);
    expect(bitOf(await response.json(), Number(badge.credential.credentialStatus.statusListIndex))).toBe(0);
  });

  it("serves a Merkle batch's own list, entry = position", async () => {
    const batch = await anchorMerkleBatch(admin, { classId, awards: [award(), award()], signingKey });
    const second = batch.badges[1]!;
    await revokeAndPublish(
      admin,
      { uid: second.uid, reason: "", batch: { batchId: batch.batchId, proof: second.proof, position: 1 } },
      signing(),
    );
    const response = await fetch(second.credential.credentialStatus.statusListCredential as string);
    expect(response.headers.get("x-chancery-status-list")).toBe("current");
    const list = await response.json();
    expect([bitOf(list, 0), bitOf(list, 1)]).toEqual([0, 1]);
  });

  it("answers 404 for a list that does not exist, is another issuer's, or was never published", async () => {
    const prefix = `${base}/ob3/status-lists/${chain.chainId}/${chain.registry}`;
    const unknown = await fetch(`${prefix}/${issuerId}/classes/99/0`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toMatch(/no such class or batch/);
    expect((await fetch(`${prefix}/${issuerId}/classes/${classId}/1`)).status).toBe(404);
    const wrongIssuer = await fetch(`${prefix}/${issuerId + 1}/classes/${classId}/0`);
    expect(wrongIssuer.status).toBe(404);
    expect(await wrongIssuer.text()).toMatch(/belongs to issuer/);
    const { classId: fresh } = await createBadgeClass(admin, issuerId, { type: ["Achievement"], name: "Unpublished" });
    const never = await fetch(`${prefix}/${issuerId}/classes/${fresh}/0`);
    expect(never.status).toBe(404);
    expect(await never.text()).toMatch(/has not published/);
  });

  it("serves the 1EdTech revocation list under the property name 1EdTech's validator reads (revokedCredential)", async () => {
    const response = await fetch(`${base}/ob3/status/${chain.chainId}/${chain.registry}/${issuerId}`);
    const list = await response.json();
    expect(Array.isArray(list.revokedCredential)).toBe(true);
    expect(list.revokedCredential.length).toBeGreaterThan(0);
  });
});
