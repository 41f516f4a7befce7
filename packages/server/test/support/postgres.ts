/**
 * Test support, the one place for PostgreSQL in tests and benchmarks: a throwaway schema per suite.
 * Outside CI an unreachable server skips the suite with a message; under CI (env CI set) it fails.
 */
import pg from 'pg';

export const PG_BASE_URL = process.env.VIGIL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Why PostgreSQL at baseUrl cannot be used, or null when it answers. */
export async function pgUnreachable(baseUrl = PG_BASE_URL): Promise<string | null> {
  const c = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** True when PostgreSQL answers; under CI an unreachable server throws instead. */
export async function postgresAvailable(): Promise<boolean> {
  const why = await pgUnreachable();
  if (why === null) return true;
  if (process.env.CI) throw new Error(`PostgreSQL at ${PG_BASE_URL} is unreachable under CI: ${why}`);
  console.warn(`[skip] PostgreSQL tests skipped: ${PG_BASE_URL} unreachable (${why}). Start PostgreSQL or set VIGIL_TEST_DATABASE_URL.`);
  return false;
}

/** Creates a fresh schema; answers its name, its URL (with ?schema=) and a function that drops it (idempotent). */
export async function tempSchema(prefix = 't', baseUrl = PG_BASE_URL): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const c = new pg.Client({ connectionString: baseUrl });
  await c.connect();
  await c.query(`CREATE SCHEMA ${name}`);
  await c.end();
  const u = new URL(baseUrl);
  u.searchParams.set('schema', name);
  let dropped = false;
  return {
    name,
    url: u.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      const d = new pg.Client({ connectionString: baseUrl });
      await d.connect();
      await d.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await d.end();
    },
  };
}
