/**
 * The digest schedules repository on real SQLite and PostgreSQL databases: save and replace, names
 * unique per tenant, due schedules by next run (disabled ones never), tenant scoping, delete.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { SqliteDb, openSqlite, migrate, PostgresDb, createPgPool, type SqlDb } from '../../src/db/index.ts';
import { TenantsRepo } from '../../src/repos/index.ts';
import { ReportSchedulesRepo, type StoredSchedule } from '../../src/reports/index.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';
import { tempDir } from '../support/temp-dir.ts';

function suite(name: string, open: () => Promise<{ db: SqlDb; close: () => Promise<void> }>, skip = false): void {
  describe.skipIf(skip)(`report schedules on ${name}`, () => {
    let db: SqlDb;
    let close: () => Promise<void>;
    let repo: ReportSchedulesRepo;
    let a = '';
    let b = '';
    const schedule = (tenantId: string, id: string, name: string, nextRunAt: string | null, enabled = true): StoredSchedule => ({
      id, tenantId, name, enabled, cadence: 'daily', timeOfDay: '08:00', timezone: 'UTC', weekday: 'monday', channelIds: ['c1'], lastRunAt: null, nextRunAt, lastDeliveries: [], createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z',
    });

    beforeAll(async () => {
      ({ db, close } = await open());
      await migrate(db);
      const tenants = new TenantsRepo(db);
      a = (await tenants.create('a', 'A')).id;
      b = (await tenants.create('b', 'B')).id;
      repo = new ReportSchedulesRepo(db);
    });
    afterAll(async () => close?.());

    it('saves, replaces and keeps names unique per tenant', async () => {
      await repo.save(schedule(a, 's1', 'Morning', '2026-12-02T08:00:00.000Z'));
      await repo.save(schedule(b, 's2', 'Morning', '2026-12-02T07:00:00.000Z'));
      await expect(repo.save(schedule(a, 's3', 'Morning', null))).rejects.toMatchObject({ code: 'VIGIL_ERR_CONFLICT' });
      await repo.save({ ...schedule(a, 's1', 'Morning', '2026-12-02T08:00:00.000Z'), lastRunAt: '2026-12-01T08:00:00.000Z', lastDeliveries: [{ channelId: 'c1', ok: true, deliveryId: 'd1', reason: null }] });
      expect(await repo.get(a, 's1')).toMatchObject({ lastRunAt: '2026-12-01T08:00:00.000Z', lastDeliveries: [{ channelId: 'c1', ok: true }] });
      expect((await repo.list(a)).map((s) => s.id)).toEqual(['s1']);
      await expect(repo.get(b, 's1')).rejects.toMatchObject({ code: 'VIGIL_ERR_NOT_FOUND' });
    });

    it('answers enabled schedules due by next run, oldest first', async () => {
      await repo.save(schedule(a, 's4', 'Off', '2026-12-01T00:00:00.000Z', false));
      expect((await repo.due(Date.parse('2026-12-02T06:59:59Z'))).map((s) => s.id)).toEqual([]);
      expect((await repo.due(Date.parse('2026-12-02T09:00:00Z'))).map((s) => s.id)).toEqual(['s2', 's1']);
      await repo.save(schedule(b, 's2', 'Morning', '2026-12-03T07:00:00.000Z'));
      expect((await repo.due(Date.parse('2026-12-02T09:00:00Z'))).map((s) => s.id)).toEqual(['s1']);
    });

    it('deletes within the tenant only', async () => {
      await expect(repo.delete(b, 's1')).rejects.toMatchObject({ code: 'VIGIL_ERR_NOT_FOUND' });
      await repo.delete(a, 's1');
      expect((await repo.list(a)).map((s) => s.id)).toEqual(['s4']);
    });
  });
}

suite('sqlite', async () => {
  const d = tempDir();
  const db = new SqliteDb(openSqlite(join(d.path, 'r.db')));
  return { db, close: async () => (await db.close(), d.remove()) };
});
const pgUp = await postgresAvailable();
suite('postgres', async () => {
  const schema = await tempSchema('reports');
  const db = new PostgresDb(createPgPool(schema.url));
  return { db, close: async () => (await db.close(), await schema.drop()) };
}, !pgUp);
