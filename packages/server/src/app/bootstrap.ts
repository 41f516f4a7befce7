/**
 * @module app/bootstrap
 * First start on an empty database: tenant `default`, owner `admin`, an ingest key, written once to
 * `<data dir>/bootstrap.json` (mode 0600). Later starts leave everything alone.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlDb } from '../db/sql-db.ts';
import { TenantsRepo } from '../repos/tenants-repo.ts';
import { UsersRepo } from '../repos/users-repo.ts';
import { SessionsRepo } from '../repos/sessions-repo.ts';
import { ApiKeysRepo } from '../repos/api-keys-repo.ts';
import { UserService } from '../auth/user-service.ts';
import { ApiKeyService } from '../auth/api-key-service.ts';
import { generatePassword } from '../auth/secrets.ts';

export interface BootstrapFile {
  url: string;
  tenant: string;
  admin: { username: string; password: string };
  ingestKey: string;
}

/** Creates the first tenant, owner and ingest key when the database has no tenant. Answers the file path when it wrote one. */
export async function bootstrap(db: SqlDb, opts: { dataDir: string; url: string; adminPassword?: string }): Promise<string | null> {
  const tenants = new TenantsRepo(db);
  if ((await tenants.count()) > 0) return null;
  const tenant = await tenants.create('default', 'Default');
  const password = opts.adminPassword ?? generatePassword();
  const users = new UserService(new UsersRepo(db), new SessionsRepo(db));
  await users.create(tenant.id, { username: 'admin', password, role: 'owner', mustChangePassword: !opts.adminPassword }, null);
  const { key } = await new ApiKeyService(new ApiKeysRepo(db)).create(tenant.id, { name: 'bootstrap ingest', scopes: ['ingest'] }, null);
  const file = join(opts.dataDir, 'bootstrap.json');
  const body: BootstrapFile = { url: opts.url, tenant: 'default', admin: { username: 'admin', password }, ingestKey: key };
  mkdirSync(opts.dataDir, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return file;
}
