/**
 * The SQLite reader threads: searches run on their own connections with a time budget counted from
 * the request; a reader that does not stop itself is replaced; errors come back as errors.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteReaderPool } from '../../src/storage/sqlite-reader-pool.ts';
import { DEADLINE_SQL } from '../../src/storage/query-deadline.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir();
const file = join(dir.path, 'r.db');
let pool: SqliteReaderPool;

/** 100 KB built per row over 40k rows: seconds of work, checked by the deadline every 1,021 rows. */
const CROSS = `SELECT count(*) AS n FROM events WHERE ${DEADLINE_SQL} AND length(printf('%.*c', 100000 + seq % 2, 'x')) > 0`;
/** Never ends, and never reaches the deadline check (only a JS function per row): the safety net must act. */
const ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE vigil_cidr('10.0.0.1', '10.0.0.0/8')) SELECT count(*) AS n FROM c";

async function settle(p: Promise<unknown>): Promise<{ ms: number; err?: { code?: string; message: string } }> {
  const t = performance.now();
  try {
    await p;
    return { ms: performance.now() - t };
  } catch (err) {
    return { ms: performance.now() - t, err: err as { code?: string; message: string } };
  }
}

beforeAll(async () => {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, v TEXT)');
  const ins = db.prepare('INSERT INTO events (v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 40_000; i++) ins.run(`v${i}`);
  })();
  db.close();
  pool = new SqliteReaderPool(file, 1);
  // A reader takes a few seconds to load on a busy machine; budgets below must not include that.
  await pool.ready();
}, 60_000);
afterAll(async () => {
  await pool.close();
  dir.remove();
});

describe('SqliteReaderPool', () => {
  it('answers reads from a reader thread', async () => {
    expect(await pool.run({ sql: 'SELECT count(*) AS n FROM events WHERE v GLOB ?', params: ['v1*'], mode: 'get' }, 5000)).toEqual({ n: 11_111 });
  });

  it('stops a query at its budget with VIGIL_ERR_QUERY_TIMEOUT', async () => {
    const r = await settle(pool.run({ sql: CROSS, params: [], mode: 'get' }, 300));
    expect(r.err?.code).toBe('VIGIL_ERR_QUERY_TIMEOUT');
    expect(r.ms).toBeGreaterThan(250);
    expect(r.ms).toBeLessThan(1500);
  });

  it('counts the budget from the request: queued searches do not wait longer than it', async () => {
    const started = performance.now();
    const all = await Promise.all([1, 2, 3].map(() => settle(pool.run({ sql: CROSS, params: [], mode: 'get' }, 400))));
    expect(all.map((r) => r.err?.code)).toEqual(['VIGIL_ERR_QUERY_TIMEOUT', 'VIGIL_ERR_QUERY_TIMEOUT', 'VIGIL_ERR_QUERY_TIMEOUT']);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('replaces a reader that does not stop itself, and keeps serving', async () => {
    const r = await settle(pool.run({ sql: ENDLESS, params: [], mode: 'get' }, 200));
    expect(r.err?.code).toBe('VIGIL_ERR_QUERY_TIMEOUT');
    expect(r.ms).toBeLessThan(4000);
    // The replacement loads first (seconds on a busy machine); the budget allows for that.
    expect(await pool.run({ sql: 'SELECT count(*) AS n FROM events', params: [], mode: 'get' }, 50_000)).toEqual({ n: 40_000 });
  }, 60_000);

  it('returns SQLite errors as errors and keeps the reader', async () => {
    const r = await settle(pool.run({ sql: 'SELECT nope FROM events', params: [], mode: 'all' }, 1000));
    expect(r.err?.message).toMatch(/no such column/);
    expect(await pool.run({ sql: 'SELECT 1 AS one', params: [], mode: 'get' }, 1000)).toEqual({ one: 1 });
  });

  it('opens the file read-only', async () => {
    const r = await settle(pool.run({ sql: "INSERT INTO events (v) VALUES ('x')", params: [], mode: 'all' }, 1000));
    expect(r.err?.message).toMatch(/readonly|read-only|does not return data/i);
  });

  it('answers VIGIL_ERR_UNAVAILABLE when a reader cannot start, instead of timing out', async () => {
    const broken = new SqliteReaderPool(join(dir.path, 'missing.db'), 1);
    try {
      const r = await settle(broken.run({ sql: 'SELECT 1', params: [], mode: 'get' }, 30_000));
      expect(r.err?.code).toBe('VIGIL_ERR_UNAVAILABLE');
      expect(r.err?.message).toMatch(/could not start/);
    } finally {
      await broken.close();
    }
  }, 60_000);
});
