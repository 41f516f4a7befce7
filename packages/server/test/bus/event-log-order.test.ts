/**
 * What makes a position safe beyond the shared suite: on PostgreSQL a transaction that commits late
 * never lands behind a position already read; on SQLite retention never lets a position be reused.
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { LOG_START, type VigilEvent } from '@vigil/contracts';
import { CommitSignal } from '../../src/bus/index.ts';
import { SqliteDb, PostgresDb, openSqlite, createPgPool, migrate } from '../../src/db/index.ts';
import { SqliteEventStore, SqliteEventLog, PostgresEventStore, PostgresEventLog } from '../../src/storage/index.ts';
import { tempDir } from '../support/temp-dir.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';

const pgUp = await postgresAvailable();
const ev = (id: string, ts = Date.UTC(2026, 0, 1)): VigilEvent => ({ id, '@timestamp': new Date(ts).toISOString(), 'event.ingested': new Date(ts).toISOString(), message: id });

describe.skipIf(!pgUp)('PostgreSQL event log', () => {
  it('holds back a transaction that committed early until an older one still running finishes', async () => {
    const schema = await tempSchema('elog');
    const db = new PostgresDb(createPgPool(schema.url));
    try {
      await migrate(db);
      const store = new PostgresEventStore(db.pool);
      const log = new PostgresEventLog(db.pool, new CommitSignal());
      await store.append([{ tenantId: 't', event: ev('E0') }]); // creates the partition outside the open transactions
      const slow = await db.pool.connect();
      await slow.query('BEGIN');
      await slow.query(`INSERT INTO events (tenant_id, ts, id, message, doc) VALUES ('t', $1, 'SLOW', 'SLOW', '{"id":"SLOW"}')`, [Date.UTC(2026, 0, 1)]);
      await store.append([{ tenantId: 't', event: ev('FAST') }]);
      const seen = await log.readAfter(LOG_START, 10);
      expect(seen.entries.map((e) => e.event.id)).toEqual(['E0']);
      await slow.query('COMMIT');
      slow.release();
      const rest = await log.readAfter(seen.next, 10);
      expect(rest.entries.map((e) => e.event.id)).toEqual(['SLOW', 'FAST']);
    } finally {
      await db.close();
      await schema.drop();
    }
  });
});

describe('SQLite event log', () => {
  it('never hands out a position twice, even when retention deleted every old event', async () => {
    const dir = tempDir();
    const db = new SqliteDb(openSqlite(join(dir.path, 'vigil.db')));
    try {
      await migrate(db);
      await db.run("INSERT INTO tenants (id, slug, name, created_at) VALUES ('t', 't', 'T', 0)");
      const store = new SqliteEventStore(db.raw);
      const log = new SqliteEventLog(db.raw, new CommitSignal());
      await store.append([1, 2, 3].map((i) => ({ tenantId: 't', event: ev(`OLD${i}`) })));
      const read = await log.readAfter(LOG_START, 10);
      await store.deleteBefore(Date.UTC(2030, 0, 1));
      await store.append([{ tenantId: 't', event: ev('NEW') }]);
      expect((await log.readAfter(read.next, 10)).entries.map((e) => e.event.id)).toEqual(['NEW']);
    } finally {
      await db.close();
      dir.remove();
    }
  });
});
