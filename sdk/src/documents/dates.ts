import { ChanceryError } from "./errors.ts";

// ISO 8601 date-time with an explicit zone (Z or ±hh:mm), as both OB 2.0 and OB 3.0 require.
export const ISO_DATE_TIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A Date or zoned ISO string → UTC ISO string (milliseconds kept only when non-zero). */
export function isoDateTime(value: Date | string, what: string): string {
  let date: Date;
  if (value instanceof Date) {
    date = value;
  } else {
    if (typeof value !== "string" || !ISO_DATE_TIME_WITH_ZONE.test(value)) {
      throw new ChanceryError(
        "invalid-input",
        `${what} must be a Date or an ISO 8601 date-time with a time zone, like 2025-09-01T00:00:00Z; got ${JSON.stringify(value)}.`,
      );
    }
    date = new Date(value);
  }
  if (Number.isNaN(date.getTime())) throw new ChanceryError("invalid-input", `${what} is not a real date: ${String(value)}.`);
  return date.toISOString().replace(/\.000Z$/, "Z");
}

/** Unix seconds (as the contract stores issuedAt / expiresAt) of an ISO date-time. */
export function toUnixSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}
