// The issuer's roster on a real Hardhat node: badges published with keys derived from the issuing
// wallet's roster secret are opened again from the chain alone — on "another device" (nothing kept
// but the chain and one new signature) — while a Merkle batch sent without its roster appendix is
// listed without a payload (roster-batch.test.ts: with it), and another wallet's roster opens nothing.

import { startTestChain, type TestChain } from "@chancery/testing/chain";
import { setUpIssuer, type TestIssuer } from "@chancery/testing/issuer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anchorMerkleBatch, issueAward } from "../src/award/index.ts";
import { MemoryJournal, openBulkIssue, readRecipients } from "../src/bulk/index.ts";
import { readBatch } from "../src/chain/index.ts";
import { keyToString } from "../src/crypto/index.ts";
import { parseShareLink } from "../src/links/index.ts";
import { chainReader } from "../src/readers/index.ts";
import {
  readRoster,
  rosterBadgeKey,
  rosterEmailMatches,
  rosterMessage,
  rosterSecretFromSignature,
  unlockRoster,
} from "../src/roster/index.ts";

let chain: TestChain;
let issuer: TestIssuer;
const APP = "https://app.example.org";

beforeAll(async () => {
  chain = await startTestChain();
  issuer = await setUpIssuer(chain, { name: "Université Exemple" });
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

describe("roster secret and badge keys", () => {
  it("one signature gives the same secret every time; keys differ per badge, per wallet and per message version", async () => {
    const wallet = chain.wallets[1];
    const account = wallet.account!.address;
    const params = { chainId: chain.chainId, registry: chain.registry, account };
    const message = rosterMessage(params);
    expect(message).toContain(`Registry: ${chain.registry}`);
    expect(message).toContain("Version: 1");
    const a = rosterSecretFromSignature(await wallet.signMessage({ account, message }), params);
    const b = rosterSecretFromSignature(await wallet.signMessage({ account, message }), params);
    expect(keyToString(a.secret)).toBe(keyToString(b.secret));
    const uid1 = `0x${"11".repeat(32)}` as const;
    const uid2 = `0x${"22".repeat(32)}` as const;
    expect(keyToString(rosterBadgeKey(a, uid1))).toBe(keyToString(rosterBadgeKey(b, uid1)));
    expect(keyToString(rosterBadgeKey(a, uid1))).not.toBe(keyToString(rosterBadgeKey(a, uid2)));
    const other = chain.wallets[2];
    const otherParams = { ...params, account: other.account!.address };
    const c = rosterSecretFromSignature(
      await other.signMessage({ account: other.account!, message: rosterMessage(otherParams) }),
      otherParams,
    );
    expect(keyToString(rosterBadgeKey(c, uid1))).not.toBe(keyToString(rosterBadgeKey(a, uid1)));
  });

  it("refuses what is not a wallet signature, saying what it needs", () => {
    const params = { chainId: chain.chainId, registry: chain.registry, account: chain.wallets[1].account!.address };
    expect(() => rosterSecretFromSignature("0x1234", params)).toThrow(/65-byte ECDSA signature/);
  });
});

describe("the roster on another device", () => {
  it("single, array and Merkle badges are listed; one signature opens every published one; another wallet opens none", async () => {
    // Device 1: the admin's roster, used to publish a single award and an array batch.
    const device1 = await unlockRoster(issuer.admin, { signer: issuer.admin.wallet });
    const single = await issueAward(
      issuer.admin,
      issuer.award({ recipient: { email: "grace@example.org", name: "Grace Hopper" } }),
      issuer.signingKey,
      { publish: { appBase: APP, roster: device1 } },
    );
    const rows = readRecipients('email,name\nada@example.org,Ada Lovelace\nalan@example.org,"Turing, Alan"\n');
    const award = issuer.award();
    const bulk = await openBulkIssue({
      journal: new MemoryJournal(),
      rows,
      settings: {
        chainId: chain.chainId,
        registry: chain.registry,
        classId: issuer.classId,
        mode: "batch",
        publish: true,
        gatewayBase: award.gatewayBase,
      },
      issuer: award.issuer,
      achievement: award.achievement,
      appBase: APP,
    });
    await bulk.run({ ctx: issuer.admin, signingKey: issuer.signingKey, roster: device1 });
    // A random-key award (as before the roster) and a Merkle batch without its roster appendix.
    const legacy = await issueAward(
      issuer.admin,
      issuer.award({ recipient: { email: "old@example.org", name: "Old Timer" } }),
      issuer.signingKey,
      {
        publish: { appBase: APP },
      },
    );
    const merkle = await anchorMerkleBatch(issuer.admin, {
      classId: issuer.classId,
      awards: [1, 2].map((i) => issuer.award({ recipient: { email: `m${i}@example.org`, name: `Merkle ${i}` } })),
      signingKey: issuer.signingKey,
    });

    // Device 2: a fresh reader over the chain and a new signature of the same wallet.
    const listed = await chainReader(issuer.admin).listBadgesOfIssuer(issuer.issuerId);
    expect(listed.map((b) => b.way).sort()).toEqual(["array", "array", "merkle", "merkle", "single", "single"]);
    let progress = { done: 0, total: 0 };
    const device2 = await unlockRoster(issuer.admin, { signer: issuer.admin.wallet });
    const roster = await readRoster(issuer.admin, device2, listed, { onProgress: (p) => (progress = p) });
    expect(progress).toEqual({ done: listed.length, total: listed.length });
    const named = [...roster.values()].filter((e) => e.state === "named").map((e) => (e.state === "named" ? e.name : ""));
    expect(named.sort()).toEqual(["Ada Lovelace", "Grace Hopper", "Turing, Alan"]);
    expect(roster.get(legacy.uid)?.state).toBe("other-key");
    for (const b of merkle.badges) expect(roster.get(b.uid)?.state).toBe("no-payload");
    // The key the roster re-derives is the share link's key: the full link can be given again.
    const again = roster.get(single.uid);
    expect(again?.state === "named" && again.key).toBe(keyToString(parseShareLink(single.shareLink!).key!));
    expect(again && rosterEmailMatches(again, "Grace@Example.org")).toBe(true);
    expect(again && rosterEmailMatches(again, "ada@example.org")).toBe(false);
    // The Merkle badges are found with their batch (for revocation with their proof).
    const batch = await readBatch(issuer.admin, merkle.batchId);
    expect(listed.filter((b) => b.way === "merkle").map((b) => b.batchId)).toEqual([batch.batchId, batch.batchId]);

    // Another wallet (a second signer, or a stranger) opens nothing of this wallet's.
    const stranger = await unlockRoster(issuer.admin, { signer: chain.wallets[3] });
    const theirs = await readRoster(issuer.admin, stranger, listed);
    expect([...theirs.values()].filter((e) => e.state === "named")).toEqual([]);
  }, 120_000);
});
