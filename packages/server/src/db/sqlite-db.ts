/**
 * @module db/sqlite-db
 * SqlDb on better-sqlite3: one connection, WAL. Transactions hold a lock so other callers wait
 * rather than interleave at an await. With a write gate (the store's writer thread sets one), writes
 * wait — asynchronously — until the other connection holds no transaction, instead of sleeping in
 * SQLite's busy handler on the event loop.
 */
import Database from 'better-sqlite3';
import type { SqlDb, Row } from './sql-db.ts';

type Params = Record<string, unknown>;

/** Runs a write while no other connection of this process holds SQLite's write lock. */
export type WriteGate = <T>(fn: () => Promise<T>) => Promise<T>;

function toNamed(sql: string): string {
  return sql.replace(/\$(\d+)/g, '@p$1');
}

function bind(params: readonly unknown[] | undefined): Params {
  const out: Params = {};
  if (!params) return out;
  params.forEach((v, i) => {
    out[`p${i + 1}`] = typeof v === 'boolean' ? (v ? 1 : 0) : v === undefined ? null : v;
  });
  return out;
}

/** Opens a SQLite database file (or `:memory:`) with the pragmas Vigil relies on. */
export function openSqlite(file: string, opts: { synchronous?: 'normal' | 'full' } = {}): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${opts.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  // Checkpoint less often than every 1000 pages: a 5k-event commit crossed that each time, so every
  // commit also copied pages into the database file.
  db.pragma('wal_autocheckpoint = 10000');
  return db;
}

/** SqlDb over an open better-sqlite3 handle. */
export class SqliteDb implements SqlDb {
  readonly dialect = 'sqlite' as const;
  private lock: Promise<void> = Promise.resolve();
  private readonly cache = new Map<string, Database.Statement>();
  private gate: WriteGate | null = null;

  constructor(readonly raw: Database.Database, private readonly inTx = false) {}

  /** Routes this connection's writes through `gate` (null: direct). */
  setWriteGate(gate: WriteGate | null): void {
    this.gate = gate;
  }

  /** A write statement outside a transaction, through the gate when there is one. */
  private write<T>(s: Database.Statement, fn: () => T): T | Promise<T> {
    return !s.reader && this.gate && !this.inTx ? this.gate(async () => fn()) : fn();
  }

  private stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.raw.prepare(toNamed(sql));
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(sql, s);
    }
    return s;
  }

  private async wait(): Promise<void> {
    if (!this.inTx) await this.lock;
  }

  async all<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    await this.wait();
    const s = this.stmt(sql);
    return (await this.write(s, () => (s.reader ? s.all(bind(params)) : (s.run(bind(params)), [])))) as T[];
  }

  async get<T = Row>(sql: string, params?: readonly unknown[]): Promise<T | undefined> {
    await this.wait();
    const s = this.stmt(sql);
    return (await this.write(s, () => (s.reader ? s.get(bind(params)) : (s.run(bind(params)), undefined)))) as T | undefined;
  }

  async run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }> {
    await this.wait();
    const s = this.stmt(sql);
    if (s.reader) {
      s.all(bind(params));
      return { changes: 0 };
    }
    return this.write(s, () => ({ changes: s.run(bind(params)).changes }));
  }

  async exec(sql: string): Promise<void> {
    await this.wait();
    if (this.gate && !this.inTx) await this.gate(async () => this.raw.exec(sql));
    else this.raw.exec(sql);
  }

  async tx<T>(fn: (db: SqlDb) => Promise<T>): Promise<T> {
    if (this.inTx) return fn(this);
    const prev = this.lock;
    let release!: () => void;
    this.lock = new Promise<void>((r) => (release = r));
    await prev;
    const child = new SqliteDb(this.raw, true);
    const run = async () => {
      try {
        // Inside the try: a BEGIN that fails (SQLITE_BUSY past busy_timeout) must still release the
        // lock, or every later call on this connection waits forever.
        this.raw.exec('BEGIN IMMEDIATE');
        const out = await fn(child);
        this.raw.exec('COMMIT');
        return out;
      } catch (err) {
        if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
        throw err;
      }
    };
    try {
      return await (this.gate ? this.gate(run) : run());
    } finally {
      release();
    }
  }

  async ping(): Promise<void> {
    this.raw.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    await this.lock;
    if (this.raw.open) this.raw.close();
  }
}
