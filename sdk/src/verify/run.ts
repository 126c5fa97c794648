// One verification in progress: what was found so far (format, credential, anchor), the step log,
// and the report it ends in. A check ends the run early by throwing the error its step's
// `failuresOf` makes, so every failure names the step it happened in (as in Blockcerts' verifier).
import { Budget, BudgetExceeded, budgetText } from "./budget.ts";
import { defaultFetch, type FetchLike, guardFetch } from "./fetch.ts";
import { type Said, StepLog, said, VerificationStepError } from "./steps.ts";
import {
  type AnchorReport,
  type BadgeFormat,
  type IssuerReport,
  type RecipientReport,
  type RecordReport,
  STEP_IDS,
  type StepId,
  type TrustReport,
  type Verdict,
  type VerificationReport,
  type VerifyOptions,
} from "./types.ts";
import { capitalize, messageOf } from "./words.ts";

export type Run = {
  log: StepLog;
  options: VerifyOptions;
  now: Date;
  /** The caller's fetch, guarded: inside `budget`, never to a private host unless allowed. */
  fetch: FetchLike | undefined;
  /** The one time budget every fetch and chain read of this run shares. */
  budget: Budget;
  format: BadgeFormat;
  credential?: unknown;
  anchor?: AnchorReport;
  /** The trusted registry that answered (see trust.ts), and the issuer's standing it records. */
  trust?: TrustReport;
  issuer?: IssuerReport;
  /** The recipient step's answer per expected identity. */
  recipient?: RecipientReport;
  /** Set once the badge is known erased: its content is no longer disclosed. */
  hideCredential?: boolean;
  /** What a record-only verification read (see verify/record.ts). */
  record?: RecordReport;
};

export function startRun(options: VerifyOptions): Run {
  const budget = new Budget({ timeoutMs: options.timeoutMs, maxFetchBytes: options.maxFetchBytes });
  const fetch = options.fetch ?? defaultFetch();
  return {
    log: new StepLog(),
    options,
    now: options.now ?? new Date(),
    fetch: fetch && guardFetch(fetch, budget, options),
    budget,
    format: "unknown",
  };
}

/**
 * `work` (a chain read, a verification), unless the run's budget ends first: then the step that
 * is running fails with "error", naming `what` ("the registry on chain 10").
 */
export function withinBudget<T>(run: Run, work: Promise<T>, what?: string): Promise<T> {
  return run.budget.race(work, what);
}

/** The failures of one step: `const fail = failuresOf("anchor")`, then `throw fail("…", verdict)`. */
export function failuresOf(step: StepId) {
  return (what: Said | string, verdict?: Verdict) => new VerificationStepError(step, what, verdict);
}

/** Records what ended the run: a failed check, or an unexpected problem (never "valid"). */
export function recordFailure(run: Run, error: unknown) {
  if (error instanceof VerificationStepError) run.log.failed(error.step, error.said, error.verdict);
  else if (error instanceof BudgetExceeded) {
    // The step that was running when time ran out: the first one not yet recorded.
    const step = STEP_IDS.find((id) => !run.log.has(id)) ?? "recipient";
    run.log.failed(step, budgetSaid(error, step), "error");
  } else {
    const detail = messageOf(error);
    run.log.failed(
      STEP_IDS.find((id) => !run.log.has(id)) ?? "recipient",
      said("run.unexpected", { detail }, `The check stopped on an unexpected problem: ${detail}`),
      "error",
    );
  }
}

/** What a step says when the run's budget ended while it waited (for `what`, or for the step as a whole). */
export function budgetSaid(error: BudgetExceeded, step: StepId): Said {
  const budget = error.timeoutMs;
  if (error.what === "The verification")
    return said(
      "run.budget-exceeded",
      { step, budget },
      `The ${step} check did not finish within the ${budgetText(budget)} budget (a chain's RPC endpoint or a server was too slow), so no verdict could be given; the budget is VerifyOptions.timeoutMs.`,
    );
  // Waiting for something named (a chain read, a fetch): the message names it in English only.
  return said("run.budget-exceeded", { step, budget }, capitalize(error.message));
}

/** Every step in order (those never reached as skipped) and the verdict they add up to. */
export function reportOf(run: Run): VerificationReport {
  run.budget.close();
  for (const id of STEP_IDS)
    if (!run.log.has(id)) run.log.skipped(id, said("run.not-reached", {}, "Not checked: an earlier step already decided the verdict."));
  const steps = [...run.log.steps].sort((a, b) => STEP_IDS.indexOf(a.id) - STEP_IDS.indexOf(b.id));
  const verdict = run.log.verdict();
  return {
    verdict,
    steps,
    format: run.format,
    ...(run.credential !== undefined && !run.hideCredential && verdict !== "erased" ? { credential: run.credential } : {}),
    ...(run.anchor ? { anchor: run.anchor } : {}),
    ...(run.trust ? { trust: run.trust } : {}),
    ...(run.issuer ? { issuer: run.issuer } : {}),
    ...(run.recipient ? { recipient: run.recipient } : {}),
    ...(run.record && verdict !== "erased" ? { record: run.record } : {}),
  };
}
