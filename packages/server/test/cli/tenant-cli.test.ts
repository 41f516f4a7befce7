/**
 * `vigil tenant …` on the local database, then a server that routes syslog to the new tenant with
 * `syslog.tenant_map=…=acme` (issue 15.1: it used to refuse to start, with no way to create the
 * tenant). CLI changes to users, keys and tenants land in the audit log with actor `cli` (issue 15.8).
 */
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { connect } from 'node:net';
import type { ChildProcess } from 'node:child_process';
import { runCli, spawnServer, freePort } from '../support/process.ts';
import { tempDir } from '../support/temp-dir.ts';
import { Client } from '../support/server.ts';

// Each CLI call compiles TypeScript at start (seconds on a busy machine): generous timeouts.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

let dir: ReturnType<typeof tempDir>;
let child: ChildProcess | undefined;
let env: Record<string, string> = {};

const stop = async () => {
  if (!child) return;
  child.kill('SIGTERM');
  await new Promise((r) => child!.once('exit', r));
  child = undefined;
};

beforeAll(async () => {
  dir = tempDir();
  env = { VIGIL_DATA_DIR: dir.path, VIGIL_LOG_LEVEL: 'warn', VIGIL_ADMIN_PASSWORD: 'cli-admin-password' };
  // First start creates the default tenant and the platform owner.
  ({ child } = await spawnServer(env, await freePort()));
  await stop();
});
afterAll(async () => {
  await stop();
  dir?.remove();
});

describe('vigil tenant', () => {
  let key = '';

  it('adds, lists, renames, disables and enables tenants, with quotas', async () => {
    const add = await runCli(['tenant', 'add', 'acme', '--name', 'Acme', '--max-events-per-day', '500', '--retention-days', '7'], env);
    expect(add.stderr).toBe('');
    expect(add.stdout).toMatch(/added tenant acme/);
    expect((await runCli(['tenant', 'add', 'acme'], env)).stderr).toMatch(/already exists.*VIGIL_ERR_CONFLICT/);
    expect((await runCli(['tenant', 'add', 'Not OK'], env)).code).not.toBe(0);
    expect((await runCli(['tenant', 'add', 'temp'], env)).code).toBe(0);
    expect((await runCli(['tenant', 'rename', 'temp', 'beta'], env)).stdout).toMatch(/renamed temp to beta/);
    expect((await runCli(['tenant', 'disable', 'beta'], env)).code).toBe(0);
    const list = await runCli(['tenant', 'list', '--json'], env);
    const rows = JSON.parse(list.stdout) as Array<{ slug: string; disabled: boolean; quotas: unknown }>;
    expect(rows.map((r) => [r.slug, r.disabled])).toEqual([['acme', false], ['beta', true], ['default', false]]);
    expect(rows[0]!.quotas).toEqual({ maxEventsPerDay: 500, retentionDays: 7 });
    expect((await runCli(['tenant', 'disable', 'default'], env)).stderr).toMatch(/platform owner/);
    expect((await runCli(['tenant', 'quota', 'acme', '--max-events-per-day', 'none'], env)).stdout).toMatch(/unlimited/);
  });

  it('creates users and keys in a tenant', async () => {
    expect((await runCli(['user', 'add', 'acme-owner', '--role', 'owner', '--password', 'acme-owner-pass', '--tenant', 'acme'], env)).code).toBe(0);
    const k = await runCli(['apikey', 'create', '--name', 'acme syslog reader', '--scopes', 'ingest,read', '--tenant', 'acme'], env);
    expect(k.code).toBe(0);
    key = k.stdout.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^vgl_/);
    expect((await runCli(['user', 'list', '--tenant', 'nope'], env)).stderr).toMatch(/vigil tenant add nope/);
  });

  it('starts with syslog.tenant_map naming the new tenant and routes lines there', async () => {
    const port = await freePort();
    const syslogPort = await freePort();
    ({ child } = await spawnServer({ ...env, VIGIL_SYSLOG_PORT: String(syslogPort), VIGIL_SYSLOG_TENANT_MAP: '127.0.0.0/8=acme' }, port));
    const url = `http://127.0.0.1:${port}`;
    await new Promise<void>((resolve, reject) => {
      const s = connect(syslogPort, '127.0.0.1', () => s.end('<13>1 - host app - - - routed-to-acme\n'));
      s.on('close', () => resolve());
      s.on('error', reject);
    });
    const c = new Client(url);
    let found = 0;
    for (let i = 0; i < 50 && !found; i++) {
      found = (await c.req('GET', '/api/v1/events?q=routed-to-acme', { headers: { authorization: `Bearer ${key}` } })).body.events.length;
      if (!found) await new Promise((r) => setTimeout(r, 100));
    }
    expect(found).toBe(1);

    // The CLI's changes are in acme's audit log, with actor cli.
    const root = new Client(url);
    expect((await root.login('admin', 'cli-admin-password')).status).toBe(200);
    expect((await root.req('POST', '/api/v1/auth/tenant', { body: { tenant: 'acme' } })).status).toBe(200);
    const entries = (await root.req('GET', '/api/v1/audit-log')).body.entries as Array<{ actor: string; action: string; details: { via?: string } }>;
    const cli = entries.filter((e) => e.actor === 'cli').map((e) => e.action);
    expect(cli).toEqual(expect.arrayContaining(['tenant.create', 'tenant.update', 'user.create', 'apikey.create']));
    expect(entries.find((e) => e.actor === 'cli')!.details.via).toBe('cli');
  });
});
