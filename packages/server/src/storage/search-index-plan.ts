/**
 * @module storage/search-index-plan
 * Decisions both stores make the same way when a search can use the index: which histograms the
 * minute counts answer, which minutes they cover, how pages and top values from the index and the tail
 * combine, and how candidates are cut into statements.
 */
import { compareCodePoints, type QueryNode } from '@vigil/core';
import { MINUTE_MS } from './search-index-builder.ts';

/**
 * The dataset whose minute counts answer a histogram of this query: null for every event (no query),
 * a name for exactly `event.dataset:name`, undefined when counts cannot answer it.
 */
export function rollupDataset(query: QueryNode | null): string | null | undefined {
  if (!query || query.type === 'all') return null;
  if (query.type === 'term' && query.field === 'event.dataset' && !query.nocase && query.value !== '') return query.value;
  return undefined;
}

/**
 * The whole minutes of [from, to) the counts may answer: each inside one bucket (intervals and `from`
 * on whole minutes) and not before the retention floor. The rest of the range is scanned.
 */
export function rollupWindow(from: number, to: number, intervalMs: number, floor: number): { lo: number; hi: number } | null {
  if (intervalMs % MINUTE_MS !== 0 || from % MINUTE_MS !== 0) return null;
  const lo = Math.max(from, Math.ceil(floor / MINUTE_MS) * MINUTE_MS);
  const hi = Math.floor(to / MINUTE_MS) * MINUTE_MS;
  return hi > lo ? { lo, hi } : null;
}

/** A row of a page: its order keys and what the event is rebuilt from. */
export interface PageRow {
  ts: number | string;
  id: string;
  message: string;
  doc: string;
}

/** Newest first, then id descending (binary order, as both databases compare the ids). */
export function byNewest(a: PageRow, b: PageRow): number {
  const d = Number(b.ts) - Number(a.ts);
  if (d) return d;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Candidate timestamps in statements of growing size: a first page usually needs only the first. */
export function* chunks(candidates: readonly number[], first = 128, max = 8192): Generator<number[]> {
  let size = first;
  for (let i = 0; i < candidates.length; i += size, size = Math.min(size * 4, max)) yield candidates.slice(i, i + size);
}

/** Top values from partial counts, ordered as the stores order them (count desc, then value). */
export function mergeTop(parts: readonly { v: string | number; c: number | string }[][], limit: number): { v: string | number; c: number }[] {
  const counts = new Map<string | number, number>();
  for (const rows of parts) for (const r of rows) counts.set(r.v, (counts.get(r.v) ?? 0) + Number(r.c));
  // SQLite and PostgreSQL put numbers before text; text in binary order.
  const order = (a: string | number, b: string | number) => (typeof a === 'string' && typeof b === 'string' ? compareCodePoints(a, b) : typeof a === typeof b ? Number(a) - Number(b) : typeof a === 'number' ? -1 : 1);
  return [...counts].map(([v, c]) => ({ v, c })).sort((a, b) => b.c - a.c || order(a.v, b.v)).slice(0, limit);
}
