/**
 * A token bucket per client: `perMinute` requests a minute, refilled continuously, bursts up to
 * the same number. Buckets left full are dropped on sweep, so memory stays bounded by the number
 * of clients active in the last minute.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updated: number }>();
  private readonly perMinute: number;
  private readonly now: () => number;
  private lastSweep: number;

  constructor(perMinute: number, now: () => number = Date.now) {
    this.perMinute = perMinute;
    this.now = now;
    this.lastSweep = now();
  }

  /** Takes one token; returns 0 when allowed, else the seconds until a token is back. */
  take(client: string): number {
    const now = this.now();
    this.sweep(now);
    const ratePerMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(client) ?? { tokens: this.perMinute, updated: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.updated) * ratePerMs);
    bucket.updated = now;
    this.buckets.set(client, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000));
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [client, bucket] of this.buckets) if (now - bucket.updated >= 60_000) this.buckets.delete(client);
  }
}
