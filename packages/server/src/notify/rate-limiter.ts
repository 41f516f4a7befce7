/**
 * @module notify/rate-limiter
 * A token bucket per channel: `burst` messages at once, then `perSecond` sustained — how vendors
 * state their webhook limits. Time is passed in, so it is tested without waiting.
 */
import type { RateLimit } from './notifier.ts';

/** One channel's bucket. */
export class RateLimiter {
  private tokens: number;
  private at: number;

  constructor(private readonly limit: RateLimit, now: number) {
    this.tokens = limit.burst;
    this.at = now;
  }

  /** Takes a token now and answers 0, or answers how many ms until one is free (taking nothing). */
  take(now: number): number {
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.at) / 1000) * this.limit.perSecond);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.limit.perSecond) * 1000);
  }
}
