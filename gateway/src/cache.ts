// In-memory caches. Nothing here is state in the database sense: every entry is derived from the
// chain and can be dropped at any time (a restarted gateway, or one of many behind a load
// balancer, rebuilds it from the chain).
import { createHash } from "node:crypto";

/** A small LRU map (Map keeps insertion order: a hit moves the key to the end). */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  private readonly max: number;
  constructor(max: number) {
    this.max = Math.max(1, max);
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
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }
  get size(): number {
    return this.map.size;
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
 * revalidating across blocks gets 304 while nothing it sees has changed.
 */
export class BlockCache {
  private readonly entries: Lru<string, Answer>;
  private readonly inflight = new Map<string, Promise<Answer>>();
  constructor(max: number) {
    this.entries = new Lru(max);
  }

  async get(key: string, block: bigint, compute: () => Promise<Answer>): Promise<Answer> {
    const hit = this.entries.get(key);
    if (hit && hit.block === block) return hit;
    const flightKey = `${key}@${block}`;
    let pending = this.inflight.get(flightKey);
    if (!pending) {
      pending = compute()
        .then((answer) => {
          this.entries.set(key, answer);
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
}
