export interface TokenBucketOptions {
  /** Tokens added per second: the sustained rate a client may keep up. */
  ratePerSecond: number;
  /** Bucket size: the burst a client may send at once. */
  burst: number;
  /** Buckets kept; the least recently used go first (a full bucket is no loss). */
  maxClients?: number;
  now?: () => number;
}

export type Admission =
  { readonly admitted: true } | { readonly admitted: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * One token bucket per client, in this replica's memory. Per replica means
 * a client spread over N replicas gets up to N times the rate; a shared
 * store would fix that at the cost of a network hop per request.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxClients: number;
  private readonly now: () => number;

  constructor(private readonly options: TokenBucketOptions) {
    this.maxClients = options.maxClients ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  take(client: string, cost = 1): Admission {
    const { ratePerSecond, burst } = this.options;
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: burst, updatedAt: now };
    bucket.tokens = Math.min(
      burst,
      bucket.tokens + ((now - bucket.updatedAt) / 1000) * ratePerSecond,
    );
    bucket.updatedAt = now;
    // Re-inserting keeps the map in least-recently-used order.
    this.buckets.delete(client);
    this.buckets.set(client, bucket);
    if (this.buckets.size > this.maxClients) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
    // A request costlier than the whole bucket could never pass; it takes a full bucket instead.
    const needed = Math.min(cost, burst);
    if (bucket.tokens >= needed) {
      bucket.tokens -= needed;
      return { admitted: true };
    }
    return {
      admitted: false,
      retryAfterSeconds: Math.max(1, Math.ceil((needed - bucket.tokens) / ratePerSecond)),
    };
  }
}
