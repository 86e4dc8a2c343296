/**
 * Internal: per-directory token buckets (per instance), answering 429 with Retry-After when a directory floods.
 * Each directory has its own rate (its `rateLimitPerSecond` setting, else SCIM_RATE_LIMIT_PER_SECOND) and a burst
 * of twice that; a changed rate applies from the next request, to the tokens the bucket holds then.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  /** Takes one token for `key` at `perSecond` (0: no limit); returns 0 when allowed, else the seconds to wait. */
  take(key: string, perSecond: number, now = performance.now()): number {
    if (perSecond <= 0) {
      this.#buckets.delete(key);
      return 0;
    }
    const burst = Math.max(1, perSecond * 2);
    const bucket = this.#buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  }
}
