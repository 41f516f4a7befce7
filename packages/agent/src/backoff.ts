/**
 * @module backoff
 * Exponential backoff with full jitter (AWS architecture blog's "full jitter"): the wait after the
 * n-th failure is uniform in [0, min(cap, base * 2^n)], so a fleet that lost its server does not
 * come back in lockstep. A server's Retry-After is honoured as a floor.
 */

/** Backoff state for one loop. */
export class Backoff {
  private failures = 0;

  constructor(private readonly baseMs = 1_000, private readonly capMs = 60_000, private readonly random: () => number = Math.random) {}

  /** The wait before the next attempt after a failure (and counts it). */
  next(retryAfterMs = 0): number {
    const ceiling = Math.min(this.capMs, this.baseMs * 2 ** Math.min(this.failures, 30));
    this.failures++;
    return Math.max(retryAfterMs, Math.round(this.random() * ceiling));
  }

  /** A success: start over. */
  reset(): void {
    this.failures = 0;
  }

  /** Failures since the last success. */
  get count(): number {
    return this.failures;
  }
}
