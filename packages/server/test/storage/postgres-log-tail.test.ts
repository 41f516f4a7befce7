/**
 * The PostgreSQL event log's in-memory tail: answers from memory only what the table read would
 * return (same rows, same positions), and reads the table whenever another transaction could lie in
 * between — another writer's rows, an older transaction still running, a backlog after a restart.
 */
import { describe, it, expect } from 'vitest';
import { LOG_START, type LogPosition, type VigilEvent } from '@vigil/contracts';
import { CommitSignal } from '../../src/bus/index.ts';
import { PostgresDb, createPgPool, migrate } from '../../src/db/index.ts';
import { PostgresEventStore, PostgresEventLog, PostgresLogTail, toRow } from '../../src/storage/index.ts';
import type { LogBatch } from '../../src/bus/index.ts';
import type { TailProbe, TailProbeAnswer } from '../../src/storage/postgres-log-tail.ts';
import { copyLine } from '../../src/storage/postgres-copy.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';

const pgUp = await postgresAvailable();
const DAY = Date.UTC(2026, 0, 1);
const ev = (id: string, extra: Record<string, unknown> = {}): VigilEvent => ({ id, '@timestamp': new Date(DAY).toISOString(), 'event.ingested': new Date(DAY).toISOString(), message: `m ${id}`, ...extra }) as VigilEvent;
const events = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ tenantId: i % 2 ? 'a' : 'b', event: ev(`${prefix}${i}`, { 'user.name': `u${i}`, n: i }) }));
const ids = (b: LogBatch | { event: VigilEvent }[] | null) => (b === null ? null : (Array.isArray(b) ? b : b.entries).map((e) => e.event.id));
/** What a read hands out, comparable across the two paths (the document's key order is jsonb's in the table). */
const seen = (b: LogBatch) => ({ next: b.next, entries: b.entries.map((e) => ({ position: e.position, tenantId: e.tenantId, event: e.event, message: e.text!.message, doc: JSON.parse(e.text!.doc) as unknown })) });

/** A probe that answers from a script and records what it was asked. */
function scripted(answer: (q: TailProbe) => TailProbeAnswer) {
  const asked: TailProbe[] = [];
  return { asked, probe: async (q: TailProbe) => (asked.push(q), answer(q)) };
}
/** Pushes a batch as the store does: the COPY text it sent, `log_seq` first on each line. */
const put = (t: PostgresLogTail, xid: number, seqs: number[], ...names: string[]) => t.push(xid, seqs, names.map((id, k) => `${seqs[k]}\t${copyLine(toRow('t', ev(id)))}`).join(''));

describe('PostgresLogTail (in memory)', () => {
  it('answers across held batches after one probe, with exact positions, and remembers what it proved', async () => {
    const t = new PostgresLogTail(100);
    put(t, 100, [5, 6, 9], 'a', 'b', 'c');
    put(t, 104, [12, 13], 'd', 'e');
    const p = scripted(() => ({ horizon: 200, same: false, open: [false] }));
    const r = await t.readAfter(100, 5, 10, p.probe);
    expect(r!.map((e) => e.position)).toEqual(['100:6', '100:9', '104:12', '104:13']);
    expect(ids(r)).toEqual(['b', 'c', 'd', 'e']);
    expect(p.asked).toEqual([{ same: null, gaps: [{ a: 100, b: 104 }] }]);
    // Proven: both batches below the horizon, nothing between them; a second read asks nothing.
    expect(ids(await t.readAfter(100, 6, 2, p.probe))).toEqual(['c', 'd']);
    expect(p.asked).toHaveLength(1);
  });

  it('cannot tell (null) when another row lies in between, a batch is not below the horizon, or the position is elsewhere', async () => {
    const held = () => {
      const t = new PostgresLogTail(100);
      put(t, 100, [5, 6], 'a', 'b');
      put(t, 104, [12], 'c');
      return t;
    };
    // A row of another transaction between 100 and 104: the first batch only.
    expect(ids(await held().readAfter(100, 5, 10, scripted(() => ({ horizon: 200, same: false, open: [true] })).probe))).toEqual(['b']);
    // The second batch is not below the horizon (an older transaction still runs): the first only.
    expect(ids(await held().readAfter(100, 5, 10, scripted(() => ({ horizon: 104, same: false, open: [false] })).probe))).toEqual(['b']);
    // Nothing else lies below the horizon: exactly the table's answer, nothing yet.
    expect(await held().readAfter(100, 6, 10, scripted(() => ({ horizon: 104, same: false, open: [false] })).probe)).toEqual([]);
    // A position before everything held: the probe asks about its own transaction and the range up to ours.
    const before = scripted(() => ({ horizon: 200, same: true, open: [false] }));
    expect(await held().readAfter(90, 3, 10, before.probe)).toBeNull();
    expect(before.asked[0]).toEqual({ same: { xid: 90, seq: 3 }, gaps: [{ a: 90, b: 100 }, { a: 100, b: 104 }] });
    expect(await held().readAfter(90, 3, 10, scripted(() => ({ horizon: 200, same: false, open: [true] })).probe)).toBeNull();
    // Past everything held: the table, without a probe.
    expect(await held().readAfter(105, 0, 10, before.probe)).toBeNull();
    expect(before.asked).toHaveLength(1);
  });

  it('at the end of the newest batch answers "nothing yet" only when no row lies up to the horizon', async () => {
    const t = new PostgresLogTail(100);
    put(t, 100, [5], 'a');
    const quiet = scripted(() => ({ horizon: 150, same: false, open: [false] }));
    expect(await t.readAfter(100, 5, 10, quiet.probe)).toEqual([]);
    expect(quiet.asked).toEqual([{ same: null, gaps: [{ a: 100, b: null }] }]);
    expect(await t.readAfter(100, 5, 10, scripted(() => ({ horizon: 150, same: false, open: [true] })).probe)).toBeNull();
  });

  it('keeps batches in transaction order whatever order they commit in, and forgets the oldest beyond its bound', async () => {
    const t = new PostgresLogTail(3);
    put(t, 104, [3], 'c');
    put(t, 100, [1, 2], 'a', 'b');
    const p = scripted((q) => ({ horizon: 200, same: false, open: q.gaps.map(() => false) }));
    expect(ids(await t.readAfter(100, 0, 10, p.probe))).toEqual(['a', 'b', 'c']);
    put(t, 106, [7], 'd');
    expect(t.size).toBe(2);
    // Batch 100 is gone: a read from it must ask whether transaction 100 holds rows after the position.
    p.asked.length = 0;
    await t.readAfter(100, 0, 10, p.probe);
    expect(p.asked).toEqual([{ same: { xid: 100, seq: 0 }, gaps: [{ a: 100, b: 104 }, { a: 104, b: 106 }] }]);
    expect(ids(await t.readAfter(104, 0, 10, p.probe))).toEqual(['c', 'd']);
  });
});

describe.skipIf(!pgUp)('PostgresLogTail on PostgreSQL', () => {
  /** A migrated schema with a store and log wired to one tail, a table-only log, and the statements run. */
  async function open(tail = new PostgresLogTail(1000), url?: string) {
    const schema = url ? null : await tempSchema('ptail');
    const db = new PostgresDb(createPgPool(url ?? schema!.url));
    await migrate(db);
    const statements: string[] = [];
    const query = db.pool.query.bind(db.pool) as (...args: unknown[]) => unknown;
    (db.pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => (statements.push(String(args[0])), query(...args));
    const store = new PostgresEventStore(db.pool, { tail });
    const log = new PostgresEventLog(db.pool, new CommitSignal(), tail);
    const table = new PostgresEventLog(db.pool, new CommitSignal());
    const tableReads = () => statements.filter((s) => s.includes('doc::text AS doc FROM')).length;
    const close = async () => {
      await db.close();
      await schema?.drop();
    };
    return { db, url: url ?? schema!.url, tail, store, log, table, tableReads, close };
  }

  /** Every entry from `from` on, `limit` at a time, through `log`. */
  async function readAll(log: PostgresEventLog, from: LogPosition, limit: number): Promise<LogBatch[]> {
    const out: LogBatch[] = [];
    for (let p = from; ; ) {
      const b = await log.readAfter(p, limit);
      if (!b.entries.length) return out;
      out.push(b);
      p = b.next;
    }
  }

  it('answers from memory exactly what the table read returns, from every position, inside batches too', async () => {
    const f = await open();
    try {
      await f.store.append(events('A', 7));
      // A refused event is isolated by halving: the committed halves reach the tail as their own batches.
      const bad = [...events('B', 3), { tenantId: 'a', event: ev('BAD', { note: '\ud800' }) }, ...events('C', 4)];
      expect(await f.store.append(bad)).toEqual([{ index: 3, error: expect.stringMatching(/refused/) }]);
      // Every character COPY escapes, in the message, a hot column and the document.
      const odd = 'a\u0000b\tc\\d\ne\rf\\N "q"';
      await f.store.append([{ tenantId: 'b', event: ev('NUL', { message: odd, 'user.name': odd, note: odd }) }]);
      await f.store.append(events('D', 5));
      const all = (await f.table.readAfter(LOG_START, 1000)).entries;
      expect(all.map((e) => e.event.id)).toEqual([...events('A', 7), ...events('B', 3), ...events('C', 4)].map((e) => e.event.id).concat('NUL', ...events('D', 5).map((e) => e.event.id)));
      const before = f.tableReads();
      for (const p of [LOG_START, ...all.map((e) => e.position)]) {
        for (const limit of [1, 3, 100]) expect(seen(await f.log.readAfter(p, limit))).toEqual(seen(await f.table.readAfter(p, limit)));
      }
      // Only the table-only log read the table.
      expect(f.tableReads() - before).toBe((all.length + 1) * 3);
    } finally {
      await f.close();
    }
  });

  it("does not skip another writer's rows between two of its batches", async () => {
    const f = await open();
    try {
      await f.store.append(events('A', 2));
      const a = await f.log.readAfter(LOG_START, 100);
      await f.db.pool.query(`INSERT INTO events (tenant_id, ts, id, message, doc) VALUES ('a', $1, 'OTHER', 'OTHER', '{"id":"OTHER"}')`, [DAY]);
      await f.store.append(events('B', 2));
      expect(ids(await f.log.readAfter(a.next, 100))).toEqual(['OTHER', 'B0', 'B1']);
      // And from inside the other writer's transaction on, the tail takes over again.
      const other = await f.log.readAfter(a.next, 1);
      expect(seen(await f.log.readAfter(other.next, 100))).toEqual(seen(await f.table.readAfter(other.next, 100)));
      // Caught up at the end of its newest batch, it still sees rows another writer committed after it.
      const b = await f.log.readAfter(other.next, 100);
      expect(await f.log.readAfter(b.next, 100)).toEqual({ entries: [], next: b.next });
      await f.db.pool.query(`INSERT INTO events (tenant_id, ts, id, message, doc) VALUES ('a', $1, 'LATER', 'LATER', '{"id":"LATER"}')`, [DAY]);
      expect(ids(await f.log.readAfter(b.next, 100))).toEqual(['LATER']);
    } finally {
      await f.close();
    }
  });

  it('does not skip an older transaction that commits after a later batch', async () => {
    const f = await open();
    try {
      await f.store.append(events('A', 1));
      const a = await f.log.readAfter(LOG_START, 100);
      const slow = await f.db.pool.connect();
      try {
        await slow.query('BEGIN');
        await slow.query(`INSERT INTO events (tenant_id, ts, id, message, doc) VALUES ('a', $1, 'SLOW', 'SLOW', '{"id":"SLOW"}')`, [DAY]);
        await f.store.append(events('B', 2));
        expect(ids(await f.log.readAfter(a.next, 100))).toEqual([]);
        await slow.query('COMMIT');
      } finally {
        slow.release();
      }
      expect(ids(await f.log.readAfter(a.next, 100))).toEqual(['SLOW', 'B0', 'B1']);
    } finally {
      await f.close();
    }
  });

  it('after a restart (empty tail) reads the backlog from the table and stays exact', async () => {
    const first = await open();
    const second = await open(new PostgresLogTail(1000), first.url);
    try {
      await first.store.append(events('A', 3));
      const checkpoint = (await first.log.readAfter(LOG_START, 2)).next;
      await first.store.append(events('B', 3));
      // The restarted process holds only what it wrote itself; the backlog before it is in the table.
      await second.store.append(events('C', 3));
      const tailed = await readAll(second.log, checkpoint, 2);
      expect(tailed.flatMap((b) => ids(b))).toEqual(['A2', 'B0', 'B1', 'B2', 'C0', 'C1', 'C2']);
      expect(tailed.map(seen)).toEqual((await readAll(second.table, checkpoint, 2)).map(seen));
    } finally {
      await second.close();
      await first.close();
    }
  });
});
