/**
 * @module db/sql-db
 * The relational database port. SQL is written once with `$1`-style placeholders and portable syntax
 * (RETURNING, ON CONFLICT, bigint epoch-ms timestamps, 0/1 booleans); each adapter adapts it.
 */

export type Dialect = 'sqlite' | 'postgres';

/** A row as returned by the database. */
export type Row = Record<string, unknown>;

/** A SQL database connection (pool). */
export interface SqlDb {
  readonly dialect: Dialect;
  /** All rows of a query. */
  all<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** The first row of a query, if any. */
  get<T = Row>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a statement; answers the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }>;
  /** Runs a script of several statements without parameters. */
  exec(sql: string): Promise<void>;
  /** Runs fn inside one transaction; commits when it resolves, rolls back when it throws. */
  tx<T>(fn: (db: SqlDb) => Promise<T>): Promise<T>;
  /** Checks the connection (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
