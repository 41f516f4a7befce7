/**
 * The real agent (the shipped bundle, as a child process on this machine's real /proc and /etc)
 * against a real `vigil start` (child process, SQLite file): enroll with a token made by the CLI;
 * metrics and the snapshot arrive; a watched file changes and an agent.fim event and its alert
 * follow; the ping command goes round; the server stops, the agent buffers, the server comes back and
 * every line and metric arrives exactly once; revoking the host makes the agent exit 3 for good; a
 * used-up token cannot enroll again.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnVigil, freePort, runCli, type VigilProcess } from '../support/process.ts';
import { tempDir } from '../support/temp-dir.ts';
import { Client } from '../support/server.ts';
import { agentCli, agentConfig, buildAgentBundle, startAgent, type AgentProcess } from '../support/agent.ts';

const dir = tempDir('vigil-agent-e2e-');
const dataDir = join(dir.path, 'data');
const agentDir = join(dir.path, 'agent');
const watched = join(dir.path, 'watched.conf');
const appLog = join(dir.path, 'app.log');
const serverEnv = { VIGIL_DATA_DIR: dataDir, VIGIL_ADMIN_PASSWORD: 'correct-horse-battery', VIGIL_LOG_LEVEL: 'warn', VIGIL_STORE_FLUSH_MS: '5' };
let port: number;
let server: VigilProcess;
let admin: Client;
let agent: AgentProcess;
let hostId: string;
let cfgPath: string;

async function until<T>(fn: () => Promise<T | false | undefined | null>, ms = 30_000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\nagent output:\n${agent?.output().slice(-4000) ?? ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const search = async (q: string) => (await admin.req('GET', `/api/v1/events?q=${encodeURIComponent(q)}&from=-1d&limit=1000`)).body.events as Record<string, unknown>[];

async function startServer(): Promise<void> {
  server = await spawnVigil({ env: serverEnv, port, timeoutMs: 150_000 });
  admin = new Client(server.url);
  expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
}

beforeAll(async () => {
  buildAgentBundle();
  port = await freePort();
  await startServer();
  writeFileSync(watched, 'setting = 1\n');
  writeFileSync(appLog, 'history that is not shipped\n');
}, 180_000);

afterAll(async () => {
  await agent?.stop();
  await server?.stop();
  dir.remove();
});

describe('the agent against a real server', { timeout: 240_000 }, () => {
  it('enrolls with a token from `vigil agents token create`; the credential is 0600 and the token is not kept', async () => {
    const cli = await runCli(['agents', 'token', 'create', '--ttl', '1h', '--uses', '1', '--tag', 'e2e', '--url', server.url], serverEnv);
    expect(cli.code, cli.stderr).toBe(0);
    const lines = cli.stdout.trim().split('\n');
    const oneLiner = lines.at(-1)!;
    const token = /--token (vgt_\S+)/.exec(oneLiner)![1]!;
    expect(oneLiner).toBe(`curl -fsSL ${server.url}/install.sh | sudo sh -s -- --server ${server.url} --token ${token}`);
    const listed = await runCli(['agents', 'token', 'list'], serverEnv);
    expect(listed.stdout).toMatch(/active\tuses 0\/1/);
    cfgPath = agentConfig(agentDir, { intervals: { metricsS: 1, heartbeatS: 2, snapshotS: 2, flushS: 0.5 }, logs: [appLog], fileIntegrity: [watched], collectors: { packages: false } });
    const e = await agentCli(['enroll', '--server', server.url, '--token', token, '--config', cfgPath, '--hostname', 'e2e-host']);
    expect(e.code, e.stderr).toBe(0);
    const credFile = join(agentDir, 'state/credential.json');
    expect(statSync(credFile).mode & 0o777).toBe(0o600);
    const cred = JSON.parse(readFileSync(credFile, 'utf8')) as { hostId: string; credential: string };
    hostId = cred.hostId;
    expect(cred.credential).toMatch(/^vga_/);
    for (const f of readdirSync(join(agentDir, 'state'))) expect(readFileSync(join(agentDir, 'state', f), 'utf8')).not.toContain(token);
    // One use only: the same token cannot enroll a second host.
    const second = await agentCli(['enroll', '--server', server.url, '--token', token, '--config', agentConfig(join(dir.path, 'other'), {})]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/no uses left.*VIGIL_ERR_BAD_ENROLLMENT_TOKEN/);
    expect((await runCli(['agents', 'list'], serverEnv)).stdout).toMatch(new RegExp(`${hostId}\te2e-host\tonline`));
  });

  it('sends metrics, a snapshot and heartbeats; the host is online with charts', async () => {
    agent = startAgent(cfgPath);
    const detail = await until(async () => {
      const d = (await admin.req('GET', `/api/v1/hosts/${hostId}`)).body;
      return d.latest?.cpuPct !== undefined && d.snapshot?.ports && d.snapshot?.os && d.snapshot?.fim && d;
    }, 30_000, 'metrics and snapshot');
    expect(detail).toMatchObject({ name: 'e2e-host', status: 'online', tags: ['e2e'], agentVersion: '0.1.0' });
    expect(detail.snapshot.fim.data[watched]).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(detail.latest.memoryPct).toBeGreaterThan(0);
    const m = await admin.req('GET', `/api/v1/hosts/${hostId}/metrics?name=cpu.load_pct,memory.used_pct&from=-5m&step=0`);
    expect(m.body.series.map((s: { name: string }) => s.name).sort()).toEqual(['cpu.load_pct', 'memory.used_pct']);
    const disks = await admin.req('GET', `/api/v1/hosts/${hostId}/metrics?name=disk.used_pct&from=-5m`);
    expect(disks.body.series.length).toBeGreaterThan(0);
    await until(async () => (await search(`event.dataset:agent.snapshot AND host.id:${hostId}`)).length > 0, 20_000, 'snapshot event');
  });

  it('a watched file changes: an agent.fim event and an alert follow', async () => {
    writeFileSync(watched, 'setting = 2 # changed by the test\n');
    const e = await until(async () => (await search(`event.dataset:agent.fim AND host.id:${hostId}`))[0], 30_000, 'agent.fim event');
    expect(e).toMatchObject({ 'event.action': 'file-changed', 'file.path': watched, 'host.name': 'e2e-host', 'vigil.input': 'agent' });
    const alert = await until(async () => (await admin.req('GET', '/api/v1/alerts?limit=100')).body.alerts.find((a: { ruleId: string }) => a.ruleId === 'agent-watched-file-changed'), 30_000, 'alert');
    expect(alert.groupKey).toContain(watched);
  });

  it('answers a ping command', async () => {
    const q = await admin.req('POST', `/api/v1/hosts/${hostId}/commands`, { body: { type: 'ping', args: { echo: 'are you there' } } });
    expect(q.status).toBe(201);
    const done = await until(async () => {
      const c = (await admin.req('GET', `/api/v1/hosts/${hostId}/commands/${q.body.id}`)).body;
      return c.status === 'done' && c;
    }, 20_000, 'ping reply');
    expect(done.result).toMatchObject({ pong: true, echo: 'are you there', agentVersion: '0.1.0' });
  });

  it('buffers while the server is down and delivers every line exactly once when it returns', async () => {
    appendFileSync(appLog, 'before-outage marker-0\n');
    await until(async () => (await search('"marker-0"')).length === 1, 20_000, 'line before outage');
    expect(await server.stop()).toBe(0);
    const downFrom = Date.now();
    for (let i = 1; i <= 50; i++) appendFileSync(appLog, `during-outage marker-${i}\n`);
    await until(async () => readdirSync(join(agentDir, 'state/buffer')).filter((n) => n.endsWith('.json')).length >= 3, 20_000, 'buffered batches');
    // Stay down for several metric intervals (1 s here).
    await new Promise((r) => setTimeout(r, 5000));
    const downTo = Date.now();
    await startServer();
    const got = await until(async () => {
      const e = await search('"during-outage"');
      return e.length >= 50 && e;
    }, 60_000, 'buffered lines');
    await new Promise((r) => setTimeout(r, 2000));
    const again = await search('"during-outage"');
    expect(again).toHaveLength(50);
    expect(new Set(again.map((e) => e.message)).size).toBe(50);
    expect(got[0]).toMatchObject({ 'log.file.path': appLog, 'host.id': hostId });
    expect(await search('"marker-0"')).toHaveLength(1);
    // Metrics sampled during the outage arrived too, one point per sample.
    const m = await admin.req('GET', `/api/v1/hosts/${hostId}/metrics?name=memory.used_pct&from=${downFrom}&to=${downTo}&step=0`);
    const ts = m.body.series[0].points.map((p: { ts: number }) => p.ts);
    expect(ts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ts).size).toBe(ts.length);
    await until(async () => readdirSync(join(agentDir, 'state/buffer')).filter((n) => n.endsWith('.json')).length === 0, 30_000, 'empty buffer');
  });

  it('revoked: the agent gets 401 VIGIL_ERR_AGENT_REVOKED, exits 3 and does not start again', async () => {
    const r = await admin.req('POST', `/api/v1/hosts/${hostId}/revoke`);
    expect(r.body.status).toBe('revoked');
    const code = await Promise.race([agent.exited, new Promise((res) => setTimeout(() => res('still running'), 45_000))]);
    expect(code, agent.output().slice(-3000)).toBe(3);
    expect(agent.output()).toMatch(/revoked by the server: stopping/);
    expect(existsSync(join(agentDir, 'state/credential.json'))).toBe(false);
    const again = await agentCli(['run', '--config', cfgPath]);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/revoked/);
  });
});
