// How step messages name things: short hex, dates, the gist of an error.

export const short = (hex: string) => `${hex.slice(0, 10)}…${hex.slice(-6)}`;
export const isoDate = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);
export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** viem's short message when there is one (its full message carries the whole request). */
export function messageOf(error: unknown): string {
  if (error && typeof error === "object" && "shortMessage" in error && typeof error.shortMessage === "string") return error.shortMessage;
  return error instanceof Error ? error.message : String(error);
}
