/**
 * Test support: a throwaway PostgreSQL schema per suite. Outside CI an unreachable server skips the
 * suite with a message; under CI (env CI set) it fails.
 */
import pg from 'pg';

export const PG_BASE_URL = process.env.VIGIL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** True when PostgreSQL answers; under CI an unreachable server throws instead. */
export async function postgresAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_BASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch (err) {
    if (process.env.CI) throw new Error(`PostgreSQL at ${PG_BASE_URL} is unreachable under CI: ${(err as Error).message}`);
    console.warn(`[skip] PostgreSQL tests skipped: ${PG_BASE_URL} unreachable (${(err as Error).message}). Start PostgreSQL or set VIGIL_TEST_DATABASE_URL.`);
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Creates a fresh schema; answers its URL (with ?schema=) and a function that drops it. */
export async function tempSchema(prefix = 't'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const c = new pg.Client({ connectionString: PG_BASE_URL });
  await c.connect();
  await c.query(`CREATE SCHEMA ${name}`);
  await c.end();
  const u = new URL(PG_BASE_URL);
  u.searchParams.set('schema', name);
  return {
    url: u.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: PG_BASE_URL });
      await d.connect();
      await d.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await d.end();
    },
  };
}
