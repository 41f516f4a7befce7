/**
 * @module db/migrate
 * Applies pending migrations and reports what is pending.
 */
import type { SqlDb } from './sql-db.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

async function ensureTable(db: SqlDb): Promise<void> {
  await db.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ${db.dialect === 'postgres' ? 'BIGINT' : 'INTEGER'} NOT NULL)`,
  );
}

/** Migrations not yet applied to this database. */
export async function pendingMigrations(db: SqlDb, all: readonly Migration[] = MIGRATIONS): Promise<Migration[]> {
  await ensureTable(db);
  const done = new Set((await db.all<{ id: number }>('SELECT id FROM schema_migrations')).map((r) => Number(r.id)));
  return all.filter((m) => !done.has(m.id));
}

/** Applies every pending migration, each in its own transaction; answers the ones applied. */
export async function migrate(db: SqlDb, all: readonly Migration[] = MIGRATIONS, onApply?: (m: Migration) => void): Promise<Migration[]> {
  const pending = await pendingMigrations(db, all);
  for (const m of pending) {
    await db.tx(async (t) => {
      if (t.dialect === 'postgres') await t.exec('SELECT pg_advisory_xact_lock(7446681)');
      const again = await t.get('SELECT id FROM schema_migrations WHERE id = $1', [m.id]);
      if (again) return;
      await t.exec(m.sql[t.dialect]);
      await t.run('INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)', [m.id, m.name, Date.now()]);
    });
    onApply?.(m);
  }
  return pending;
}
