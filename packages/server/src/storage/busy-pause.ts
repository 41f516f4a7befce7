/**
 * @module storage/busy-pause
 * Background work that yields to ingest (the search indexer, retention's deletes): between two samples
 * of how many events had arrived, events arrived at some rate; above `busyRate` per second ingest is
 * busy and the work just done (`workedMs`) earns a pause that makes work `share` of the time (capped
 * at 30 s). Below it, on the first sample, or with `share` 1, no pause.
 */
export function busyPause(prev: { head: number; at: number } | null, cur: { head: number; at: number }, workedMs: number, share: number, busyRate: number): { busy: boolean; pauseMs: number } {
  if (share >= 1 || !prev || !(cur.at > prev.at) || !Number.isFinite(cur.head - prev.head)) return { busy: false, pauseMs: 0 };
  const busy = ((cur.head - prev.head) * 1000) / (cur.at - prev.at) > busyRate;
  return { busy, pauseMs: busy ? Math.min(30_000, (Math.max(0, workedMs) * (1 - share)) / Math.max(share, 0.01)) : 0 };
}
