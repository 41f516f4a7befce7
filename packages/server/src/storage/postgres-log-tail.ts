/**
 * @module storage/postgres-log-tail
 * The newest committed rows of the PostgreSQL event log, kept in memory with their exact positions, so
 * the detector reads what this process just wrote without PostgreSQL printing it again. The store
 * pushes each committed batch: its transaction id, the `log_seq` it wrote on each row, and the COPY
 * text it sent — exactly what PostgreSQL parsed, one flat string per batch (row objects held for
 * seconds cost the young generation's collector ~3 µs per event).
 *
 * Unlike SQLite, positions are not consecutive and other transactions interleave, so holding the next
 * batch is not enough. A read is answered from memory only after one probe (`TailProbe`, one statement)
 * shows that no other transaction's row lies between the position and the held batches, and that the
 * held batches are below the horizon (every older transaction finished): exactly what the table read
 * would return. Anything else (another writer's rows, a long transaction still running, a position the
 * tail does not reach) answers null and the log reads the table. What a probe proves stays true
 * (finished transactions do not change), so it is remembered per batch and a read inside proven batches
 * needs no query. Bounded: the oldest batches go first.
 */
import { MESSAGE_INDEX } from './event-row.ts';
import { CommittedRow } from './committed-row.ts';
import { copiedText } from './postgres-copy.ts';
import { DEFAULT_TAIL_ROWS } from './sqlite-log-tail.ts';

/** What the log asks PostgreSQL before answering from memory (one statement, one snapshot). */
export interface TailProbe {
  /** Does transaction `xid` hold a row after `seq`? (asked when the position is not in a held batch) */
  same: { xid: number; seq: number } | null;
  /** Does any row lie strictly between the transaction ids a and b (b null: up to the horizon)? */
  gaps: { a: number; b: number | null }[];
}

/** The probe's answer: the horizon (every transaction below it finished) and each question's answer. */
export interface TailProbeAnswer {
  horizon: number;
  same: boolean;
  open: boolean[];
}

interface Batch {
  xid: number;
  /** log_seq of each row, increasing. */
  seqs: readonly number[];
  /** The COPY text: one line per row, `log_seq` then the event row's columns (`ROW_COLUMNS`). */
  text: string;
  /** Where each line starts in `text`, and its end. */
  starts: Int32Array;
  /** Proven: no row of another transaction lies between the previous held batch and this one. */
  joined: boolean;
  /** Proven: xid is below the horizon. */
  visible: boolean;
}

/** A run of one batch's rows a read would hand out, and the gap question (index) in front of it. */
interface Step {
  batch: Batch;
  from: number;
  take: number;
  gap: number;
}

/** Index of the first seq above `s` (seqs increase). */
function firstAbove(seqs: readonly number[], s: number): number {
  let lo = 0;
  let hi = seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (seqs[mid]! > s) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Row `r` of a batch as the table read hands it out (its fields as PostgreSQL parsed them). */
function committed(b: Batch, r: number): CommittedRow {
  const f = b.text.slice(b.starts[r]!, b.starts[r + 1]! - 1).split('\t');
  return new CommittedRow(`${b.xid}:${b.seqs[r]}`, copiedText(f[1]!)!, { message: copiedText(f[MESSAGE_INDEX + 1]!)!, doc: copiedText(f[f.length - 1]!)! });
}

/** The in-memory tail of the PostgreSQL event log. */
export class PostgresLogTail {
  private batches: Batch[] = [];
  private held = 0;

  constructor(private readonly maxRows = DEFAULT_TAIL_ROWS) {}

  /** Rows held now. */
  get size(): number {
    return this.held;
  }

  /**
   * Adds a committed batch: transaction `xid` wrote the lines of `text` (COPY text, `log_seq` first)
   * with `log_seq` = `seqs` (increasing, one per line). Batches may arrive out of xid order (two
   * appends in flight): they are kept in xid order.
   */
  push(xid: number, seqs: readonly number[], text: string): void {
    if (!seqs.length || !Number.isSafeInteger(xid)) return;
    // Escaped fields hold no raw newline: each one ends a row.
    const starts = new Int32Array(seqs.length + 1);
    let n = 0;
    for (let at = text.indexOf('\n'); at >= 0 && n < seqs.length; at = text.indexOf('\n', at + 1)) starts[++n] = at + 1;
    if (n !== seqs.length || starts[n] !== text.length) return;
    let at = this.batches.length;
    while (at > 0 && this.batches[at - 1]!.xid > xid) at--;
    // One transaction is one batch: a second one with the same id means something else wrote; trust nothing.
    if (at > 0 && this.batches[at - 1]!.xid === xid) return this.clear();
    this.batches.splice(at, 0, { xid, seqs, text, starts, joined: false, visible: false });
    // The batch after it was proven next to its old neighbour, not to this one.
    const after = this.batches[at + 1];
    if (after) after.joined = false;
    this.held += seqs.length;
    while (this.held > this.maxRows && this.batches.length > 1) this.held -= this.batches.shift()!.seqs.length;
  }

  /** Forgets everything (the log reads the table until new batches arrive). */
  clear(): void {
    this.batches = [];
    this.held = 0;
  }

  /**
   * Up to `limit` committed rows after position (x, s), exactly as the table read would return them
   * (an empty array: nothing after it yet), or null when the tail cannot tell. `probe` runs the
   * question on PostgreSQL; it is not called when earlier probes already proved the answer.
   */
  async readAfter(x: number, s: number, limit: number, probe: (q: TailProbe) => Promise<TailProbeAnswer>): Promise<CommittedRow[] | null> {
    if (!Number.isSafeInteger(x) || !Number.isSafeInteger(s) || limit <= 0) return null;
    const i = this.batches.findIndex((b) => b.xid >= x);
    if (i < 0) return null;
    const q: TailProbe = { same: null, gaps: [] };
    const first = this.batches[i]!;
    let from = 0;
    let gap = -1;
    if (first.xid === x) from = firstAbove(first.seqs, s);
    else {
      // The position is not in a held batch: nothing of its own transaction after it, nothing up to ours.
      q.same = { xid: x, seq: s };
      gap = q.gaps.push({ a: x, b: first.xid }) - 1;
    }
    const steps: Step[] = [];
    let n = 0;
    for (let j = i; ; ) {
      const b = this.batches[j]!;
      const take = Math.min(limit - n, b.seqs.length - from);
      if (take > 0) {
        steps.push({ batch: b, from, take, gap });
        n += take;
      }
      if (n >= limit || ++j >= this.batches.length) break;
      const next = this.batches[j]!;
      if (next.xid === b.xid + 1) next.joined = true;
      gap = next.joined ? -1 : q.gaps.push({ a: b.xid, b: next.xid }) - 1;
      from = 0;
    }
    if (!steps.length) {
      // At the end of the newest batch: nothing follows when no row lies between it and the horizon.
      const last = this.batches[this.batches.length - 1]!;
      const ans = await probe({ same: null, gaps: [{ a: last.xid, b: null }] });
      return ans.open[0] ? null : [];
    }
    const asked = q.same !== null || q.gaps.length > 0 || steps.some((t) => !t.batch.visible);
    const ans = asked ? await probe(q) : null;
    if (ans?.same) return null;
    const out: CommittedRow[] = [];
    for (const [k, t] of steps.entries()) {
      const b = t.batch;
      // Another transaction's rows lie in front of this batch: the table has them.
      if (t.gap >= 0 && (!ans || ans.open[t.gap])) return out.length ? out : null;
      if (!b.visible) {
        // Nothing lies in front of it below the horizon (gaps are asked up to it), and the table
        // returns nothing at or above it: what is in hand is exactly the table's answer, maybe none.
        if (!ans || b.xid >= ans.horizon) return out;
        b.visible = true;
      }
      // A gap in front of a batch below the horizon stays empty; the position's own gap is not remembered.
      if (t.gap >= 0 && (k > 0 || q.same === null)) b.joined = true;
      for (let r = t.from; r < t.from + t.take; r++) out.push(committed(b, r));
    }
    return out;
  }
}
