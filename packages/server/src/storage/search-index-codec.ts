/**
 * @module storage/search-index-codec
 * The on-disk form of the search index's postings. A *part* (the events of one tenant and day that one
 * indexer pass or merge covered) is cut into buckets of about `BUCKET_BYTES` by a hash of the key, so
 * a search reads one small blob per part and key instead of a row per key (rows per key cost more to
 * write than the postings themselves), and the bucket count is a power of two.
 *
 * A bucket: varint entry count; per entry (ascending key) varint key delta, varint n (0 = the key is
 * *common* in this part: no list kept, any event may hold it) and varint list bytes; then the lists.
 * A list: n ascending distinct timestamps as varints, the first as ms into the day, the rest as
 * differences.
 */

const P32 = 4_294_967_296;

/** Target size of one bucket blob: a lookup reads one per part and key (16 KB made PostgreSQL lookups move and parse 4x more). */
export const BUCKET_BYTES = 4096;

/** A key's 32-bit bucket hash; its bucket in a part of `buckets` (a power of two) is `hash & (buckets - 1)`, which SQL can compute too. */
export function keyHash(key: number): number {
  let h = Math.imul((key >>> 0) ^ Math.imul(Math.floor(key / P32), 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The bucket of a key in a part of `buckets` buckets (a power of two). */
export function bucketOf(key: number, buckets: number): number {
  return buckets <= 1 ? 0 : keyHash(key) & (buckets - 1);
}

/** A growable byte buffer with LEB128 varints (numbers up to 2^53). */
export class ByteWriter {
  buf: Uint8Array;
  len = 0;

  constructor(size = 1024) {
    this.buf = new Uint8Array(size);
  }

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  varint(v: number): void {
    this.room(8);
    while (v >= 128) {
      this.buf[this.len++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    this.buf[this.len++] = v;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** Reads LEB128 varints from a byte array. */
class ByteReader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  varint(): number {
    let v = 0;
    let mul = 1;
    for (;;) {
      const b = this.buf[this.pos++]!;
      if (b === undefined) throw new Error('search index: truncated bucket');
      v += (b & 127) * mul;
      if (b < 128) return v;
      mul *= 128;
    }
  }
}

/** One key's postings in a part: ascending distinct timestamps, or null when the key is common there. */
export interface PostingEntry {
  key: number;
  ts: ArrayLike<number> | null;
  /** How many timestamps (kept for common keys, which have no list). */
  n: number;
}

/** Encodes one list (ascending distinct ms offsets into the day). */
export function encodeList(ts: ArrayLike<number>, w: ByteWriter): void {
  let prev = 0;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    w.varint(t - prev);
    prev = t;
  }
}

/** Encodes the entries of one bucket (sorted by key here); lists hold offsets into the day. */
export function encodeBucket(entries: PostingEntry[]): Uint8Array {
  entries.sort((a, b) => a.key - b.key);
  const lists = new ByteWriter(4096);
  const head = new ByteWriter(entries.length * 6 + 8);
  head.varint(entries.length);
  let prevKey = 0;
  for (const e of entries) {
    const start = lists.len;
    if (e.ts) encodeList(e.ts, lists);
    head.varint(e.key - prevKey);
    prevKey = e.key;
    head.varint(e.ts ? e.ts.length : 0);
    head.varint(lists.len - start);
  }
  head.bytes(lists.buf.subarray(0, lists.len));
  return head.result();
}

/** The smallest power of two that keeps buckets near `BUCKET_BYTES` for a part of `bytes`. */
export function bucketCount(bytes: number): number {
  let n = 1;
  while (n * BUCKET_BYTES < bytes && n < 65_536) n *= 2;
  return n;
}

/** A decoded bucket header: find a key's list without decoding the others. */
export class BucketReader {
  private readonly keys: number[] = [];
  private readonly counts: number[] = [];
  private readonly offsets: number[] = [];
  private readonly data: Uint8Array;

  constructor(buf: Uint8Array) {
    const r = new ByteReader(buf);
    const n = r.varint();
    let key = 0;
    let off = 0;
    const sizes: number[] = [];
    for (let i = 0; i < n; i++) {
      key += r.varint();
      this.keys.push(key);
      this.counts.push(r.varint());
      sizes.push(r.varint());
    }
    for (const s of sizes) {
      this.offsets.push(off);
      off += s;
    }
    this.offsets.push(off);
    this.data = buf.subarray(r.pos);
  }

  private index(key: number): number {
    let lo = 0;
    let hi = this.keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = this.keys[mid]!;
      if (k === key) return mid;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** How many timestamps the key has here (Infinity when common), without decoding them. */
  count(key: number): number {
    const i = this.index(key);
    if (i < 0) return 0;
    return this.counts[i] === 0 ? Infinity : this.counts[i]!;
  }

  /** The key's timestamps (ascending), `'common'`, or an empty list when the part does not hold it. */
  find(key: number, dayStart: number): number[] | 'common' {
    const i = this.index(key);
    if (i < 0) return [];
    const n = this.counts[i]!;
    if (n === 0) return 'common';
    return decodeList(this.data.subarray(this.offsets[i]!, this.offsets[i + 1]!), n, dayStart);
  }
}

/** Every entry of a part, decoded into flat arrays (for merges): `counts` 0 marks a common key. */
export interface DecodedPart {
  n: number;
  keys: Float64Array;
  counts: Int32Array;
  starts: Int32Array;
  times: Uint32Array;
}

/** Decodes all buckets of a part into flat arrays, lists as offsets into the day. */
export function decodePart(buckets: readonly Uint8Array[]): DecodedPart {
  const heads: { r: ByteReader; n: number }[] = [];
  let entries = 0;
  for (const b of buckets) {
    const r = new ByteReader(b);
    const n = r.varint();
    heads.push({ r, n });
    entries += n;
  }
  const keys = new Float64Array(entries);
  const counts = new Int32Array(entries);
  const sizes = new Int32Array(entries);
  let e = 0;
  let totalTimes = 0;
  for (const h of heads) {
    let key = 0;
    for (let i = 0; i < h.n; i++, e++) {
      key += h.r.varint();
      keys[e] = key;
      counts[e] = h.r.varint();
      sizes[e] = h.r.varint();
      totalTimes += counts[e]!;
    }
  }
  const starts = new Int32Array(entries);
  const times = new Uint32Array(totalTimes);
  e = 0;
  let at = 0;
  for (const h of heads) {
    const r = h.r;
    for (let i = 0; i < h.n; i++, e++) {
      starts[e] = at;
      let t = 0;
      for (let j = 0; j < counts[e]!; j++) {
        t += r.varint();
        times[at++] = t;
      }
    }
  }
  return { n: entries, keys, counts, starts, times };
}

function decodeList(buf: Uint8Array, n: number, dayStart: number): number[] {
  const r = new ByteReader(buf);
  const out = new Array<number>(n);
  let t = dayStart;
  for (let i = 0; i < n; i++) {
    t += r.varint();
    out[i] = t;
  }
  return out;
}
