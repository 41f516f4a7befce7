import { describe, it, expect } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describeMetricStore } from './metric-store-conformance.ts';
import { SqliteDb, openSqlite, migrate } from '../../src/db/index.ts';
import { SqliteMetricStore, ThreadedSqliteMetricStore, metricsFileOf, openMetricStore } from '../../src/timeseries/index.ts';
import { tempDir } from '../support/temp-dir.ts';

describeMetricStore('SQLite file', async () => {
  const dir = tempDir();
  const db = new SqliteDb(openSqlite(join(dir.path, 'vigil.db')));
  await migrate(db);
  return {
    store: new SqliteMetricStore(db),
    reopen: () => new SqliteMetricStore(db),
    close: async () => {
      await db.close();
      dir.remove();
    },
  };
});

describeMetricStore('SQLite metrics file on a worker thread', async () => {
  const dir = tempDir();
  const file = join(dir.path, 'vigil-metrics.db');
  const store = new ThreadedSqliteMetricStore(file);
  await store.ready;
  const others: ThreadedSqliteMetricStore[] = [];
  return {
    store,
    reopen: () => {
      const s = new ThreadedSqliteMetricStore(file);
      others.push(s);
      return s;
    },
    close: async () => {
      await Promise.all([store, ...others].map((s) => s.close()));
      dir.remove();
    },
  };
});

describe('the SQLite metrics file', () => {
  it('sits beside the main database and is what openMetricStore gives a file database', async () => {
    expect(metricsFileOf('/var/lib/vigil/vigil.db')).toBe('/var/lib/vigil/vigil-metrics.db');
    expect(metricsFileOf('/data/other.sqlite')).toBe('/data/other-metrics.db');
    const dir = tempDir();
    const db = new SqliteDb(openSqlite(join(dir.path, 'vigil.db')));
    await migrate(db);
    const store = openMetricStore(db);
    try {
      expect(store).toBeInstanceOf(ThreadedSqliteMetricStore);
      await store.write([{ tenantId: 't', sourceKind: 'host', sourceId: 'h', name: 'cpu.load_pct', labels: {}, ts: 1000, value: 1 }]);
      // Private like the main database: host metrics are nobody else's business.
      expect(statSync(join(dir.path, 'vigil-metrics.db')).mode & 0o777).toBe(0o600);
      // Nothing in the main database: the event writer's lock is never taken for metrics.
      expect(db.raw.prepare('SELECT count(*) AS n FROM metric_points').get()).toEqual({ n: 0 });
    } finally {
      await store.close();
      await db.close();
      dir.remove();
    }
    const mem = new SqliteDb(openSqlite(':memory:'));
    await migrate(mem);
    expect(openMetricStore(mem)).toBeInstanceOf(SqliteMetricStore);
    await mem.close();
  });

  it('moves points an older version kept in the main database into the file, once', async () => {
    const dir = tempDir();
    const main = join(dir.path, 'vigil.db');
    const db = new SqliteDb(openSqlite(main));
    await migrate(db);
    const old = new SqliteMetricStore(db);
    const s = { tenantId: 't', sourceKind: 'device', sourceId: 'd', labels: { ifIndex: '1' } };
    await old.write([{ ...s, name: 'if.in_bps', ts: 1000, value: 5 }, { ...s, name: 'if.in_bps', ts: 2000, value: 7 }, { ...s, name: 'cpu.load_pct', labels: {}, ts: 1000, value: 50 }]);
    const store = new ThreadedSqliteMetricStore(metricsFileOf(main), { legacyFile: main });
    try {
      expect(await store.ready).toBe(3);
      const r = await store.query({ tenantId: 't', sourceKind: 'device', sourceId: 'd', from: 0, to: 10_000, step: 0 });
      expect(r.map((x) => [x.name, x.points.map((p) => p.value)])).toEqual([['cpu.load_pct', [50]], ['if.in_bps', [5, 7]]]);
      expect(db.raw.prepare('SELECT (SELECT count(*) FROM metric_points) + (SELECT count(*) FROM metric_series) AS n').get()).toEqual({ n: 0 });
      // New series continue after the moved ids.
      await store.write([{ ...s, name: 'if.out_bps', ts: 3000, value: 1 }]);
      expect((await store.latest('t', 'device', 'd')).map((l) => l.name).sort()).toEqual(['cpu.load_pct', 'if.in_bps', 'if.out_bps']);
    } finally {
      await store.close();
    }
    const again = new ThreadedSqliteMetricStore(metricsFileOf(main), { legacyFile: main });
    expect(await again.ready).toBe(0);
    expect((await again.latest('t', 'device', 'd')).length).toBe(3);
    await again.close();
    await db.close();
    dir.remove();
  });

  it('refuses calls with a coded error once closed', async () => {
    const dir = tempDir();
    const store = new ThreadedSqliteMetricStore(join(dir.path, 'm.db'));
    await store.close();
    await expect(store.latest('t', 'host', 'h')).rejects.toMatchObject({ code: 'VIGIL_ERR_UNAVAILABLE' });
    dir.remove();
  });
});
