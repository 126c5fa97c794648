// One use per pre-authorized code, in this process's memory: a redeemed code's id is kept until the
// code expires, and so are wrong-PIN counts. Bounded: when full of unexpired codes, new redemptions
// are refused (temporarily) rather than forgetting a used code. Behind a load balancer each instance
// has its own memory, so a code could be redeemed once per instance: see the README (sticky routing
// or a shared store for strict single use across instances).

export const MAX_PIN_FAILURES = 5;

export class OneTimeCodes {
  private readonly used = new Map<string, number>();
  private readonly failures = new Map<string, { count: number; exp: number }>();

  private readonly maxEntries: number;

  constructor(maxEntries: number) {
    this.maxEntries = maxEntries;
  }

  private prune(now: number): void {
    for (const [jti, exp] of this.used) if (exp < now) this.used.delete(jti);
    for (const [jti, f] of this.failures) if (f.exp < now) this.failures.delete(jti);
  }

  isUsed(jti: string): boolean {
    return this.used.has(jti);
  }

  /** Marks a code used: "ok" the first time, "used" after, "full" when no room is left. */
  redeem(jti: string, exp: number, now: number): "ok" | "used" | "full" {
    if (this.used.has(jti)) return "used";
    if (this.used.size >= this.maxEntries) this.prune(now);
    if (this.used.size >= this.maxEntries) return "full";
    this.used.set(jti, exp);
    this.failures.delete(jti);
    return "ok";
  }

  /** Counts a wrong PIN; at MAX_PIN_FAILURES the code is burned. Returns the attempts left. */
  fail(jti: string, exp: number, now: number): number {
    if (this.failures.size >= this.maxEntries) this.prune(now);
    const count = (this.failures.get(jti)?.count ?? 0) + 1;
    this.failures.set(jti, { count, exp });
    if (count >= MAX_PIN_FAILURES) {
      this.failures.delete(jti);
      this.used.set(jti, exp);
    }
    return Math.max(0, MAX_PIN_FAILURES - count);
  }
}
