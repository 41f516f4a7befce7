/**
 * First-start credentials are per database: SQLite then PostgreSQL in the same data dir each get their
 * own file with working credentials; a file is never claimed unless written; the generated admin
 * password leaves the file once it has been changed.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startRuntime, type Runtime } from '../../src/app/runtime.ts';
import { readBootstrap } from '../../src/app/bootstrap.ts';
import { openDatabase, migrate } from '../../src/db/index.ts';
import { TenantsRepo } from '../../src/repos/tenants-repo.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';
import { NO_DEFAULT_PORTS } from '../support/process.ts';
import { tempDir } from '../support/temp-dir.ts';
import { Client } from '../support/server.ts';

const pgUp = await postgresAvailable();

function start(env: Record<string, string>): Promise<Runtime> {
  return startRuntime(loadConfig({ env: { ...NO_DEFAULT_PORTS, VIGIL_HTTP_PORT: '0', VIGIL_STORE_FLUSH_MS: '5', ...env } }), createLogger('silent'));
}

describe('bootstrap on SQLite', () => {
  let dir: ReturnType<typeof tempDir>;
  let rt: Runtime | undefined;
  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(async () => {
    await rt?.stop();
    dir.remove();
  });

  it('writes bootstrap.json naming its database, and forgets the generated password after the forced change', async () => {
    rt = await start({ VIGIL_DATA_DIR: dir.path });
    const file = join(dir.path, 'bootstrap.json');
    expect(rt.bootstrapFile).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const boot = readBootstrap(file)!;
    expect(boot.database).toBe(`sqlite:${join(dir.path, 'vigil.db')}`);
    const generated = boot.admin.password!;
    expect(generated).toMatch(/^[\w-]{20}$/);

    const c = new Client(rt.url);
    expect((await c.login('admin', generated)).status).toBe(200);
    expect((await c.req('POST', '/api/v1/auth/password', { body: { currentPassword: generated, newPassword: 'a-new-long-password-1' } })).status).toBe(200);
    const after = readBootstrap(file)!;
    expect(after.admin.password).toBeNull();
    expect(after.admin.note).toMatch(/no longer kept here/);
    expect(JSON.stringify(after)).not.toContain(generated);
    expect(after.ingestKey).toBe(boot.ingestKey);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await new Client(rt.url).login('admin', 'a-new-long-password-1')).status).toBe(200);
  });

  it('at start-up, forgets a password in the file that was changed while the server was down', async () => {
    await rt!.stop();
    rt = undefined;
    const file = join(dir.path, 'bootstrap.json');
    const boot = readBootstrap(file)!;
    writeFileSync(file, JSON.stringify({ ...boot, admin: { username: 'admin', password: 'an-old-password-123' } }), { mode: 0o600 });
    rt = await start({ VIGIL_DATA_DIR: dir.path });
    expect(rt.bootstrapFile).toBeNull();
    expect(readBootstrap(file)!.admin.password).toBeNull();
  });

  it('moves a stale file aside instead of claiming credentials it did not write', async () => {
    const fresh = tempDir();
    try {
      writeFileSync(join(fresh.path, 'bootstrap.json'), JSON.stringify({ admin: { username: 'admin', password: 'from-a-deleted-db' } }));
      const r = await start({ VIGIL_DATA_DIR: fresh.path, VIGIL_ADMIN_PASSWORD: 'fresh-admin-password' });
      try {
        expect(readBootstrap(join(fresh.path, 'bootstrap.json'))!.admin.password).toBe('fresh-admin-password');
        expect(readdirSync(fresh.path).filter((f) => /^bootstrap\.json\..*\.old$/.test(f))).toHaveLength(1);
      } finally {
        await r.stop();
      }
    } finally {
      fresh.remove();
    }
  });
});

describe.skipIf(!pgUp)('bootstrap on PostgreSQL after SQLite, same data dir', () => {
  let dir: ReturnType<typeof tempDir>;
  let schema: Awaited<ReturnType<typeof tempSchema>>;
  afterAll(async () => {
    await schema?.drop();
    dir?.remove();
  });

  it('writes a second file for the PostgreSQL database with credentials that work; bootstrap.json is untouched', async () => {
    dir = tempDir();
    schema = await tempSchema('boot');
    const sqlite = await start({ VIGIL_DATA_DIR: dir.path });
    await sqlite.stop();
    const sqliteBoot = readBootstrap(join(dir.path, 'bootstrap.json'));

    const db = openDatabase({ url: schema.url, dataDir: dir.path });
    await migrate(db);
    await db.close();
    const rt = await start({ VIGIL_DATA_DIR: dir.path, VIGIL_DATABASE_URL: schema.url });
    try {
      const file = join(dir.path, `bootstrap-postgres-test-${schema.name}.json`);
      expect(rt.bootstrapFile).toBe(file);
      const boot = readBootstrap(file)!;
      expect(boot.database).toBe(`postgres://postgres@127.0.0.1:5432/test?schema=${schema.name}`);
      expect(boot.admin.password).not.toBe(sqliteBoot!.admin.password);
      expect((await new Client(rt.url).login('admin', boot.admin.password!)).status).toBe(200);
      expect(readBootstrap(join(dir.path, 'bootstrap.json'))).toEqual(sqliteBoot);
    } finally {
      await rt.stop();
    }
  });

  it('refuses to start, creating nothing, when the credentials cannot be written', async () => {
    const s = await tempSchema('boot_ro');
    const holder = tempDir();
    const notADir = join(holder.path, 'a-file');
    writeFileSync(notADir, '');
    try {
      const db = openDatabase({ url: s.url, dataDir: notADir });
      await migrate(db);
      await expect(start({ VIGIL_DATA_DIR: notADir, VIGIL_DATABASE_URL: s.url })).rejects.toMatchObject({ code: 'VIGIL_ERR_CONFIG', message: expect.stringMatching(/Cannot write the first-start credentials.*VIGIL_DATA_DIR/) });
      expect(await new TenantsRepo(db).count()).toBe(0);
      await db.close();
      expect(existsSync(join(notADir, 'bootstrap.json'))).toBe(false);
    } finally {
      await s.drop();
      holder.remove();
    }
  });
});
