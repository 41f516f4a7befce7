/**
 * @module cli/commands/agents
 * `vigil agents token create|list|revoke` and `vigil agents list|revoke` on the local database, like
 * `vigil apikey` (audited with actor `cli`). `token create` prints the token and then the install
 * one-liner alone on the last line. A running server honours a CLI revoke within 5 s (its host status
 * sweep clears its credential cache); the API's revoke is immediate.
 */
import type { Command } from 'commander';
import { hostStatus } from '@vigil/core';
import type { SqlDb } from '../../db/sql-db.ts';
import { EnrollmentService, publicToken } from '../../agents/enrollment-service.ts';
import { EnrollmentTokensRepo } from '../../agents/enrollment-tokens-repo.ts';
import { HostsRepo } from '../../agents/hosts-repo.ts';
import { newId } from '../../app/ids.ts';
import { withDb, exitWithError, auditCli, cliConfig } from '../context.ts';

const collect = (v: string, prev: string[]) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

/** Registers `agents`. */
export function agentsCommand(program: Command): void {
  const cmd = program.command('agents').description('host agents: enrollment tokens and enrolled hosts (on the local database)');
  const enrollment = (db: SqlDb) => {
    const hosts = new HostsRepo(db);
    return new EnrollmentService(db, new EnrollmentTokensRepo(db), hosts, { now: Date.now, newId, agentConfig: () => ({ metricsIntervalS: 10, heartbeatIntervalS: 30, snapshotIntervalS: 60, commandWaitS: 25, maxBatchBytes: 8 << 20 }) });
  };
  const token = cmd.command('token').description('enrollment tokens: a host enrolls with one (vigil-agent enroll --token …)');
  token
    .command('create')
    .description('mint a token; prints it once, then the install one-liner alone on the last line')
    .option('--ttl <duration>', 'how long it can be used (e.g. 1h, 7d; at most 30d)', '1h')
    .option('--uses <n>', 'how many hosts may enroll with it', '1')
    .option('--name <name>', 'a name for the token')
    .option('--tag <tags>', 'tags every host enrolled with it gets (repeat or comma-separate)', collect, [] as string[])
    .option('--group <name>', 'host group of the hosts enrolled with it')
    .option('--url <url>', 'server URL the one-liner points at (default: public_url, else http://<hostname>:<http.port>)')
    .option('--tenant <slug>', 'tenant', 'default')
    .action(async (opts: { ttl: string; uses: string; name?: string; tag: string[]; group?: string; url?: string; tenant: string }) => {
      try {
        const { token: secret, record } = await withDb({ ...program.opts(), tenant: opts.tenant }, async (db, t) => {
          const r = await enrollment(db).mint(t, { name: opts.name, ttl: opts.ttl, uses: Number(opts.uses), tags: opts.tag, hostGroup: opts.group }, 'cli');
          await auditCli(db, t, 'agent_token.create', r.record.id, { uses: r.record.maxUses, expiresAt: new Date(r.record.expiresAt).toISOString() });
          return r;
        });
        const config = cliConfig(program.opts());
        const { hostname } = await import('node:os');
        const url = (opts.url ?? config.public_url ?? `http://${hostname()}:${config['http.port']}`).replace(/\/$/, '');
        console.log(`created token ${record.id}: ${record.maxUses} use(s) until ${new Date(record.expiresAt).toISOString()}; it is shown only now:`);
        console.log(secret);
        console.log('install and enroll a host (as root):');
        console.log(`curl -fsSL ${url}/install.sh | sudo sh -s -- --server ${url} --token ${secret}`);
      } catch (err) {
        exitWithError(err);
      }
    });
  token
    .command('list')
    .description('list tokens (never their secrets)')
    .option('--tenant <slug>', 'tenant', 'default')
    .action(async (opts: { tenant: string }) => {
      try {
        const list = await withDb({ ...program.opts(), tenant: opts.tenant }, (db, t) => enrollment(db).list(t));
        const now = Date.now();
        for (const t of list.map((r) => publicToken(r, now))) console.log(`${t.id}\t${t.name}\t${t.status}\tuses ${t.uses}/${t.maxUses}\texpires ${t.expiresAt}${t.tags.length ? `\ttags ${t.tags.join(',')}` : ''}`);
      } catch (err) {
        exitWithError(err);
      }
    });
  token
    .command('revoke <id>')
    .description('revoke a token (hosts enrolled with it keep working)')
    .option('--tenant <slug>', 'tenant', 'default')
    .action(async (id: string, opts: { tenant: string }) => {
      try {
        await withDb({ ...program.opts(), tenant: opts.tenant }, async (db, t) => {
          await enrollment(db).revoke(t, id);
          await auditCli(db, t, 'agent_token.revoke', id);
        });
        console.log(`revoked token ${id}`);
      } catch (err) {
        exitWithError(err);
      }
    });
  cmd
    .command('list')
    .description('list enrolled hosts with their status')
    .option('--tenant <slug>', 'tenant', 'default')
    .option('--json', 'print JSON')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      try {
        const config = cliConfig(program.opts());
        const hosts = await withDb({ ...program.opts(), tenant: opts.tenant }, (db, t) => new HostsRepo(db).list(t));
        const now = Date.now();
        const rows = hosts.map((h) => ({ id: h.id, name: h.name, status: hostStatus(h.lastSeenAt, h.revokedAt !== null, now, { staleAfterMs: config['agents.stale_after'], offlineAfterMs: config['agents.offline_after'] }), lastSeenAt: h.lastSeenAt === null ? null : new Date(h.lastSeenAt).toISOString(), os: h.os.name ?? '', tags: h.tags }));
        if (opts.json) return void process.stdout.write(`${JSON.stringify(rows)}\n`);
        for (const r of rows) console.log(`${r.id}\t${r.name}\t${r.status}\tlast seen ${r.lastSeenAt ?? 'never'}\t${r.os}${r.tags.length ? `\t${r.tags.join(',')}` : ''}`);
      } catch (err) {
        exitWithError(err);
      }
    });
  cmd
    .command('revoke <hostId>')
    .description('revoke a host: its agent gets 401 VIGIL_ERR_AGENT_REVOKED and stops (a running server honours it within 5 s)')
    .option('--tenant <slug>', 'tenant', 'default')
    .action(async (hostId: string, opts: { tenant: string }) => {
      try {
        await withDb({ ...program.opts(), tenant: opts.tenant }, async (db, t) => {
          const repo = new HostsRepo(db);
          const h = await repo.get(t, hostId);
          if (!(await repo.revoke(t, hostId, Date.now()))) throw new Error(`host ${hostId} (${h.name}) is already revoked`);
          await auditCli(db, t, 'host.revoke', hostId, { name: h.name });
        });
        console.log(`revoked host ${hostId}`);
      } catch (err) {
        exitWithError(err);
      }
    });
}
