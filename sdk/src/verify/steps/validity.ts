// The validity step's checks: the badge's window (OB 3.0 validFrom / validUntil, OB 2.0 issuedOn /
// expires) and the expiry the chain records, judged at the run's instant.
import type { AssertionStatus } from "../../chain/registry.ts";
import type { Json } from "../json.ts";
import type { Run } from "../run.ts";

/** Milliseconds of a date string, or of a number of seconds (OB 2.0 allows both). */
export function dateOf(value: unknown): number | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const time = typeof value === "number" ? value * 1000 : Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

const iso = (time: number) => new Date(time).toISOString();

/** OB 3.0 (VC 2.0 names, or VC 1.1 issuanceDate / expirationDate); the earlier of the credential's and the chain's end wins. */
export function checkValidity(run: Run, credential: Json, status?: AssertionStatus) {
  const now = run.now.getTime();
  const validFrom = dateOf(credential.validFrom ?? credential.issuanceDate);
  const validUntil = dateOf(credential.validUntil ?? credential.expirationDate);
  const chainExpiry = status?.expiresAt ? status.expiresAt * 1000 : undefined;
  const ends = [validUntil, chainExpiry].filter((t): t is number => t !== undefined);
  const end = ends.length ? Math.min(...ends) : undefined;
  if (validFrom !== undefined && validFrom > now)
    run.log.failed("validity", `Not valid yet: valid from ${iso(validFrom)}.`, "not-yet-valid");
  else if (end !== undefined && end <= now) run.log.failed("validity", `Expired on ${iso(end)}.`, "expired");
  else run.log.passed("validity", end !== undefined ? `Valid until ${iso(end)}.` : "Valid, with no expiry date.");
}

export function checkOb2Validity(run: Run, assertion: Json) {
  if (run.log.has("validity")) return;
  const now = run.now.getTime();
  const issuedOn = dateOf(assertion.issuedOn);
  const expires = dateOf(assertion.expires);
  if (issuedOn !== undefined && issuedOn > now) run.log.failed("validity", `Not valid yet: issued on ${iso(issuedOn)}.`, "not-yet-valid");
  else if (expires !== undefined && expires <= now) run.log.failed("validity", `Expired on ${iso(expires)}.`, "expired");
  else run.log.passed("validity", expires !== undefined ? `Valid until ${iso(expires)}.` : "Valid, with no expiry date.");
}
