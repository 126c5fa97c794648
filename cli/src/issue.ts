// `chancery issue`: one badge, or every row of a CSV in batches sized to the per-transaction gas
// cap, resumable after an interruption without issuing anything twice.
//
// How a CSV run stays resumable: every credential is signed once and written to a journal beside
// the CSV (`<file>.journal.jsonl`, append-only, flushed to disk line by line) *before* its batch is
// sent; a rerun reuses those exact credentials (same random id and salt, hence the same uids),
// waits for any transaction the journal saw sent, asks the chain which uids are already recorded
// and sends only the others. The registry refuses a uid twice anyway, so even a journal lost at
// the worst moment cannot produce duplicates from the same credentials.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { type Address, type Hex, toHex, zeroAddress } from "viem";
import { anchorBadge, prepareBadge, type PreparedBadge } from "@chancery/sdk/award";
import { bakePng } from "@chancery/sdk/baking";
import { maxBadgesPerTransaction, TRANSACTION_GAS_CAP, GAS_PER_BATCHED_BADGE } from "@chancery/sdk/chain";
import { readAssertionStatus } from "@chancery/sdk/chain";
import { badgeRegistryAbi } from "@chancery/sdk/abi";
import { badgeAad, encryptCredential, generateBadgeKey, keyFromString, keyToString } from "@chancery/sdk/crypto";
import { buildOb3Credential } from "@chancery/sdk/documents";
import type { AwardInput } from "@chancery/sdk/documents";
import { ob2AssertionUrl, ob2KeyedAssertionUrl } from "@chancery/sdk/urls";
import { buildShareLink } from "@chancery/sdk/links";
import { CliError, type Connection } from "./connect.ts";
import { csvField, readRecipients, type RecipientRow } from "@chancery/sdk/bulk";
import { checkCanIssue, issuerSigningKey, loadClass, mapLimit, sendRegistryTx, type ClassContext } from "./issuing.ts";
import { Progress } from "./progress.ts";

const nowSecond = () => new Date(Math.floor(Date.now() / 1000) * 1000);
const seconds = (date: Date | undefined) => (date ? Math.floor(date.getTime() / 1000) : 0);

function awardFor(conn: Connection, klass: ClassContext, row: Omit<RecipientRow, "line" | "raw">, validFrom: Date, batchId?: Hex): AwardInput {
  return {
    issuer: klass.issuerInput,
    achievement: klass.achievement,
    recipient: { ...(row.email ? { email: row.email } : {}), ...(row.wallet ? { wallet: row.wallet } : {}), ...(row.name ? { name: row.name } : {}) },
    validFrom: row.validFrom ?? validFrom,
    ...(row.expires ? { validUntil: row.expires } : {}),
    ...(row.evidence || row.narrative ? { evidence: [{ ...(row.evidence ? { id: row.evidence } : {}), ...(row.narrative ? { narrative: row.narrative } : {}) }] } : {}),
    deployment: { chainId: conn.chainId, registry: conn.registry },
    gatewayBase: conn.gatewayBase,
    classId: klass.classId,
    ...(batchId ? { batchId } : {}),
  };
}

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

export type OneBadgeOptions = Omit<RecipientRow, "line" | "raw"> & { classId: number; publish: boolean; out: string };

export async function issueOne(conn: Connection, options: OneBadgeOptions) {
  if (!options.email && !options.wallet) throw new CliError("Give the learner's --email or --wallet (or both).", 2);
  const klass = await loadClass(conn, options.classId);
  await checkCanIssue(conn, klass);
  const key = await issuerSigningKey(conn, klass.issuerId);
  const prepared = await prepareBadge(awardFor(conn, klass, options, nowSecond()), key);
  const anchored = await anchorBadge(conn.ctx, prepared, { classId: klass.classId, expiresAt: options.expires, ...(options.publish ? { publish: { appBase: conn.appBase } } : {}) });
  const files = writeBadgeFiles(options.out, fileStem(anchored.uid), anchored.credential, klass.png);
  const shareLink = anchored.shareLink ?? buildShareLink({ appBase: conn.appBase, chainId: conn.chainId, registry: conn.registry, uid: anchored.uid });
  const hostedUrl = anchored.key ? ob2KeyedAssertionUrl(conn.gatewayBase, conn.chainId, anchored.uid, anchored.key) : ob2AssertionUrl(conn.gatewayBase, conn.chainId, anchored.uid);
  return { uid: anchored.uid, transactionHash: anchored.transactionHash, blockNumber: anchored.blockNumber, shareLink, hostedUrl, files };
}

// ------------------------------------------------------------------ a CSV

export type CsvOptions = {
  classId: number;
  csvPath: string;
  out?: string;
  batchSize?: number;
  merkle: boolean;
  publish: boolean;
  /** Stop after this many batches (tests and dry runs); the journal lets a rerun continue. */
  maxBatches?: number;
  quiet?: boolean;
};

type Chunk = { id: number; lines: number[]; expiresAt: number; batchId?: Hex };
type Prepared = { line: number; raw: string; uid: Hex; credentialHash: Hex; recipient: Address | null; credential: PreparedBadge["credential"]; key?: string; batchId?: Hex };
type Journal = {
  start?: { chainId: number; registry: string; classId: number; mode: string; publish: boolean; gatewayBase: string; appBase: string; validFrom: string };
  plan?: Chunk[];
  prepared: Map<number, Prepared>;
  sending: Map<number, Hex[]>;
  anchored: Map<number, { tx: Hex | null; block: number | null }>;
};

function readJournal(path: string): Journal {
  const journal: Journal = { prepared: new Map(), sending: new Map(), anchored: new Map() };
  if (!existsSync(path)) return journal;
  const lines = readFileSync(path, "utf8").split("\n");
  lines.forEach((text, i) => {
    if (!text.trim()) return;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(text);
    } catch {
      // A line cut short by a crash is the last one: everything before it stands.
      if (i >= lines.length - 2) return;
      throw new CliError(`The journal ${path} is damaged at line ${i + 1}. Move it away to start over (badges already on chain are then issued again under new ids).`);
    }
    switch (entry.type) {
      case "start":
        journal.start = entry as never;
        break;
      case "plan":
        journal.plan = (entry.chunks as Chunk[]).map((c) => ({ ...c }));
        break;
      case "prepared":
        journal.prepared.set(entry.line as number, entry as unknown as Prepared);
        break;
      case "sending": {
        const list = journal.sending.get(entry.chunk as number) ?? [];
        list.push(entry.tx as Hex);
        journal.sending.set(entry.chunk as number, list);
        break;
      }
      case "anchored":
        journal.anchored.set(entry.chunk as number, { tx: (entry.tx as Hex) ?? null, block: (entry.block as number) ?? null });
        break;
    }
  });
  return journal;
}

class JournalWriter {
  private readonly fd: number;
  constructor(path: string) {
    this.fd = openSync(path, "a");
  }
  write(entry: object) {
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    fsyncSync(this.fd);
  }
  close() {
    closeSync(this.fd);
  }
}

/** Badges per transaction: the gas cap (with the registry's per-badge cost and the payload's calldata) and --batch-size. */
function planChunks(rows: RecipientRow[], options: { merkle: boolean; batchSize?: number; payloadBytes: number }): Chunk[] {
  let cap = maxBadgesPerTransaction(options.merkle ? "merkle" : "batch");
  if (options.payloadBytes > 0) {
    // Calldata (16 gas a byte), the event's data (8 a byte) and copying: about 40 gas a byte.
    const perBadge = GAS_PER_BATCHED_BADGE + BigInt(options.payloadBytes) * 40n;
    cap = Math.min(cap, Number(((TRANSACTION_GAS_CAP * 8n) / 10n) / perBadge));
  }
  if (options.batchSize) cap = Math.min(cap, options.batchSize);
  cap = Math.max(1, cap);
  const byExpiry = new Map<number, number[]>();
  for (const row of rows) {
    const key = seconds(row.expires);
    byExpiry.set(key, [...(byExpiry.get(key) ?? []), row.line]);
  }
  const chunks: Chunk[] = [];
  for (const [expiresAt, lines] of byExpiry) {
    for (let i = 0; i < lines.length; i += cap) {
      const chunk: Chunk = { id: chunks.length, lines: lines.slice(i, i + cap), expiresAt };
      if (options.merkle) chunk.batchId = toHex(globalThis.crypto.getRandomValues(new Uint8Array(32)));
      chunks.push(chunk);
    }
  }
  return chunks;
}

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
};

export async function issueCsv(conn: Connection, options: CsvOptions): Promise<CsvResult> {
  const started = Date.now();
  if (options.merkle && options.publish) throw new CliError("--publish cannot be combined with --merkle: a Merkle batch carries no encrypted credentials.", 2);
  if (!existsSync(options.csvPath)) throw new CliError(`No file ${options.csvPath}.`, 2);
  // 1. Every row is checked before anything is signed or sent.
  const rows = readRecipients(readFileSync(options.csvPath, "utf8"));
  const byLine = new Map(rows.map((r) => [r.line, r]));
  const stem = options.csvPath.replace(/\.csv$/i, "");
  const journalPath = `${options.csvPath}.journal.jsonl`;
  const outDir = options.out ?? `${stem}-badges`;
  const resultsCsv = `${stem}.results.csv`;

  // 2. The chain-side checks, then the journal of an earlier run, if any.
  const klass = await loadClass(conn, options.classId);
  await checkCanIssue(conn, klass);
  const signingKey = await issuerSigningKey(conn, klass.issuerId);
  const journal = readJournal(journalPath);
  const mode = options.merkle ? "merkle" : "batch";
  if (journal.start) {
    const s = journal.start;
    const mismatch =
      s.chainId !== conn.chainId ? `chain ${s.chainId}` : s.registry !== conn.registry ? `registry ${s.registry}` : s.classId !== options.classId ? `class #${s.classId}` : s.mode !== mode ? `mode ${s.mode}` : s.publish !== options.publish ? `publish=${s.publish}` : undefined;
    if (mismatch) throw new CliError(`The journal ${journalPath} belongs to a run for ${mismatch}. Rerun with the same options, or move the journal away to start a new run.`, 2);
    for (const [line, prepared] of journal.prepared) {
      const row = byLine.get(line);
      if (!row || row.raw !== prepared.raw) {
        throw new CliError(`${options.csvPath} changed since the journal was written (line ${line} differs). Restore the file, or move ${basename(journalPath)} away to start over.`, 2);
      }
    }
  }
  const writer = new JournalWriter(journalPath);
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write("\nInterrupted: finishing the transaction in flight, then stopping (Ctrl-C again to quit now) …\n");
  };
  process.on("SIGINT", onSigint);
  try {
    const validFrom = journal.start ? new Date(journal.start.validFrom) : nowSecond();
    if (!journal.start) {
      journal.start = { chainId: conn.chainId, registry: conn.registry, classId: options.classId, mode, publish: options.publish, gatewayBase: conn.gatewayBase, appBase: conn.appBase, validFrom: validFrom.toISOString() };
      writer.write({ type: "start", v: 1, ...journal.start, csv: basename(options.csvPath), at: new Date().toISOString() });
    }
    if (!journal.plan) {
      const sample = options.publish ? JSON.stringify(buildOb3Credential(awardFor(conn, klass, rows[0]!, validFrom))).length + 400 + 29 : 0;
      journal.plan = planChunks(rows, { merkle: options.merkle, batchSize: options.batchSize, payloadBytes: sample });
      writer.write({ type: "plan", chunks: journal.plan });
    }
    const plan = journal.plan;
    const known = new Set(plan.flatMap((c) => c.lines));
    const missing = rows.filter((r) => !known.has(r.line));
    if (missing.length) throw new CliError(`Lines ${missing.map((r) => r.line).join(", ")} are not in the journal's plan: the CSV gained rows since the run began. Put them in a new file.`, 2);

    const progress = options.quiet ? undefined : new Progress("issuing", rows.length);
    const transactions: Hex[] = [];
    let issuedNow = 0;
    let alreadyOnChain = 0;
    let done = 0;
    const results = new Map<number, { prepared: Prepared; status: string; files?: { png: string; json: string } }>();
    let batchesSent = 0;

    for (const chunk of plan) {
      if (interrupted || (options.maxBatches !== undefined && batchesSent >= options.maxBatches)) {
        interrupted = true;
        break;
      }
      const label = `batch ${chunk.id + 1}/${plan.length}`;
      // 3. Sign what the journal does not have yet, writing each credential before it can be sent.
      const prepared: Prepared[] = [];
      for (const line of chunk.lines) {
        let entry = journal.prepared.get(line);
        if (!entry) {
          const row = byLine.get(line)!;
          const badge = await prepareBadge(awardFor(conn, klass, row, validFrom, chunk.batchId), signingKey);
          entry = {
            line,
            raw: row.raw,
            uid: badge.uid,
            credentialHash: badge.credentialHash,
            recipient: badge.recipient ?? null,
            credential: badge.credential,
            ...(options.publish ? { key: keyToString(generateBadgeKey()) } : {}),
            ...(chunk.batchId ? { batchId: chunk.batchId } : {}),
          };
          writer.write({ type: "prepared", ...entry });
          journal.prepared.set(line, entry);
          // Signing never waits on I/O: yield so that a Ctrl-C is heard between two credentials.
          await new Promise((r) => setImmediate(r));
          if (interrupted) break;
        }
        prepared.push(entry);
        progress?.update(done, `signing ${prepared.length}/${chunk.lines.length} of ${label}`);
      }
      if (interrupted) break;

      // 4. A transaction the journal saw sent: wait for it before asking the chain.
      for (const tx of journal.sending.get(chunk.id) ?? []) {
        try {
          await conn.client.waitForTransactionReceipt({ hash: tx, timeout: 120_000 });
        } catch {
          // Dropped or unknown: the chain check below decides.
        }
      }
      // 5. Ask the chain which of these badges it already records.
      let pending: Prepared[];
      if (chunk.batchId) {
        const { count } = await conn.client.readContract({ address: conn.registry, abi: badgeRegistryAbi, functionName: "getBatch", args: [chunk.batchId] }).catch(() => ({ count: 0 }));
        pending = Number(count) > 0 ? [] : prepared;
      } else {
        const exists = await mapLimit(prepared, 16, async (p) => (await readAssertionStatus(conn.ctx, { uid: p.uid })).exists);
        pending = prepared.filter((_, i) => !exists[i]);
      }
      const ours = journal.anchored.has(chunk.id) || journal.sending.has(chunk.id);
      for (const p of prepared) if (!pending.includes(p)) results.set(p.line, { prepared: p, status: ours ? "issued earlier" : "already on chain" });
      alreadyOnChain += prepared.length - pending.length;

      // 6. Send the rest in one transaction.
      if (pending.length > 0) {
        progress?.update(done, `sending ${label} (${pending.length} badges)`);
        const onHash = (hash: Hex) => writer.write({ type: "sending", chunk: chunk.id, tx: hash });
        let sent;
        if (chunk.batchId) {
          sent = await sendRegistryTx(conn, "issueMerkleBatch", [options.classId, chunk.batchId, pending.map((p) => p.credentialHash), pending.map((p) => p.recipient ?? zeroAddress), chunk.expiresAt], onHash);
        } else {
          const payloads = options.publish
            ? await Promise.all(pending.map(async (p) => toHex(await encryptCredential(p.credential, keyFromString(p.key!), badgeAad({ chainId: conn.chainId, registry: conn.registry, uid: p.uid })))))
            : [];
          sent = await sendRegistryTx(conn, "issueBatch", [options.classId, pending.map((p) => p.credentialHash), pending.map((p) => p.recipient ?? zeroAddress), chunk.expiresAt, payloads], onHash);
        }
        writer.write({ type: "anchored", chunk: chunk.id, tx: sent.hash, block: Number(sent.blockNumber), uids: pending.length });
        transactions.push(sent.hash);
        batchesSent++;
        issuedNow += pending.length;
        for (const p of pending) results.set(p.line, { prepared: p, status: "issued" });
      } else {
        writer.write({ type: "anchored", chunk: chunk.id, tx: null, block: null, uids: 0 });
      }
      // 7. The learners' files for this batch.
      for (const p of prepared) {
        const r = results.get(p.line)!;
        r.files = writeBadgeFiles(outDir, fileStem(p.uid, p.line), p.credential, klass.png);
      }
      done += prepared.length;
      progress?.update(done, `${label} on chain`);
    }
    if (!interrupted) progress?.finish(`${issuedNow} issued, ${alreadyOnChain} already on chain`);
    else process.stderr.write("\n");

    // 8. The results: one row per recipient, with what the learner receives.
    const header = ["line", "email", "wallet", "name", "uid", "batch_id", "status", "share_link", "hosted_url", "png", "json"];
    const out = [header.join(",")];
    for (const row of rows) {
      const r = results.get(row.line);
      const p = r?.prepared ?? journal.prepared.get(row.line);
      const status = r?.status ?? (p ? "signed, not sent" : "not started");
      const shareLink = p ? buildShareLink({ appBase: conn.appBase, chainId: conn.chainId, registry: conn.registry, uid: p.uid, ...(p.batchId ? { batchId: p.batchId } : {}), ...(p.key ? { key: p.key } : {}) }) : "";
      const hosted = p ? (p.key ? ob2KeyedAssertionUrl(conn.gatewayBase, conn.chainId, p.uid, p.key) : ob2AssertionUrl(conn.gatewayBase, conn.chainId, p.uid)) : "";
      const files = r?.files;
      const rel = (f?: string) => (f ? relative(dirname(resultsCsv), f) : "");
      out.push([row.line, row.email, row.wallet, row.name, p?.uid, p?.batchId, status, r ? shareLink : "", r ? hosted : "", rel(files?.png), rel(files?.json)].map(csvField).join(","));
    }
    writeFileSync(resultsCsv, `${out.join("\n")}\n`);
    return { total: rows.length, issuedNow, alreadyOnChain, transactions, resultsCsv, outDir, journal: journalPath, interrupted, seconds: (Date.now() - started) / 1000 };
  } finally {
    process.off("SIGINT", onSigint);
    writer.close();
  }
}
