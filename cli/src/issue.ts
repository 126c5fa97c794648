// `chancery issue`: one badge, or every row of a CSV in batches sized to the per-transaction gas
// cap, resumable after an interruption without issuing anything twice.
//
// A CSV run is the sdk's bulk engine (@chancery/sdk/bulk: plan, sign, journal, reconcile with the
// chain, send) with its journal in a file beside the CSV (`<file>.journal.jsonl`, fsynced line by
// line); this file adds what only a terminal needs: the progress bar, Ctrl-C, the badge files and
// the results CSV.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { issueAward } from "@chancery/sdk/award";
import { bakePng } from "@chancery/sdk/baking";
import {
  awardOfRow,
  BulkIssueError,
  type BulkProgressEvent,
  csvField,
  openBulkIssue,
  type RecipientRow,
  readRecipients,
} from "@chancery/sdk/bulk";
import { explainError, readChainImages } from "@chancery/sdk/chain";
import { credentialEmailRecipient, requestClaimUrl, requestCredentialOffer } from "@chancery/sdk/hosted";
import { buildShareLink } from "@chancery/sdk/links";
import type { MailLocale } from "@chancery/sdk/mail";
import { ob2AssertionUrl, ob2KeyedAssertionUrl } from "@chancery/sdk/urls";
import type { Hex } from "viem";
import { CliError, type Connection } from "./connect.ts";
import { checkCanIssue, issuerSigningKey, loadClass, walletRoster } from "./issuing.ts";
import { FileJournal } from "./journal.ts";
import { type MailItem, mailAwards, mailColumn } from "./mail.ts";
import { Progress } from "./progress.ts";

const nowSecond = () => new Date(Math.floor(Date.now() / 1000) * 1000);

function fileStem(uid: Hex, line?: number) {
  return `${line !== undefined ? `line-${String(line).padStart(5, "0")}-` : ""}${uid.slice(2, 14)}`;
}

function writeBadgeFiles(dir: string, stem: string, credential: object, png: Uint8Array): { png: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, `${stem}.json`);
  const image = join(dir, `${stem}.png`);
  writeFileSync(json, `${JSON.stringify(credential, null, 2)}\n`);
  writeFileSync(image, bakePng(png, JSON.stringify(credential), "ob3"));
  return { png: image, json };
}

// ------------------------------------------------------------------ one badge

export type OneBadgeOptions = Omit<RecipientRow, "line" | "raw"> & {
  classId: number;
  publish: boolean;
  out: string;
  /** Mail the learner (needs --email) through the gateway, in this language. */
  mail?: { locale: MailLocale };
};

export async function issueOne(conn: Connection, options: OneBadgeOptions) {
  if (!options.email && !options.wallet) throw new CliError("Give the learner's --email or --wallet (or both).", 2);
  const klass = await loadClass(conn, options.classId);
  await checkCanIssue(conn, klass);
  const key = await issuerSigningKey(conn, klass.issuerId);
  const award = awardOfRow(options, {
    ...klass,
    issuer: klass.issuerInput,
    chainId: conn.chainId,
    registry: conn.registry,
    gatewayBase: conn.gatewayBase,
    validFrom: nowSecond(),
  });
  // Signed with the class's next status index (its BitstringStatusList entry), re-signed if another
  // issue takes it first; the class's signed all-zero list is published before its first badge.
  const anchored = await issueAward(conn.ctx, award, key, {
    expiresAt: options.expires,
    // Keys derived from the wallet's roster: the app's console reopens the badge on any device.
    ...(options.publish ? { publish: { appBase: conn.appBase, roster: await walletRoster(conn) } } : {}),
  });
  const files = writeBadgeFiles(options.out, fileStem(anchored.uid), anchored.credential, klass.png);
  const shareLink =
    anchored.shareLink ?? buildShareLink({ appBase: conn.appBase, chainId: conn.chainId, registry: conn.registry, uid: anchored.uid });
  const hostedUrl = anchored.key
    ? ob2KeyedAssertionUrl(conn.gatewayBase, conn.chainId, anchored.uid, anchored.key)
    : ob2AssertionUrl(conn.gatewayBase, conn.chainId, anchored.uid);
  let mail: string | undefined;
  if (options.mail) {
    if (!options.email) throw new CliError("--mail needs the learner's --email.", 2);
    const item: MailItem = {
      uid: anchored.uid,
      email: options.email,
      credential: anchored.credential,
      ...(anchored.key ? { key: anchored.key } : {}),
    };
    mail = mailColumn((await mailAwards(conn, klass.issuerId, [item], options.mail.locale)).get(anchored.uid));
  }
  return {
    uid: anchored.uid,
    transactionHash: anchored.transactionHash,
    blockNumber: anchored.blockNumber,
    shareLink,
    hostedUrl,
    files,
    ...(mail !== undefined ? { mail } : {}),
  };
}

// ------------------------------------------------------------------ a CSV

/**
 * The claim URLs of badges awarded to an e-mail address (for e-mail backpacks), asked of the gateway,
 * which checks each credential against the chain. After the first failure no more are asked.
 */
function claimUrls(conn: Connection) {
  const state: { problem?: string; of: (credential: object) => Promise<string> } = {
    of: async (credential) => {
      if (state.problem || !credentialEmailRecipient(credential as Record<string, unknown>)) return "";
      try {
        return (await requestClaimUrl(conn.gatewayBase, conn.chainId, credential)).claimUrl;
      } catch (error) {
        state.problem = explainError(error).message;
        return "";
      }
    },
  };
  return state;
}

/** Wallet offers (OpenID4VCI) live this long when handed out in a results file (mailed or sent later). */
const CSV_OFFER_LIFETIME_SECONDS = 14 * 86_400;

/**
 * The `wallet_offer` column: an openid-credential-offer:// link per badge published with its key,
 * asked of the gateway (one use, 14 days). A gateway that refuses or is down leaves the column empty.
 */
function walletOffers(conn: Connection) {
  const state: { problem?: string; of: (uid: string, key: string | undefined) => Promise<string> } = {
    of: async (uid, key) => {
      if (state.problem || !key) return "";
      try {
        return (await requestCredentialOffer(conn.gatewayBase, conn.chainId, { uid, key, lifetimeSeconds: CSV_OFFER_LIFETIME_SECONDS }))
          .offerUri;
      } catch (error) {
        state.problem = explainError(error).message;
        return "";
      }
    },
  };
  return state;
}

export type CsvOptions = {
  classId: number;
  csvPath: string;
  out?: string;
  batchSize?: number;
  merkle: boolean;
  /** With --merkle: the batches carry their learners' names encrypted for the wallet (default on; --no-roster: off). */
  roster?: boolean;
  publish: boolean;
  /** Stop after this many batches (tests and dry runs); the journal lets a rerun continue. */
  maxBatches?: number;
  quiet?: boolean;
  /** Once every batch is on chain, mail each learner with an e-mail through the gateway, in this language. */
  mail?: { locale: MailLocale };
};

export type CsvResult = {
  total: number;
  issuedNow: number;
  alreadyOnChain: number;
  transactions: Hex[];
  resultsCsv: string;
  outDir: string;
  journal: string;
  interrupted: boolean;
  seconds: number;
  /** With --mail: messages the gateway sent, and those it refused or could not send (the results CSV's mail column says why). */
  mailed?: number;
  mailRefused?: number;
};

/** The engine's refusal of a journal, in the terms of the files at hand. */
function refusal(error: BulkIssueError, csvPath: string, journalPath: string): CliError {
  const moveAway = `move ${basename(journalPath)} away to start over`;
  switch (error.reason) {
    case "settings":
      return new CliError(
        `The journal ${journalPath} belongs to a run for ${error.setting}. Rerun with the same options, or move the journal away to start a new run.`,
        2,
      );
    case "row-changed":
      return new CliError(
        `${csvPath} changed since the journal was written (line ${error.lines[0]} differs). Restore the file, or ${moveAway}.`,
        2,
      );
    case "rows-added":
      return new CliError(
        `Lines ${error.lines.join(", ")} are not in the journal's plan: the CSV gained rows since the run began. Put them in a new file.`,
        2,
      );
    default:
      return new CliError(`${error.message} (${journalPath}: finish it with the version that wrote it, or ${moveAway}.)`, 2);
  }
}

function progressNote(event: BulkProgressEvent): string {
  const label = `batch ${event.batch + 1}/${event.batches}`;
  switch (event.phase) {
    case "signing":
      return `signing ${event.signed}/${event.size} of ${label}`;
    case "waiting":
      return `waiting for ${event.tx.slice(0, 10)}… (${label}, sent before the interruption)`;
    case "checking":
      return `checking ${label} on chain`;
    case "sending":
      return `sending ${label} (${event.count} badges)`;
    case "anchored":
      return `${label} on chain`;
  }
}

export async function issueCsv(conn: Connection, options: CsvOptions): Promise<CsvResult> {
  const started = Date.now();
  if (options.merkle && options.publish)
    throw new CliError("--publish cannot be combined with --merkle: a Merkle batch carries no encrypted credentials.", 2);
  if (!existsSync(options.csvPath)) throw new CliError(`No file ${options.csvPath}.`, 2);
  // 1. Every row is checked before anything is signed or sent.
  const rows = readRecipients(readFileSync(options.csvPath, "utf8"));
  const stem = options.csvPath.replace(/\.csv$/i, "");
  const journalPath = `${options.csvPath}.journal.jsonl`;
  const outDir = options.out ?? `${stem}-badges`;
  const resultsCsv = `${stem}.results.csv`;

  // 2. The chain-side checks, then the run: a new one, or the journal's if the CSV and options match.
  const klass = await loadClass(conn, options.classId);
  await checkCanIssue(conn, klass);
  const signingKey = await issuerSigningKey(conn, klass.issuerId);
  const batchRoster = options.merkle && options.roster !== false;
  const roster = batchRoster || options.publish ? await walletRoster(conn) : undefined;
  const journal = new FileJournal(journalPath);
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write("\nInterrupted: finishing the transaction in flight, then stopping (Ctrl-C again to quit now) …\n");
  };
  process.on("SIGINT", onSigint);
  try {
    const bulk = await openBulkIssue({
      journal,
      rows,
      settings: {
        chainId: conn.chainId,
        registry: conn.registry,
        classId: options.classId,
        mode: options.merkle ? "merkle" : "batch",
        publish: options.publish,
        ...(batchRoster ? { batchRoster: true } : {}),
        gatewayBase: conn.gatewayBase,
      },
      issuer: klass.issuerInput,
      achievement: klass.achievement,
      appBase: conn.appBase,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      label: basename(options.csvPath),
      // Published credentials leave the class image and logo on chain: batches are sized without them.
      ...(options.publish ? { chainImages: await readChainImages(conn.ctx, options.classId) } : {}),
    }).catch((error: unknown) => {
      throw error instanceof BulkIssueError ? refusal(error, options.csvPath, journalPath) : error;
    });

    // 3. Sign, journal, reconcile and send, batch after batch.
    const progress = options.quiet ? undefined : new Progress("issuing", rows.length);
    let batchesSent = 0;
    const outcome = await bulk
      .run({
        ctx: conn.ctx,
        signingKey,
        ...(roster ? { roster } : {}),
        onProgress: (event) => {
          if (event.phase === "anchored" && event.tx) batchesSent++;
          progress?.update(event.done, progressNote(event));
        },
        // Ctrl-C stops between two credentials too; --max-batches only between batches.
        shouldStop: (at) => interrupted || (at === "batch" && options.maxBatches !== undefined && batchesSent >= options.maxBatches),
      })
      .catch((error: unknown) => {
        throw error instanceof CliError ? error : new CliError(explainError(error).message);
      });
    if (!outcome.stopped) progress?.finish(`${outcome.issuedNow} issued, ${outcome.alreadyOnChain} already on chain`);
    else if (progress) process.stderr.write("\n");

    // 4. The learners' files, and one results row per recipient with what the learner receives.
    // With --mail, one signature for every learner with an e-mail whose badge is on chain (not after an interruption).
    const mailed =
      options.mail && !outcome.stopped
        ? await mailAwards(
            conn,
            klass.issuerId,
            bulk
              .results()
              .filter((r) => r.row.email && r.uid && r.credential && r.shareLink)
              .map((r) => ({
                uid: r.uid as Hex,
                email: r.row.email as string,
                credential: r.credential as object,
                ...(r.key ? { key: r.key } : {}),
                ...(r.batchId ? { batchId: r.batchId } : {}),
              })),
            options.mail.locale,
          )
        : undefined;
    const header = [
      "line",
      "email",
      "wallet",
      "name",
      "uid",
      "batch_id",
      "status",
      "share_link",
      "hosted_url",
      "claim_url",
      "png",
      "json",
      "wallet_offer",
    ];
    if (mailed) header.push("mail");
    const claims = claimUrls(conn);
    const offers = walletOffers(conn);
    const out = [header.join(",")];
    const rel = (file: string | undefined) => (file ? relative(dirname(resultsCsv), file) : "");
    for (const r of bulk.results()) {
      const files =
        r.shareLink && r.uid && r.credential ? writeBadgeFiles(outDir, fileStem(r.uid, r.line), r.credential, klass.png) : undefined;
      out.push(
        [
          r.line,
          r.row.email,
          r.row.wallet,
          r.row.name,
          r.uid,
          r.batchId,
          r.status,
          r.shareLink,
          r.hostedUrl,
          r.shareLink && r.credential ? await claims.of(r.credential) : "",
          rel(files?.png),
          rel(files?.json),
          r.uid && (r.status === "issued" || r.status === "issued earlier") ? await offers.of(r.uid, r.key) : "",
          ...(mailed ? [r.uid ? mailColumn(mailed.get(r.uid)) : ""] : []),
        ]
          .map(csvField)
          .join(","),
      );
    }
    writeFileSync(resultsCsv, `${out.join("\n")}\n`);
    if (offers.problem) process.stderr.write(`wallet_offer left empty: the gateway made no wallet offer (${offers.problem}).\n`);
    if (claims.problem)
      process.stderr.write(
        `claim_url left empty: the gateway made no claim URL (${claims.problem}). Run the same command again once it answers.\n`,
      );
    return {
      total: rows.length,
      issuedNow: outcome.issuedNow,
      alreadyOnChain: outcome.alreadyOnChain,
      transactions: outcome.transactions,
      resultsCsv,
      outDir,
      journal: journalPath,
      interrupted: outcome.stopped,
      seconds: (Date.now() - started) / 1000,
      ...(mailed
        ? {
            mailed: [...mailed.values()].filter((o) => o.status === "sent").length,
            mailRefused: [...mailed.values()].filter((o) => o.status !== "sent").length,
          }
        : {}),
    };
  } finally {
    process.off("SIGINT", onSigint);
    journal.close();
  }
}
