/**
 * @module cli/context
 * Shared CLI plumbing: loading config, opening the local database, printing errors that say what to do.
 */
import { hostname, userInfo } from 'node:os';
import { isVigilError } from '@vigil/contracts';
import { loadConfig, type Config } from '../config/index.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import type { SqlDb } from '../db/sql-db.ts';
import { TenantsRepo } from '../repos/tenants-repo.ts';
import { AuditRepo } from '../repos/audit-repo.ts';
import { VigilError } from '@vigil/contracts';

export interface GlobalOptions {
  config?: string;
}

/** Loads the config named by --config / VIGIL_CONFIG / ./vigil.yaml and the environment. */
export function cliConfig(opts: GlobalOptions): Config {
  return loadConfig({ file: opts.config });
}

/** A logger for CLI commands: warnings only, to stderr. */
export function cliLogger(): Logger {
  return createLogger(process.env.VIGIL_LOG_LEVEL ?? 'warn', process.stderr as never);
}

/** Runs fn with the local (migrated) database and the tenant id of a slug. */
export async function withDb<T>(opts: GlobalOptions & { tenant?: string }, fn: (db: SqlDb, tenantId: string) => Promise<T>): Promise<T> {
  const config = cliConfig(opts);
  // Loaded on use: the runtime pulls in the HTTP server, which `vigil --help` should not pay for.
  const { openMigratedDatabase } = await import('../app/runtime.ts');
  const db = await openMigratedDatabase(config, cliLogger());
  try {
    const slug = opts.tenant ?? 'default';
    const tenant = await new TenantsRepo(db).bySlug(slug);
    if (!tenant) throw new VigilError('VIGIL_ERR_NOT_FOUND', slug === 'default' ? 'No tenant "default". Start Vigil once (vigil start) to create it.' : `No tenant "${slug}". Add it with: vigil tenant add ${slug}`);
    return await fn(db, tenant.id);
  } finally {
    await db.close();
  }
}

/** Records a CLI action in the tenant's audit log: actor `cli`, with the local account and host instead of an address. */
export async function auditCli(db: SqlDb, tenantId: string, action: string, target?: string, details?: Record<string, unknown>): Promise<void> {
  let account = 'unknown';
  try {
    account = userInfo().username;
  } catch {
    /* no passwd entry (containers): keep "unknown" */
  }
  await new AuditRepo(db).record(tenantId, { actor: 'cli', action, target, details: { ...details, via: 'cli', account, host: hostname() } });
}

/** Prints an error for a person and exits non-zero. */
export function exitWithError(err: unknown): never {
  if (isVigilError(err)) {
    process.stderr.write(`error: ${err.message} (${err.code})\n`);
  } else {
    process.stderr.write(`error: ${(err as Error)?.message ?? String(err)}\n`);
  }
  process.exit(1);
}
