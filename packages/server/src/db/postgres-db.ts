/**
 * @module db/postgres-db
 * SqlDb on a node-postgres pool. BIGINT comes back as a JS number (epoch-ms timestamps fit).
 */
import pg from 'pg';
import type { SqlDb, Row } from './sql-db.ts';

pg.types.setTypeParser(20, (v) => Number(v));

type Queryable = pg.Pool | pg.PoolClient;

function schemaOf(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('schema') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Creates a pool for a postgres:// URL. A `?schema=name` parameter sets the search_path (tests use it). */
export function createPgPool(url: string, max = 10): pg.Pool {
  const schema = schemaOf(url);
  const clean = new URL(url);
  clean.searchParams.delete('schema');
  const pool = new pg.Pool({ connectionString: clean.toString(), max, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  pool.on('error', () => {
    /* idle client errors surface on the next query */
  });
  return pool;
}

/** SqlDb over a pg pool (or one client inside a transaction). */
export class PostgresDb implements SqlDb {
  readonly dialect = 'postgres' as const;

  constructor(readonly pool: pg.Pool, private readonly client?: pg.PoolClient) {}

  private get q(): Queryable {
    return this.client ?? this.pool;
  }

  async all<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return (await this.q.query(sql, params as unknown[])).rows as T[];
  }

  async get<T = Row>(sql: string, params?: readonly unknown[]): Promise<T | undefined> {
    return (await this.q.query(sql, params as unknown[])).rows[0] as T | undefined;
  }

  async run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }> {
    return { changes: (await this.q.query(sql, params as unknown[])).rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    await this.q.query(sql);
  }

  async tx<T>(fn: (db: SqlDb) => Promise<T>): Promise<T> {
    if (this.client) return fn(this);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await fn(new PostgresDb(this.pool, client));
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async ping(): Promise<void> {
    await this.q.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (!this.client) await this.pool.end();
  }
}
