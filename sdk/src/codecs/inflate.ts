// Inflating what a stranger sent (a baked PNG's iTXt, a full-badge link, a Merkle batch's roster):
// DEFLATE expands at most ~1032×, so the input is fed in small slices and the output is refused as
// soon as it passes the cap — a decompression bomb stops there instead of exhausting memory.
import { Inflate, Unzlib } from "fflate";
import { concat } from "viem";

export type InflateOutcome = { bytes: Uint8Array } | { problem: "too-large" | "corrupt" };

const SLICE = 512;

/** `data` inflated (raw DEFLATE, or zlib with `zlib: true`), or why not: never more than `cap` bytes are kept. */
export function inflateCapped(data: Uint8Array, cap: number, options: { zlib?: boolean; dictionary?: Uint8Array } = {}): InflateOutcome {
  const parts: Uint8Array[] = [];
  let total = 0;
  let tooLarge = false;
  const onChunk = (chunk: Uint8Array) => {
    total += chunk.length;
    if (total > cap) {
      tooLarge = true;
      throw new RangeError("inflated past the cap");
    }
    parts.push(chunk);
  };
  const dictionary = options.dictionary ? { dictionary: options.dictionary } : {};
  const inflater = options.zlib ? new Unzlib(dictionary, onChunk) : new Inflate(dictionary, onChunk);
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let i = 0; i < data.length; i += SLICE) {
      const end = Math.min(i + SLICE, data.length);
      inflater.push(data.subarray(i, end), end === data.length);
    }
  } catch {
    return { problem: tooLarge ? "too-large" : "corrupt" };
  }
  return { bytes: concat(parts) };
}
