// One verification in progress: what was found so far (format, credential, anchor), the step log,
// and the report it ends in. A check ends the run early by throwing the error its step's
// `failuresOf` makes, so every failure names the step it happened in (as in Blockcerts' verifier).
import { defaultFetch, type FetchLike } from "./fetch.ts";
import { StepLog, VerificationStepError } from "./steps.ts";
import {
  type AnchorReport,
  type BadgeFormat,
  STEP_IDS,
  type StepId,
  type Verdict,
  type VerificationReport,
  type VerifyOptions,
} from "./types.ts";
import { messageOf } from "./words.ts";

export type Run = {
  log: StepLog;
  options: VerifyOptions;
  now: Date;
  fetch: FetchLike | undefined;
  format: BadgeFormat;
  credential?: unknown;
  anchor?: AnchorReport;
  /** Set once the badge is known erased: its content is no longer disclosed. */
  hideCredential?: boolean;
};

export function startRun(options: VerifyOptions): Run {
  return { log: new StepLog(), options, now: options.now ?? new Date(), fetch: options.fetch ?? defaultFetch(), format: "unknown" };
}

/** The failures of one step: `const fail = failuresOf("anchor")`, then `throw fail("…", verdict)`. */
export function failuresOf(step: StepId) {
  return (message: string, verdict?: Verdict) => new VerificationStepError(step, message, verdict);
}

/** Records what ended the run: a failed check, or an unexpected problem (never "valid"). */
export function recordFailure(run: Run, error: unknown) {
  if (error instanceof VerificationStepError) run.log.failed(error.step, error.message, error.verdict);
  else
    run.log.failed(
      STEP_IDS.find((id) => !run.log.has(id)) ?? "recipient",
      `The check stopped on an unexpected problem: ${messageOf(error)}`,
      "error",
    );
}

/** Every step in order (those never reached as skipped) and the verdict they add up to. */
export function reportOf(run: Run): VerificationReport {
  for (const id of STEP_IDS) if (!run.log.has(id)) run.log.skipped(id, "Not checked: an earlier step already decided the verdict.");
  const steps = [...run.log.steps].sort((a, b) => STEP_IDS.indexOf(a.id) - STEP_IDS.indexOf(b.id));
  const verdict = run.log.verdict();
  return {
    verdict,
    steps,
    format: run.format,
    ...(run.credential !== undefined && !run.hideCredential && verdict !== "erased" ? { credential: run.credential } : {}),
    ...(run.anchor ? { anchor: run.anchor } : {}),
  };
}
