/**
 * The real `vigil` CLI: help, version, config errors, user and apikey commands, and `send` to a live server.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { runCli, spawnServer, freePort } from '../support/process.ts';
import { tempDir } from '../support/temp-dir.ts';

let dir: ReturnType<typeof tempDir>;
let child: ChildProcess;
let url = '';
let env: Record<string, string> = {};

beforeAll(async () => {
  dir = tempDir();
  const port = await freePort();
  env = { VIGIL_DATA_DIR: dir.path, VIGIL_LOG_LEVEL: 'warn' };
  ({ child } = await spawnServer({ ...env, VIGIL_ADMIN_PASSWORD: 'cli-admin-password' }, port));
  url = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  child?.kill('SIGTERM');
  await new Promise((r) => child?.once('exit', r));
  dir?.remove();
});

describe('vigil CLI', () => {
  it('lists every command in --help and prints its version', async () => {
    const h = await runCli(['--help']);
    for (const c of ['start', 'migrate', 'user', 'apikey', 'send', 'version']) expect(h.stdout).toContain(c);
    expect((await runCli(['version'])).stdout).toMatch(/^vigil \d+\.\d+\.\d+/);
  });

  it('refuses a wrong config value naming the key and what is allowed', async () => {
    const r = await runCli(['start'], { ...env, VIGIL_ROLE: 'everything' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/role.*VIGIL_ROLE.*one of all, ingest, detect, api/);
    const y = join(dir.path, 'bad.yaml');
    writeFileSync(y, 'http:\n  port: eighty\n');
    const r2 = await runCli(['--config', y, 'start'], env);
    expect(r2.stderr).toMatch(/http\.port.*an integer/);
  });

  it('adds and lists users; changes a password', async () => {
    const add = await runCli(['user', 'add', 'carol', '--role', 'analyst'], env);
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/password: \S{10,}/);
    const list = await runCli(['user', 'list'], env);
    expect(list.stdout).toMatch(/carol\tanalyst\tactive/);
    expect(list.stdout).toMatch(/admin\tplatform_owner/);
    const pw = await runCli(['user', 'passwd', 'carol', '--password', 'carol-new-password'], env);
    expect(pw.code).toBe(0);
  });

  it('creates a key (alone on the last line), lists, rotates and revokes it', async () => {
    const c = await runCli(['apikey', 'create', '--name', 'script', '--scopes', 'ingest,read'], env);
    expect(c.code).toBe(0);
    const key = c.stdout.trim().split('\n').pop()!;
    expect(key).toMatch(/^vgl_[A-Za-z0-9]{16}_[A-Za-z0-9_-]{43}$/);
    const id = key.split('_')[1]!;
    const res = await fetch(`${url}/api/v1/events`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    expect((await runCli(['apikey', 'list'], env)).stdout).toContain(`${id}\tscript\tingest,read\tactive`);
    const rot = await runCli(['apikey', 'rotate', id, '--overlap', '0'], env);
    const key2 = rot.stdout.trim().split('\n').pop()!;
    expect(key2).not.toBe(key);
    expect((await runCli(['apikey', 'revoke', id], env)).code).toBe(0);
    expect((await runCli(['apikey', 'create', '--name', 'x', '--scopes', 'root'], env)).stderr).toMatch(/VIGIL_ERR_VALIDATION/);
  });

  it('shows the fields a line gets with `parsers test`', async () => {
    const r = await runCli(['parsers', 'test', '--json'], {}, 'Nov 25 10:00:00 host sshd[1]: Accepted password for alice from 10.0.0.9 port 22 ssh2\n');
    const out = JSON.parse(r.stdout.trim());
    expect(out.fields).toMatchObject({ 'event.dataset': 'sshd', 'user.name': 'alice', 'source.ip': '10.0.0.9' });
    expect(r.stderr).toMatch(/1 line\(s\), 1 understood/);
    const g = await runCli(['parsers', 'test', '--json', '--grok', 'order=%{INT:order.id:int}'], {}, 'new order=77 placed\n');
    expect(JSON.parse(g.stdout.trim())).toMatchObject({ rules: ['cli'], fields: { 'order.id': 77 } });
  });

  it('sends lines from stdin and JSON events from a file, with a progress counter', async () => {
    const key = (JSON.parse(readFileSync(join(dir.path, 'bootstrap.json'), 'utf8')) as { ingestKey: string }).ingestKey;
    const lines = Array.from({ length: 2500 }, (_, i) => `<13>Nov 25 10:00:00 host1 app[1]: cli line ${i}`).join('\n');
    const r = await runCli(['send', '--url', url, '--api-key', key, '--batch', '1000'], {}, lines);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/sent 2500\s+accepted 2500\s+rejected 0/);
    const f = join(dir.path, 'events.ndjson');
    writeFileSync(f, '{"message":"from file","event.dataset":"cli.file"}\nnot json\n');
    const j = await runCli(['send', '--json', f], { VIGIL_URL: url, VIGIL_API_KEY: key });
    expect(j.code).toBe(2);
    expect(j.stderr).toMatch(/accepted 1\s+rejected 1/);
    const noKey = await runCli(['send', '--url', url], { VIGIL_API_KEY: '' }, 'x');
    expect(noKey.stderr).toMatch(/API key is needed/);
  });
});
