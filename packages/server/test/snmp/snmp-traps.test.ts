/**
 * SNMP traps from Debian's Net-SNMP tools (`snmptrap`, `snmpinform`) to a running server: v1, v2c,
 * inform, v3 authPriv trap and inform; found by search with their fields. Unknown communities and
 * wrong v3 keys are refused, counted on /metrics, and never stored.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { startTestServer, Client, type TestServer } from '../support/server.ts';
import { freePort } from '../support/process.ts';
import { tempDir } from '../support/temp-dir.ts';

const hasTools = spawnSync('snmptrap', ['-V']).status === 0;
if (!hasTools && process.env.CI) throw new Error('snmptrap (Debian package snmp) is required under CI');
if (!hasTools) console.warn('[skip] SNMP trap tests skipped: snmptrap not installed (apt-get install snmp).');

let srv: TestServer;
let admin: Client;
let port = 0;
const persist = tempDir();

/**
 * Runs a Net-SNMP tool with no MIB loading and a private persistent dir; answers its exit status and
 * output. Asynchronous on purpose: the server runs in this process and must answer informs meanwhile.
 */
function tool(cmd: string, args: string[]): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const c = spawn(cmd, ['-m', '', '-M', '/nonexistent', ...args], { env: { ...process.env, SNMP_PERSISTENT_DIR: persist.path, SNMPCONFPATH: persist.path } });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => c.kill(), 15_000);
    c.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, out });
    });
  });
}

async function waitFor(q: string, n = 1, timeoutMs = 5000): Promise<any[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await admin.req('GET', `/api/v1/events?q=${encodeURIComponent(q)}`);
    if (r.body.events?.length >= n || Date.now() > deadline) return r.body.events ?? [];
    await new Promise((res) => setTimeout(res, 50));
  }
}

async function rejected(reason: string): Promise<number> {
  const text = (await admin.req('GET', '/metrics')).body as string;
  const m = new RegExp(`vigil_snmp_traps_rejected_total\\{reason="${reason}"\\} (\\d+)`).exec(text);
  return m ? Number(m[1]) : 0;
}

async function waitRejected(reason: string, above: number): Promise<number> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const n = await rejected(reason);
    if (n > above || Date.now() > deadline) return n;
    await new Promise((res) => setTimeout(res, 50));
  }
}

const target = () => `udp:127.0.0.1:${port}`;
const V3 = ['-v', '3', '-u', 'vigiltrap', '-l', 'authPriv', '-a', 'SHA-256', '-A', 'auth-pass-123', '-x', 'AES-256', '-X', 'priv-pass-456'];

beforeAll(async () => {
  port = await freePort();
  srv = await startTestServer({ VIGIL_SNMP_TRAP_PORT: String(port), VIGIL_SNMP_TRAP_HOST: '::' });
  admin = new Client(srv.url);
  await admin.login('admin', 'correct-horse-battery');
  const c = await admin.req('POST', '/api/v1/snmp/communities', { body: { name: 'lab', community: 's3cret-comm' } });
  expect(c.status).toBe(201);
  expect(JSON.stringify(c.body)).not.toContain('s3cret-comm');
  const u = await admin.req('POST', '/api/v1/snmp/users', { body: { name: 'vigiltrap', level: 'authPriv', authProtocol: 'sha256', authKey: 'auth-pass-123', privProtocol: 'aes256', privKey: 'priv-pass-456' } });
  expect(u.status).toBe(201);
  expect(JSON.stringify(u.body)).not.toContain('pass-');
}, 30_000);
afterAll(async () => {
  await srv?.close();
  persist.remove();
});

describe.skipIf(!hasTools)('snmptrap -> vigil', () => {
  it('v1 trap: generic linkDown with enterprise, agent address and named varbinds', async () => {
    const r = await tool('snmptrap', ['-v', '1', '-c', 's3cret-comm', target(), '1.3.6.1.4.1.8072.3.2.10', '192.0.2.10', '2', '0', '4242', '1.3.6.1.2.1.2.2.1.1.7', 'i', '7', '1.3.6.1.2.1.2.2.1.2.7', 's', 'ge-0/0/7 marker-v1']);
    expect(r.status, r.out).toBe(0);
    const [e] = await waitFor('snmp.version:1 AND snmp.var.ifDescr:"ge-0/0/7 marker-v1"');
    expect(e, 'v1 trap stored').toBeDefined();
    expect(e['event.dataset']).toBe('snmp.trap');
    expect(e['vigil.input']).toBe('snmp');
    expect(e['observer.ip']).toBe('127.0.0.1');
    expect(e['snmp.trap.oid']).toBe('1.3.6.1.6.3.1.1.5.3');
    expect(e['snmp.trap.name']).toBe('linkDown');
    expect(e['snmp.trap.generic']).toBe(2);
    expect(e['snmp.trap.specific']).toBe(0);
    expect(e['snmp.trap.enterprise_name']).toBe('linux');
    expect(e['snmp.agent_address']).toBe('192.0.2.10');
    expect(e['snmp.uptime']).toBe(4242);
    expect(e['snmp.var.ifIndex']).toBe(7);
    expect(e['vigil.severity']).toBe('high');
    expect(e['snmp.varbinds']).toEqual([
      { oid: '1.3.6.1.2.1.2.2.1.1.7', type: 'Integer', value: 7, name: 'ifIndex.7' },
      { oid: '1.3.6.1.2.1.2.2.1.2.7', type: 'OctetString', value: 'ge-0/0/7 marker-v1', name: 'ifDescr.7' },
    ]);
    expect(JSON.stringify(e)).not.toContain('s3cret-comm');
  });

  it('v1 enterprise-specific trap maps to enterprise.0.specific (RFC 3584)', async () => {
    const r = await tool('snmptrap', ['-v', '1', '-c', 's3cret-comm', target(), '1.3.6.1.4.1.9.9.43.2', '', '6', '1', '', '1.3.6.1.4.1.9.9.43.1.1.6.1.3.1', 'i', '1', '1.3.6.1.2.1.1.5.0', 's', 'marker-v1e']);
    expect(r.status, r.out).toBe(0);
    const [e] = await waitFor('snmp.trap.name:ciscoConfigManEvent AND snmp.var.sysName:marker-v1e');
    expect(e, 'enterprise trap stored').toBeDefined();
    expect(e['snmp.trap.oid']).toBe('1.3.6.1.4.1.9.9.43.2.0.1');
    expect(e['snmp.var.ccmHistoryEventCommandSource']).toBe(1);
  });

  it('v2c trap: coldStart with severity medium', async () => {
    const r = await tool('snmptrap', ['-v', '2c', '-c', 's3cret-comm', target(), '123', '1.3.6.1.6.3.1.1.5.1', '1.3.6.1.2.1.1.5.0', 's', 'marker-v2c']);
    expect(r.status, r.out).toBe(0);
    const [e] = await waitFor('snmp.version:2c AND snmp.trap.name:coldStart AND snmp.var.sysName:marker-v2c');
    expect(e, 'v2c trap stored').toBeDefined();
    expect(e['snmp.pdu_type']).toBe('trap');
    expect(e['snmp.uptime']).toBe(123);
    expect(e['vigil.severity']).toBe('medium');
    expect(e['event.action']).toBe('coldStart');
  });

  it('v2c inform is acknowledged (snmpinform exits 0 only on the response) and stored', async () => {
    const r = await tool('snmpinform', ['-r', '0', '-t', '3', '-v', '2c', '-c', 's3cret-comm', target(), '', '1.3.6.1.6.3.1.1.5.4', '1.3.6.1.2.1.2.2.1.2.2', 's', 'marker-inform']);
    expect(r.status, r.out).toBe(0);
    const [e] = await waitFor('snmp.pdu_type:inform AND snmp.trap.name:linkUp AND snmp.var.ifDescr:marker-inform');
    expect(e, 'inform stored').toBeDefined();
    expect(e['snmp.version']).toBe('2c');
  });

  it('v3 authPriv trap (SHA-256, AES-256) and v3 inform with engine-ID discovery', async () => {
    const t = await tool('snmptrap', [...V3, '-e', '0x80001f8880aabbccdd01', target(), '', '1.3.6.1.6.3.1.1.5.5', '1.3.6.1.2.1.1.5.0', 's', 'marker-v3trap']);
    expect(t.status, t.out).toBe(0);
    const [e] = await waitFor('snmp.version:3 AND snmp.trap.name:authenticationFailure AND snmp.var.sysName:marker-v3trap');
    expect(e, 'v3 trap stored').toBeDefined();
    expect(e['snmp.security_name']).toBe('vigiltrap');
    expect(e['vigil.severity']).toBe('high');
    expect(e['event.outcome']).toBe('failure');
    const i = await tool('snmpinform', ['-r', '1', '-t', '3', ...V3, target(), '', '1.3.6.1.6.3.1.1.5.3', '1.3.6.1.2.1.2.2.1.2.9', 's', 'marker-v3inform']);
    expect(i.status, i.out).toBe(0);
    const [f] = await waitFor('snmp.version:3 AND snmp.pdu_type:inform AND snmp.var.ifDescr:marker-v3inform');
    expect(f, 'v3 inform stored').toBeDefined();
  });

  it('refuses and counts an unknown community; nothing is stored', async () => {
    const before = await rejected('unknown_community');
    expect((await tool('snmptrap', ['-v', '2c', '-c', 'guess-me', target(), '', '1.3.6.1.6.3.1.1.5.1', '1.3.6.1.2.1.1.5.0', 's', 'marker-badcomm'])).status).toBe(0);
    expect((await tool('snmptrap', ['-v', '1', '-c', 'guess-me', target(), '1.3.6.1.4.1.8072', '', '0', '0', '', '1.3.6.1.2.1.1.5.0', 's', 'marker-badcomm'])).status).toBe(0);
    expect(await waitRejected('unknown_community', before + 1)).toBe(before + 2);
    expect(await waitFor('marker-badcomm', 1, 500)).toEqual([]);
  });

  it('refuses and counts a wrong v3 key and an unknown v3 user; nothing is stored', async () => {
    const before = await rejected('auth_failed');
    const wrong = ['-v', '3', '-u', 'vigiltrap', '-l', 'authPriv', '-a', 'SHA-256', '-A', 'wrong-pass-999', '-x', 'AES-256', '-X', 'priv-pass-456'];
    expect((await tool('snmptrap', [...wrong, '-e', '0x80001f8880aabbccdd02', target(), '', '1.3.6.1.6.3.1.1.5.1', '1.3.6.1.2.1.1.5.0', 's', 'marker-badkey'])).status).toBe(0);
    expect(await waitRejected('auth_failed', before)).toBe(before + 1);
    const beforeUser = await rejected('unknown_user');
    expect((await tool('snmptrap', ['-v', '3', '-u', 'nobody', '-l', 'authPriv', '-a', 'SHA', '-A', 'whatever-123', '-x', 'AES', '-X', 'whatever-456', '-e', '0x80001f8880aabbccdd03', target(), '', '1.3.6.1.6.3.1.1.5.1', '1.3.6.1.2.1.1.5.0', 's', 'marker-baduser'])).status).toBe(0);
    expect(await waitRejected('unknown_user', beforeUser)).toBeGreaterThan(beforeUser);
    expect(await waitFor('marker-badkey OR marker-baduser', 1, 500)).toEqual([]);
  });

  it('lists credentials without secrets; only admins manage them', async () => {
    const list = await admin.req('GET', '/api/v1/snmp/communities');
    expect(list.body.communities).toEqual([expect.objectContaining({ name: 'lab' })]);
    expect(JSON.stringify(list.body)).not.toContain('s3cret');
    const users = await admin.req('GET', '/api/v1/snmp/users');
    expect(users.body.users).toEqual([expect.objectContaining({ name: 'vigiltrap', level: 'authPriv', authProtocol: 'sha256', privProtocol: 'aes256' })]);
    expect(JSON.stringify(users.body)).not.toContain('pass');
    const bad = await admin.req('POST', '/api/v1/snmp/users', { body: { name: 'short', level: 'authPriv', authKey: 'x', privKey: 'y' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VIGIL_ERR_VALIDATION');
    const key = await admin.req('POST', '/api/v1/api-keys', { body: { name: 'reader', scopes: ['read'] } });
    const reader = await fetch(`${srv.url}/api/v1/snmp/communities`, { headers: { authorization: `Bearer ${key.body.key}` } });
    expect(reader.status).toBe(403);
  });
});
