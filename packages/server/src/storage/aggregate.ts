/**
 * @module storage/aggregate
 * Small aggregation helpers both stores share.
 */
import type { VigilEvent } from '@vigil/contracts';
import type { HistogramBucket, FieldStat, EventFilter, SearchRequest, SearchPage } from './event-store.ts';

/** Dense buckets from sparse (bucket index, count) rows: empty intervals count 0. */
export function fillBuckets(rows: readonly { b: number | string; c: number | string }[], from: number, to: number, intervalMs: number): HistogramBucket[] {
  const n = Math.max(0, Math.ceil((to - from) / intervalMs));
  const out: HistogramBucket[] = Array.from({ length: n }, (_, i) => ({ ts: from + i * intervalMs, count: 0 }));
  for (const r of rows) {
    const i = Number(r.b);
    if (Number.isInteger(i) && i >= 0 && i < n) out[i]!.count += Number(r.c);
  }
  return out;
}

/** Field names and how many of the given events have each, most common first. */
export function countFields(events: readonly Record<string, unknown>[]): FieldStat[] {
  const counts = new Map<string, number>();
  for (const e of events) for (const k of Object.keys(e)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Every event of a filter, newest first, fetched page by page through `search` (nothing buffered whole). */
export async function* pagedExport(search: (req: SearchRequest) => Promise<SearchPage>, f: EventFilter, pageSize: number): AsyncIterable<VigilEvent> {
  let cursor: SearchRequest['cursor'];
  for (;;) {
    const page = await search({ ...f, limit: pageSize, cursor });
    yield* page.events;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
