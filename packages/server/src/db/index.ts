/**
 * @module db
 * Opening the configured database: SQLite file by default, PostgreSQL for postgres:// URLs.
 */
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlDb } from './sql-db.ts';
import { SqliteDb, openSqlite } from './sqlite-db.ts';
import { PostgresDb, createPgPool } from './postgres-db.ts';

export * from './sql-db.ts';
export * from './migrate.ts';
export { SqliteDb, openSqlite, PostgresDb, createPgPool };

/** True when the URL selects PostgreSQL. */
export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

/** Opens the database named by the config (SQLite in data dir unless database.url is postgres://). */
export function openDatabase(opts: { url?: string; dataDir: string; synchronous?: 'normal' | 'full' }): SqlDb {
  if (isPostgresUrl(opts.url)) return new PostgresDb(createPgPool(opts.url));
  let file = join(opts.dataDir, 'vigil.db');
  if (opts.url) file = String(opts.url).replace(/^sqlite:(\/\/)?/, '');
  if (file !== ':memory:') {
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    privateFiles(file);
  }
  return new SqliteDb(openSqlite(file, { synchronous: opts.synchronous }));
}

/**
 * The database holds every event and the password hashes (the metrics file: every host's metrics):
 * only its owner may read it. Creates the
 * file 0600 before SQLite opens it (SQLite gives -wal and -shm the database file's mode) and
 * tightens files an older version left readable by others.
 */
export function privateFiles(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if (statSync(f).mode & 0o077) chmodSync(f, 0o600);
    } catch {
      /* -wal / -shm do not exist yet */
    }
  }
}
