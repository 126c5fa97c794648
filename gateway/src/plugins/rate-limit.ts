// Per-client rate limit: a token bucket per client IP (`rateLimitPerSecond` sustained, bursts up to
// `rateLimitBurst`), answering 429 with Retry-After when it is empty. The buckets live in an LRU
// of `rateLimitClients` entries, so a flood from many addresses bounds the limiter's memory (an
// evicted client starts again with a full bucket). The client IP is the socket's peer unless
// `trustProxy` is configured, and only then is X-Forwarded-For believed (Fastify's request.ip).
import fp from "fastify-plugin";
import { Lru } from "../cache.ts";
import { HttpError } from "./errors.ts";

type Bucket = { tokens: number; at: number };

export class TokenBuckets {
  private readonly buckets: Lru<string, Bucket>;
  private readonly rate: number;
  private readonly burst: number;
  constructor(options: { perSecond: number; burst: number; clients: number }) {
    this.rate = options.perSecond;
    this.burst = options.burst;
    this.buckets = new Lru(options.clients);
  }

  /** Takes `cost` tokens (default one) for `client`: 0 when allowed, else the seconds until they are back. */
  take(client: string, now = Date.now(), cost = 1): number {
    const bucket = this.buckets.get(client) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate);
    bucket.at = now;
    this.buckets.set(client, bucket);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    return Math.max(1, Math.ceil((cost - bucket.tokens) / this.rate));
  }

  get clients(): number {
    return this.buckets.size;
  }
}

export const rateLimit = fp(
  async (app) => {
    const { rateLimitPerSecond: perSecond, rateLimitBurst: burst, rateLimitClients: clients } = app.gatewayConfig;
    if (perSecond <= 0) return;
    const buckets = new TokenBuckets({ perSecond, burst, clients });
    app.addHook("onRequest", async (request) => {
      const wait = buckets.take(request.ip);
      if (wait > 0)
        throw new HttpError(
          429,
          "rate-limited",
          `Too many requests from ${request.ip}: this gateway answers ${perSecond} requests per second per client (bursts of ${burst}). Retry after ${wait} s.`,
          { "retry-after": String(wait) },
        );
    });
  },
  { name: "chancery-rate-limit", fastify: "5.x", dependencies: ["chancery-errors"], decorators: { fastify: ["gatewayConfig"] } },
);
