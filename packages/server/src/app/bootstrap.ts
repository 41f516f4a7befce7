/**
 * @module app/bootstrap
 * First start on an empty database: tenant `default`, platform owner `admin`, an ingest key, written once to a
 * credentials file in the data dir (mode 0600). The file is per database — `bootstrap.json` for the
 * default SQLite file, `bootstrap-postgres-<db>[-<schema>].json` for PostgreSQL — so pointing the same
 * data dir at a second database never hides the second set of credentials. Later starts leave
 * everything alone, except that the admin password is removed from the file once it has been changed.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { VigilError } from '@vigil/contracts';
import type { SqlDb } from '../db/sql-db.ts';
import { isPostgresUrl } from '../db/index.ts';
import { TenantsRepo } from '../repos/tenants-repo.ts';
import { UsersRepo } from '../repos/users-repo.ts';
import { SessionsRepo } from '../repos/sessions-repo.ts';
import { ApiKeysRepo } from '../repos/api-keys-repo.ts';
import { UserService } from '../auth/user-service.ts';
import { ApiKeyService } from '../auth/api-key-service.ts';
import { generatePassword } from '../auth/secrets.ts';
import { verifyPassword } from '../auth/passwords.ts';

/** isPostgresUrl without narrowing the other branch to `undefined`. */
const isPg = (url: string | undefined): boolean => isPostgresUrl(url);

export interface BootstrapFile {
  url: string;
  tenant: string;
  /** Which database these credentials belong to (no password), e.g. `sqlite:data/vigil.db`. */
  database?: string;
  /** The tenant's id, so the password is forgotten only for this admin. */
  tenantId?: string;
  /** `password` is null once the admin changed it; `note` then says so. */
  admin: { username: string; password: string | null; note?: string };
  ingestKey: string;
}

/** What a first start did. */
export interface BootstrapResult {
  file: string;
  /** An older file of the same name (from a database since recreated), moved aside to this path. */
  replaced: string | null;
}

/** The database a URL names, without credentials: `postgres://user@host:5432/db?schema=s` or `sqlite:<file>`. */
export function describeDatabase(url: string | undefined, dataDir: string): string {
  if (url && isPg(url)) {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  }
  return `sqlite:${url ? url.replace(/^sqlite:(\/\/)?/, '') : join(dataDir, 'vigil.db')}`;
}

/** The credentials file of a database in a data dir. */
export function bootstrapPath(dataDir: string, databaseUrl: string | undefined): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '_');
  if (databaseUrl && isPg(databaseUrl)) {
    const u = new URL(databaseUrl);
    const db = decodeURIComponent(u.pathname.replace(/^\//, '')) || u.username || 'postgres';
    const schema = u.searchParams.get('schema');
    return join(dataDir, `bootstrap-postgres-${safe(db)}${schema ? `-${safe(schema)}` : ''}.json`);
  }
  if (databaseUrl) return join(dataDir, `bootstrap-sqlite-${safe(basename(databaseUrl.replace(/^sqlite:(\/\/)?/, '')))}.json`);
  return join(dataDir, 'bootstrap.json');
}

/**
 * Reserves the file before anything is created, so a data dir we cannot write to stops start-up
 * instead of creating an admin whose password is printed nowhere.
 */
function reserve(file: string, dataDir: string): { fd: number; replaced: string | null } {
  let replaced: string | null = null;
  if (existsSync(file)) {
    // The database has no tenant, so this file's credentials belong to a database that is gone.
    replaced = `${file}.${new Date().toISOString().replace(/[:.]/g, '-')}.old`;
    renameSync(file, replaced);
  }
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    return { fd: openSync(file, 'wx', 0o600), replaced };
  } catch (err) {
    throw new VigilError('VIGIL_ERR_CONFIG', `Cannot write the first-start credentials to ${file}: ${(err as Error).message}. Make data_dir (VIGIL_DATA_DIR) writable by this user, or point it elsewhere.`, { key: 'data_dir' });
  }
}

/** Creates the first tenant, owner and ingest key when the database has no tenant. Answers what it wrote, or null. */
export async function bootstrap(db: SqlDb, opts: { dataDir: string; url: string; databaseUrl?: string; adminPassword?: string }): Promise<BootstrapResult | null> {
  const tenants = new TenantsRepo(db);
  if ((await tenants.count()) > 0) return null;
  const file = bootstrapPath(opts.dataDir, opts.databaseUrl);
  const { fd, replaced } = reserve(file, opts.dataDir);
  try {
    const tenant = await tenants.create('default', 'Default');
    const password = opts.adminPassword ?? generatePassword();
    const users = new UserService(new UsersRepo(db), new SessionsRepo(db));
    await users.create(tenant.id, { username: 'admin', password, role: 'platform_owner', mustChangePassword: !opts.adminPassword }, null);
    const { key } = await new ApiKeyService(new ApiKeysRepo(db)).create(tenant.id, { name: 'bootstrap ingest', scopes: ['ingest'] }, null);
    const body: BootstrapFile = { url: opts.url, tenant: 'default', database: describeDatabase(opts.databaseUrl, opts.dataDir), tenantId: tenant.id, admin: { username: 'admin', password }, ingestKey: key };
    writeSync(fd, `${JSON.stringify(body, null, 2)}\n`);
    closeSync(fd);
    return { file, replaced };
  } catch (err) {
    closeSync(fd);
    unlinkSync(file);
    throw err;
  }
}

/** Reads a credentials file, or null when there is none. */
export function readBootstrap(file: string): BootstrapFile | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BootstrapFile) : null;
}

/** Removes the admin password from the file once it is no longer the password (after the forced change). Answers whether it did. */
export function forgetBootstrapPassword(file: string, user: { tenantId: string; username: string }, now = new Date()): boolean {
  const boot = readBootstrap(file);
  if (!boot || boot.admin.password === null || boot.admin.username !== user.username || (boot.tenantId && boot.tenantId !== user.tenantId)) return false;
  boot.admin = { username: boot.admin.username, password: null, note: `The password was changed on ${now.toISOString()} and is no longer kept here. Lost it? Run: vigil user passwd ${boot.admin.username}` };
  writeFileSync(file, `${JSON.stringify(boot, null, 2)}\n`, { mode: 0o600 });
  return true;
}

/** At start-up: forgets a password in the file that no longer opens the admin account (changed while this code was not watching). */
export async function scrubStaleBootstrapPassword(db: SqlDb, file: string): Promise<boolean> {
  const boot = readBootstrap(file);
  if (!boot?.admin.password) return false;
  const user = (await new UsersRepo(db).byUsername(boot.admin.username, boot.tenantId || undefined))[0];
  if (!user || (boot.tenantId && user.tenantId !== boot.tenantId)) return false;
  if (await verifyPassword(user.passwordHash, boot.admin.password)) return false;
  return forgetBootstrapPassword(file, user);
}
