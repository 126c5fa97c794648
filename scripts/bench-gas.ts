// Gas benchmark on Hardhat's in-process EVM (default hardfork). Prints a table, writes
// bench/gas.json and exits non-zero when a budget of DESIGN.md is exceeded.
// Every badge goes to a wallet that holds no badge yet, as in a real cohort.
import { mkdirSync, writeFileSync } from "node:fs";
import { buildBatchTree, classStatusListKey, merkleBatchId, proofFor } from "@chancery/sdk/anchor";
import { ISSUE_TYPES, issueDomain, signStatusList } from "@chancery/sdk/chain";
import { encodeBatchRoster, rosterMessage, rosterSecretFromSignature } from "@chancery/sdk/roster";
import { statusListUrl } from "@chancery/sdk/urls";
import { network } from "hardhat";
import { type Address, encodeFunctionData, getAddress, type Hex, keccak256, stringToHex, toHex, zeroHash } from "viem";

type Row = { operation: string; n: number; gasUsed: number; perBadge: number };

// Learners are found through indexed events (no on-chain index by recipient), so the event budgets apply.
// `issue` takes the class's status index (one more write to the class slot it already reads, about
// 2,900 gas; the index itself rides in the badge's slot for free): its budget is 60,000 (issue 8).
const BUDGETS: Record<string, number> = {
  issue: 60_000,
  "issue (added signer)": 60_000,
  issueBatch: 26_000,
  issueMerkleBatch: 4_000,
  // The learners' names and e-mails appended encrypted (sdk/roster/batch.ts): the same budget, since
  // the app sends it by default; the issuer can leave it out (Bulk, CLI --no-roster).
  "issueMerkleBatch (with roster)": 4_000,
  revoke: 55_000,
};
// Measured the same way on the systems people use today (DESIGN.md).
const REFERENCES = [
  { system: "EAS attest", perBadge: 200_272 },
  { system: "EAS multiAttest (per item)", perBadge: 165_923 },
  { system: "OpenAttestation DocumentStore issue", perBadge: 47_813 },
  { system: "OpenAttestation DocumentStore bulkIssue (per item)", perBadge: 24_369 },
];

// The next status index of the class: every issue takes it (the client signs it into the credential).
let nextIndex = 0;
const take = (n = 1) => {
  const index = nextIndex;
  nextIndex += n;
  return index;
};
let counter = 0n;
const fresh = (label: string): Hex => keccak256(toHex(`${label}:${++counter}`));
const freshRecipient = (): Address => getAddress(`0x${fresh("recipient").slice(26)}`);

const { viem } = await network.create({ network: "hardhat" });
const publicClient = await viem.getPublicClient();
const [deployer, admin, authority, relayer, staff] = await viem.getWalletClients();
const registry = await viem.deployContract("BadgeRegistry", [deployer.account.address, authority.account.address]);
const asAdmin = await viem.getContractAt("BadgeRegistry", registry.address, { client: { wallet: admin } });
const asRelayer = await viem.getContractAt("BadgeRegistry", registry.address, { client: { wallet: relayer } });
const asStaff = await viem.getContractAt("BadgeRegistry", registry.address, { client: { wallet: staff } });

const rows: Row[] = [];
async function measure(operation: string, n: number, send: Promise<Hex>) {
  const receipt = await publicClient.waitForTransactionReceipt({ hash: await send });
  if (receipt.status !== "success") throw new Error(`${operation} reverted`);
  const gasUsed = Number(receipt.gasUsed);
  rows.push({ operation, n, gasUsed, perBadge: Math.round(gasUsed / n) });
  return receipt;
}

const profile = JSON.stringify({
  type: "Profile",
  name: "Université de Exemple",
  url: "https://univ.example",
  email: "badges@univ.example",
});
await measure("registerIssuer", 1, asAdmin.write.registerIssuer([profile]));
const issuerId = 1;
const achievement = JSON.stringify({
  type: ["Achievement"],
  name: "Data Literacy I",
  description: "Reads, cleans and charts a real data set.",
  criteria: { narrative: "Passed the practical exam with 70% or more." },
  image: { id: "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", type: "Image" },
  tags: ["data", "statistics"],
});
await measure("createBadgeClass", 1, asAdmin.write.createBadgeClass([issuerId, achievement]));
const classId = 1;
const inOneYear = Math.floor(Date.now() / 1000) + 365 * 24 * 3600 * 5;

const single = fresh("credential");
await measure("issue", 1, asAdmin.write.issue([classId, take(), single, freshRecipient(), inOneYear]));
// The same through a signer wallet the admin added (same path: signer window, class, issuer status).
await asAdmin.write.addSigner([issuerId, staff.account.address, 0, 0]);
await measure("issue (added signer)", 1, asStaff.write.issue([classId, take(), fresh("credential"), freshRecipient(), inOneYear]));
// A typical encrypted OB 3.0 credential is about 2.5 kB.
const payload = toHex(new Uint8Array(2_500).map((_, i) => (i * 31 + 7) % 256));
await measure(
  "issueWithPayload (2.5 kB)",
  1,
  asAdmin.write.issueWithPayload([classId, take(), fresh("credential"), freshRecipient(), inOneYear, payload]),
);

// A badge of a class with a 12 kB picture, from an issuer with an 8 kB logo, as measured in
// sdk/test/published-images.test.ts: its payload with both images embedded (as published before) and
// with them left on chain, where the class and the profile already hold them (sdk chain/published.ts).
for (const [label, bytes] of [
  ["images embedded", 28_993],
  ["images left on chain", 2_356],
] as const) {
  const published = toHex(new Uint8Array(bytes).map((_, i) => (i * 31 + 7) % 256));
  await measure(
    `issueWithPayload (12 kB class image + 8 kB logo, ${label}: ${bytes} B)`,
    1,
    asAdmin.write.issueWithPayload([classId, take(), fresh("credential"), freshRecipient(), inOneYear, published]),
  );
}

const batchOf = (n: number) => ({
  hashes: Array.from({ length: n }, () => fresh("credential")),
  recipients: Array.from({ length: n }, freshRecipient),
});
const batch = batchOf(100);
await measure("issueBatch", 100, asAdmin.write.issueBatch([classId, take(100), batch.hashes, batch.recipients, inOneYear, []]));

const merkle = batchOf(1000);
const merkleBatchKey = fresh("batch");
await measure(
  "issueMerkleBatch",
  1000,
  asAdmin.write.issueMerkleBatch([classId, merkleBatchKey, merkle.hashes, merkle.recipients, inOneYear]),
);

// The same 1,000 badges with their roster appended, as a real cohort has them: nearly every family
// name different (built from syllables, about 1,000 distinct), first names from a common list, the
// e-mail made of both. A list of "Learner 1, Learner 2…" would compress far better than real names do.
const FIRST = [
  "Camille",
  "Léa",
  "Hugo",
  "Chloé",
  "Lucas",
  "Inès",
  "Yanis",
  "Manon",
  "Noah",
  "Zoé",
  "Wei",
  "Aïcha",
  "Mateo",
  "Sofia",
  "Louis",
  "Jade",
  "Adam",
  "Emma",
  "Gabriel",
  "Lina",
  "Raphaël",
  "Alice",
  "Arthur",
  "Rose",
  "Jules",
  "Anna",
  "Malo",
  "Yasmine",
  "Tom",
  "Mei",
];
const SYLLABLES = [
  "ba",
  "ker",
  "lan",
  "mo",
  "ri",
  "du",
  "vel",
  "son",
  "ta",
  "gue",
  "nar",
  "pi",
  "chen",
  "lo",
  "mar",
  "ti",
  "zo",
  "bre",
  "fa",
  "sel",
];
const syllable = (seed: string, k: number) =>
  SYLLABLES[Number.parseInt(keccak256(toHex(`${seed}:${k}`)).slice(2, 6), 16) % SYLLABLES.length];
const learners = Array.from({ length: 1000 }, (_, i) => {
  const first = FIRST[Number.parseInt(keccak256(toHex(`first:${i}`)).slice(2, 6), 16) % FIRST.length] as string;
  const raw = Array.from({ length: 3 }, (_, k) => syllable(`last:${i}`, k)).join("");
  const last = raw.charAt(0).toUpperCase() + raw.slice(1);
  const ascii = (s: string) =>
    s
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
  return { name: `${first} ${last}`, email: `${ascii(first)}.${ascii(last)}@etu.univ.example` };
});
const distinct = new Set(learners.map((l) => l.name)).size;
const chainId = await publicClient.getChainId();
const rosterParams = { chainId, registry: registry.address, account: admin.account.address };
const roster = rosterSecretFromSignature(await admin.signMessage({ message: rosterMessage(rosterParams) }), rosterParams);
const named = batchOf(1000);
const namedBatchKey = fresh("batch");
const appendix = await encodeBatchRoster(roster, merkleBatchId(issuerId, namedBatchKey), learners);
await measure(
  "issueMerkleBatch (with roster)",
  1000,
  asAdmin.write.issueMerkleBatch([classId, namedBatchKey, named.hashes, named.recipients, inOneYear], { dataSuffix: appendix }),
);
const rosterBytes = (appendix.length - 2) / 2;

const uid = await registry.read.assertionId([issuerId, batch.hashes[0], batch.recipients[0]]);
await measure("revoke", 1, asAdmin.write.revoke([uid, 1, "Issued in error: wrong cohort"]));
const tenUids = await Promise.all(
  batch.hashes.slice(1, 11).map((h, i) => registry.read.assertionId([issuerId, h, batch.recipients[i + 1]])),
);
await measure("revokeMany", 10, asAdmin.write.revokeMany([tenUids, 3, "Superseded by the 2027 edition"]));
const tree = buildBatchTree(
  issuerId,
  merkle.hashes.map((credentialHash, i) => ({ credentialHash, recipient: merkle.recipients[i] })),
);
await measure(
  "revokeBatched (leaf of 1,000)",
  1,
  asAdmin.write.revokeBatched([merkleBatchId(issuerId, merkleBatchKey), tree.at(5)![0], proofFor(tree, 5), 2, "Exam annulled"]),
);
await measure("erase", 1, asAdmin.write.erase([uid, zeroHash, []]));

// Revocation that independent verifiers see: the issuer's signed BitstringStatusListCredential (a real
// one, eddsa-rdfc-2022, 16 KB of bits gzipped) published in the revoking transaction.
const deployment = { chainId: await publicClient.getChainId(), registry: registry.address };
const gateway = "https://badges.univ.example";
const listUrl = statusListUrl(gateway, deployment, issuerId, classId, 0);
const secretKey = new Uint8Array(32).fill(7);
const signing = { gatewayBase: gateway, deployment, signingKey: { secretKey } };
const signedList = async (revoked: number[]) => stringToHex(JSON.stringify(await signStatusList(listUrl, issuerId, revoked, signing)));
const listKey = classStatusListKey(classId, 0);
const zeroList = await signedList([]);
await measure(`publishStatusList (first, ${(zeroList.length - 2) / 2} B)`, 1, asAdmin.write.publishStatusList([listKey, zeroList]));
const revokedUid = await registry.read.assertionId([issuerId, batch.hashes[20], batch.recipients[20]]);
const newList = await signedList([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 23]);
await measure(
  "revoke + publishStatusList (multicall)",
  1,
  asAdmin.write.multicall([
    [
      encodeFunctionData({ abi: registry.abi, functionName: "revoke", args: [revokedUid, 1, "Issued in error: wrong cohort"] }),
      encodeFunctionData({ abi: registry.abi, functionName: "publishStatusList", args: [listKey, newList] }),
    ],
  ]),
);

// Delegated issue: the admin signs, a relayer pays.
const request = {
  classId,
  statusIndex: take(),
  credentialHash: fresh("credential"),
  recipient: freshRecipient(),
  expiresAt: inOneYear,
  payload: "0x" as Hex,
};
const deadline = BigInt(inOneYear);
const signature = await admin.signTypedData({
  domain: issueDomain(await publicClient.getChainId(), registry.address),
  types: ISSUE_TYPES,
  primaryType: "Issue",
  message: { ...request, nonce: 0n, deadline },
});
await measure("issueDelegated", 1, asRelayer.write.issueWithSignature([request, admin.account.address, deadline, signature]));

console.log("\nChancery gas (Hardhat EVM, recipients new to the registry)\n");
console.table(rows.map((r) => ({ ...r, budget: BUDGETS[r.operation] ?? "" })));
const plain = rows.find((r) => r.operation === "issueMerkleBatch");
const withRoster = rows.find((r) => r.operation === "issueMerkleBatch (with roster)");
if (plain && withRoster) {
  console.log(
    `Merkle roster appendix: ${rosterBytes} bytes for 1,000 learners (${distinct} distinct names, ${(rosterBytes / 1000).toFixed(1)} B each), ` +
      `+${withRoster.perBadge - plain.perBadge} gas a badge (${withRoster.perBadge} with, ${plain.perBadge} without; budget 4,000)` +
      (withRoster.perBadge > 4_000 ? " — OVER BUDGET: the roster stays optional (Bulk, CLI --no-roster)" : ""),
  );
}
console.log("\nFor comparison (per badge):");
console.table(REFERENCES);
mkdirSync("bench", { recursive: true });
writeFileSync("bench/gas.json", `${JSON.stringify(rows, null, 2)}\n`);
console.log("wrote bench/gas.json");

const over = rows.filter((r) => BUDGETS[r.operation] !== undefined && r.perBadge > BUDGETS[r.operation]);
for (const r of over) {
  console.error(`BUDGET EXCEEDED: ${r.operation} uses ${r.perBadge} gas per badge, budget ${BUDGETS[r.operation]}`);
}
if (over.length > 0) process.exit(1);
