// Bulk issue from a CSV: check every row, estimate the cost, then run the sdk's bulk engine
// (@chancery/sdk/bulk: sign, journal, reconcile with the chain, send in batches under the gas cap)
// with its journal in IndexedDB, so a refresh or a failed transaction resumes without issuing
// twice. This page is the UI: the drop, per-row errors, the estimate, the progress bar, pause and
// resume, and the results CSV with every share link.

import type { BulkIssue, BulkIssueSetup, BulkMode, BulkProgressEvent, RecipientRow } from "@chancery/sdk/bulk";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatEther } from "viem";
import { AwardMails } from "../../components/AwardMails.tsx";
import { FileDrop } from "../../components/FileDrop.tsx";
import { ActionButton, ErrorNotice, Notice, Section, Spinner } from "../../components/ui.tsx";
import { type AppConfig, appBase } from "../../config.ts";
import { type BulkJob, deleteJob, journalOf, loadJob, saveJob } from "../../lib/bulkStore.ts";
import { useChainEnv } from "../../lib/chainEnv.tsx";
import { type Explained, explain, UiError } from "../../lib/errors.ts";
import { downloadBlob, formatNumber, imageOf, textOf } from "../../lib/format.ts";
import { rememberBadge } from "../../lib/localBadges.ts";
import type { IssuerClass } from "../../lib/registryQueries.ts";
import {
  achievementInputFromClass,
  CSV_COLUMNS,
  CsvError,
  type CsvProblem,
  csvField,
  encodeLinkCredential,
  issuerInputFromProfile,
  parseCsv,
  readRecipients,
} from "../../sdk/light.ts";
import { ClassSelect } from "./ClassSelect.tsx";
import { type IssuerSession, issuerKeys, useIssuer } from "./context.tsx";
import { useClasses } from "./queries.ts";
import { rosterSecretFor } from "./roster.tsx";
import { deriveIssuerKey } from "./signingKey.ts";

const TEMPLATE = `${["email", "wallet", "name", "expires", "evidence", "narrative"].join(",")}\nada@example.org,,Ada Lovelace,,https://portfolio.example.org/ada,Final project\ngrace@example.org,0x90F79bf6EB2c4f870365E96eaac1744500e0fb21,Grace Hopper,2028-06-30,,\n`;
const MAX_ROWS = 5000;
const PREVIEW_ROWS = 100;

function jobKey(chainId: number, registry: string, issuerId: number) {
  return `${chainId}:${registry.toLowerCase()}:${issuerId}`;
}

/** What the engine needs from this page, for the estimate and the run alike. */
function engineSetup(
  session: IssuerSession,
  config: AppConfig,
  klass: IssuerClass,
  job: Pick<BulkJob, "fileName" | "classId" | "publish" | "rows" | "mode" | "batchRoster">,
): Omit<BulkIssueSetup, "journal"> {
  return {
    rows: job.rows,
    settings: {
      chainId: config.chainId,
      registry: session.write.registry,
      classId: job.classId,
      mode: job.mode ?? "batch",
      // A Merkle batch records roots only: no encrypted credential travels with it.
      publish: job.mode === "merkle" ? false : job.publish,
      // …but its transaction can carry the learners' names, encrypted for this wallet (the console reads them on any device).
      ...(job.mode === "merkle" && job.batchRoster ? { batchRoster: true } : {}),
      gatewayBase: config.gatewayUrl,
    },
    issuer: issuerInputFromProfile(session.issuer.issuerId, session.issuer.profile),
    achievement: achievementInputFromClass(klass.content),
    appBase: appBase(),
    label: job.fileName,
    // What the chain holds: published credentials are sent without them, and the estimate counts them out.
    chainImages: { classImage: imageOf(klass.content), issuerImage: imageOf(session.issuer.profile) },
  };
}

// One engine per job, however often the page renders or mounts: two openings of a fresh journal would plan twice.
const opened = new Map<string, Promise<BulkIssue>>();

function openRun(key: string, job: BulkJob, setup: Omit<BulkIssueSetup, "journal">): Promise<BulkIssue> {
  const id = `${key}@${job.createdAt}`;
  let run = opened.get(id);
  if (!run) {
    run = import("../../sdk/heavy.ts").then(({ openBulkIssue }) => openBulkIssue({ ...setup, journal: journalOf(key) }));
    run.catch(() => opened.delete(id));
    opened.set(id, run);
  }
  return run;
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
    <BulkRun
      storeKey={key}
      job={job}
      classes={classes.data}
      onDiscard={() =>
        void deleteJob(key).then(() => {
          opened.delete(`${key}@${job.createdAt}`);
          setJob(null);
        })
      }
    />
  ) : (
    <BulkSetup classes={active} onStart={(created) => void saveJob(key, created).then(() => setJob(created))} />
  );
}

type Parsed = {
  fileName: string;
  rows: RecipientRow[];
  records: { line: number; fields: string[] }[];
  header: string[];
  problems: CsvProblem[];
};

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
    return { fileName, rows: readRecipients(text), records: body, header: header?.fields ?? [], problems: [] };
  } catch (error) {
    if (error instanceof CsvError) return { fileName, rows: [], records: body, header: header?.fields ?? [], problems: error.problems };
    throw error;
  }
}

function BulkSetup({ classes, onStart }: { classes: IssuerClass[]; onStart: (job: BulkJob) => void }) {
  const { t, i18n } = useTranslation();
  const { config } = useChainEnv();
  const session = useIssuer();
  const { write } = session;
  const [parsed, setParsed] = useState<Parsed>();
  const [fileError, setFileError] = useState<Explained>();
  const [classId, setClassId] = useState(classes[0]?.classId ?? 0);
  const [publish, setPublish] = useState(true);
  const [mode, setMode] = useState<BulkMode>("batch");
  // On by default: without it, a Merkle batch's names exist only in this browser and the results file.
  const [batchRoster, setBatchRoster] = useState(true);
  const chosen = classes.find((c) => c.classId === classId);

  // Both ways are planned (as the run will journal them: same rows, settings and sizing), so the choice shows each one's cost.
  const estimate = useQuery({
    queryKey: ["bulk-estimate", parsed?.fileName, parsed?.rows.length, classId, publish, batchRoster],
    enabled: !!parsed && parsed.rows.length > 0 && !!chosen,
    queryFn: async () => {
      const { planBulkIssue } = await import("../../sdk/heavy.ts");
      const gasPrice = await write.client.getGasPrice().catch(() => undefined);
      const planOf = (m: BulkMode) => {
        const plan = planBulkIssue(
          engineSetup(session, config, chosen as IssuerClass, {
            fileName: parsed?.fileName ?? "",
            classId,
            publish,
            mode: m,
            batchRoster,
            rows: parsed?.rows ?? [],
          }),
        );
        return { size: plan.size, chunks: plan.batches.length, gas: plan.gas, cost: gasPrice ? plan.gas * gasPrice : undefined, gasPrice };
      };
      return { batch: planOf("batch"), merkle: planOf("merkle") };
    },
  });
  const figures = estimate.data?.[mode];
  const number = (n: bigint | number) => new Intl.NumberFormat(i18n.language).format(n);
  const gasOf = (m: BulkMode) => {
    const plan = estimate.data?.[m];
    if (!plan || !parsed?.rows.length) return { gas: "…", total: "…" };
    return { gas: number(plan.gas / BigInt(parsed.rows.length)), total: number(plan.gas) };
  };

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
          <button
            type="button"
            className="button button-secondary"
            onClick={() => downloadBlob(TEMPLATE, "text/csv", "chancery-recipients-template.csv")}
          >
            {t("bulk.template")}
          </button>
        }
      >
        <div className="stack">
          <p className="small muted">{t("bulk.columns", { columns: CSV_COLUMNS.join(", ") })}</p>
          <FileDrop
            accept=".csv,text/csv"
            onFile={(f) => void onFile(f)}
            title={parsed ? parsed.fileName : t("bulk.drop")}
            hint={t("bulk.dropHint")}
          />
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
            {parsed.records.length > PREVIEW_ROWS && (
              <p className="small muted">{t("bulk.moreRows", { count: parsed.records.length - PREVIEW_ROWS })}</p>
            )}
            {parsed.rows.length > 0 && (
              <>
                <div className="field-row">
                  <ClassSelect classes={classes} value={classId} onChange={setClassId} />
                  <div className="estimate" aria-live="polite">
                    <span className="field-label">{t("bulk.estimate")}</span>
                    {figures ? (
                      <p>
                        {t("bulk.estimateBody", {
                          badges: t("bulk.badgeCount", { count: parsed.rows.length }),
                          transactions: t("bulk.transactionCount", { count: figures.chunks }),
                          size: figures.size,
                          gas: number(figures.gas),
                        })}
                        {figures.cost !== undefined &&
                          ` ${t("bulk.estimateCost", {
                            eth: formatNumber(Number(formatEther(figures.cost)), undefined, { maximumSignificantDigits: 3 }),
                            gwei: formatNumber(Number(figures.gasPrice) / 1e9, undefined, { maximumFractionDigits: 2 }),
                          })}`}
                      </p>
                    ) : (
                      <p className="muted">{t("common.loading")}</p>
                    )}
                  </div>
                </div>
                <fieldset className="bulk-mode">
                  <legend className="field-label">{t("bulkMode.label")}</legend>
                  {(["batch", "merkle"] as const).map((m) => (
                    <label key={m} className="radio-card">
                      <input type="radio" name="bulk-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                      <span>
                        <strong>{t(`bulkMode.${m}.title`)}</strong>
                        <span className="hint">{t(`bulkMode.${m}.body`)}</span>
                        <span className="small">{t("bulkMode.gasPerBadge", gasOf(m))}</span>
                      </span>
                    </label>
                  ))}
                </fieldset>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={mode === "batch" && publish}
                    disabled={mode === "merkle"}
                    onChange={(e) => setPublish(e.target.checked)}
                  />
                  <span>
                    <strong>{t("award.publish")}</strong>
                    <span className="hint">{mode === "merkle" ? t("bulkMode.publishMerkle") : t("bulk.publishHint")}</span>
                  </span>
                </label>
                {mode === "merkle" && (
                  <label className="checkbox">
                    <input type="checkbox" checked={batchRoster} onChange={(e) => setBatchRoster(e.target.checked)} />
                    <span>
                      <strong>{t("bulkMode.roster")}</strong>
                      <span className="hint">{t("bulkMode.rosterHint")}</span>
                    </span>
                  </label>
                )}
                <div>
                  <button
                    type="button"
                    className="button"
                    disabled={!estimate.data || !chosen}
                    onClick={() =>
                      onStart({
                        version: 2,
                        createdAt: Date.now(),
                        fileName: parsed.fileName,
                        classId,
                        publish: mode === "batch" && publish,
                        mode,
                        ...(mode === "merkle" ? { batchRoster } : {}),
                        rows: parsed.rows,
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

type Phase = { kind: "idle" } | { kind: "key" } | (BulkProgressEvent & { kind: "engine" });

function BulkRun({ storeKey, job, classes, onDiscard }: { storeKey: string; job: BulkJob; classes: IssuerClass[]; onDiscard: () => void }) {
  const { t } = useTranslation();
  const { config } = useChainEnv();
  const session = useIssuer();
  const { issuer, write } = session;
  const klass = classes.find((c) => c.classId === job.classId);
  const [bulk, setBulk] = useState<BulkIssue>();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [error, setError] = useState<Explained>();
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const queryClient = useQueryClient();
  const stop = useRef(false);
  const running = phase.kind !== "idle";

  // biome-ignore lint/correctness/useExhaustiveDependencies: the engine opens once per job (openRun memoizes it); the session is read at that moment
  useEffect(() => {
    if (!klass) {
      setError(explain(new UiError("generic", t("bulk.classGone")), t));
      return;
    }
    let live = true;
    openRun(storeKey, job, engineSetup(session, config, klass, job)).then(
      (opened) => live && setBulk(opened),
      (e: unknown) => live && setError(explain(e, t)),
    );
    return () => {
      live = false;
    };
  }, [storeKey, job, klass]);

  const progress = bulk?.progress();
  const total = job.rows.length;
  const issued = progress?.done ?? 0;
  const percent = total ? Math.round((issued / total) * 100) : 0;
  const finished = bulk?.finished ?? false;

  async function runJob() {
    if (!bulk) return;
    stop.current = false;
    setError(undefined);
    setPhase({ kind: "engine", phase: "checking", batch: 0, done: issued, total, batches: bulk.batches.length });
    try {
      // Published badges get keys from the wallet's roster, and Merkle batches carry names encrypted for it,
      // so the console names them on any device (one prompt per visit).
      const named = job.mode === "merkle" ? !!job.batchRoster : job.publish;
      const roster = named ? await rosterSecretFor(session) : undefined;
      await bulk.run({
        ctx: write,
        roster,
        // The wallet is asked for the signing key only if something is left to sign.
        signingKey: async () => {
          if (session.signingKey) return session.signingKey;
          setPhase({ kind: "key" });
          return deriveIssuerKey(session);
        },
        // "Pause after this batch": the batch under way is signed and sent first.
        shouldStop: (at) => at === "batch" && stop.current,
        onProgress: (event) => {
          setPhase({ ...event, kind: "engine" });
          if (event.phase !== "anchored") return;
          // The issued list can then open each badge and show whom it was for (on this device only).
          for (const badge of event.badges) {
            if (badge.uid)
              rememberBadge({
                chainId: config.chainId,
                registry: write.registry,
                uid: badge.uid,
                ...(badge.key ? { key: badge.key } : {}),
                // No content on chain (Merkle): the badge's full link carries its credential, kept for it here.
                ...(!badge.key && badge.credential
                  ? {
                      linkCredential: encodeLinkCredential(badge.credential, {
                        classImage: imageOf(klass?.content),
                        issuerImage: imageOf(session.issuer.profile),
                      }),
                    }
                  : {}),
                ...(badge.batchId ? { batchId: badge.batchId } : {}),
                label: badge.row.name ?? badge.row.email ?? badge.row.wallet,
              });
          }
          void queryClient.invalidateQueries({ queryKey: issuerKeys.issued(issuer.issuerId) });
        },
      });
    } catch (e) {
      setError(explain(e, t));
    } finally {
      setPhase({ kind: "idle" });
    }
  }

  function resultsCsv(results: ReturnType<BulkIssue["results"]>): string {
    const head = ["line", "email", "wallet", "name", "uid", "share_link", "hosted_url", "status", "error"].join(",");
    const lines = results.map((r) =>
      [r.line, r.row.email, r.row.wallet, r.row.name, r.uid, r.shareLink, r.hostedUrl, r.status, r.error].map(csvField).join(","),
    );
    return `${head}\n${lines.join("\n")}\n`;
  }

  const batches = bulk?.batches.length ?? 0;
  const phaseText =
    phase.kind === "key"
      ? t("award.stepKey")
      : phase.kind !== "engine"
        ? undefined
        : phase.phase === "signing"
          ? t("bulk.phaseSigning", { done: phase.signed, total: phase.size, batch: phase.batch + 1, batches })
          : phase.phase === "sending"
            ? t("bulk.phaseSending", { count: phase.count, batch: phase.batch + 1, batches })
            : t("bulk.phaseChecking", { batch: phase.batch + 1, batches });

  return (
    <Section
      title={t("bulk.runTitle", { file: job.fileName })}
      description={t("bulk.runDescription", { count: total, className: textOf(klass?.content, "name") ?? `#${job.classId}` })}
      id="bulk-run"
    >
      <div className="stack">
        <p className="small muted">{t(`bulkMode.${job.mode ?? "batch"}.title`)}</p>
        {job.mode === "merkle" && <p className="small muted">{t(job.batchRoster ? "bulkMode.rosterOn" : "bulkMode.rosterOff")}</p>}
        <div className="progress-block">
          <div className="progress-label">
            <span>{t("bulk.progress", { issued, total })}</span>
            <span>{percent} %</span>
          </div>
          <div
            className="progress"
            role="progressbar"
            aria-label={t("bulk.progressLabel")}
            aria-valuemin={0}
            aria-valuemax={total}
            aria-valuenow={issued}
            aria-valuetext={`${percent} %`}
          >
            <div className="progress-fill" style={{ width: `${percent}%` }} />
          </div>
          <p className="small muted" aria-live="polite">
            {phaseText ??
              (!bulk
                ? t("common.loading")
                : finished
                  ? t("bulk.finished")
                  : issued > 0
                    ? t("bulk.resumable")
                    : t("bulk.ready", { batches, count: batches }))}
          </p>
        </div>
        {error && <ErrorNotice error={error} />}
        {finished && (
          <Notice tone="success" title={t("bulk.doneTitle", { count: total })}>
            {t("bulk.doneBody")}
          </Notice>
        )}
        {finished && bulk && (
          <AwardMails
            issuerId={issuer.issuerId}
            write={write}
            recipients={bulk
              .results()
              .filter((r) => r.row.email && r.uid && r.credential && r.shareLink)
              .map((r) => ({
                uid: r.uid as `0x${string}`,
                email: r.row.email as string,
                credential: r.credential as object,
                ...(r.key ? { key: r.key } : {}),
                ...(r.batchId ? { batchId: r.batchId } : {}),
              }))}
          />
        )}
        <div className="button-row">
          {bulk &&
            !finished &&
            (running ? (
              <button type="button" className="button button-secondary" onClick={() => (stop.current = true)} disabled={stop.current}>
                {t("bulk.pause")}
              </button>
            ) : (
              <ActionButton onClick={() => void runJob()}>
                {issued > 0 || error ? t("bulk.resume") : t("bulk.issue", { count: total })}
              </ActionButton>
            ))}
          <button
            type="button"
            className="button button-secondary"
            disabled={!bulk || issued === 0}
            onClick={() =>
              bulk && downloadBlob(resultsCsv(bulk.results()), "text/csv", `${job.fileName.replace(/\.csv$/i, "")}.results.csv`)
            }
          >
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
