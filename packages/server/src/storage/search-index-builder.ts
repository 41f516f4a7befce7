/**
 * @module storage/search-index-builder
 * Turns a slice of committed events into index parts (one per tenant and day) and per-minute counts.
 * Pure and synchronous: the indexer runs it off the write path. The postings are gathered in typed
 * arrays (an open-addressing table of keys, each with a chain of timestamps), not in a Map of arrays:
 * a message gives ~200 trigrams, so this loop runs millions of times per slice.
 */
import { fieldKey, INDEXED_FIELDS, trigramKey, wordUnit } from '@vigil/core';
import { bucketCount, bucketOf, decodePart, encodeBucket, type PostingEntry } from './search-index-codec.ts';

/** Milliseconds per day and minute. */
export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/**
 * A key is *common* in a part when more than this share of its events hold it (and more than
 * `COMMON_MIN`): its list is dropped, and a query that needs only common keys scans instead, which is
 * fast exactly then (one match in 32 events or more: a page within ~3,000 rows). This keeps the index
 * several times smaller (1/16 kept ~25 % more bytes).
 */
export const COMMON_SHARE = 1 / 32;
export const COMMON_MIN = 512;

/** The common threshold of a part of `events` events (`min` lower in tests, to reach the common path with few events). */
export function commonLimit(events: number, min = COMMON_MIN): number {
  return Math.max(min, Math.floor(events * COMMON_SHARE));
}

/** One committed event as the indexer reads it. */
export interface IndexRow {
  tenantId: string;
  ts: number;
  message: string;
  /** Values of `INDEXED_FIELDS`, in order (a list when the document holds one). */
  fields: ReadonlyArray<string | readonly unknown[] | null | undefined>;
}

/** A part ready to write: its buckets in bucket order. */
export interface BuiltPart {
  tenantId: string;
  day: number;
  events: number;
  buckets: Uint8Array[];
}

/** Events per (tenant, minute, dataset) — `dataset` '' stands for none. */
export interface Rollup {
  tenantId: string;
  minute: number;
  dataset: string;
  n: number;
}

const DATASET = INDEXED_FIELDS.findIndex((f) => f.field === 'event.dataset');

/** The slot hash of a key in the builder's open-addressing tables. */
function tableHash(key: number): number {
  const h = Math.imul((key >>> 0) ^ Math.imul((key / 4_294_967_296) | 0, 0x9e3779b1), 0x85ebca6b);
  return h ^ (h >>> 16);
}

/** ASCII word units ('0'-'9', 'a'-'z') as 0-35, others -1: ASCII trigrams get a slot without hashing. */
const SYM = new Int8Array(128).fill(-1);
const UNIT = new Int32Array(36);
for (let i = 0; i < 36; i++) {
  const u = i < 10 ? 48 + i : 87 + i;
  SYM[u] = i;
  UNIT[i] = u;
}
/** Slots of the ASCII trigrams, 36^3. */
const DIRECT = 36 * 36 * 36;

/**
 * The postings of one part, gathered in two passes over typed arrays: while reading events (in time
 * order) each key's slot is found and every new (key, time) is appended to one flat list of
 * occurrences; then the occurrences are placed into one array, each key's times contiguous (a
 * counting sort). ASCII trigrams (most of them) have fixed slots 0..36^3-1; field values and other
 * trigrams go through an open-addressing table above those. No per-key array, no pointer chasing.
 */
class PostingTable {
  private cap = 1 << 14;
  /** Keys of the hashed slots (slot DIRECT + i holds keys[i]), -1 when free. */
  private keys = new Float64Array(this.cap).fill(-1);
  private count = new Int32Array(DIRECT + this.cap);
  private last = new Int32Array(DIRECT + this.cap);
  private size = 0;
  private occSlot = new Int32Array(1 << 16);
  private occTime = new Uint32Array(1 << 16);
  private occ = 0;
  private start = new Int32Array(0);
  private fill = new Int32Array(0);

  /** Empties the table for the next part, keeping its memory (allocating big typed arrays per part cost a quarter of the time in GC). */
  reset(): void {
    this.keys.fill(-1);
    this.count.fill(0, 0, DIRECT);
    this.last.fill(0, 0, DIRECT);
    this.size = 0;
    this.occ = 0;
  }

  private grow(): void {
    const { keys, count, last } = this;
    this.cap *= 2;
    this.keys = new Float64Array(this.cap).fill(-1);
    this.count = new Int32Array(DIRECT + this.cap);
    this.last = new Int32Array(DIRECT + this.cap);
    this.count.set(count.subarray(0, DIRECT));
    this.last.set(last.subarray(0, DIRECT));
    const mask = this.cap - 1;
    const moved = new Int32Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (k < 0) continue;
      let s = tableHash(k) & mask;
      while (this.keys[s]! >= 0) s = (s + 1) & mask;
      this.keys[s] = k;
      this.count[DIRECT + s] = count[DIRECT + i]!;
      this.last[DIRECT + s] = last[DIRECT + i]!;
      moved[i] = s;
    }
    for (let i = 0; i < this.occ; i++) {
      const slot = this.occSlot[i]!;
      if (slot >= DIRECT) this.occSlot[i] = DIRECT + moved[slot - DIRECT]!;
    }
  }

  /** Records that the event at `time` (ms into the day, +1; non-decreasing across calls) holds the ASCII trigram (a, b, c). */
  addAscii(a: number, b: number, c: number, time: number): void {
    this.addSlot((SYM[a]! * 36 + SYM[b]!) * 36 + SYM[c]!, time);
  }

  /** Records that the event at `time` holds `key` (any key). */
  add(key: number, time: number): void {
    const mask = this.cap - 1;
    let s = tableHash(key) & mask;
    for (;;) {
      const k = this.keys[s]!;
      if (k === key) break;
      if (k < 0) {
        if ((this.size + 1) * 2 > this.cap) {
          this.grow();
          this.add(key, time);
          return;
        }
        this.size++;
        this.keys[s] = key;
        this.count[DIRECT + s] = 0;
        this.last[DIRECT + s] = 0;
        break;
      }
      s = (s + 1) & mask;
    }
    this.addSlot(DIRECT + s, time);
  }

  private addSlot(s: number, time: number): void {
    if (this.last[s] === time) return;
    this.last[s] = time;
    this.count[s]++;
    if (this.occ === this.occSlot.length) {
      const slot = new Int32Array(this.occ * 2);
      slot.set(this.occSlot);
      this.occSlot = slot;
      const t = new Uint32Array(this.occ * 2);
      t.set(this.occTime);
      this.occTime = t;
    }
    this.occSlot[this.occ] = s;
    this.occTime[this.occ++] = time;
  }

  private keyOf(slot: number): number {
    if (slot >= DIRECT) return this.keys[slot - DIRECT]!;
    return trigramKey(UNIT[Math.floor(slot / 1296)]!, UNIT[Math.floor(slot / 36) % 36]!, UNIT[slot % 36]!);
  }

  /** Every key with its day offsets (ascending, distinct), or null past `limit` (common). */
  entries(limit: number): PostingEntry[] {
    const slots = DIRECT + this.cap;
    if (this.start.length < slots) {
      this.start = new Int32Array(slots);
      this.fill = new Int32Array(slots);
    }
    const start = this.start;
    start.fill(-1, 0, slots);
    let total = 0;
    for (let s = 0; s < slots; s++) {
      const n = this.count[s]!;
      if (n > 0 && n <= limit && (s < DIRECT || this.keys[s - DIRECT]! >= 0)) {
        start[s] = total;
        total += n;
      }
    }
    const times = new Uint32Array(total);
    const fill = this.fill;
    fill.set(start.subarray(0, slots));
    for (let i = 0; i < this.occ; i++) {
      const s = this.occSlot[i]!;
      const at = fill[s]!;
      if (at >= 0) {
        times[at] = this.occTime[i]! - 1;
        fill[s] = at + 1;
      }
    }
    const out: PostingEntry[] = [];
    for (let s = 0; s < slots; s++) {
      const n = this.count[s]!;
      if (n === 0 || (s >= DIRECT && this.keys[s - DIRECT]! < 0)) continue;
      const at = start[s]!;
      const key = this.keyOf(s);
      out.push(at < 0 ? { key, ts: null, n } : { key, ts: times.subarray(at, at + n), n });
    }
    return out;
  }
}

/** The one table, reused part after part (the indexer builds one part at a time). */
const TABLE = new PostingTable();

/** Splits entries (lists of day offsets) into buckets and encodes them. */
export function encodePart(entries: PostingEntry[]): Uint8Array[] {
  // ~1.5 bytes per timestamp and ~4 per entry head: enough to choose the bucket count.
  let bytes = 0;
  for (const e of entries) bytes += 4 + (e.ts ? e.ts.length * 1.5 : 0);
  const n = bucketCount(bytes);
  const groups: PostingEntry[][] = Array.from({ length: n }, () => []);
  for (const e of entries) groups[bucketOf(e.key, n)]!.push(e);
  return groups.map((g) => encodeBucket(g));
}

/** Adds the keys of one event: its message's word trigrams (the loop of `forEachTrigram`, inlined) and its field values. */
function addEvent(table: PostingTable, r: IndexRow, time: number): void {
  const m = r.message;
  const n = m.length;
  if (n >= 3) {
    let a = wordUnit(m.charCodeAt(0));
    let b = wordUnit(m.charCodeAt(1));
    for (let i = 2; i < n; i++) {
      const c = wordUnit(m.charCodeAt(i));
      if (a >= 0 && b >= 0 && c >= 0) {
        if (a < 128 && b < 128 && c < 128) table.addAscii(a, b, c, time);
        else table.add(trigramKey(a, b, c), time);
      }
      a = b;
      b = c;
    }
  }
  const fields = r.fields;
  for (let f = 0; f < fields.length; f++) {
    const v = fields[f];
    if (typeof v === 'string') table.add(fieldKey(f, v), time);
    else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') table.add(fieldKey(f, x), time);
  }
}

/** The parts and minute counts of a slice of events. */
export function buildSlice(rows: readonly IndexRow[], commonMin = COMMON_MIN): { parts: BuiltPart[]; rollups: Rollup[] } {
  const groups = new Map<string, IndexRow[]>();
  const rollups = new Map<string, Rollup>();
  for (const r of rows) {
    const day = Math.floor(r.ts / DAY_MS);
    const g = `${r.tenantId}\u0000${day}`;
    const list = groups.get(g);
    if (list) list.push(r);
    else groups.set(g, [r]);
    const ds = r.fields[DATASET];
    const dataset = typeof ds === 'string' ? ds : '';
    const minute = Math.floor(r.ts / MINUTE_MS) * MINUTE_MS;
    const rk = `${r.tenantId}\u0000${minute}\u0000${dataset}`;
    const ro = rollups.get(rk);
    if (ro) ro.n++;
    else rollups.set(rk, { tenantId: r.tenantId, minute, dataset, n: 1 });
  }
  const parts: BuiltPart[] = [];
  for (const list of groups.values()) {
    const day = Math.floor(list[0]!.ts / DAY_MS);
    const dayStart = day * DAY_MS;
    // Ascending time, so every key's list comes out sorted and an event's repeats are adjacent.
    list.sort((a, b) => a.ts - b.ts);
    const table = TABLE;
    table.reset();
    // Times are stored +1 so 0 can mean "none yet".
    for (const r of list) addEvent(table, r, r.ts - dayStart + 1);
    parts.push({ tenantId: list[0]!.tenantId, day, events: list.length, buckets: encodePart(table.entries(commonLimit(list.length, commonMin))) });
  }
  return { parts, rollups: [...rollups.values()] };
}

/**
 * Merges the buckets of several parts (of one tenant and day) into one part's buckets: every source
 * decoded into flat arrays, keys joined in an open-addressing table, each key's lists merged k ways
 * into one array. A key common in any source stays common (its events are not known).
 */
export function mergeParts(sources: readonly { events: number; buckets: readonly Uint8Array[] }[], commonMin = COMMON_MIN): { events: number; buckets: Uint8Array[] } {
  const events = sources.reduce((s, p) => s + p.events, 0);
  const limit = commonLimit(events, commonMin);
  const dec = sources.map((p) => decodePart(p.buckets));
  const K = dec.length;
  let cap = 1024;
  const most = dec.reduce((s, d) => s + d.n, 0);
  while (cap < most * 2) cap *= 2;
  const mask = cap - 1;
  const keys = new Float64Array(cap).fill(-1);
  const total = new Int32Array(cap);
  const common = new Uint8Array(cap);
  const ref = new Int32Array(cap * K).fill(-1);
  for (let k = 0; k < K; k++) {
    const d = dec[k]!;
    for (let e = 0; e < d.n; e++) {
      const key = d.keys[e]!;
      let s = tableHash(key) & mask;
      while (keys[s]! >= 0 && keys[s] !== key) s = (s + 1) & mask;
      keys[s] = key;
      ref[s * K + k] = e;
      if (d.counts[e] === 0) common[s] = 1;
      else total[s] += d.counts[e]!;
    }
  }
  let room = 0;
  for (let s = 0; s < cap; s++) if (keys[s]! >= 0 && !common[s] && total[s]! <= limit) room += total[s]!;
  const out = new Uint32Array(room);
  const entries: PostingEntry[] = [];
  const heads = new Int32Array(K);
  const ends = new Int32Array(K);
  let at = 0;
  for (let s = 0; s < cap; s++) {
    const key = keys[s]!;
    if (key < 0) continue;
    if (common[s] || total[s]! > limit) {
      entries.push({ key, ts: null, n: total[s]! });
      continue;
    }
    const begin = at;
    let live = 0;
    for (let k = 0; k < K; k++) {
      const e = ref[s * K + k]!;
      if (e < 0) {
        heads[k] = 0;
        ends[k] = 0;
        continue;
      }
      heads[k] = dec[k]!.starts[e]!;
      ends[k] = heads[k]! + dec[k]!.counts[e]!;
      live++;
    }
    // k-way merge of ascending lists, dropping repeats (parts of one day may share a millisecond).
    while (live > 0) {
      let best = -1;
      let min = Infinity;
      for (let k = 0; k < K; k++) {
        if (heads[k]! < ends[k]!) {
          const t = dec[k]!.times[heads[k]!]!;
          if (t < min) {
            min = t;
            best = k;
          }
        }
      }
      if (best < 0) break;
      heads[best]!++;
      if (heads[best] === ends[best]) live--;
      if (at === begin || out[at - 1] !== min) out[at++] = min;
    }
    entries.push({ key, ts: out.subarray(begin, at), n: at - begin });
  }
  return { events, buckets: encodePart(entries) };
}

/** The sorted union (without repeats) of ascending lists. */
export function unionSorted(lists: readonly (readonly number[])[]): number[] {
  const all: number[] = [];
  for (const l of lists) for (const t of l) all.push(t);
  all.sort((a, b) => a - b);
  let w = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[w - 1]) all[w++] = all[i]!;
  all.length = w;
  return all;
}
