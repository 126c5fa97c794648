// The step log of one verification and the rule that turns it into a verdict.
import { ChanceryError } from "../errors.ts";
import type { Step, StepId, StepStatus, Verdict } from "./types.ts";

/** Thrown by a check to end verification early; carries the step it failed in. */
export class VerificationStepError extends ChanceryError {
  readonly step: StepId;
  readonly verdict: Verdict;
  constructor(step: StepId, message: string, verdict: Verdict = "invalid") {
    // code `<step>-<verdict>` (e.g. "anchor-error"); kind "unavailable" when the check could not run
    super(`${step}-${verdict}`, message, { kind: verdict === "error" ? "unavailable" : "invalid-badge" });
    this.name = "VerificationStepError";
    this.step = step;
    this.verdict = verdict;
  }
}

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

  record(id: StepId, status: StepStatus, message: string, verdict?: Verdict) {
    this.steps.push({ id, status, message });
    if (verdict) this.findings.add(verdict);
    else if (status === "failed") this.findings.add("invalid");
  }
  passed(id: StepId, message: string) {
    this.record(id, "passed", message);
  }
  warning(id: StepId, message: string, verdict?: Verdict) {
    this.record(id, "warning", message, verdict);
  }
  skipped(id: StepId, message: string) {
    this.record(id, "skipped", message);
  }
  failed(id: StepId, message: string, verdict: Verdict = "invalid") {
    this.record(id, "failed", message, verdict);
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
