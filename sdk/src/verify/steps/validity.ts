// The validity step's checks: the badge's window (OB 3.0 validFrom / validUntil, OB 2.0 issuedOn /
// expires) and the expiry the chain records, judged at the run's instant.
import type { AssertionStatus } from "../../chain/registry.ts";
import type { Json } from "../json.ts";
import type { Run } from "../run.ts";
import { type Said, said } from "../steps.ts";

/** Milliseconds of a date string, or of a number of seconds (OB 2.0 allows both). */
export function dateOf(value: unknown): number | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const time = typeof value === "number" ? value * 1000 : Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

const iso = (time: number) => new Date(time).toISOString();

/** The expiry the chain records, in seconds, and the credential's, must be the same (or both absent). */
export function expiryMismatch(validUntil: number | undefined, status: AssertionStatus): Said | undefined {
  const signed = validUntil === undefined ? undefined : Math.floor(validUntil / 1000);
  if (signed === status.expiresAt) return undefined;
  const chainExpiresAt = status.expiresAt ? iso(status.expiresAt * 1000) : undefined;
  const expiresAt = signed !== undefined ? iso(signed * 1000) : undefined;
  const message = `The chain records ${chainExpiresAt ? `expiry ${chainExpiresAt}` : "no expiry"} for this badge, but the credential carries ${
    expiresAt ? `expiry ${expiresAt}` : "no expiry"
  }: the dates shown would not be the ones the issuer anchored.`;
  if (chainExpiresAt && expiresAt) return said("validity.expiry-mismatch", { chainExpiresAt, expiresAt }, message);
  if (expiresAt) return said("validity.expiry-mismatch-chain-none", { expiresAt }, message);
  return said("validity.expiry-mismatch-credential-none", { chainExpiresAt: chainExpiresAt ?? "" }, message);
}

/** The window's end as the validity step says it: valid until it, or no expiry. */
function validUntilSaid(end: number | undefined): Said {
  if (end === undefined) return said("validity.no-expiry", {}, "Valid, with no expiry date.");
  const expiresAt = iso(end);
  return said("validity.valid-until", { expiresAt }, `Valid until ${expiresAt}.`);
}

const expiredSaid = (end: number) => {
  const expiresAt = iso(end);
  return said("validity.expired", { expiresAt }, `Expired on ${expiresAt}.`);
};

/**
 * OB 3.0 (VC 2.0 names, or VC 1.1 issuanceDate / expirationDate). For an anchored badge the
 * credential's expiry must be the one the chain records (a mismatch is "invalid").
 */
export function checkValidity(run: Run, credential: Json, status?: AssertionStatus) {
  const now = run.now.getTime();
  const validFrom = dateOf(credential.validFrom ?? credential.issuanceDate);
  const validUntil = dateOf(credential.validUntil ?? credential.expirationDate);
  const mismatch = status ? expiryMismatch(validUntil, status) : undefined;
  if (mismatch) {
    run.log.failed("validity", mismatch);
    return;
  }
  const chainExpiry = status?.expiresAt ? status.expiresAt * 1000 : undefined;
  const ends = [validUntil, chainExpiry].filter((t): t is number => t !== undefined);
  const end = ends.length ? Math.min(...ends) : undefined;
  if (validFrom !== undefined && validFrom > now)
    run.log.failed(
      "validity",
      said("validity.not-yet-valid", { validFrom: iso(validFrom) }, `Not valid yet: valid from ${iso(validFrom)}.`),
      "not-yet-valid",
    );
  else if (end !== undefined && end <= now) run.log.failed("validity", expiredSaid(end), "expired");
  else run.log.passed("validity", validUntilSaid(end));
}

export function checkOb2Validity(run: Run, assertion: Json) {
  if (run.log.has("validity")) return;
  const now = run.now.getTime();
  const issuedOn = dateOf(assertion.issuedOn);
  const expires = dateOf(assertion.expires);
  if (issuedOn !== undefined && issuedOn > now)
    run.log.failed(
      "validity",
      said("validity.not-yet-issued", { issuedOn: iso(issuedOn) }, `Not valid yet: issued on ${iso(issuedOn)}.`),
      "not-yet-valid",
    );
  else if (expires !== undefined && expires <= now) run.log.failed("validity", expiredSaid(expires), "expired");
  else run.log.passed("validity", validUntilSaid(expires));
}

/**
 * A badge known from the chain alone (a hosted assertion of ours): its window is the chain's. The
 * issue date is the block's time, which may run a little ahead of this clock: it starts nothing.
 */
export function checkChainValidity(run: Run, status: AssertionStatus) {
  const end = status.expiresAt ? status.expiresAt * 1000 : undefined;
  if (end !== undefined && end <= run.now.getTime()) run.log.failed("validity", expiredSaid(end), "expired");
  else run.log.passed("validity", validUntilSaid(end));
}
