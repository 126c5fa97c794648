// The issuer commands of `chancery` (`verify` lives in ../cli.ts): register an issuer, create a
// badge class, issue one badge or a whole CSV, revoke. Node only.
import { parseArgs } from "node:util";
import { CsvError } from "@chancery/sdk/bulk";
import { CliError, type ConnectOptions, connect } from "./connect.ts";
import { issueCsv, issueOne } from "./issue.ts";
import { addKeyCommand, createClassCommand, publishStatusCommand, registerIssuerCommand, revokeCommand } from "./issuer.ts";
import {
  badgeLines,
  indexerUrlOf,
  issuerLines,
  LIST_USAGE,
  listBadgesCommand,
  listIssuersCommand,
  listRevocationsCommand,
  revocationLines,
  sourceLine,
} from "./list.ts";
import { mailLocale } from "./mail.ts";

export const ISSUER_COMMANDS = new Set(["issuer", "class", "issue", "revoke", "list"]);

export const ISSUER_USAGE = `Issuer commands:
  chancery issuer register --name NAME --url URL [--email E] [--description D] [--image FILE.png|svg]
  chancery issuer add-key --issuer ID [--public-key 0x…]   (admin: register a signer's Ed25519 key)
  chancery class create --issuer ID --name NAME --description TEXT (--criteria TEXT | --criteria-url URL)
                        [--image FILE.png|svg] [--tags a,b] [--type Badge]
  chancery issue --class ID (--email E | --wallet 0x…) [--name NAME] [--expires DATE] [--evidence URL]
                 [--publish] [--out DIR] [--mail [--mail-locale en|fr|zh]]
  chancery issue --class ID --csv FILE [--out DIR] [--batch-size N] [--merkle [--no-roster] | --publish] [--mail [--mail-locale en|fr|zh]]
                 (--merkle: each batch's transaction carries the learners' names and e-mails encrypted for
                 the wallet, so the app's badge list names them on any device; --no-roster leaves them out)
  chancery revoke UID --reason TEXT [--code unspecified|issued-in-error|misconduct|superseded|withdrawn|key-compromised]
  chancery class publish-status --class ID [--list N | --batch 0x…]   (sign and publish a status list as the
                        chain has it: when the gateway says a list is behind)

Where (every issuer command):
  --network NAME   a network of hardhat.config.ts (localhost, sepolia, baseSepolia, …): its RPC URL
                   and account come from the environment or Hardhat's keystore, as for Hardhat itself
  --rpc URL        a JSON-RPC endpoint (default: $CHANCERY_RPC_URL, else http://127.0.0.1:8545)
  --registry 0x…   the BadgeRegistry (default: the exported deployment of the chain)
  --gateway URL    the gateway base named in credentials (default: $CHANCERY_GATEWAY_URL, else http://127.0.0.1:8787)
  --app URL        the app base of share links (default: $CHANCERY_APP_URL, else http://127.0.0.1:5173)
  --json           print the result as JSON
Key: $CHANCERY_PRIVATE_KEY, else Hardhat's keystore (npx hardhat keystore set CHANCERY_PRIVATE_KEY),
     else the --network's configured account, else a local node's unlocked account
     (#$CHANCERY_ACCOUNT_INDEX, default #0).

CSV: a header row with any of email, wallet, name, valid_from, expires, evidence, narrative; one row per
learner (email and/or wallet). Every row is checked first; problems are listed with line numbers and
nothing is sent. A journal beside the file (FILE.journal.jsonl) makes an interrupted run resumable:
run the same command again. Results: FILE.results.csv (uids, share links, hosted URLs, claim URLs for
e-mail backpacks, made by the gateway) and a folder of baked PNGs (FILE-badges/).

${LIST_USAGE}`;

function parseDate(text: string | undefined, what: string): Date | undefined {
  if (text === undefined) return undefined;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T23:59:59Z`) : new Date(text);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(text))
    throw new CliError(`${what} "${text}" is not a date (YYYY-MM-DD or an ISO 8601 date-time).`, 2);
  return date;
}

function id(text: string | undefined, what: string): number {
  const n = Number(text);
  if (text === undefined || !/^[1-9][0-9]*$/.test(text) || n > 0xffffffff)
    throw new CliError(`${what} must be a positive integer; got ${text === undefined ? "nothing" : JSON.stringify(text)}.`, 2);
  return n;
}

function required(value: string | undefined, flag: string): string {
  if (!value?.trim()) throw new CliError(`${flag} is required.`, 2);
  return value;
}

const OPTIONS = {
  network: { type: "string" },
  rpc: { type: "string" },
  registry: { type: "string" },
  gateway: { type: "string" },
  app: { type: "string" },
  json: { type: "boolean" },
  name: { type: "string" },
  url: { type: "string" },
  email: { type: "string" },
  description: { type: "string" },
  image: { type: "string" },
  issuer: { type: "string" },
  "public-key": { type: "string" },
  criteria: { type: "string" },
  "criteria-url": { type: "string" },
  tags: { type: "string" },
  type: { type: "string" },
  class: { type: "string" },
  wallet: { type: "string" },
  expires: { type: "string" },
  "valid-from": { type: "string" },
  evidence: { type: "string" },
  narrative: { type: "string" },
  publish: { type: "boolean" },
  merkle: { type: "boolean" },
  "no-roster": { type: "boolean" },
  mail: { type: "boolean" },
  "mail-locale": { type: "string" },
  csv: { type: "string" },
  out: { type: "string" },
  "batch-size": { type: "string" },
  "max-batches": { type: "string" },
  reason: { type: "string" },
  code: { type: "string" },
  list: { type: "string" },
  batch: { type: "string" },
  recipient: { type: "string" },
  indexer: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function print(json: boolean | undefined, result: Record<string, unknown>, lines: string[]) {
  if (json) console.log(JSON.stringify(result, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2));
  else console.log(lines.join("\n"));
}

export async function runIssuerCommand(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${ISSUER_USAGE}`);
    return 2;
  }
  const v = parsed.values;
  const [command, sub, ...rest] = parsed.positionals;
  if (v.help) {
    console.log(ISSUER_USAGE);
    return 0;
  }
  const where: ConnectOptions = { network: v.network, rpc: v.rpc, registry: v.registry, gateway: v.gateway, app: v.app, needsWallet: true };
  try {
    if (command === "issuer" && sub === "register" && rest.length === 0) {
      const name = required(v.name, "--name");
      const url = required(v.url, "--url");
      const conn = await connect(where);
      const r = await registerIssuerCommand(conn, { name, url, email: v.email, description: v.description, image: v.image });
      print(v.json, r, [
        `Registered issuer #${r.issuerId} on chain ${conn.chainId} (admin ${r.admin}, transaction ${r.transactionHash}).`,
        `Signing key ${r.publicKeyMultibase} registered for OB 3.0 proofs (derived from the admin wallet).`,
        `  OB 3.0 profile  ${r.ob3Profile}`,
        `  OB 2.0 profile  ${r.ob2Profile}`,
        `Next: chancery class create --issuer ${r.issuerId} --name … --description … --criteria …`,
      ]);
      return 0;
    }
    if (command === "issuer" && sub === "add-key" && rest.length === 0) {
      const issuerId = id(v.issuer, "--issuer");
      const conn = await connect(where);
      const r = await addKeyCommand(conn, { issuerId, publicKey: v["public-key"] });
      print(v.json, r, [`Key ${r.publicKey} registered for issuer #${issuerId}.`]);
      return 0;
    }
    if (command === "class" && sub === "create" && rest.length === 0) {
      const issuerId = id(v.issuer, "--issuer");
      const name = required(v.name, "--name");
      const description = required(v.description, "--description");
      const conn = await connect(where);
      const tags = v.tags
        ?.split(",")
        .map((t) => t.trim())
        .filter(Boolean);
      const r = await createClassCommand(conn, {
        issuerId,
        name,
        description,
        criteria: v.criteria,
        criteriaUrl: v["criteria-url"],
        image: v.image,
        tags,
        type: v.type,
      });
      print(v.json, r, [
        `Created badge class #${r.classId} for issuer #${issuerId} (transaction ${r.transactionHash}).`,
        `  OB 2.0 BadgeClass  ${r.ob2BadgeClass}`,
      ]);
      return 0;
    }
    if (command === "issue" && sub === undefined) {
      const classId = id(v.class, "--class");
      if (v.csv) {
        if (v.email || v.wallet || v.name)
          throw new CliError("--csv takes the recipients from the file: leave out --email, --wallet and --name.", 2);
        const batchSize = v["batch-size"] === undefined ? undefined : id(v["batch-size"], "--batch-size");
        const maxBatches = v["max-batches"] === undefined ? undefined : id(v["max-batches"], "--max-batches");
        const conn = await connect(where);
        const r = await issueCsv(conn, {
          classId,
          csvPath: v.csv,
          out: v.out,
          batchSize,
          maxBatches,
          merkle: Boolean(v.merkle),
          roster: !v["no-roster"],
          publish: Boolean(v.publish),
          quiet: Boolean(v.json),
          ...(v.mail ? { mail: { locale: mailLocale(v["mail-locale"]) } } : {}),
        });
        print(v.json, r, [
          r.interrupted
            ? `Stopped after ${r.issuedNow} badges this run (${r.total} in the file). Run the same command again to continue: nothing is issued twice.`
            : `Done: ${r.total} badges — ${r.issuedNow} issued now in ${r.transactions.length} transaction${r.transactions.length === 1 ? "" : "s"}, ${r.alreadyOnChain} already on chain — in ${r.seconds.toFixed(1)} s.`,
          `  results   ${r.resultsCsv}`,
          `  badges    ${r.outDir}/ (baked PNG and signed JSON per learner)`,
          `  journal   ${r.journal}`,
          ...(r.mailed !== undefined
            ? [`  e-mails   ${r.mailed} sent, ${r.mailRefused} not sent (the mail column of the results says why)`]
            : []),
        ]);
        return r.interrupted ? 130 : 0;
      }
      const conn = await connect(where);
      const r = await issueOne(conn, {
        classId,
        email: v.email,
        wallet: v.wallet as `0x${string}` | undefined,
        name: v.name,
        validFrom: parseDate(v["valid-from"], "--valid-from"),
        expires: parseDate(v.expires, "--expires"),
        evidence: v.evidence,
        narrative: v.narrative,
        publish: Boolean(v.publish),
        out: v.out ?? "badges",
        ...(v.mail ? { mail: { locale: mailLocale(v["mail-locale"]) } } : {}),
      });
      print(v.json, r, [
        `Issued badge ${r.uid} (block ${r.blockNumber}, transaction ${r.transactionHash}).`,
        `  share link  ${r.shareLink}`,
        `  hosted      ${r.hostedUrl}`,
        `  files       ${r.files.png} · ${r.files.json}`,
        ...(r.mail !== undefined ? [`  e-mail      ${r.mail}`] : []),
      ]);
      return 0;
    }
    if (command === "class" && sub === "publish-status" && rest.length === 0) {
      const classId = id(v.class, "--class");
      if (v.list !== undefined && v.batch !== undefined)
        throw new CliError("Give --list N (a class list) or --batch 0x… (a Merkle batch's list), not both.", 2);
      const list = v.list === undefined ? undefined : v.list === "0" ? 0 : id(v.list, "--list");
      const conn = await connect(where);
      const r = await publishStatusCommand(conn, {
        classId,
        ...(list !== undefined ? { list } : {}),
        ...(v.batch ? { batchId: v.batch } : {}),
      });
      print(v.json, r, [
        `Published ${r.listUrl} with ${r.revokedEntries} revoked entr${r.revokedEntries === 1 ? "y" : "ies"} (transaction ${r.transactionHash}).`,
      ]);
      return 0;
    }
    if (command === "list" && sub !== undefined && rest.length === 0) {
      const indexerUrl = indexerUrlOf(v.indexer);
      const read = { ...where, needsWallet: false };
      if (sub === "badges") {
        const query = {
          issuer: v.issuer === undefined ? undefined : id(v.issuer, "--issuer"),
          class: v.class === undefined ? undefined : id(v.class, "--class"),
          recipient: v.recipient,
          batch: v.batch,
        };
        const r = await listBadgesCommand(await connect(read), query, indexerUrl);
        const whose =
          query.issuer !== undefined
            ? `of issuer #${query.issuer}`
            : query.class !== undefined
              ? `of class #${query.class}`
              : query.recipient !== undefined
                ? `of ${query.recipient}`
                : `in batch ${query.batch}`;
        print(v.json, r, badgeLines(r, whose));
        console.error(sourceLine(r));
        return 0;
      }
      if (sub === "revocations") {
        const issuerId = id(v.issuer, "--issuer");
        const r = await listRevocationsCommand(await connect(read), issuerId, indexerUrl);
        print(v.json, r, revocationLines(r, issuerId));
        console.error(sourceLine(r));
        return 0;
      }
      if (sub === "issuers") {
        const r = await listIssuersCommand(await connect(read), indexerUrl);
        print(v.json, r, issuerLines(r));
        console.error(sourceLine(r));
        return 0;
      }
    }
    if (command === "revoke" && sub !== undefined && rest.length === 0) {
      const reason = required(v.reason, "--reason");
      const conn = await connect(where);
      const r = await revokeCommand(conn, { uid: sub, reason, code: v.code });
      print(v.json, r, [`Revoked badge ${r.uid} of issuer #${r.issuerId} (${r.code}): “${reason}” — transaction ${r.transactionHash}.`]);
      return 0;
    }
    console.error(`Unknown or incomplete command: chancery ${[command, sub, ...rest].filter(Boolean).join(" ")}\n\n${ISSUER_USAGE}`);
    return 2;
  } catch (error) {
    if (error instanceof CsvError) {
      console.error(
        `The CSV has ${error.problems.length} problem${error.problems.length === 1 ? "" : "s"}; nothing was sent:\n${error.problems.map((p) => `  line ${p.line}: ${p.message}`).join("\n")}`,
      );
      return 1;
    }
    if (error instanceof CliError) {
      console.error(error.message);
      return error.exitCode;
    }
    console.error(`chancery failed: ${(error as Error).message}`);
    return 1;
  }
}
