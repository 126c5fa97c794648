// Badge documents are untrusted JSON: read them through these guards instead of casting.

export type Json = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export function isJson(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JSON-LD value that may be one item or a list, as a list. */
export function asArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}
