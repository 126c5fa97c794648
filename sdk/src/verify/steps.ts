// The step log of one verification and the rule that turns it into a verdict.
import { ChanceryError } from "../errors.ts";
import { type ParamsOf, plainParams, type StepCode, type StepParams } from "./codes.ts";
import type { Step, StepId, StepStatus, Verdict } from "./types.ts";

/** What a step says: its code and parameters (for translation) and the English message. */
export type Said = { code: StepCode; params: StepParams; message: string };

/** Thrown by a check to end verification early; carries the step it failed in and what it says. */
export class VerificationStepError extends ChanceryError {
  readonly step: StepId;
  readonly verdict: Verdict;
  /** The step code of the failure (codes.ts), beside `message`. */
  readonly stepCode: StepCode;
  readonly params: StepParams;
  constructor(step: StepId, said: Said | string, verdict: Verdict = "invalid") {
    const { code, params, message } = typeof said === "string" ? uncoded(said) : said;
    // code `<step>-<verdict>` (e.g. "anchor-error"); kind "unavailable" when the check could not run
    super(`${step}-${verdict}`, message, { kind: verdict === "error" ? "unavailable" : "invalid-badge" });
    this.name = "VerificationStepError";
    this.step = step;
    this.verdict = verdict;
    this.stepCode = code;
    this.params = params;
  }
  get said(): Said {
    return { code: this.stepCode, params: this.params, message: this.message };
  }
}

/** `said("anchor.recorded", { … }, "Recorded on chain …")`: a code, its parameters (checked against STEP_CODES) and the English. */
export function said<C extends StepCode>(code: C, params: ParamsOf<C>, message: string): Said {
  return { code, params: plainParams(params as Record<string, string | number | undefined>), message };
}

/** A message recorded without a code (older call sites): the app shows it in English. */
const uncoded = (message: string): Said => ({ code: "run.uncoded", params: {}, message });

/** Worst first: a verdict earlier in this list wins over a later one. */
const PRECEDENCE: Verdict[] = [
  "error",
  "invalid",
  // A registry nobody vouches for: not read as authority, so nothing it says (revoked, erased…) counts.
  "untrusted-registry",
  "erased",
  "revoked",
  "suspended",
  "suspended-issuer",
  "expired",
  "not-yet-valid",
  "unanchored",
  // Only the record was checked: below every finding about it, and never "valid".
  "record-valid",
  "valid",
];

export class StepLog {
  readonly steps: Step[] = [];
  private readonly findings = new Set<Verdict>();

  /** `said`: what the step says (see `said()`); a bare string is recorded as "run.uncoded" (shown in English only). */
  record(id: StepId, status: StepStatus, what: Said | string, verdict?: Verdict) {
    const { code, params, message } = typeof what === "string" ? uncoded(what) : what;
    this.steps.push({ id, status, message, code, params });
    if (verdict) this.findings.add(verdict);
    else if (status === "failed") this.findings.add("invalid");
  }
  passed(id: StepId, what: Said | string) {
    this.record(id, "passed", what);
  }
  warning(id: StepId, what: Said | string, verdict?: Verdict) {
    this.record(id, "warning", what, verdict);
  }
  skipped(id: StepId, what: Said | string) {
    this.record(id, "skipped", what);
  }
  failed(id: StepId, what: Said | string, verdict: Verdict = "invalid") {
    this.record(id, "failed", what, verdict);
  }
  has(id: StepId) {
    return this.steps.some((step) => step.id === id);
  }

  /** Never "valid" unless something passed and nothing worse was found. */
  verdict(): Verdict {
    for (const verdict of PRECEDENCE) if (this.findings.has(verdict)) return verdict;
    return this.steps.some((step) => step.status === "passed") ? "valid" : "error";
  }
}
