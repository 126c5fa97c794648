// In-memory caches. Nothing here is state in the database sense: every entry is derived from the
// chain and can be dropped at any time (a restarted gateway, or one of many behind a load
// balancer, rebuilds it from the chain).
import { createHash } from "node:crypto";

/**
 * A small LRU map (Map keeps insertion order: a hit moves the key to the end), bounded by entries
 * and, when given a `sizeOf`, by the bytes its values hold.
 */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  private readonly max: number;
  private readonly maxBytes: number;
  private readonly sizeOf: ((value: V) => number) | undefined;
  private bytesHeld = 0;
  constructor(max: number, options: { maxBytes?: number; sizeOf?: (value: V) => number } = {}) {
    this.max = Math.max(1, max);
    this.maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    this.sizeOf = options.sizeOf;
  }
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: K, value: V): void {
    this.delete(key);
    const size = this.sizeOf?.(value) ?? 0;
    if (size > this.maxBytes) return; // never worth evicting everything else for
    this.map.set(key, value);
    this.bytesHeld += size;
    while (this.map.size > this.max || this.bytesHeld > this.maxBytes) this.delete(this.map.keys().next().value as K);
  }
  delete(key: K): void {
    const old = this.map.get(key);
    if (old === undefined) return;
    this.map.delete(key);
    this.bytesHeld -= this.sizeOf?.(old) ?? 0;
  }
  get size(): number {
    return this.map.size;
  }
  get bytes(): number {
    return this.bytesHeld;
  }
}

/** A complete HTTP answer, ready to send. */
export type Answer = {
  status: number;
  contentType: string;
  body: Buffer;
  /** Strong validator of the body (sha-256, base64url, 22 characters). */
  etag: string;
  cacheControl: string;
  /** The head block the answer was computed at. */
  block: bigint;
  headers?: Record<string, string>;
};

export function etagOf(body: Buffer): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
}

/**
 * Answers keyed by resource and valid for one head block: a request at the same head block is
 * served from memory; the first request after a new block recomputes (concurrent requests for
 * the same resource share that one computation). The ETag depends on the body only, so a client
 * revalidating across blocks gets 304 while nothing it sees has changed. Answers about ids the
 * chain does not know (404) live in their own, separately bounded LRU: a flood of random ids
 * evicts only other 404s, never a real answer. Bounded by entries and bytes.
 */
export class BlockCache {
  private readonly entries: Lru<string, Answer>;
  private readonly negative: Lru<string, Answer>;
  private readonly inflight = new Map<string, Promise<Answer>>();
  constructor(max: number, negativeMax = max, maxBytes = 64 * 1024 * 1024) {
    const sizeOf = (a: Answer) => a.body.length + 256;
    this.entries = new Lru(max, { maxBytes, sizeOf });
    this.negative = new Lru(negativeMax, { maxBytes: Math.max(1, Math.floor(maxBytes / 8)), sizeOf });
  }

  async get(key: string, block: bigint, compute: () => Promise<Answer>): Promise<Answer> {
    const hit = this.entries.get(key) ?? this.negative.get(key);
    if (hit && hit.block === block) return hit;
    const flightKey = `${key}@${block}`;
    let pending = this.inflight.get(flightKey);
    if (!pending) {
      pending = compute()
        .then((answer) => {
          if (answer.status === 404) {
            this.entries.delete(key);
            this.negative.set(key, answer);
          } else {
            this.negative.delete(key);
            this.entries.set(key, answer);
          }
          return answer;
        })
        .finally(() => this.inflight.delete(flightKey));
      this.inflight.set(flightKey, pending);
    }
    return pending;
  }

  get size(): number {
    return this.entries.size;
  }
  get negativeSize(): number {
    return this.negative.size;
  }
}
