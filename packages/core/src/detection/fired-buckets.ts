/**
 * @module detection/fired-buckets
 * Suppression as aligned periods: a rule fires at most once per group in each period
 * `[k·S, (k+1)·S)` of event time (S = `suppress.window`, else the rule's window). Whether a period
 * fired depends only on which events exist, never on the order they arrived in, which is what keeps
 * signals exact under late and out-of-order events (docs/rules.md, "Semantics").
 */
import { dropFront, insertAt, lowerBound } from './sorted-entries.ts';

/** The period holding time `t`. */
export function bucketOf(t: number, size: number): number {
  return Math.floor(t / size);
}

/** True when period `b` already fired (`fired` is sorted). */
export function hasFired(fired: readonly number[], b: number): boolean {
  const i = lowerBound(fired, b);
  return i < fired.length && fired[i] === b;
}

/** Records that period `b` fired. */
export function markFired(fired: number[], b: number): void {
  const i = lowerBound(fired, b);
  if (fired[i] !== b) insertAt(fired, i, b);
}

/** Drops periods that ended at or before `t` (nothing can fire there any more). */
export function pruneFired(fired: number[], t: number, size: number): void {
  let n = 0;
  while (n < fired.length && (fired[n]! + 1) * size <= t) n++;
  if (n) dropFront(fired, n);
}
