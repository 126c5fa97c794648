// A Merkle batch's roster on a real Hardhat node: the learners' names travel encrypted after the
// issueMerkleBatch arguments, are read back from the transaction on "another device" (the chain and a
// new signature of the same wallet), stay closed to another wallet, refuse an altered or oversized
// appendix, leave the badges verifiable, and cost what the bulk estimate says.

import { startTestChain, type TestChain } from "@chancery/testing/chain";
import { setUpIssuer, type TestIssuer } from "@chancery/testing/issuer";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { deflateSync } from "fflate";
import { bytesToHex, concatHex, encodeFunctionData, type Hex, hexToBytes, keccak256, toHex, zeroAddress } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { merkleBatchId } from "../src/anchor/index.ts";
import { anchorMerkleBatch } from "../src/award/index.ts";
import { MemoryJournal, merkleBatchGas, openBulkIssue, planBulkIssue, readRecipients } from "../src/bulk/index.ts";
import { issueMerkleBatch, writeRegistry } from "../src/chain/index.ts";
import { badgeAad } from "../src/crypto/envelope.ts";
import { badgeRegistryAbi } from "../src/generated/abi.ts";
import { chainReader } from "../src/readers/index.ts";
import {
  BATCH_ROSTER_OVERHEAD,
  BatchRosterError,
  batchRosterBytes,
  decodeBatchRoster,
  encodeBatchRoster,
  findBatchRoster,
  packBatchRoster,
  type RosterSecret,
  readRoster,
  rosterEmailMatches,
  unlockRoster,
} from "../src/roster/index.ts";
import { verifyBadge } from "../src/verify/index.ts";

let chain: TestChain;
let issuer: TestIssuer;
let roster: RosterSecret;
const APP = "https://app.example.org";
const trust = () => [{ chainId: 31337, registry: chain.registry }];
const LEARNERS = [
  { name: "Ada Lovelace", email: "ada@example.org" },
  { name: "Turing, Alan", email: "Alan.Turing@Example.org" },
  { name: "李明", email: "li.ming@example.cn" },
  { name: "Émilie du Châtelet", email: undefined, wallet: "0x000000000000000000000000000000000000e111" as const },
];

beforeAll(async () => {
  chain = await startTestChain();
  issuer = await setUpIssuer(chain, { name: "Université Exemple" });
  roster = await unlockRoster(issuer.admin, { signer: issuer.admin.wallet });
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

/** The listing of one batch's badges, as the console has it (chain reader, on a fresh device). */
async function listedBatch(batchId: Hex) {
  const listed = await chainReader(issuer.admin).listBadgesOfIssuer(issuer.issuerId);
  return listed.filter((b) => b.batchId?.toLowerCase() === batchId.toLowerCase());
}

describe("a Merkle batch's roster, sent and read back from the chain", () => {
  it("names every badge on another device after one signature, e-mails match, the badges still verify", async () => {
    const anchored = await anchorMerkleBatch(issuer.admin, {
      classId: issuer.classId,
      batchKey: keccak256(toHex("cohort with names")),
      signingKey: issuer.signingKey,
      roster,
      awards: LEARNERS.map((l) => issuer.award({ recipient: { ...l } })),
    });
    // The appendix is in the transaction's input, after the ABI-encoded call.
    const transaction = await chain.publicClient.getTransaction({ hash: anchored.transactionHash });
    const appendix = findBatchRoster(transaction.input, anchored.batchId);
    expect(appendix).toBeDefined();
    expect(bytesToHex(appendix as Uint8Array).slice(2)).toBe(transaction.input.slice(-(appendix as Uint8Array).length * 2));

    const listed = await listedBatch(anchored.batchId);
    expect(listed).toHaveLength(LEARNERS.length);
    const device2 = await unlockRoster(issuer.admin, { signer: issuer.admin.wallet });
    let progress = 0;
    const read = await readRoster(issuer.admin, device2, listed, { onProgress: (p) => (progress = p.done) });
    expect(progress).toBe(LEARNERS.length);
    for (const [i, badge] of anchored.badges.entries()) {
      const entry = read.get(badge.uid);
      expect(entry?.state).toBe("batch-named");
      if (entry?.state !== "batch-named") continue;
      expect(entry.name).toBe(LEARNERS[i]?.name);
      expect(entry.email).toBe(LEARNERS[i]?.email);
    }
    const alan = read.get(anchored.badges[1]!.uid)!;
    expect(rosterEmailMatches(alan, "alan.turing@example.org")).toBe(true);
    expect(rosterEmailMatches(alan, "ada@example.org")).toBe(false);

    // The trailing bytes change nothing the registry records: each badge verifies.
    for (const badge of [anchored.badges[0]!, anchored.badges[3]!]) {
      const report = await verifyBadge(badge.credential, { publicClient: chain.publicClient, trust: trust() });
      expect(report.verdict).toBe("valid");
      expect(report.anchor?.batchId).toBe(anchored.batchId);
    }
  }, 120_000);

  it("another wallet's roster cannot read it: 'other-key', no name", async () => {
    const anchored = await anchorMerkleBatch(issuer.admin, {
      classId: issuer.classId,
      signingKey: issuer.signingKey,
      roster,
      awards: LEARNERS.slice(0, 2).map((l) => issuer.award({ recipient: { ...l } })),
    });
    const stranger = await unlockRoster(issuer.admin, { signer: chain.wallets[3] });
    const read = await readRoster(issuer.admin, stranger, await listedBatch(anchored.batchId));
    expect([...read.values()].map((e) => e.state)).toEqual(["other-key", "other-key"]);
    const transaction = await chain.publicClient.getTransaction({ hash: anchored.transactionHash });
    const appendix = findBatchRoster(transaction.input, anchored.batchId) as Uint8Array;
    await expect(decodeBatchRoster(stranger, anchored.batchId, appendix)).rejects.toThrow(/another wallet's roster/);
  }, 60_000);

  it("a batch sent without its roster is listed as 'no-payload'", async () => {
    const anchored = await anchorMerkleBatch(issuer.admin, {
      classId: issuer.classId,
      signingKey: issuer.signingKey,
      awards: LEARNERS.slice(0, 2).map((l) => issuer.award({ recipient: { ...l } })),
    });
    const read = await readRoster(issuer.admin, roster, await listedBatch(anchored.batchId));
    expect([...read.values()].map((e) => e.state)).toEqual(["no-payload", "no-payload"]);
  }, 60_000);

  it("is found inside a multicall too (the appendix then rides inside the inner call's bytes)", async () => {
    const batchKey = keccak256(toHex("multicall roster"));
    const batchId = merkleBatchId(issuer.issuerId, batchKey);
    const appendix = await encodeBatchRoster(roster, batchId, LEARNERS.slice(0, 2));
    const inner = encodeFunctionData({
      abi: badgeRegistryAbi,
      functionName: "issueMerkleBatch",
      args: [issuer.classId, batchKey, [keccak256(toHex("c")), keccak256(toHex("d"))], [zeroAddress, zeroAddress], 0],
    });
    await writeRegistry(issuer.admin, "multicall", [[concatHex([inner, appendix])]]);
    const read = await readRoster(issuer.admin, roster, await listedBatch(batchId));
    expect([...read.values()].map((e) => (e.state === "batch-named" ? e.name : e.state)).sort()).toEqual(
      LEARNERS.slice(0, 2)
        .map((l) => l.name)
        .sort(),
    );
  }, 60_000);

  it("an appendix altered in the transaction is refused ('damaged'), the batch itself is recorded", async () => {
    const batchKey = keccak256(toHex("altered roster"));
    const batchId = merkleBatchId(issuer.issuerId, batchKey);
    const sealed = hexToBytes(await encodeBatchRoster(roster, batchId, LEARNERS.slice(0, 2)));
    sealed[sealed.length - 20] = (sealed[sealed.length - 20] as number) ^ 0x01;
    await issueMerkleBatch(
      issuer.admin,
      {
        classId: issuer.classId,
        batchKey,
        badges: [keccak256(toHex("a")), keccak256(toHex("b"))].map((credentialHash) => ({ credentialHash })),
      },
      { dataSuffix: bytesToHex(sealed) },
    );
    const listed = await listedBatch(batchId);
    expect(listed).toHaveLength(2);
    const read = await readRoster(issuer.admin, roster, listed);
    expect([...read.values()].map((e) => e.state)).toEqual(["damaged", "damaged"]);
  }, 60_000);
});

describe("the appendix format", () => {
  const batchId = keccak256(toHex("format batch"));

  it("round-trips names and e-mails, and binds them to the batch and the deployment", async () => {
    const sealed = hexToBytes(await encodeBatchRoster(roster, batchId, LEARNERS));
    expect(sealed.length).toBe(batchRosterBytes(LEARNERS));
    expect(sealed.length).toBe(packBatchRoster(LEARNERS).length + BATCH_ROSTER_OVERHEAD);
    expect(await decodeBatchRoster(roster, batchId, sealed)).toEqual(LEARNERS.map((l) => (l.email ? l : { name: l.name })));
    // Found inside any input that carries it (here after unrelated bytes, at an odd nibble too).
    expect(findBatchRoster(concatHex(["0x1234", bytesToHex(sealed), "0xabcd"]), batchId)).toEqual(sealed);
    expect(findBatchRoster(`0x1${bytesToHex(sealed).slice(2)}0`, batchId)).toBeUndefined();
    // Moved to another batch id, or read for another registry: refused.
    const otherBatch = keccak256(toHex("another batch"));
    await expect(decodeBatchRoster(roster, otherBatch, sealed)).rejects.toThrow(/name another batch/);
    const elsewhere = { ...roster, registry: "0x00000000000000000000000000000000000000b1" as const };
    await expect(decodeBatchRoster(elsewhere, batchId, sealed)).rejects.toBeInstanceOf(BatchRosterError);
  });

  it("refuses altered and truncated appendixes, saying so", async () => {
    const sealed = hexToBytes(await encodeBatchRoster(roster, batchId, LEARNERS));
    for (const at of [41, 50, 60, sealed.length - 1]) {
      const altered = sealed.slice();
      altered[at] = (altered[at] as number) ^ 0x80;
      const error = await decodeBatchRoster(roster, batchId, altered).catch((e) => e);
      expect(error).toBeInstanceOf(BatchRosterError);
      expect((error as BatchRosterError).reason).toBe("damaged");
    }
    await expect(decodeBatchRoster(roster, batchId, sealed.slice(0, -1))).rejects.toThrow(/truncated/);
    await expect(decodeBatchRoster(roster, batchId, sealed.slice(0, 30))).rejects.toThrow(/truncated/);
  });

  it("refuses to inflate past the largest possible batch (a compression bomb sealed with the right key)", async () => {
    // Sealed as the format (sdk/src/roster/batch.ts) says, by this test, around 10 MB of zeros.
    const bomb = deflateSync(new Uint8Array(10_000_000), { level: 9 });
    expect(bomb.length).toBeLessThan(20_000);
    const sealed = await sealRaw(roster, batchId, bomb);
    const started = performance.now();
    await expect(decodeBatchRoster(roster, batchId, sealed)).rejects.toThrow(/inflate beyond/);
    expect(performance.now() - started).toBeLessThan(2_000);
    // A well-formed stream claiming more entries than a batch can hold is refused too.
    const tooMany = deflateSync(new Uint8Array([0xa1, 0x1f, 0, 0]));
    await expect(decodeBatchRoster(roster, batchId, await sealRaw(roster, batchId, tooMany))).rejects.toThrow(/claim 4001 entries/);
  });

  it("refuses empty batches and over-long fields before sending", async () => {
    await expect(encodeBatchRoster(roster, batchId, [])).rejects.toThrow(/1 to 4000 entries/);
    await expect(encodeBatchRoster(roster, batchId, [{ name: "x".repeat(1_025) }])).rejects.toThrow(/Badge 1 .* name of 1025 bytes/);
    await expect(encodeBatchRoster(roster, "0x12" as Hex, LEARNERS)).rejects.toThrow(/64 hex digits/);
  });
});

/** An appendix around arbitrary compressed bytes, sealed exactly as the documented format says. */
async function sealRaw(secret: RosterSecret, batchId: Hex, packed: Uint8Array): Promise<Uint8Array> {
  const bound = badgeAad({ chainId: secret.chainId, registry: secret.registry, uid: batchId.toLowerCase() });
  const enc = new TextEncoder();
  const key = hkdf(sha256, secret.secret, undefined, enc.encode(`Chancery roster batch key v1|${bound}`), 32);
  const check = hkdf(sha256, secret.secret, undefined, enc.encode(`Chancery roster batch check v1|${bound}`), 4);
  const length = packed.length + 16;
  const header = new Uint8Array([
    ...[0x43, 0x48, 0x52, 0x53, 0x01],
    ...hexToBytes(batchId),
    ...check,
    (length >>> 16) & 0xff,
    (length >>> 8) & 0xff,
    length & 0xff,
  ]);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const aes = await crypto.subtle.importKey("raw", key as Uint8Array<ArrayBuffer>, "AES-GCM", false, ["encrypt"]);
  const aad = new Uint8Array([...header, ...enc.encode(bound)]);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: aad }, aes, packed as Uint8Array<ArrayBuffer>),
  );
  return new Uint8Array([...header, ...iv, ...sealed]);
}

describe("bulk Merkle runs with the roster", () => {
  // Distinct, realistic names: an appendix of "Learner 1, Learner 2…" would compress unrealistically well.
  const FIRST = ["Camille", "Léa", "Hugo", "Chloé", "Lucas", "Inès", "Yanis", "Manon", "Noah", "Zoé", "Wei", "Aïcha", "Mateo"];
  const LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Zhang", "Nguyen"];
  const rowsOf = (n: number, wallets: boolean) =>
    Array.from({ length: n }, (_, i) => {
      const first = FIRST[(i * 7) % FIRST.length] as string;
      const last = LAST[(i * 5 + Math.floor(i / 13)) % LAST.length] as string;
      // Wallets as real ones are: 20 random-looking bytes (zeros would make the calldata cheaper).
      const wallet = wallets ? `0x${keccak256(toHex(`wallet ${n}:${i}`)).slice(26)}` : "";
      return `${first.toLowerCase()}.${last.toLowerCase()}${i}@etu.univ.example,${wallet},${first} ${last}`;
    });

  it("names every row on another device when asked, and the plan's gas estimate is within 3 % of gasUsed", async () => {
    const figures: string[] = [];
    for (const [n, wallets, batchRoster] of [
      [3, false, true],
      [40, true, true],
      [200, false, true],
      [200, true, true],
      [200, true, false],
    ] as const) {
      const lines = rowsOf(n, wallets);
      const rows = readRecipients(`email,wallet,name\n${lines.join("\n")}\n`);
      const award = issuer.award();
      const setup = {
        journal: new MemoryJournal(),
        rows,
        settings: {
          chainId: chain.chainId,
          registry: chain.registry,
          classId: issuer.classId,
          mode: "merkle" as const,
          publish: false,
          batchRoster,
          gatewayBase: award.gatewayBase,
        },
        issuer: award.issuer,
        achievement: award.achievement,
        appBase: APP,
      };
      const plan = planBulkIssue({ rows, settings: setup.settings, issuer: award.issuer, achievement: award.achievement });
      const bulk = await openBulkIssue(setup);
      const out = await bulk.run({ ctx: issuer.admin, signingKey: issuer.signingKey, roster });
      expect(out.transactions).toHaveLength(1);
      const hash = out.transactions[0] as Hex;
      const receipt = await chain.publicClient.getTransactionReceipt({ hash });
      const gasUsed = Number(receipt.gasUsed);
      const estimate = Number(plan.gas);
      figures.push(
        `${n} badges${wallets ? " with wallets" : ""}${batchRoster ? " and roster" : ""}: estimate ${estimate}, used ${gasUsed}`,
      );
      expect(Math.abs(estimate - gasUsed) / gasUsed).toBeLessThan(0.03);
      const rosterBytes = batchRoster ? batchRosterBytes(rows.map((r) => ({ name: r.name, email: r.email }))) : 0;
      expect(merkleBatchGas({ badges: n, wallets: wallets ? n : 0, rosterBytes })).toBe(plan.gas);

      const batchId = bulk.results()[0]?.batchId as Hex;
      const read = await readRoster(issuer.admin, roster, await listedBatch(batchId));
      const names = new Set([...read.values()].map((e) => (e.state === "batch-named" ? e.name : e.state)));
      expect(names).toEqual(batchRoster ? new Set(rows.map((r) => r.name)) : new Set(["no-payload"]));
    }
    console.log(`Merkle batches — ${figures.join("; ")}`);
  }, 300_000);

  it("a run that asks for the roster without the wallet's roster stops before sending, saying what to do", async () => {
    const rows = readRecipients(
      `email,name\n${rowsOf(2, false)
        .map((l) => l.replace(",,", ","))
        .join("\n")}\n`,
    );
    const award = issuer.award();
    const bulk = await openBulkIssue({
      journal: new MemoryJournal(),
      rows,
      settings: {
        chainId: chain.chainId,
        registry: chain.registry,
        classId: issuer.classId,
        mode: "merkle",
        publish: false,
        batchRoster: true,
        gatewayBase: award.gatewayBase,
      },
      issuer: award.issuer,
      achievement: award.achievement,
      appBase: APP,
    });
    await expect(bulk.run({ ctx: issuer.admin, signingKey: issuer.signingKey })).rejects.toThrow(/unlockRoster/);
  }, 60_000);
});
