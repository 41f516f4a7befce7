/**
 * The dashboards repository on real SQLite and PostgreSQL databases: visibility (shared or own),
 * tenant scoping, replace, the home board upsert, and delete clearing homes.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { Panel } from '@vigil/contracts';
import { SqliteDb, openSqlite, migrate, PostgresDb, createPgPool, type SqlDb } from '../../src/db/index.ts';
import { DashboardsRepo, TenantsRepo } from '../../src/repos/index.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';
import { tempDir } from '../support/temp-dir.ts';

const panel: Panel = { id: 'p1', kind: 'top', title: 'Hosts', query: 'vigil.severity:>=high', from: '-24h', to: 'now', field: 'host.name', limit: 5, x: 0, y: 0, w: 6, h: 4 };

function suite(name: string, open: () => Promise<{ db: SqlDb; close: () => Promise<void> }>, skip = false): void {
  describe.skipIf(skip)(`dashboards on ${name}`, () => {
    let db: SqlDb;
    let close: () => Promise<void>;
    let repo: DashboardsRepo;
    let a = '';
    let b = '';
    let clock = 1_000;

    beforeAll(async () => {
      ({ db, close } = await open());
      await migrate(db);
      const tenants = new TenantsRepo(db);
      a = (await tenants.create('a', 'A')).id;
      b = (await tenants.create('b', 'B')).id;
      let n = 0;
      repo = new DashboardsRepo(db, { now: () => clock, newId: () => `d${++n}` });
    });
    afterAll(async () => close?.());

    it('lists shared boards and the user’s own, by name, inside the tenant', async () => {
      await repo.create(a, { id: 'u1', name: 'ana' }, { name: 'Zeta', description: '', shared: true, panels: [panel] });
      await repo.create(a, { id: 'u2', name: 'bob' }, { name: 'Bob private', description: '', shared: false, panels: [] });
      await repo.create(a, { id: 'u1', name: 'ana' }, { name: 'Alpha', description: 'mine', shared: false, panels: [] });
      await repo.create(b, { id: 'u9', name: 'eve' }, { name: 'Other tenant', description: '', shared: true, panels: [] });
      expect((await repo.listVisible(a, 'u1')).map((d) => d.name)).toEqual(['Alpha', 'Zeta']);
      expect((await repo.listVisible(a, 'u2')).map((d) => d.name)).toEqual(['Bob private', 'Zeta']);
      expect(await repo.count(a)).toBe(3);
      expect(await repo.get(b, 'd1')).toBeUndefined();
      expect(await repo.get(a, 'd1')).toMatchObject({ ownerName: 'ana', shared: true, panels: [panel], createdAt: 1000 });
    });

    it('replaces a board only in its tenant', async () => {
      clock = 2_000;
      expect(await repo.update(b, 'd1', { name: 'x', description: '', shared: false, panels: [] })).toBeUndefined();
      const u = await repo.update(a, 'd1', { name: 'Zeta 2', description: 'd', shared: false, panels: [{ ...panel, w: 12 }] });
      expect(u).toMatchObject({ name: 'Zeta 2', shared: false, updatedAt: 2000, createdAt: 1000, panels: [{ w: 12 }] });
    });

    it('keeps one home per user and clears it when its board is deleted', async () => {
      expect(await repo.home(a, 'u1')).toBeNull();
      await repo.setHome(a, 'u1', 'd1');
      await repo.setHome(a, 'u1', 'd3');
      await repo.setHome(a, 'u2', 'd3');
      await repo.setHome(b, 'u1', 'builtin:ingest-health');
      expect(await repo.home(a, 'u1')).toBe('d3');
      expect(await repo.home(b, 'u1')).toBe('builtin:ingest-health');
      expect(await repo.delete(b, 'd3')).toBe(false);
      expect(await repo.delete(a, 'd3')).toBe(true);
      expect(await repo.home(a, 'u1')).toBeNull();
      expect(await repo.home(a, 'u2')).toBeNull();
      await repo.setHome(b, 'u1', null);
      expect(await repo.home(b, 'u1')).toBeNull();
    });
  });
}

suite('sqlite', async () => {
  const d = tempDir();
  const db = new SqliteDb(openSqlite(join(d.path, 'd.db')));
  return { db, close: async () => (await db.close(), d.remove()) };
});
const pgUp = await postgresAvailable();
suite('postgres', async () => {
  const schema = await tempSchema('dashboards');
  const db = new PostgresDb(createPgPool(schema.url));
  return { db, close: async () => (await db.close(), await schema.drop()) };
}, !pgUp);
