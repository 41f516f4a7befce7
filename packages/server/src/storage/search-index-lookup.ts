/**
 * @module storage/search-index-lookup
 * The search side of the deferred index: from a query's key plan and the parts of the tenant's days in
 * range, the timestamps of every indexed event that can match (newest first). Every read of one lookup
 * happens in one snapshot (the stores run it in a read transaction), so a merge replacing parts
 * meanwhile cannot hide any. The store then reads events at those timestamps below the watermark and
 * scans everything above it: the answer is exact whatever the index holds.
 */
import type { KeyPlan } from '@vigil/core';
import { BucketReader, bucketOf } from './search-index-codec.ts';
import { DAY_MS, unionSorted } from './search-index-builder.ts';

/** The watermark and retention floor of a tenant. */
export interface IndexState {
  /** Log position: every event at or below it is in the index. */
  position: string;
  /** Events before this time were deleted: counts of minutes before it are not used. */
  floor: number;
}

/** A part as listed for a lookup. */
export interface PartRow {
  day: number;
  part: number;
  events: number;
  buckets: number;
}

/** A bucket a lookup reads. */
export interface BucketRef {
  day: number;
  part: number;
  bucket: number;
}

/** A lookup's answer: the candidates, or why the store should scan instead. */
export type Lookup =
  | { use: true; state: IndexState; candidates: number[]; indexedEvents: number; tail: number }
  | { use: false; reason: 'not indexed' | 'common' | 'dense' };

/**
 * Candidates denser than one in this many indexed events are left to the newest-first scan, which
 * finds a page of them in a few thousand rows.
 */
export const DENSE_RATIO = 4;

/** A first page rarely gains from the index past one candidate in 16 indexed events (see `pageByIndex`). */
export const PAGE_SHARE = 1 / 16;

/**
 * Whether a first page is cheaper through the index than by the newest-first scan. The scan reads
 * about (limit + 1) / density rows and stops; the index path seeks each candidate it needs (a seek
 * costs a few rows' worth) and scans the whole tail above the watermark — right after a bulk load the
 * tail is most of the table, and a common word is then found faster by the scan. The factor 4 leaves
 * the lookup's own cost (decoding long lists) to the scan's side: `password` (8 % of events) measured
 * 19 ms of CPU through the index against 3 ms by the scan.
 */
export function pageByIndex(l: Extract<Lookup, { use: true }>, limit: number): boolean {
  const scanRows = ((limit + 1) * l.indexedEvents) / Math.max(1, l.candidates.length);
  return 4 * (l.tail + 4 * Math.min(l.candidates.length, limit + 1)) < scanRows;
}

/** The days a time range touches (inclusive bounds; unbounded sides become very far days). */
export function dayRange(from?: number, to?: number): [number, number] {
  return [from === undefined ? -1e9 : Math.floor(from / DAY_MS), to === undefined ? 1e9 : Math.floor((to - 1) / DAY_MS)];
}

/** The state of a tenant from its row and the indexer's own row (whose floor covers every tenant). */
export function tenantState(rows: readonly { tenant_id: string; position: string; floor: number | string }[], tenantId: string): IndexState | null {
  const own = rows.find((r) => r.tenant_id === tenantId);
  if (!own) return null;
  const all = rows.find((r) => r.tenant_id === '');
  return { position: own.position, floor: Math.max(Number(own.floor), Number(all?.floor ?? 0)) };
}

/** The map key of a bucket. */
export function bucketId(day: number, part: number, bucket: number): string {
  return `${day}:${part}:${bucket}`;
}

function intersect(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out;
}

type PartAnswer = number[] | 'common';

/** Reads one bucket of a part (undefined: the part has no such bucket). */
export type BucketSource = (ref: BucketRef) => Uint8Array | undefined;

function reader(part: PartRow, key: number, readers: Map<number, BucketReader | null>, blobs: BucketSource): BucketReader | null {
  const b = bucketOf(key, part.buckets);
  let r = readers.get(b);
  if (r === undefined) {
    const blob = blobs({ day: part.day, part: part.part, bucket: b });
    r = blob ? new BucketReader(blob) : null;
    readers.set(b, r);
  }
  return r;
}

/** At most how many candidates a plan gives in a part, from the bucket headers alone (Infinity: common). */
function bound(plan: KeyPlan, part: PartRow, readers: Map<number, BucketReader | null>, blobs: BucketSource): number {
  if (plan.type === 'key') return reader(part, plan.key, readers, blobs)?.count(plan.key) ?? 0;
  const kids = plan.children.map((c) => bound(c, part, readers, blobs));
  return plan.type === 'and' ? Math.min(...kids) : kids.reduce((a, b) => a + b, 0);
}

function evalPlan(plan: KeyPlan, part: PartRow, readers: Map<number, BucketReader | null>, blobs: BucketSource): PartAnswer {
  if (plan.type === 'key') {
    const r = reader(part, plan.key, readers, blobs);
    return r ? r.find(plan.key, part.day * DAY_MS) : [];
  }
  const kids = plan.children.map((c) => evalPlan(c, part, readers, blobs));
  if (plan.type === 'and') {
    const lists = kids.filter((k): k is number[] => k !== 'common');
    if (!lists.length) return 'common';
    lists.sort((x, y) => x.length - y.length);
    let acc = lists[0]!;
    for (let i = 1; i < lists.length && acc.length; i++) acc = intersect(acc, lists[i]!);
    return acc;
  }
  if (kids.some((k) => k === 'common')) return 'common';
  return unionSorted(kids as number[][]);
}

/**
 * The candidates of a plan over the parts read (newest first, without repeats, within [from, to) and
 * not before the floor), or why not to use them. `maxShare`: more candidates than this share of the
 * indexed events are not worth it (a page: 1/16; counts: 1/4) — judged first from the bucket headers'
 * counts, so a common word costs no decoding of long lists. Buckets are read as needed (`blobs`), part
 * by part, and the headers' pass stops at the first part that makes the answer common or dense: at
 * 10M events (288 parts) reading every bucket of `password`'s six keys first cost 81 ms of CPU.
 */
export function evaluateLookup(plan: KeyPlan, state: IndexState | null, parts: readonly PartRow[], blobs: BucketSource, range: { from?: number; to?: number }, tail: number, maxShare = 1 / DENSE_RATIO): Lookup {
  if (!state) return { use: false, reason: 'not indexed' };
  const lo = Math.max(range.from ?? -Infinity, state.floor);
  const hi = range.to ?? Infinity;
  const indexedEvents = parts.reduce((s, p) => s + p.events, 0);
  const readers = parts.map(() => new Map<number, BucketReader | null>());
  let most = 0;
  for (let i = 0; i < parts.length; i++) {
    most += bound(plan, parts[i]!, readers[i]!, blobs);
    if (most === Infinity) return { use: false, reason: 'common' };
    if (most > indexedEvents * maxShare) return { use: false, reason: 'dense' };
  }
  const all: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const got = evalPlan(plan, parts[i]!, readers[i]!, blobs);
    if (got === 'common') return { use: false, reason: 'common' };
    for (const t of got) if (t >= lo && t < hi) all.push(t);
  }
  if (all.length > indexedEvents * maxShare) return { use: false, reason: 'dense' };
  all.sort((a, b) => b - a);
  let w = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[w - 1]) all[w++] = all[i]!;
  all.length = w;
  return { use: true, state, candidates: all, indexedEvents, tail };
}
