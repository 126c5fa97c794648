// The demo seed: an accredited university, three badge classes with images drawn in code, and 20
// badges to seven learners — an array batch published encrypted, single badges (one revoked, one
// expired), and a Merkle batch — each checked by the sdk's verifier. Writes the signed OB 3.0 JSON
// and a baked PNG per badge under .demo/badges/, and a manifest of everything it made.
//
//   npm run demo:seed -- [--out FILE] [--files DIR] [--rpc URL] [--registry 0x…] [--gateway URL] [--app URL]
//
// (`npm start` runs it after deploying; alone, it seeds whatever chain answers at --rpc, default
// http://127.0.0.1:8545, with the registry exported for that chain.)
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { badgeRegistryAbi } from "@chancery/sdk/abi";
import { anchorMerkleBatch, issueAward, type PreparedBadge, prepareBadge } from "@chancery/sdk/award";
import { bakePng } from "@chancery/sdk/baking";
import {
  accreditIssuer,
  addIssuerKey,
  createBadgeClass,
  deriveIssuerSigningKey,
  issueBadges,
  publishStatusListIfMissing,
  readNextStatusIndex,
  registerIssuer,
  revokeAndPublish,
  type WriteContext,
} from "@chancery/sdk/chain";
import { badgeAad, encryptCredential, keyToString } from "@chancery/sdk/crypto";
import { deployments } from "@chancery/sdk/deployments";
import type { AchievementInput, AwardInput, IssuerInput } from "@chancery/sdk/documents";
import { buildOb3Achievement, buildRegisteredIssuerProfile } from "@chancery/sdk/documents";
import { badgeArtPng, badgeArtSvg, badgeClassImages, toDataUri } from "@chancery/sdk/hosted";
import { buildShareLink } from "@chancery/sdk/links";
import { chainReader } from "@chancery/sdk/readers";
import { readRoster, rosterBadgeKey, unlockRoster } from "@chancery/sdk/roster";
import { issuerProfileId, ob2AssertionUrl, ob2BadgeClassUrl, ob2IssuerUrl, ob2KeyedAssertionUrl } from "@chancery/sdk/urls";
import { verifyBadge } from "@chancery/sdk/verify";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  type Hex,
  http,
  keccak256,
  type PublicClient,
  toHex,
  type WalletClient,
} from "viem";

export const ROOT = resolve(import.meta.dirname, "..", "..");
export const DEMO_DIR = join(ROOT, ".demo");

/** Hardhat's default accounts (mnemonic "test test … junk"): public test keys, for local chains only. */
export const HARDHAT_KEYS = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
  "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
  "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
  "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
  "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
  "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
  "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
  "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6",
] as const;

const LEARNERS = [
  { name: "Ada Lovelace", email: "ada.lovelace@students.lumiere.example", account: 3 },
  { name: "Alan Turing", email: "alan.turing@students.lumiere.example", account: 4 },
  { name: "Grace Hopper", email: "grace.hopper@students.lumiere.example", account: 5 },
  { name: "Katherine Johnson", email: "katherine.johnson@students.lumiere.example", account: 6 },
  { name: "Tim Berners-Lee", email: "tim.bernerslee@students.lumiere.example", account: 7 },
  { name: "Margaret Hamilton", email: "margaret.hamilton@students.lumiere.example", account: 8 },
  { name: "Claude Shannon", email: "claude.shannon@students.lumiere.example", account: 9 },
] as const;

type Learner = (typeof LEARNERS)[number] & { wallet: Address };

export type SeedOptions = {
  rpcUrl: string;
  registry?: Address;
  gatewayUrl: string;
  appUrl: string;
  /** Where to write the manifest (none: only returned). */
  out?: string;
  /** Where the badge files go (default .demo/badges). */
  filesDir?: string;
  log?: (line: string) => void;
};

export type DemoBadge = {
  uid: Hex;
  classId: number;
  className: string;
  recipient: { name: string; email: string; wallet: Address };
  status: string;
  shareLink: string;
  hostedUrl: string;
  hostedUrlWithKey?: string;
  batchId?: Hex;
  files: { ob3: string; png: string };
};

export type DemoManifest = {
  chainId: number;
  rpcUrl: string;
  appUrl: string;
  gatewayUrl: string;
  contracts: { BadgeRegistry: { address: Address; deployedOnBlock: number } };
  issuers: { issuerId: number; name: string; status: string; admin: Address; ob3Profile: string; ob2Profile: string }[];
  classes: { classId: number; issuerId: number; name: string; image: string; ob2BadgeClass: string }[];
  badges: DemoBadge[];
  accounts: { role: string; address: Address; privateKey: string }[];
  createdAt: string;
};

const CLASSES: { key: string; achievement: AchievementInput; art: { initials: string; hue: number }; format: "png" | "svg" }[] = [
  {
    key: "data",
    achievement: {
      name: "Data Literacy I",
      description: "Reads, cleans and charts a real-world data set, and explains what it shows and what it cannot.",
      criteria: {
        narrative:
          "Completed the 30-hour course and passed the practical exam: a cleaned data set and a one-page analysis graded by two examiners.",
      },
      tags: ["data", "statistics", "undergraduate"],
      achievementType: "Course",
    },
    art: { initials: "DL", hue: 212 },
    format: "png",
  },
  {
    key: "ml",
    achievement: {
      name: "Machine Learning Foundations",
      description: "Trains, evaluates and critiques supervised models; knows overfitting, leakage and fair evaluation.",
      criteria: { narrative: "Passed the written exam (≥ 60 %) and delivered a reproducible project notebook." },
      tags: ["machine learning", "AI", "graduate"],
      achievementType: "Certificate",
    },
    art: { initials: "ML", hue: 12 },
    format: "svg",
  },
  {
    key: "ethics",
    achievement: {
      name: "Research Ethics",
      description: "Applies consent, data protection and research-integrity rules to a study design.",
      criteria: { narrative: "Attended the doctoral school's ethics seminar and passed its case-study assessment." },
      tags: ["ethics", "doctoral school"],
      achievementType: "Badge",
    },
    art: { initials: "RE", hue: 152 },
    format: "png",
  },
];

function slug(text: string) {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export async function seedDemo(options: SeedOptions): Promise<DemoManifest> {
  const log = options.log ?? ((line: string) => console.log(line));
  const probe = createPublicClient({ transport: http(options.rpcUrl, { retryCount: 0 }) });
  const chainId = await probe.getChainId();
  const chain = defineChain({
    id: chainId,
    name: `Local ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [options.rpcUrl] } },
  });
  const client = createPublicClient({ chain, transport: http(options.rpcUrl, { retryCount: 0 }) }) as PublicClient;
  const exported = (deployments as Record<string, { BadgeRegistry?: { address: string; deployedOnBlock: number } }>)[String(chainId)]
    ?.BadgeRegistry;
  const registry = getAddress(options.registry ?? exported?.address ?? "0x");
  const deployedOnBlock = exported && getAddress(exported.address) === registry ? exported.deployedOnBlock : 0;
  const code = await client.getCode({ address: registry });
  if (!code || code === "0x")
    throw new Error(`No BadgeRegistry at ${registry} on chain ${chainId}: deploy first (npm run deploy -- --network localhost).`);
  const accounts = ((await client.request({ method: "eth_accounts" } as never)) as Address[]).map((a) => getAddress(a));
  if (accounts.length < 10) throw new Error("The demo needs a node with Hardhat's ten unlocked accounts.");
  const walletOf = (index: number): WalletClient =>
    createWalletClient({ account: accounts[index]!, chain, transport: http(options.rpcUrl, { retryCount: 0 }) });
  const base = { client, registry, deployedOnBlock: BigInt(deployedOnBlock) };
  const authority: WriteContext = { ...base, wallet: walletOf(0) };
  const admin: WriteContext = { ...base, wallet: walletOf(1) };
  const deployment = { chainId, registry };
  const gatewayUrl = options.gatewayUrl.replace(/\/+$/, "");
  const appUrl = options.appUrl.replace(/\/+$/, "");
  const learners: Learner[] = LEARNERS.map((l) => ({ ...l, wallet: accounts[l.account]! }));

  // The university: registered by account #1, accredited by the registry authority (#0).
  log("Seeding: an accredited university …");
  const logo = toDataUri("image/svg+xml", badgeArtSvg({ initials: "UL", hue: 262, title: "Université de Lumière" }));
  const issuerFields = {
    name: "Université de Lumière",
    url: "https://www.lumiere.example",
    email: "registrar@lumiere.example",
    description: "A public research university. Its micro-credentials are accredited by the national registry of higher education.",
    image: logo,
  };
  const nextIssuer = Number(await client.readContract({ address: registry, abi: badgeRegistryAbi, functionName: "issuerCount" })) + 1;
  // The gateway's host goes on chain in verification.allowedOrigins: verifiers fetch hosted assertions only from there.
  const profile = buildRegisteredIssuerProfile({ issuerId: nextIssuer, ...issuerFields }, gatewayUrl, deployment);
  const { issuerId } = await registerIssuer(admin, profile);
  const { key: signingKey } = await deriveIssuerSigningKey(admin, { issuerId, signer: admin.wallet, chainId });
  // The admin wallet's roster: every published badge's key derives from it, so the console shows the
  // learners' names on any device after one signature (sdk/roster).
  const roster = await unlockRoster(admin, { signer: admin.wallet, chainId });
  await addIssuerKey(admin, issuerId, signingKey.publicKeyHex);
  await accreditIssuer(authority, issuerId, issuerFields.name);
  const issuer: IssuerInput = { issuerId, ...issuerFields };

  // Three classes, each with its image drawn in code (two PNGs, one SVG) inside its JSON.
  log("Seeding: three badge classes …");
  const classes: (DemoManifest["classes"][number] & { achievement: AchievementInput; png: Uint8Array })[] = [];
  for (const c of CLASSES) {
    const image =
      c.format === "png"
        ? toDataUri("image/png", badgeArtPng({ ...c.art, size: 96 }))
        : toDataUri("image/svg+xml", badgeArtSvg({ ...c.art, title: c.achievement.name }));
    const achievement = { ...c.achievement, image };
    const count = Number(await client.readContract({ address: registry, abi: badgeRegistryAbi, functionName: "badgeClassCount" }));
    const { classId } = await createBadgeClass(
      admin,
      issuerId,
      buildOb3Achievement(achievement, ob2BadgeClassUrl(gatewayUrl, chainId, count + 1)),
    );
    const images = badgeClassImages({ name: achievement.name, classId, image });
    classes.push({
      classId,
      issuerId,
      name: achievement.name,
      image: c.format,
      ob2BadgeClass: ob2BadgeClassUrl(gatewayUrl, chainId, classId),
      achievement,
      png: images.png,
    });
  }
  const [data, ml, ethics] = classes as [(typeof classes)[0], (typeof classes)[0], (typeof classes)[0]];

  const now = () => new Date(Math.floor(Date.now() / 1000) * 1000);
  const award = (klass: typeof data, learner: Learner, extra: Partial<AwardInput> = {}): AwardInput => ({
    issuer,
    achievement: klass.achievement,
    recipient: { name: learner.name, email: learner.email, wallet: learner.wallet },
    validFrom: now(),
    deployment,
    gatewayBase: gatewayUrl,
    classId: klass.classId,
    ...extra,
  });
  type Made = { badge: PreparedBadge; klass: typeof data; learner: Learner; key?: string; shareLink?: string; batchId?: Hex };
  const made: Made[] = [];

  // The expiring badge first, so that it has expired by the end of the seed.
  log("Seeding: single badges (one expiring, one to be revoked) …");
  const chainTime = Number((await client.getBlock()).timestamp);
  const expiry = new Date((Math.max(chainTime, Math.floor(Date.now() / 1000)) + 5) * 1000);
  for (const [learner, extra] of [
    [learners[2]!, { expiresAt: expiry }],
    [learners[0]!, {}],
    [learners[1]!, {}],
    [learners[3]!, { expiresAt: new Date(Date.now() + 2 * 365 * 86_400_000) }],
    [learners[4]!, {}],
    [learners[5]!, {}],
  ] as const) {
    const expiresAt = (extra as { expiresAt?: Date }).expiresAt;
    // issueAward signs the credential with the class's next status index (its BitstringStatusList
    // entry) and publishes the class's all-zero signed list before its first badge.
    const anchored = await issueAward(admin, award(ml, learner, expiresAt ? { validUntil: expiresAt } : {}), signingKey, {
      expiresAt,
      publish: { appBase: appUrl, roster },
    });
    made.push({ badge: anchored, klass: ml, learner, key: anchored.key, shareLink: anchored.shareLink });
  }
  const revoked = made[2]!;
  // Revoked on chain and in the class's signed status list, in one transaction.
  const signing = { gatewayBase: gatewayUrl, deployment, signingKey };
  await revokeAndPublish(
    admin,
    { uid: revoked.badge.uid, reason: "Plagiarism established by the examination board in the final project.", code: "misconduct" },
    signing,
  );

  // An array batch, every credential published encrypted (its key, from the roster, only in the share link).
  log("Seeding: a batch of seven, published encrypted …");
  const batch: Made[] = [];
  const firstStatusIndex = await readNextStatusIndex(admin, data.classId);
  await publishStatusListIfMissing(admin, { issuerId, classId: data.classId, statusIndex: firstStatusIndex }, signing);
  for (const [i, learner] of learners.entries()) {
    batch.push({
      badge: await prepareBadge(award(data, learner, { statusIndex: firstStatusIndex + i }), signingKey),
      klass: data,
      learner,
    });
  }
  const payloads: Hex[] = [];
  for (const m of batch) {
    const key = rosterBadgeKey(roster, m.badge.uid);
    payloads.push(toHex(await encryptCredential(m.badge.credential, key, badgeAad({ chainId, registry, uid: m.badge.uid }))));
    m.key = keyToString(key);
    m.shareLink = buildShareLink({ appBase: appUrl, chainId, registry, uid: m.badge.uid, key });
  }
  await issueBadges(admin, {
    classId: data.classId,
    firstStatusIndex,
    badges: batch.map((m, i) => ({ credentialHash: m.badge.credentialHash, recipient: m.learner.wallet, payload: payloads[i] })),
  });
  made.push(...batch);

  // A Merkle batch: one root on chain for the whole cohort; its learners' names travel encrypted for the
  // roster in the same transaction, so the console names all 20 demo badges on any device.
  log("Seeding: a Merkle batch of seven …");
  const merkle = await anchorMerkleBatch(admin, {
    classId: ethics.classId,
    batchKey: keccak256(toHex(`Research Ethics — doctoral cohort ${new Date().getFullYear()} — ${Date.now()}`)),
    signingKey,
    roster,
    awards: learners.map((l) => award(ethics, l)),
  });
  const { batchId } = merkle;
  for (const [i, badge] of merkle.badges.entries()) {
    made.push({
      badge,
      klass: ethics,
      learner: learners[i]!,
      batchId,
      shareLink: buildShareLink({ appBase: appUrl, chainId, registry, uid: badge.uid, batchId }),
    });
  }

  // Let the expiring badge expire, and the wall clock catch up with the chain's (a node mining
  // several blocks in one second dates each a second later, so its clock runs ahead: hosted OB 2.0
  // assertions dated by their block would otherwise read "not yet valid" for a few seconds).
  const latest = Number((await client.getBlock()).timestamp);
  const wait = Math.max(expiry.getTime() + 1500, (latest + 1) * 1000) - Date.now();
  if (wait > 0) {
    log(`Seeding: waiting ${Math.ceil(wait / 1000)} s for the short-lived badge to expire and the chain's clock to be reached …`);
    await new Promise((r) => setTimeout(r, wait));
  }
  log("Seeding: verifying every badge and writing .demo/badges/ …");
  const badgeDir = options.filesDir ?? join(DEMO_DIR, "badges");
  // Paths in the manifest are relative to the repository when the files are inside it.
  const shown = (path: string) => (relative(ROOT, path).startsWith("..") ? path : relative(ROOT, path));
  mkdirSync(badgeDir, { recursive: true });
  const badges: DemoBadge[] = [];
  for (const m of made) {
    const report =
      m.shareLink && m.key
        ? await verifyBadge(m.shareLink, { publicClient: client, trust: [{ chainId, registry }] })
        : await verifyBadge(m.badge.credential, { publicClient: client, trust: [{ chainId, registry }] });
    const stem = `${slug(m.klass.name)}--${slug(m.learner.name)}--${m.badge.uid.slice(2, 10)}`;
    const ob3 = join(badgeDir, `${stem}.json`);
    const png = join(badgeDir, `${stem}.png`);
    writeFileSync(ob3, `${JSON.stringify(m.badge.credential, null, 2)}\n`);
    writeFileSync(png, bakePng(m.klass.png, JSON.stringify(m.badge.credential), "ob3"));
    badges.push({
      uid: m.badge.uid,
      classId: m.klass.classId,
      className: m.klass.name,
      recipient: { name: m.learner.name, email: m.learner.email, wallet: m.learner.wallet },
      status: report.verdict,
      shareLink: m.shareLink ?? buildShareLink({ appBase: appUrl, chainId, registry, uid: m.badge.uid }),
      hostedUrl: ob2AssertionUrl(gatewayUrl, chainId, m.badge.uid, m.batchId),
      ...(m.key ? { hostedUrlWithKey: ob2KeyedAssertionUrl(gatewayUrl, chainId, m.badge.uid, m.key) } : {}),
      ...(m.batchId ? { batchId: m.batchId } : {}),
      files: { ob3: shown(ob3), png: shown(png) },
    });
  }

  // What the console shows after one signature on any device: every demo badge named from the chain alone.
  const listed = await chainReader(admin).listBadgesOfIssuer(issuerId);
  const opened = await readRoster(admin, roster, listed);
  const named = [...opened.values()].filter((e) => (e.state === "named" || e.state === "batch-named") && e.name).length;
  if (named !== made.length || listed.length !== made.length) {
    throw new Error(`The console would name ${named} of ${listed.length} listed badges; the seed made ${made.length}.`);
  }
  log(`Seeding: the console names ${named} of ${made.length} badges after one signature (Merkle batch included).`);

  const manifest: DemoManifest = {
    chainId,
    rpcUrl: options.rpcUrl,
    appUrl,
    gatewayUrl,
    contracts: { BadgeRegistry: { address: registry, deployedOnBlock } },
    issuers: [
      {
        issuerId,
        name: issuer.name,
        status: "accredited",
        admin: accounts[1]!,
        ob3Profile: issuerProfileId(gatewayUrl, deployment, issuerId),
        ob2Profile: ob2IssuerUrl(gatewayUrl, chainId, issuerId),
      },
    ],
    classes: classes.map(({ achievement: _a, png: _p, ...c }) => c),
    badges,
    accounts: [
      { role: "registry admin and authority (accredits issuers)", address: accounts[0]!, privateKey: HARDHAT_KEYS[0] },
      { role: `issuer admin and signer of ${issuer.name} (issuer #${issuerId})`, address: accounts[1]!, privateKey: HARDHAT_KEYS[1] },
      ...learners.map((l) => ({ role: `learner ${l.name} <${l.email}>`, address: l.wallet, privateKey: HARDHAT_KEYS[l.account] })),
    ],
    createdAt: new Date().toISOString(),
  };
  if (options.out) {
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(options.out, `${JSON.stringify(manifest, null, 2)}\n`);
  }
  return manifest;
}

export function summarize(manifest: DemoManifest): string {
  const counts = new Map<string, number>();
  for (const b of manifest.badges) counts.set(b.status, (counts.get(b.status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n} ${status}`).join(", ");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      out: { type: "string" },
      files: { type: "string" },
      rpc: { type: "string" },
      registry: { type: "string" },
      gateway: { type: "string" },
      app: { type: "string" },
    },
  });
  const out = resolve(values.out ?? join(DEMO_DIR, "manifest.json"));
  try {
    const manifest = await seedDemo({
      rpcUrl: values.rpc ?? process.env.LOCAL_RPC_URL ?? "http://127.0.0.1:8545",
      registry: values.registry as Address | undefined,
      gatewayUrl: values.gateway ?? process.env.GATEWAY_URL ?? "http://127.0.0.1:8787",
      appUrl: values.app ?? process.env.APP_URL ?? "http://127.0.0.1:5173",
      out,
      ...(values.files ? { filesDir: resolve(values.files) } : {}),
    });
    console.log(
      `Seeded ${manifest.badges.length} badges (${summarize(manifest)}) on chain ${manifest.chainId}. Manifest: ${relative(process.cwd(), out) || out}`,
    );
  } catch (error) {
    console.error(`The demo seed failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
