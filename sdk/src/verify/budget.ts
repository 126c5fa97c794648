// The budget of one verification: one deadline that every fetch and chain read shares, a cap on
// the bytes of each fetched document, and a count of fetches. A slow, trickling or endless server,
// or a badge that names a hundred documents, ends the run with "error" at the budget, never later.

/** Defaults of `VerifyOptions.timeoutMs`, `maxFetchBytes`, and the fetches one verification may make. */
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_FETCH_BYTES = 2 * 1024 * 1024;
export const MAX_FETCHES = 16;

/** Raised when the budget runs out; `what` names what was being waited for. */
export class BudgetExceeded extends Error {
  readonly what: string;
  readonly timeoutMs: number;
  constructor(what: string, timeoutMs: number) {
    super(`${what} did not answer within the ${budgetText(timeoutMs)} budget.`);
    this.name = "BudgetExceeded";
    this.what = what;
    this.timeoutMs = timeoutMs;
  }
}

/** "10 s", "1.5 s": a budget as step messages say it. */
export const budgetText = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

export class Budget {
  readonly timeoutMs: number;
  readonly maxFetchBytes: number;
  readonly maxFetches: number;
  readonly deadline: number;
  /** Aborted when the deadline passes: handed to every fetch. */
  readonly signal: AbortSignal;
  fetches = 0;
  /** What the run waits for now ("the issuer's controller document at …"): named when time runs out. */
  waitingFor: string | undefined;
  private readonly controller = new AbortController();
  private readonly expiry: Promise<never>;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: { timeoutMs?: number; maxFetchBytes?: number; maxFetches?: number } = {}) {
    this.timeoutMs = positive(options.timeoutMs, DEFAULT_TIMEOUT_MS);
    this.maxFetchBytes = positive(options.maxFetchBytes, DEFAULT_MAX_FETCH_BYTES);
    this.maxFetches = positive(options.maxFetches, MAX_FETCHES);
    this.deadline = Date.now() + this.timeoutMs;
    this.signal = this.controller.signal;
    this.expiry = new Promise<never>((_, reject) => {
      this.timer = setTimeout(() => {
        const error = new BudgetExceeded(this.waitingFor ?? "The verification", this.timeoutMs);
        this.controller.abort(error);
        reject(error);
      }, this.timeoutMs);
      // In node, a pending budget never keeps the process alive on its own.
      (this.timer as { unref?: () => void } | undefined)?.unref?.();
    });
    this.expiry.catch(() => undefined); // observed by whoever races it; never an unhandled rejection
  }

  get expired(): boolean {
    return this.signal.aborted;
  }

  /** `work`, unless the budget ends first: then BudgetExceeded naming `what` (or what the run waits for). */
  async race<T>(work: Promise<T>, what?: string): Promise<T> {
    const before = this.waitingFor;
    if (what) this.waitingFor = what;
    try {
      if (this.expired) throw this.signal.reason;
      return await Promise.race([work, this.expiry]);
    } finally {
      if (what) this.waitingFor = before;
    }
  }

  /** Ends the timer once the run is over (so a finished verification holds no timer). */
  close() {
    clearTimeout(this.timer);
  }
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : fallback;
}
