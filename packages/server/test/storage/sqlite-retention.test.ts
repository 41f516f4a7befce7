/**
 * Retention on SQLite as the server runs it (writer thread): old events go in 5,000-row statements on
 * the writer thread between its batches, and while events arrive fast each statement earns a pause
 * (the store's `retentionBusyShare`) so ingest keeps its rate.
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/storage/index.ts';
import { SqliteDb, openSqlite, migrate } from '../../src/db/index.ts';
import { TenantsRepo } from '../../src/repos/tenants-repo.ts';
import { tempDir } from '../support/temp-dir.ts';
import type { TenantEvent, VigilEvent } from '@vigil/contracts';

const OLD = Date.UTC(2020, 0, 1);
const CUTOFF = Date.UTC(2021, 0, 1);

const batch = (tenantId: string, n: number, tag: string, ts: number): TenantEvent[] =>
  Array.from({ length: n }, (_, i) => ({ tenantId, event: { '@timestamp': new Date(ts + i).toISOString(), id: `${tag}${String(i).padStart(8, '0')}`, message: `event ${i} `.repeat(20), 'user.name': `u${i % 50}` } as unknown as VigilEvent }));

/** A store with `old` events before the cutoff; `run` gets it and the tenant, then everything is closed. */
async function withStore(share: number, old: number, run: (store: SqliteEventStore, tenant: string) => Promise<void>): Promise<void> {
  const dir = tempDir();
  const db = new SqliteDb(openSqlite(join(dir.path, 'vigil.db')));
  await migrate(db);
  const store = new SqliteEventStore(db.raw, { writerThread: true, retentionBusyShare: share });
  try {
    const tenant = (await new TenantsRepo(db).create('a', 'A')).id;
    for (let k = 0; k * 5000 < old; k++) await store.append(batch(tenant, Math.min(5000, old - k * 5000), `old${k}-`, OLD + k * 5000));
    await run(store, tenant);
  } finally {
    await store.close();
    await db.close();
    dir.remove();
  }
}

/** Appends 2,000-event batches of new events back to back until `done()`; answers how many. */
async function appendWhile(store: SqliteEventStore, tenant: string, done: () => boolean): Promise<number> {
  let n = 0;
  while (!done()) {
    await store.append(batch(tenant, 2000, `new${n}-`, Date.now()));
    n += 2000;
  }
  return n;
}

describe('SQLite retention on the writer thread', () => {
  it('deletes every old event in chunks while batches are written, and no new one', async () => {
    await withStore(1, 17_000, async (store, tenant) => {
      let settled = false;
      const deleting = store.deleteBefore(CUTOFF).finally(() => (settled = true));
      const appended = await appendWhile(store, tenant, () => settled);
      expect(await deleting).toBe(17_000);
      expect(await store.count({ tenantId: tenant, query: null, to: CUTOFF })).toBe(0);
      expect(await store.count({ tenantId: tenant, query: null, from: CUTOFF })).toBe(appended);
    });
  }, 120_000);

  it('pauses between chunks while events arrive fast, and runs them back to back when ingest is idle', async () => {
    const timed = async (share: number, withIngest: boolean) => {
      let ms = 0;
      await withStore(share, 10_000, async (store, tenant) => {
        // Ingest under way for a second first: the job sees the arrival rate of the last second.
        let stop = false;
        const ingest = withIngest ? appendWhile(store, tenant, () => stop) : null;
        await new Promise((r) => setTimeout(r, 1000));
        const t0 = performance.now();
        const deleted = await store.deleteBefore(CUTOFF);
        ms = performance.now() - t0;
        stop = true;
        await ingest;
        expect(deleted).toBe(10_000);
      });
      return ms;
    };
    // At a 2 % share each 5,000-row statement earns 49x its own time of pause while ingest runs.
    const paced = await timed(0.02, true);
    const unpaced = await timed(1, true);
    const idle = await timed(0.02, false);
    expect(paced).toBeGreaterThan(3 * unpaced);
    expect(paced).toBeGreaterThan(3 * idle);
  }, 120_000);
});
