// Bulk issue from a CSV: check every row, estimate the cost, sign and send in batches sized to the
// gas cap with a progress bar; resumable after a refresh or a failed transaction (journal in
// IndexedDB + a chain check before each batch); a results CSV with every share link.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Address, type Hex, formatEther, toHex } from "viem";
import { FileDrop } from "../../components/FileDrop.tsx";
import { ActionButton, ErrorNotice, Field, Notice, Section, Spinner } from "../../components/ui.tsx";
import { appBase } from "../../config.ts";
import { useChainEnv } from "../../lib/chainEnv.tsx";
import { type Explained, UiError, explain } from "../../lib/errors.ts";
import { downloadBlob, textOf } from "../../lib/format.ts";
import { type BulkChunk, type BulkJob, type BulkRow, deleteJob, loadJob, saveJob } from "../../lib/bulkStore.ts";
import { rememberBadge } from "../../lib/localBadges.ts";
import type { IssuerClass } from "../../lib/registryQueries.ts";
import {
  CSV_COLUMNS,
  CsvError,
  achievementInputFromClass,
  issuerInputFromProfile,
  type CsvProblem,
  GAS_PER_BATCHED_BADGE,
  TRANSACTION_GAS_CAP,
  type AwardInput,
  badgeAad,
  buildShareLink,
  csvField,
  encryptCredential,
  generateBadgeKey,
  issueBadges,
  keyFromString,
  keyToString,
  maxBadgesPerTransaction,
  parseCsv,
  readAssertionStatus,
  readRecipients,
} from "../../sdk/light.ts";
import { issuerKeys, useIssuer } from "./context.tsx";
import { useClasses } from "./queries.ts";
import { ClassSelect } from "./ClassSelect.tsx";
import { deriveIssuerKey } from "./signingKey.ts";

const TEMPLATE = `${["email", "wallet", "name", "expires", "evidence", "narrative"].join(",")}\nada@example.org,,Ada Lovelace,,https://portfolio.example.org/ada,Final project\ngrace@example.org,0x90F79bf6EB2c4f870365E96eaac1744500e0fb21,Grace Hopper,2028-06-30,,\n`;
const MAX_ROWS = 5000;
const PREVIEW_ROWS = 100;

function jobKey(chainId: number, registry: string, issuerId: number) {
  return `${chainId}:${registry.toLowerCase()}:${issuerId}`;
}

/** Badges per transaction: the registry's per-badge gas plus the encrypted credential's calldata (as the CLI plans it). */
export function batchSize(payloadBytes: number): number {
  let cap = maxBadgesPerTransaction("batch");
  if (payloadBytes > 0) cap = Math.min(cap, Number((TRANSACTION_GAS_CAP * 8n) / 10n / (GAS_PER_BATCHED_BADGE + BigInt(payloadBytes) * 40n)));
  return Math.max(1, cap);
}

export function planChunks(rows: BulkRow[], size: number): BulkChunk[] {
  const byExpiry = new Map<number, number[]>();
  for (const row of rows) {
    const expiresAt = row.expires ? Math.floor(Date.parse(row.expires) / 1000) : 0;
    byExpiry.set(expiresAt, [...(byExpiry.get(expiresAt) ?? []), row.line]);
  }
  const chunks: BulkChunk[] = [];
  for (const [expiresAt, lines] of byExpiry) for (let i = 0; i < lines.length; i += size) chunks.push({ id: chunks.length, lines: lines.slice(i, i + size), expiresAt, done: false });
  return chunks;
}

function awardOf(row: BulkRow, job: Pick<BulkJob, "validFrom" | "classId">, base: { issuer: AwardInput["issuer"]; achievement: AwardInput["achievement"]; chainId: number; registry: Address; gatewayBase: string }): AwardInput {
  return {
    issuer: base.issuer,
    achievement: base.achievement,
    recipient: { ...(row.email ? { email: row.email } : {}), ...(row.wallet ? { wallet: row.wallet } : {}), ...(row.name ? { name: row.name } : {}) },
    validFrom: row.validFrom ?? job.validFrom,
    ...(row.expires ? { validUntil: row.expires } : {}),
    ...(row.evidence || row.narrative ? { evidence: [{ ...(row.evidence ? { id: row.evidence } : {}), ...(row.narrative ? { narrative: row.narrative } : {}) }] } : {}),
    deployment: { chainId: base.chainId, registry: base.registry },
    gatewayBase: base.gatewayBase,
    classId: job.classId,
  };
}

export function Bulk() {
  const { t } = useTranslation();
  const { config } = useChainEnv();
  const { issuer } = useIssuer();
  const classes = useClasses();
  const key = jobKey(config.chainId, config.registry ?? "", issuer.issuerId);
  const stored = useQuery({ queryKey: ["bulk-job", key], queryFn: () => loadJob(key), staleTime: Number.POSITIVE_INFINITY });
  const [job, setJob] = useState<BulkJob | null>();
  useEffect(() => {
    if (stored.data !== undefined) setJob(stored.data);
  }, [stored.data]);
  if (job === undefined || classes.isPending) return <Spinner />;
  if (classes.isError) return <ErrorNotice error={explain(classes.error, t)} onRetry={() => void classes.refetch()} />;
  const active = classes.data.filter((c) => !c.retired);
  return job ? (
    <BulkRun storeKey={key} job={job} classes={classes.data} onChange={setJob} onDiscard={() => void deleteJob(key).then(() => setJob(null))} />
  ) : (
    <BulkSetup classes={active} onStart={(created) => void saveJob(key, created).then(() => setJob(created))} />
  );
}

type Parsed = { fileName: string; rows: BulkRow[]; records: { line: number; fields: string[] }[]; header: string[]; problems: CsvProblem[] };

function parseFile(fileName: string, text: string): Parsed {
  let records: { line: number; fields: string[] }[] = [];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) return { fileName, rows: [], records: [], header: [], problems: error.problems };
    throw error;
  }
  const [header, ...body] = records;
  try {
    const rows = readRecipients(text).map(
      (r): BulkRow => ({
        line: r.line,
        ...(r.email ? { email: r.email } : {}),
        ...(r.wallet ? { wallet: r.wallet } : {}),
        ...(r.name ? { name: r.name } : {}),
        ...(r.validFrom ? { validFrom: r.validFrom.toISOString() } : {}),
        ...(r.expires ? { expires: r.expires.toISOString() } : {}),
        ...(r.evidence ? { evidence: r.evidence } : {}),
        ...(r.narrative ? { narrative: r.narrative } : {}),
      }),
    );
    return { fileName, rows, records: body, header: header?.fields ?? [], problems: [] };
  } catch (error) {
    if (error instanceof CsvError) return { fileName, rows: [], records: body, header: header?.fields ?? [], problems: error.problems };
    throw error;
  }
}

function BulkSetup({ classes, onStart }: { classes: IssuerClass[]; onStart: (job: BulkJob) => void }) {
  const { t } = useTranslation();
  const { config } = useChainEnv();
  const { issuer, write } = useIssuer();
  const [parsed, setParsed] = useState<Parsed>();
  const [fileError, setFileError] = useState<Explained>();
  const [classId, setClassId] = useState(classes[0]?.classId ?? 0);
  const [publish, setPublish] = useState(true);
  const chosen = classes.find((c) => c.classId === classId);

  const estimate = useQuery({
    queryKey: ["bulk-estimate", parsed?.fileName, parsed?.rows.length, classId, publish],
    enabled: !!parsed && parsed.rows.length > 0 && !!chosen,
    queryFn: async () => {
      const { buildOb3Credential } = await import("../../sdk/heavy.ts");
      const base = { issuer: issuerInputFromProfile(issuer.issuerId, issuer.profile), achievement: achievementInputFromClass(chosen!.content), chainId: config.chainId, registry: write.registry, gatewayBase: config.gatewayUrl };
      const sample = publish ? JSON.stringify(buildOb3Credential(awardOf(parsed!.rows[0]!, { validFrom: new Date().toISOString(), classId }, base))).length + 400 + 29 : 0;
      const size = batchSize(sample);
      const chunks = planChunks(parsed!.rows, size);
      const gas = chunks.reduce((sum, c) => sum + 21_000n + BigInt(c.lines.length) * (GAS_PER_BATCHED_BADGE + BigInt(sample) * 40n), 0n);
      const gasPrice = await write.client.getGasPrice().catch(() => undefined);
      return { size, chunks: chunks.length, gas, cost: gasPrice ? gas * gasPrice : undefined, gasPrice };
    },
  });

  async function onFile(file: File) {
    setFileError(undefined);
    setParsed(undefined);
    if (file.size > 10 * 1024 * 1024) {
      setFileError({ kind: "too-large", title: t("errors.too-large"), detail: t("bulk.fileTooLarge") });
      return;
    }
    const result = parseFile(file.name, await file.text());
    if (result.rows.length > MAX_ROWS) {
      setFileError({ kind: "too-large", title: t("errors.too-large"), detail: t("bulk.tooManyRows", { max: MAX_ROWS }) });
      return;
    }
    setParsed(result);
  }

  const problemsByLine = useMemo(() => {
    const map = new Map<number, string[]>();
    for (const p of parsed?.problems ?? []) map.set(p.line, [...(map.get(p.line) ?? []), p.message]);
    return map;
  }, [parsed]);
  const headerProblems = parsed?.problems.filter((p) => !parsed.records.some((r) => r.line === p.line)) ?? [];
  const column = (name: string, fields: string[]) => {
    const i = (parsed?.header ?? []).findIndex((h) => h.trim().toLowerCase() === name);
    return i < 0 ? "" : (fields[i] ?? "");
  };

  return (
    <div className="stack">
      <Section
        title={t("bulk.title")}
        description={t("bulk.description")}
        id="bulk"
        actions={
          <button type="button" className="button button-secondary" onClick={() => downloadBlob(TEMPLATE, "text/csv", "chancery-recipients-template.csv")}>
            {t("bulk.template")}
          </button>
        }
      >
        <div className="stack">
          <p className="small muted">{t("bulk.columns", { columns: CSV_COLUMNS.join(", ") })}</p>
          <FileDrop accept=".csv,text/csv" onFile={(f) => void onFile(f)} title={parsed ? parsed.fileName : t("bulk.drop")} hint={t("bulk.dropHint")} />
          {fileError && <ErrorNotice error={fileError} />}
        </div>
      </Section>
      {parsed && (
        <Section
          title={t("bulk.previewTitle", { count: parsed.records.length })}
          description={parsed.problems.length ? undefined : t("bulk.previewOk")}
          id="bulk-preview"
        >
          <div className="stack">
            {parsed.problems.length > 0 && (
              <Notice tone="danger" title={t("bulk.problemsTitle", { count: parsed.problems.length })}>
                {t("bulk.problemsBody")}
                {headerProblems.length > 0 && (
                  <ul className="plain-list">
                    {headerProblems.map((p) => (
                      <li key={`${p.line}-${p.message}`}>{t("bulk.lineProblem", { line: p.line, message: p.message })}</li>
                    ))}
                  </ul>
                )}
              </Notice>
            )}
            {parsed.records.length > 0 && (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("bulk.line")}</th>
                      <th scope="col">{t("award.email")}</th>
                      <th scope="col">{t("award.wallet")}</th>
                      <th scope="col">{t("award.name")}</th>
                      <th scope="col">{t("award.expiry")}</th>
                      <th scope="col">{t("bulk.check")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {parsed.records.slice(0, PREVIEW_ROWS).map((r) => {
                      const problems = problemsByLine.get(r.line);
                      return (
                        <tr key={r.line} className={problems ? "row-invalid" : undefined}>
                          <td>{r.line}</td>
                          <td>{column("email", r.fields)}</td>
                          <td className="mono">{column("wallet", r.fields)}</td>
                          <td>{column("name", r.fields)}</td>
                          <td>{column("expires", r.fields)}</td>
                          <td>{problems ? <span className="field-error">{problems.join(" ")}</span> : <span className="ok">✓</span>}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            {parsed.records.length > PREVIEW_ROWS && <p className="small muted">{t("bulk.moreRows", { count: parsed.records.length - PREVIEW_ROWS })}</p>}
            {parsed.rows.length > 0 && (
              <>
                <div className="field-row">
                  <ClassSelect classes={classes} value={classId} onChange={setClassId} />
                  <div className="estimate" aria-live="polite">
                    <span className="field-label">{t("bulk.estimate")}</span>
                    {estimate.data ? (
                      <p>
                        {t("bulk.estimateBody", { badges: parsed.rows.length, transactions: estimate.data.chunks, size: estimate.data.size, gas: estimate.data.gas.toLocaleString() })}
                        {estimate.data.cost !== undefined && ` ${t("bulk.estimateCost", { eth: Number(formatEther(estimate.data.cost)).toPrecision(3), gwei: (Number(estimate.data.gasPrice) / 1e9).toFixed(2) })}`}
                      </p>
                    ) : (
                      <p className="muted">{t("common.loading")}</p>
                    )}
                  </div>
                </div>
                <label className="checkbox">
                  <input type="checkbox" checked={publish} onChange={(e) => setPublish(e.target.checked)} />
                  <span>
                    <strong>{t("award.publish")}</strong>
                    <span className="hint">{t("bulk.publishHint")}</span>
                  </span>
                </label>
                <div>
                  <button
                    type="button"
                    className="button"
                    disabled={!estimate.data || !chosen}
                    onClick={() =>
                      onStart({
                        version: 1,
                        createdAt: Date.now(),
                        fileName: parsed.fileName,
                        classId,
                        publish,
                        validFrom: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(),
                        rows: parsed.rows,
                        prepared: {},
                        chunks: planChunks(parsed.rows, estimate.data!.size),
                      })
                    }
                  >
                    {t("bulk.start", { count: parsed.rows.length })}
                  </button>
                </div>
              </>
            )}
          </div>
        </Section>
      )}
    </div>
  );
}

type Phase = { kind: "idle" } | { kind: "key" } | { kind: "signing"; done: number; total: number; batch: number } | { kind: "checking"; batch: number } | { kind: "sending"; batch: number; count: number };

function BulkRun({ storeKey, job, classes, onChange, onDiscard }: { storeKey: string; job: BulkJob; classes: IssuerClass[]; onChange: (job: BulkJob) => void; onDiscard: () => void }) {
  const { t } = useTranslation();
  const { config } = useChainEnv();
  const session = useIssuer();
  const { issuer, write } = session;
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [error, setError] = useState<Explained>();
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const queryClient = useQueryClient();
  const stop = useRef(false);
  const running = phase.kind !== "idle";
  const klass = classes.find((c) => c.classId === job.classId);
  const total = job.rows.length;
  const issued = job.chunks.filter((c) => c.done).reduce((n, c) => n + c.lines.length, 0);
  const percent = total ? Math.round((issued / total) * 100) : 0;
  const finished = issued === total;

  const runJob = useCallback(async () => {
    stop.current = false;
    setError(undefined);
    const current: BulkJob = structuredClone(job);
    const save = async () => {
      await saveJob(storeKey, current);
      onChange(structuredClone(current));
    };
    try {
      if (!klass) throw new UiError("generic", t("bulk.classGone"));
      let signingKey = session.signingKey;
      if (!signingKey) {
        setPhase({ kind: "key" });
        signingKey = await deriveIssuerKey(session);
      }
      const { prepareBadge } = await import("../../sdk/heavy.ts");
      const base = { issuer: issuerInputFromProfile(issuer.issuerId, issuer.profile), achievement: achievementInputFromClass(klass.content), chainId: config.chainId, registry: write.registry, gatewayBase: config.gatewayUrl };
      const byLine = new Map(current.rows.map((r) => [r.line, r]));
      for (const chunk of current.chunks) {
        if (chunk.done) continue;
        if (stop.current) break;
        // 1. Sign what the journal does not hold yet; the journal is saved before anything is sent.
        let signed = 0;
        for (const line of chunk.lines) {
          if (!current.prepared[line]) {
            const badge = await prepareBadge(awardOf(byLine.get(line)!, current, base), signingKey);
            current.prepared[line] = { uid: badge.uid, credentialHash: badge.credentialHash, ...(badge.recipient ? { recipient: badge.recipient } : {}), credential: badge.credential, ...(current.publish ? { key: keyToString(generateBadgeKey()) } : {}) };
          }
          signed++;
          if (signed % 5 === 0) setPhase({ kind: "signing", done: signed, total: chunk.lines.length, batch: chunk.id });
        }
        await save();
        // 2. Ask the chain which of these it already records (a transaction from before a refresh may have landed).
        setPhase({ kind: "checking", batch: chunk.id });
        const prepared = chunk.lines.map((line) => current.prepared[line]!);
        const exists = await Promise.all(prepared.map(async (p) => (await readAssertionStatus(write, { uid: p.uid })).exists));
        const pending = prepared.filter((_, i) => !exists[i]);
        // 3. Send the rest in one transaction.
        if (pending.length > 0) {
          setPhase({ kind: "sending", batch: chunk.id, count: pending.length });
          const payloads = current.publish
            ? await Promise.all(pending.map(async (p) => toHex(await encryptCredential(p.credential, keyFromString(p.key!), badgeAad({ chainId: config.chainId, registry: write.registry, uid: p.uid })))))
            : undefined;
          const sent = await issueBadges(write, {
            classId: current.classId,
            ...(chunk.expiresAt ? { expiresAt: new Date(chunk.expiresAt * 1000) } : {}),
            badges: pending.map((p, i) => ({ credentialHash: p.credentialHash, ...(p.recipient ? { recipient: p.recipient } : {}), ...(payloads ? { payload: payloads[i] } : {}) })),
          });
          chunk.tx = sent.hash as Hex;
        }
        chunk.alreadyOnChain = prepared.length - pending.length;
        chunk.done = true;
        // The issued list can then open each badge and show whom it was for (on this device only).
        for (const line of chunk.lines) {
          const p = current.prepared[line]!;
          const row = byLine.get(line)!;
          rememberBadge({ chainId: config.chainId, registry: write.registry, uid: p.uid, ...(p.key ? { key: p.key } : {}), label: row.name ?? row.email ?? row.wallet });
        }
        await save();
        void queryClient.invalidateQueries({ queryKey: issuerKeys.issued(issuer.issuerId) });
      }
    } catch (e) {
      setError(explain(e, t));
    } finally {
      setPhase({ kind: "idle" });
    }
  }, [job, klass, session, issuer, write, config, storeKey, onChange, t, queryClient]);

  function resultsCsv(): string {
    const head = ["line", "email", "wallet", "name", "uid", "share_link", "status"].join(",");
    const done = new Set(job.chunks.filter((c) => c.done).flatMap((c) => c.lines));
    const lines = job.rows.map((r) => {
      const p = job.prepared[r.line];
      const link = p && config.registry ? buildShareLink({ appBase: appBase(), chainId: config.chainId, registry: config.registry, uid: p.uid, ...(p.key ? { key: p.key } : {}) }) : "";
      return [r.line, r.email, r.wallet, r.name, p?.uid, done.has(r.line) ? link : "", done.has(r.line) ? "issued" : "not issued"].map(csvField).join(",");
    });
    return `${head}\n${lines.join("\n")}\n`;
  }

  const phaseText =
    phase.kind === "key"
      ? t("award.stepKey")
      : phase.kind === "signing"
        ? t("bulk.phaseSigning", { done: phase.done, total: phase.total, batch: phase.batch + 1, batches: job.chunks.length })
        : phase.kind === "checking"
          ? t("bulk.phaseChecking", { batch: phase.batch + 1, batches: job.chunks.length })
          : phase.kind === "sending"
            ? t("bulk.phaseSending", { count: phase.count, batch: phase.batch + 1, batches: job.chunks.length })
            : undefined;

  return (
    <Section title={t("bulk.runTitle", { file: job.fileName })} description={t("bulk.runDescription", { count: total, className: textOf(klass?.content, "name") ?? `#${job.classId}` })} id="bulk-run">
      <div className="stack">
        <div className="progress-block">
          <div className="progress-label">
            <span>{t("bulk.progress", { issued, total })}</span>
            <span>{percent} %</span>
          </div>
          <div className="progress" role="progressbar" aria-label={t("bulk.progressLabel")} aria-valuemin={0} aria-valuemax={total} aria-valuenow={issued} aria-valuetext={`${percent} %`}>
            <div className="progress-fill" style={{ width: `${percent}%` }} />
          </div>
          <p className="small muted" aria-live="polite">
            {phaseText ?? (finished ? t("bulk.finished") : issued > 0 ? t("bulk.resumable") : t("bulk.ready", { batches: job.chunks.length }))}
          </p>
        </div>
        {error && <ErrorNotice error={error} />}
        {finished && <Notice tone="success" title={t("bulk.doneTitle", { count: total })}>{t("bulk.doneBody")}</Notice>}
        <div className="button-row">
          {!finished &&
            (running ? (
              <button type="button" className="button button-secondary" onClick={() => (stop.current = true)} disabled={stop.current}>
                {t("bulk.pause")}
              </button>
            ) : (
              <ActionButton onClick={() => void runJob()}>{issued > 0 || error ? t("bulk.resume") : t("bulk.issue", { count: total })}</ActionButton>
            ))}
          <button type="button" className="button button-secondary" disabled={issued === 0} onClick={() => downloadBlob(resultsCsv(), "text/csv", job.fileName.replace(/\.csv$/i, "") + ".results.csv")}>
            {t("bulk.results")}
          </button>
          {!running &&
            (confirmDiscard ? (
              <>
                <span className="small">{finished ? t("bulk.closeConfirm") : t("bulk.discardConfirm")}</span>
                <button type="button" className="button button-danger button-small" onClick={onDiscard}>
                  {finished ? t("bulk.close") : t("bulk.discard")}
                </button>
                <button type="button" className="button button-secondary button-small" onClick={() => setConfirmDiscard(false)}>
                  {t("common.cancel")}
                </button>
              </>
            ) : (
              <button type="button" className="link-button" onClick={() => setConfirmDiscard(true)}>
                {finished ? t("bulk.newRun") : t("bulk.discard")}
              </button>
            ))}
        </div>
        <p className="small muted">{t("bulk.privacy")}</p>
      </div>
    </Section>
  );
}

