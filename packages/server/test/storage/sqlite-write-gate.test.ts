import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/storage/index.ts';
import { SqliteDb, openSqlite, migrate } from '../../src/db/index.ts';
import { TenantsRepo } from '../../src/repos/tenants-repo.ts';
import { tempDir } from '../support/temp-dir.ts';
import type { TenantEvent, VigilEvent } from '@vigil/contracts';

const batch = (tenantId: string, n: number, tag: string): TenantEvent[] =>
  Array.from({ length: n }, (_, i) => ({ tenantId, event: { '@timestamp': '2026-01-01T00:00:00.000Z', id: `${tag}${String(i).padStart(8, '0')}`, message: `event ${i} `.repeat(20), 'user.name': `u${i % 50}` } as unknown as VigilEvent }));

describe('the main connection writes between the writer thread transactions', () => {
  it('with the gate, writes on the process connection never meet SQLite busy while batches are written', async () => {
    const dir = tempDir();
    const db = new SqliteDb(openSqlite(join(dir.path, 'vigil.db')));
    try {
      await migrate(db);
      const tenant = (await new TenantsRepo(db).create('a', 'A')).id;
      const store = new SqliteEventStore(db.raw, { writerThread: true });
      db.setWriteGate((fn) => store.exclusive(fn));
      // No busy wait at all: without the gate, any write overlapping a batch fails at once with SQLITE_BUSY.
      db.raw.pragma('busy_timeout = 0');
      await db.exec('CREATE TABLE side (n INTEGER)');
      const appends = Promise.all(Array.from({ length: 6 }, (_, k) => store.append(batch(tenant, 20_000, `b${k}`))));
      let done = false;
      void appends.finally(() => (done = true));
      // A plain write and a transaction (what checkpoints and alerts do) every few ms while batches are written.
      const writes: Promise<unknown>[] = [];
      let k = 0;
      while (!done) {
        writes.push(db.run('INSERT INTO side (n) VALUES ($1)', [k]));
        writes.push(db.tx(async (t) => t.run('INSERT INTO side (n) VALUES ($1)', [k])));
        k++;
        await new Promise((r) => setTimeout(r, 3));
      }
      await appends;
      const settled = await Promise.allSettled(writes);
      expect(settled.filter((s) => s.status === 'rejected').map((s) => String((s as PromiseRejectedResult).reason))).toEqual([]);
      expect(await db.get<{ c: number }>('SELECT count(*) AS c FROM side')).toEqual({ c: 2 * k });
      expect(await store.count({ tenantId: tenant, query: null })).toBe(120_000);
      await store.close();
    } finally {
      db.setWriteGate(null);
      await db.close();
      dir.remove();
    }
  }, 120_000);
  it('execute runs one statement on the writer thread while batches are written, binding $n by number', async () => {
    const dir = tempDir();
    const db = new SqliteDb(openSqlite(join(dir.path, 'vigil.db')));
    try {
      await migrate(db);
      const tenant = (await new TenantsRepo(db).create('a', 'A')).id;
      const store = new SqliteEventStore(db.raw, { writerThread: true });
      await db.exec('CREATE TABLE side (a TEXT, b INTEGER, n INTEGER)');
      const first = store.append(batch(tenant, 5000, 'x'));
      // Parameters out of order and repeated: each $n binds its own value.
      const side = store.execute('INSERT INTO side (a, b, n) VALUES ($2, $1, length($2) + $1)', [7, 'seven']);
      await Promise.all([first, side]);
      expect(await db.get('SELECT a, b, n FROM side')).toEqual({ a: 'seven', b: 7, n: 12 });
      expect(await store.count({ tenantId: tenant, query: null })).toBe(5000);
      await store.close();
    } finally {
      await db.close();
      dir.remove();
    }
  });
});
