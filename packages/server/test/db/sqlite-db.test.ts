import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite, SqliteDb } from '../../src/db/sqlite-db.ts';

describe('SqliteDb transactions', () => {
  it('a BEGIN refused with SQLITE_BUSY releases the lock: later calls on the connection still run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-sqlitedb-'));
    try {
      const file = join(dir, 'x.db');
      const a = openSqlite(file);
      a.exec('CREATE TABLE t (x INTEGER)');
      const b = openSqlite(file);
      b.pragma('busy_timeout = 50');
      const db = new SqliteDb(b);
      // Another connection (the writer thread, in production) holds the write lock.
      a.exec('BEGIN IMMEDIATE');
      await expect(db.tx(async (t) => t.run('INSERT INTO t (x) VALUES (1)'))).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
      a.exec('COMMIT');
      // Before the fix this waited forever on the lock the failed BEGIN never released.
      const got = await Promise.race([db.tx(async (t) => (await t.run('INSERT INTO t (x) VALUES (2)')).changes), new Promise((r) => setTimeout(() => r('hung'), 2000))]);
      expect(got).toBe(1);
      expect(await db.get<{ c: number }>('SELECT count(*) AS c FROM t')).toEqual({ c: 1 });
      a.close();
      b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
