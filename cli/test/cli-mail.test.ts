// `chancery issue … --mail`: one badge and a CSV, each learner mailed through the real gateway
// process and a real SMTP catcher (MailDev); the results CSV says, per learner, whether it was sent.
// A badge published with its key is mailed with a wallet offer that an independent OpenID4VCI
// client (@openid4vc/openid4vci) redeems for the credential the CLI signed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { extractFromPng } from "@chancery/sdk/baking";
import { parseCsv } from "@chancery/sdk/bulk";
import { parseShareLink } from "@chancery/sdk/links";
import { startTestChain, type TestChain } from "@chancery/testing/chain";
import { type MailCatcher, startMailCatcher, startMailingGateway } from "@chancery/testing/mail";
import { receiveOffer } from "@chancery/testing/oid4vci-wallet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CLI = join(ROOT, "cli", "bin", "chancery.mjs");
const APP = "https://app.test";
let chain: TestChain;
let catcher: MailCatcher;
let gateway: { origin: string; stop: () => Promise<void> };
let dir: string;
let classId: number;

function chancery(args: string[]) {
  const result = spawnSync(
    process.execPath,
    [CLI, ...args, "--rpc", chain.rpcUrl, "--registry", chain.registry, "--gateway", gateway.origin, "--app", APP, "--json"],
    { encoding: "utf8", cwd: dir, env: { ...process.env, CHANCERY_PRIVATE_KEY: "", CHANCERY_RPC_URL: "", CHANCERY_ACCOUNT_INDEX: "1" } },
  );
  if (result.status !== 0) throw new Error(`chancery ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

beforeAll(async () => {
  chain = await startTestChain();
  catcher = await startMailCatcher();
  gateway = await startMailingGateway(chain, catcher, { appUrl: APP });
  dir = mkdtempSync(join(tmpdir(), "chancery-mail-"));
  const issuer = chancery(["issuer", "register", "--name", "Université de Lumière", "--url", "https://lumiere.example"]);
  classId = chancery([
    "class",
    "create",
    "--issuer",
    String(issuer.issuerId),
    "--name",
    "Data Literacy",
    "--description",
    "Reads, cleans and charts data.",
    "--criteria",
    "Passed the practical exam.",
  ]).classId;
}, 180_000);

afterAll(async () => {
  await gateway?.stop();
  await catcher?.stop();
  await chain?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("chancery issue --mail", () => {
  it("mails one learner the share link with its key and the baked badge, in the language asked", async () => {
    const r = chancery([
      "issue",
      "--class",
      String(classId),
      "--email",
      "ada@example.org",
      "--name",
      "Ada",
      "--publish",
      "--mail",
      "--mail-locale",
      "zh",
    ]);
    expect(r.mail).toBe("sent");
    const mail = (await catcher.inbox()).find((m) => m.to[0]?.address === "ada@example.org");
    expect(mail?.subject).toBe("Université de Lumière 授予您的徽章“Data Literacy”");
    const link = /https:\/\/app\.test\/verify\/\S+/.exec(mail?.text ?? "")?.[0] ?? "";
    expect(link).toBe(r.shareLink);
    expect(parseShareLink(link).key).toBeDefined();
    const file = mail?.attachments.find((a) => a.contentDisposition === "attachment")?.fileName as string;
    const credential = JSON.parse(extractFromPng(await catcher.attachment(mail!, file)).payload);
    expect(credential).toEqual(JSON.parse(readFileSync(join(dir, r.files.json), "utf8")));
  });

  it("mails a badge published with its key with a wallet offer the independent wallet redeems for the signed credential", async () => {
    const before = (await catcher.inbox()).length;
    const r = chancery(["issue", "--class", String(classId), "--email", "lin@example.org", "--name", "Lin", "--publish", "--mail"]);
    expect(r.mail).toBe("sent");
    const mail = (await catcher.inbox()).slice(before).find((m) => m.to[0]?.address === "lin@example.org");
    const offerUri = /openid-credential-offer:\/\/\S+/.exec(mail?.text ?? "")?.[0] ?? "";
    expect(offerUri).not.toBe("");
    expect(mail?.text).toContain("works for 7 days");
    // The learner's wallet opens the link from the e-mail: the offer names this gateway, and gives
    // exactly the credential the CLI signed and wrote beside the badge.
    const { offer, credential } = await receiveOffer(offerUri);
    expect(offer.credential_issuer.startsWith(`${gateway.origin}/`)).toBe(true);
    expect(credential).toEqual(JSON.parse(readFileSync(join(dir, r.files.json), "utf8")));
    // One use: the same link a second time is refused.
    await expect(receiveOffer(offerUri)).rejects.toThrow(/invalid_grant|already used/);
  });

  it("mails every learner of a CSV after the run, with a mail column in the results", async () => {
    const csv = join(dir, "cohort.csv");
    const wallet = chain.wallets[6]!.account!.address;
    writeFileSync(csv, `email,wallet,name\ngrace@example.org,,Grace\nalan@example.org,,Alan\n,${wallet},Wallet only\n`);
    const before = (await catcher.inbox()).length;
    const r = chancery(["issue", "--class", String(classId), "--csv", csv, "--mail"]);
    expect([r.mailed, r.mailRefused]).toEqual([2, 0]);
    const [header, ...rows] = parseCsv(readFileSync(r.resultsCsv, "utf8"));
    const column = header!.fields.indexOf("mail");
    expect(rows.map((row) => [row.fields[1], row.fields[column]])).toEqual([
      ["grace@example.org", "sent"],
      ["alan@example.org", "sent"],
      ["", ""],
    ]);
    const inbox = await catcher.inbox();
    expect(inbox.length - before).toBe(2);
    expect(inbox.map((m) => m.to[0]?.address)).toEqual(expect.arrayContaining(["grace@example.org", "alan@example.org"]));
    // Not published (no --publish): nothing the gateway could hand a wallet, so no offer in those mails.
    for (const m of inbox.slice(before)) expect(m.text).not.toContain("openid-credential-offer:");
  });
});
