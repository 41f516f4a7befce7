/**
 * @module detection/sorted-entries
 * Evidence kept per group as parallel arrays sorted by (event time, event id), the order every kind
 * reasons in: arrival order never matters, and ties on time fall back to the time-sortable id.
 */

/** The first index whose time is greater than `t`. */
export function upperBound(ts: readonly number[], t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose time is at least `t`. */
export function lowerBound(ts: readonly number[], t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Where (t, id) belongs in the sorted arrays, or -1 when that very event is already there (a
 * re-delivered event counts once).
 */
export function insertionPoint(ts: readonly number[], ids: readonly string[], t: number, id: string): number {
  let i = upperBound(ts, t);
  // Appending in time order is the common case: one comparison, no scan.
  while (i > 0 && ts[i - 1] === t && ids[i - 1]! >= id) {
    if (ids[i - 1] === id) return -1;
    i--;
  }
  return i;
}

/**
 * Inserts `x` at `at` (0…length), as `a.splice(at, 0, x)` does, without the array of removed elements
 * splice allocates on every call (with evidence inserts on most hits, that array was the engine's
 * largest allocation after the signals). Evidence arrives nearly in order: mostly a push.
 */
export function insertAt<T>(a: T[], at: number, x: T): void {
  let i = a.length;
  if (at >= i) {
    a.push(x);
    return;
  }
  a.push(a[i - 1]!);
  for (i--; i > at; i--) a[i] = a[i - 1]!;
  a[at] = x;
}

/** Number of leading entries with time at most `t` (to drop them from every parallel array). */
export function countAtOrBefore(ts: readonly number[], t: number): number {
  return ts.length === 0 || ts[0]! > t ? 0 : upperBound(ts, t);
}

/**
 * Removes the first `n` entries in place. `shift` and `splice(0, n)` let V8 trim the array's front in
 * O(1); `copyWithin` moved every element and made a 300-entry window 10x slower per event.
 */
export function dropFront<T>(a: T[], n: number): void {
  if (n <= 0) return;
  if (n >= a.length) a.length = 0;
  else if (n === 1) a.shift();
  else a.splice(0, n);
}
