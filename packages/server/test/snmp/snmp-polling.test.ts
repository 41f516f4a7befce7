/**
 * Polling a real Debian snmpd on 127.0.0.1 (started here with its own config on a free port): the
 * credential test / discovery, v2c and v3 authPriv devices, interface and CPU/memory metrics through
 * the API with downsampling, an unreachable device becoming an event, and the devices API's roles.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, Client, type TestServer } from '../support/server.ts';
import { freePort } from '../support/process.ts';
import { tempDir } from '../support/temp-dir.ts';

const SNMPD = '/usr/sbin/snmpd';
const hasSnmpd = spawnSync(SNMPD, ['-v']).status === 0;
if (!hasSnmpd && process.env.CI) throw new Error('snmpd (Debian package snmpd) is required under CI');
if (!hasSnmpd) console.warn('[skip] SNMP polling tests skipped: snmpd not installed (apt-get install snmpd).');

let srv: TestServer;
let admin: Client;
let agent: ChildProcess | undefined;
let agentPort = 0;
const dir = tempDir();
const V3_USER = { name: 'polluser', level: 'authPriv', authProtocol: 'sha256', authKey: 'poll-auth-123', privProtocol: 'aes128', privKey: 'poll-priv-456' };

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  if (!hasSnmpd) return;
  agentPort = await freePort();
  const conf = join(dir.path, 'snmpd.conf');
  writeFileSync(conf, ['rocommunity pollcomm 127.0.0.1', 'sysName vigil-test-snmpd', 'sysLocation test-lab', `createUser polluser SHA-256 "${V3_USER.authKey}" AES "${V3_USER.privKey}"`, 'rouser polluser priv', ''].join('\n'));
  // -f foreground, -C only our config, -Lo log to stdout; a private persistent dir keeps the host's alone.
  agent = spawn(SNMPD, ['-f', '-C', '-c', conf, '-Lo', '-m', '', '-p', join(dir.path, 'snmpd.pid'), `udp:127.0.0.1:${agentPort}`], { env: { ...process.env, SNMP_PERSISTENT_DIR: join(dir.path, 'persist') }, stdio: 'ignore' });
  srv = await startTestServer();
  admin = new Client(srv.url);
  await admin.login('admin', 'correct-horse-battery');
  // snmpd is ready when it answers a credential test.
  await until('snmpd to answer', async () => {
    const r = await admin.req('POST', '/api/v1/devices/test-credentials', { body: { address: '127.0.0.1', port: agentPort, version: '2c', community: 'pollcomm', timeout: 1 } });
    return r.body.ok ? r.body : undefined;
  }, 15_000);
}, 40_000);
afterAll(async () => {
  agent?.kill();
  await srv?.close();
  dir.remove();
});

describe.skipIf(!hasSnmpd)('polling Debian snmpd', () => {
  it('tests credentials: discovery walks system and interfaces and suggests a profile', async () => {
    const r = await admin.req('POST', '/api/v1/devices/discover', { body: { address: '127.0.0.1', port: agentPort, version: '2c', community: 'pollcomm', timeout: 2 } });
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
    expect(r.body.system.name).toBe('vigil-test-snmpd');
    expect(r.body.system.objectName).toBe('linux');
    expect(r.body.interfaces.map((i: { descr: string }) => i.descr)).toContain('lo');
    expect(r.body.capabilities.ucd).toBe(true);
    expect(r.body.suggestedProfile).toBe('host');
    const v3 = await admin.req('POST', '/api/v1/devices/test-credentials', { body: { address: '127.0.0.1', port: agentPort, version: '3', user: V3_USER, timeout: 2 } });
    expect(v3.body.ok).toBe(true);
    const wrong = await admin.req('POST', '/api/v1/devices/test-credentials', { body: { address: '127.0.0.1', port: agentPort, version: '2c', community: 'wrong', timeout: 0.3 } });
    expect(wrong.body).toMatchObject({ ok: false, error: expect.stringMatching(/timeout/) });
  });

  it('polls a v2c device (host profile) and a v3 authPriv device: interface and CPU metrics through the API', async () => {
    const a = await admin.req('POST', '/api/v1/devices', { body: { name: 'snmpd-v2c', address: '127.0.0.1', port: agentPort, version: '2c', community: 'pollcomm', profile: 'host', interval: '1s', timeout: 2, tags: ['lab'], customOids: [{ name: 'processes', oid: '1.3.6.1.2.1.25.1.6.0' }] } });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(JSON.stringify(a.body)).not.toContain('pollcomm');
    const b = await admin.req('POST', '/api/v1/devices', { body: { name: 'snmpd-v3', address: '127.0.0.1', port: agentPort, version: '3', user: V3_USER, profile: 'interfaces', interval: '1s', timeout: 2 } });
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    expect(JSON.stringify(b.body)).not.toContain('poll-auth');
    expect(b.body.credentialInfo).toEqual({ user: { name: 'polluser', level: 'authPriv', authProtocol: 'sha256', privProtocol: 'aes128' } });

    const detail = await until('the v2c device to be up with its interface table', async () => {
      const r = await admin.req('GET', `/api/v1/devices/${a.body.id}`);
      return r.body.status === 'up' && r.body.interfaces.some((i: { inBps?: number }) => i.inBps !== undefined) ? r.body : undefined;
    });
    expect(detail.sysName).toBe('vigil-test-snmpd');
    expect(detail.uptimeS).toBeGreaterThanOrEqual(0);
    const lo = detail.interfaces.find((i: { name: string }) => i.name === 'lo');
    expect(lo).toMatchObject({ operStatus: 'up', adminStatus: 'up' });
    expect(lo.inBps).toBeGreaterThanOrEqual(0);

    const bps = await admin.req('GET', `/api/v1/devices/${a.body.id}/metrics?name=if.in_bps,if.out_bps&from=-5m&step=0`);
    expect(bps.status).toBe(200);
    const loIn = bps.body.series.find((s: { name: string; labels: { ifName: string } }) => s.name === 'if.in_bps' && s.labels.ifName === 'lo');
    expect(loIn.points.length).toBeGreaterThanOrEqual(1);
    expect(loIn.points[0].value).toBeGreaterThanOrEqual(0);

    // CPU comes from UCD tick counters (snmpd refreshes them every few seconds) or hrProcessorLoad.
    const cpu = await until('a CPU sample', async () => {
      const r = await admin.req('GET', `/api/v1/devices/${a.body.id}/metrics?name=cpu.load_pct&from=-5m&step=0`);
      return r.body.series?.[0]?.points.length ? r.body.series[0] : undefined;
    }, 30_000);
    expect(cpu.points[0].value).toBeGreaterThanOrEqual(0);
    expect(cpu.points[0].value).toBeLessThanOrEqual(100);
    const mem = await admin.req('GET', `/api/v1/devices/${a.body.id}/metrics?name=memory.used_pct,system.uptime_s,custom.processes&from=-5m`);
    expect(mem.body.series.map((s: { name: string }) => s.name).sort()).toEqual(['custom.processes', 'memory.used_pct', 'system.uptime_s']);
    expect(mem.body.step).toBeGreaterThanOrEqual(1000);

    // Downsampled: one bucket per minute averages the 1 s polls.
    const down = await admin.req('GET', `/api/v1/devices/${a.body.id}/metrics?name=poll.up&from=-10m&step=1m`);
    expect(down.body.step).toBe(60_000);
    expect(down.body.series[0].points.every((p: { value: number }) => p.value === 1)).toBe(true);

    const v3 = await until('the v3 device to be up', async () => {
      const r = await admin.req('GET', `/api/v1/devices/${b.body.id}/metrics?name=if.oper_status&from=-5m&step=0`);
      return r.body.series?.length ? r.body : undefined;
    });
    expect(v3.series.map((s: { labels: { ifName: string } }) => s.labels.ifName)).toContain('lo');

    const now = await admin.req('POST', `/api/v1/devices/${b.body.id}/poll`);
    expect(now.status, JSON.stringify(now.body)).toBe(200);
    expect(now.body).toMatchObject({ ok: true, samples: expect.any(Number) });

    const list = await admin.req('GET', '/api/v1/devices');
    expect(list.body.devices.map((d: { name: string; status: string }) => [d.name, d.status])).toEqual([['snmpd-v2c', 'up'], ['snmpd-v3', 'up']]);
    expect(list.body.devices[0].lastPollAt).toBeTruthy();
  }, 60_000);

  it('an unreachable device goes down and becomes a searchable event', async () => {
    const dead = await freePort();
    const d = await admin.req('POST', '/api/v1/devices', { body: { name: 'nobody-home', address: '127.0.0.1', port: dead, version: '2c', community: 'x', interval: '1s', timeout: 0.2 } });
    expect(d.status).toBe(201);
    const ev = await until('a device-unreachable event', async () => {
      const r = await admin.req('GET', `/api/v1/events?q=${encodeURIComponent('event.dataset:snmp.poll AND event.action:device-unreachable AND snmp.device.name:nobody-home')}`);
      return r.body.events?.[0];
    });
    expect(ev['vigil.severity']).toBe('high');
    expect(ev['snmp.device.id']).toBe(d.body.id);
    const after = await admin.req('GET', `/api/v1/devices/${d.body.id}`);
    expect(after.body.status).toBe('down');
    expect(after.body.lastError).toMatch(/timeout/);
    await admin.req('DELETE', `/api/v1/devices/${d.body.id}`);
    expect((await admin.req('GET', `/api/v1/devices/${d.body.id}`)).status).toBe(404);
  });

  it('validates input with coded errors; viewers read, only admins write', async () => {
    const bad = await admin.req('POST', '/api/v1/devices', { body: { name: 'x', address: '127.0.0.1', version: '2c', profile: 'nope', community: 'c' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VIGIL_ERR_VALIDATION', details: { field: 'profile' } });
    const noCreds = await admin.req('POST', '/api/v1/devices', { body: { name: 'y', address: '127.0.0.1', version: '3' } });
    expect(noCreds.body.error.details.field).toBe('user');
    const key = await admin.req('POST', '/api/v1/api-keys', { body: { name: 'viewer', scopes: ['read'] } });
    const auth = { authorization: `Bearer ${key.body.key}` };
    expect((await fetch(`${srv.url}/api/v1/devices`, { headers: auth })).status).toBe(200);
    const w = await fetch(`${srv.url}/api/v1/devices`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'z', address: '127.0.0.1', community: 'c' }) });
    expect(w.status).toBe(403);
    const profiles = await fetch(`${srv.url}/api/v1/snmp/profiles`, { headers: auth });
    expect((await profiles.json()).profiles.map((p: { name: string }) => p.name)).toEqual(['system', 'interfaces', 'network', 'host']);
  });
});
