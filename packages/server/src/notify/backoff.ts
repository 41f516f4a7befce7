/**
 * @module notify/backoff
 * Retry delays: exponential with full jitter (AWS's "full jitter": spreads retries of many senders
 * that failed together), never sooner than the receiver's `Retry-After`, never longer than the cap.
 */

/** Backoff settings. */
export interface BackoffPolicy {
  /** Attempts in all, the first included (bounded). */
  maxAttempts: number;
  /** The delay scale of the first retry. */
  baseMs: number;
  /** No wait is longer than this (a longer Retry-After is capped too). */
  maxMs: number;
}

/** The default policy: 5 attempts, 1 s doubling, at most 5 minutes. */
export const DEFAULT_BACKOFF: BackoffPolicy = { maxAttempts: 5, baseMs: 1000, maxMs: 300_000 };

/** The wait before retry number `attempt` (1 = the first retry); `random` in [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: number, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  const jittered = Math.floor(ceiling * random);
  return Math.min(policy.maxMs, Math.max(jittered, retryAfterMs ?? 0));
}
