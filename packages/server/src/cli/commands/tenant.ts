/**
 * @module cli/commands/tenant
 * `vigil tenant add|list|rename|disable|enable|quota` on the local database, like `vigil user`.
 * Changes are audited with actor `cli`; a running server sees them within 10 s.
 */
import type { Command } from 'commander';
import { TenantService, publicTenant } from '../../tenancy/tenant-service.ts';
import { TenantsRepo } from '../../repos/tenants-repo.ts';
import { UsersRepo } from '../../repos/users-repo.ts';
import { utcDay } from '../../tenancy/tenant-quotas.ts';
import type { SqlDb } from '../../db/sql-db.ts';
import { withDb, exitWithError, auditCli } from '../context.ts';

/** "none" / "unlimited" / "" clear a quota; anything else must be a positive integer. */
function quotaArg(v: string | undefined): number | null | undefined {
  if (v === undefined) return undefined;
  if (['none', 'unlimited', 'off', ''].includes(v.toLowerCase())) return null;
  const n = Number(v);
  return Number.isInteger(n) ? n : (NaN as unknown as number);
}

/** Registers `tenant`. */
export function tenantCommand(program: Command): void {
  const cmd = program.command('tenant').description('manage tenants (on the local database)');
  const svc = (db: SqlDb) => new TenantService(new TenantsRepo(db), new UsersRepo(db));
  const run = <T>(fn: (db: SqlDb) => Promise<T>) => withDb(program.opts(), (db) => fn(db));
  cmd
    .command('add <slug>')
    .description('add a tenant (slug: a-z, 0-9, -); then add its owner with: vigil user add <name> --role owner --tenant <slug>')
    .option('--name <name>', 'display name (default: the slug)')
    .option('--max-events-per-day <n>', 'daily event quota (default: unlimited)')
    .option('--retention-days <n>', 'days events are kept (default: the global retention.days)')
    .action(async (slug: string, opts: { name?: string; maxEventsPerDay?: string; retentionDays?: string }) => {
      try {
        const t = await run(async (db) => {
          const created = await svc(db).create({ slug, name: opts.name, maxEventsPerDay: quotaArg(opts.maxEventsPerDay), retentionDays: quotaArg(opts.retentionDays) });
          await auditCli(db, created.id, 'tenant.create', created.id, { slug: created.slug });
          return created;
        });
        console.log(`added tenant ${t.slug} (${t.id})`);
      } catch (err) {
        exitWithError(err);
      }
    });
  cmd
    .command('list')
    .description('list tenants with quotas and usage today')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      try {
        const rows = await run(async (db) => {
          const repo = new TenantsRepo(db);
          const usage = await repo.usage(utcDay(Date.now()));
          return (await repo.list()).map((t) => publicTenant(t, usage.get(t.id) ?? { events: 0, rejected: 0 }));
        });
        if (opts.json) return console.log(JSON.stringify(rows, null, 2));
        const q = (v: unknown) => (v === null ? '-' : String(v));
        console.log('slug\tname\tstate\tmax events/day\tretention days\tevents today\trejected today');
        for (const t of rows as Array<{ slug: string; name: string; disabled: boolean; quotas: { maxEventsPerDay: number | null; retentionDays: number | null }; usageToday: { events: number; rejected: number } }>) {
          console.log(`${t.slug}\t${t.name}\t${t.disabled ? 'disabled' : 'active'}\t${q(t.quotas.maxEventsPerDay)}\t${q(t.quotas.retentionDays)}\t${t.usageToday.events}\t${t.usageToday.rejected}`);
        }
      } catch (err) {
        exitWithError(err);
      }
    });
  cmd
    .command('rename <slug> <new-slug>')
    .description('change a tenant\'s slug (update syslog.tenant / syslog.tenant_map that name it)')
    .option('--name <name>', 'also change the display name')
    .action(async (slug: string, next: string, opts: { name?: string }) => {
      try {
        await run(async (db) => {
          const t = await svc(db).update(slug, { slug: next, ...(opts.name ? { name: opts.name } : {}) });
          await auditCli(db, t.id, 'tenant.update', t.id, { slug: next, previous: slug });
        });
        console.log(`renamed ${slug} to ${next}`);
      } catch (err) {
        exitWithError(err);
      }
    });
  for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
    cmd
      .command(`${name} <slug>`)
      .description(disabled ? 'disable a tenant: its API keys and sessions stop working, its ingest is refused' : 'enable a disabled tenant')
      .action(async (slug: string) => {
        try {
          await run(async (db) => {
            const t = await svc(db).update(slug, { disabled });
            await auditCli(db, t.id, 'tenant.update', t.id, { disabled });
          });
          console.log(`${name}d ${slug}`);
        } catch (err) {
          exitWithError(err);
        }
      });
  }
  cmd
    .command('quota <slug>')
    .description('set quotas ("none" removes one)')
    .option('--max-events-per-day <n>', 'daily event quota')
    .option('--retention-days <n>', 'days events are kept')
    .action(async (slug: string, opts: { maxEventsPerDay?: string; retentionDays?: string }) => {
      try {
        const t = await run(async (db) => {
          const u = await svc(db).update(slug, { maxEventsPerDay: quotaArg(opts.maxEventsPerDay), retentionDays: quotaArg(opts.retentionDays) });
          await auditCli(db, u.id, 'tenant.update', u.id, { maxEventsPerDay: u.maxEventsPerDay, retentionDays: u.retentionDays });
          return u;
        });
        console.log(`${t.slug}: max events/day ${t.maxEventsPerDay ?? 'unlimited'}, retention ${t.retentionDays ?? 'global'} days`);
      } catch (err) {
        exitWithError(err);
      }
    });
}
