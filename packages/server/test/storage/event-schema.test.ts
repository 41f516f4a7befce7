/**
 * The event schema in contracts is the one catalogue of hot columns: after every migration, the
 * `events` table of a real SQLite file and a real PostgreSQL schema has exactly those columns with
 * those types (plus tenant_id, doc and the event log's position columns), and the row builder fills them in that order.
 */
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { HOT_FIELDS, type VigilEvent } from '@vigil/contracts';
import { SqliteDb, openSqlite, PostgresDb, createPgPool, migrate } from '../../src/db/index.ts';
import { ROW_COLUMNS, toRow } from '../../src/storage/event-row.ts';
import { tempDir } from '../support/temp-dir.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';

const available = await postgresAvailable();

describe('event schema', () => {
  it('ROW_COLUMNS and toRow follow HOT_FIELDS', () => {
    expect(ROW_COLUMNS).toEqual(['tenant_id', ...HOT_FIELDS.map((h) => h.column), 'doc']);
    const e = { id: 'x1', '@timestamp': '2026-01-01T00:00:00.000Z', 'event.ingested': '2026-01-01T00:00:00.000Z', message: 'm', 'vigil.severity': 'high', 'source.ip': '10.0.0.1', 'host.name': 'h' } as VigilEvent;
    const row = toRow('t', e);
    const at = (col: string) => row[ROW_COLUMNS.indexOf(col)];
    expect([at('tenant_id'), at('ts'), at('id'), at('severity'), at('source_ip'), at('host_name'), at('message'), at('dataset')]).toEqual(['t', Date.parse('2026-01-01T00:00:00.000Z'), 'x1', 3, '10.0.0.1', 'h', 'm', null]);
    expect(JSON.parse(at('doc') as string)).not.toHaveProperty('message');
  });

  it('the migrated SQLite events table matches the schema', async () => {
    const dir = tempDir();
    const db = new SqliteDb(openSqlite(join(dir.path, 'vigil.db')));
    try {
      await migrate(db);
      const cols = db.raw.prepare(`SELECT name, type, "notnull" AS nn FROM pragma_table_info('events') WHERE name NOT IN ('seq', 'tenant_id', 'doc') ORDER BY cid`).all() as { name: string; type: string; nn: number }[];
      expect(cols).toEqual(HOT_FIELDS.map((h) => ({ name: h.column, type: h.sqlite, nn: h.notNull ? 1 : 0 })));
    } finally {
      await db.close();
      dir.remove();
    }
  });

  it.skipIf(!available)('the migrated PostgreSQL events table matches the schema', async () => {
    const schema = await tempSchema('schema');
    const db = new PostgresDb(createPgPool(schema.url));
    try {
      await migrate(db);
      const { rows } = await db.pool.query<{ name: string; type: string; nn: boolean }>(
        `SELECT a.attname AS name, upper(format_type(a.atttypid, a.atttypmod)) AS type, a.attnotnull AS nn FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
         WHERE c.relname = 'events' AND c.relnamespace = current_schema()::regnamespace AND a.attnum > 0 AND NOT a.attisdropped AND a.attname NOT IN ('tenant_id', 'doc', 'log_xid', 'log_seq') ORDER BY a.attnum`,
      );
      expect(rows).toEqual(HOT_FIELDS.map((h) => ({ name: h.column, type: h.postgres, nn: !!h.notNull })));
    } finally {
      await db.close();
      await schema.drop();
    }
  });
});
