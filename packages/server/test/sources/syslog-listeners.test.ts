/**
 * Syslog listeners with real clients: util-linux `logger` over UDP and TCP (RFC 3164, RFC 5424,
 * octet counting), IPv6, and `openssl s_client` over TLS. Events must be searchable with their fields.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawnSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import dgram from 'node:dgram';
import net from 'node:net';
import { startTestServer, Client, type TestServer } from '../support/server.ts';
import { freePort } from '../support/process.ts';

const hasLogger = spawnSync('logger', ['--version']).status === 0;
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasLogger && process.env.CI) throw new Error('logger (util-linux) is required under CI');

let srv: TestServer;
let admin: Client;
let port = 0;
let tlsPort = 0;

async function waitFor(q: string, n = 1, timeoutMs = 5000): Promise<any[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await admin.req('GET', `/api/v1/events?q=${encodeURIComponent(q)}`);
    if (r.body.events?.length >= n || Date.now() > deadline) return r.body.events ?? [];
    await new Promise((res) => setTimeout(res, 50));
  }
}

beforeAll(async () => {
  port = await freePort();
  tlsPort = await freePort();
  const dir = (await import('../support/temp-dir.ts')).tempDir();
  const cert = join(dir.path, 'cert.pem');
  const key = join(dir.path, 'key.pem');
  if (hasOpenssl) execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
  srv = await startTestServer({ VIGIL_SYSLOG_PORT: String(port), VIGIL_SYSLOG_TLS_PORT: String(tlsPort), ...(hasOpenssl ? { VIGIL_SYSLOG_TLS_CERT: cert, VIGIL_SYSLOG_TLS_KEY: key } : {}), VIGIL_SYSLOG_TENANT_MAP: '' });
  admin = new Client(srv.url);
  await admin.login('admin', 'correct-horse-battery');
});
afterAll(async () => srv?.close());

describe.skipIf(!hasLogger)('logger -> vigil', () => {
  it('UDP, RFC 5424 (logger default)', async () => {
    execFileSync('logger', ['-n', '127.0.0.1', '-P', String(port), '-d', '-t', 'myapp', '--msgid', 'ID47', 'udp5424 marker-u5']);
    const [e] = await waitFor('marker-u5');
    expect(e).toBeDefined();
    expect(e['vigil.input']).toBe('syslog-udp');
    expect(e['log.syslog.appname']).toBe('myapp');
    expect(e['log.syslog.msgid']).toBe('ID47');
    expect(e['observer.ip']).toBe('127.0.0.1');
    expect(e.message).toContain('marker-u5');
  });

  it('UDP, RFC 3164', async () => {
    execFileSync('logger', ['-n', '127.0.0.1', '-P', String(port), '-d', '--rfc3164', '-t', 'sshd', '-p', 'auth.warning', 'bsd marker-u3']);
    const [e] = await waitFor('marker-u3');
    expect(e['log.syslog.facility.name']).toBe('auth');
    expect(e['log.syslog.severity.code']).toBe(4);
    expect(e['vigil.severity']).toBe('medium');
  });

  it('TCP with LF framing and with octet counting', async () => {
    execFileSync('logger', ['-n', '127.0.0.1', '-P', String(port), '-T', '-t', 'tcpapp', 'tcp marker-t1']);
    execFileSync('logger', ['-n', '127.0.0.1', '-P', String(port), '-T', '--octet-count', '-t', 'tcpapp', 'octet marker-t2']);
    expect((await waitFor('marker-t1'))[0]['vigil.input']).toBe('syslog-tcp');
    expect((await waitFor('marker-t2'))[0]['log.syslog.appname']).toBe('tcpapp');
  });

  it('parses sshd semantics from a logger line', async () => {
    execFileSync('logger', ['-n', '127.0.0.1', '-P', String(port), '-T', '--rfc3164', '-t', 'sshd[4242]', '-p', 'auth.info', 'Failed password for invalid user bob from 198.51.100.7 port 50022 ssh2']);
    const [e] = await waitFor('event.dataset:sshd AND source.ip:198.51.100.7');
    expect(e).toBeDefined();
    expect(e['event.outcome']).toBe('failure');
    expect(e['user.name']).toBe('bob');
  });

  it('UDP over IPv6', async () => {
    const s = dgram.createSocket('udp6');
    await new Promise<void>((r) => s.send(Buffer.from('<13>1 2026-11-25T10:00:00Z v6host app - - - v6 marker-v6'), port, '::1', () => r()));
    s.close();
    const [e] = await waitFor('marker-v6');
    expect(e['observer.ip']).toBe('::1');
    expect(e['host.name']).toBe('v6host');
  });

  it('stores a line nobody understands with its text intact', async () => {
    const c = net.connect(port, '127.0.0.1');
    await new Promise<void>((r) => c.once('connect', () => r()));
    c.end('\u0001\u0002 garbage marker-g ###\n');
    const [e] = await waitFor('marker-g');
    expect(e.message).toContain('garbage marker-g');
    expect(e['event.original']).toBe('\u0001\u0002 garbage marker-g ###');
  });

  it('takes a burst over one TCP connection without losing a line', async () => {
    const c = net.connect(port, '127.0.0.1');
    await new Promise<void>((r) => c.once('connect', () => r()));
    const lines = Array.from({ length: 5000 }, (_, i) => `<13>Nov 25 10:00:00 burst app: burst-line ${i}`).join('\n');
    await new Promise<void>((r) => c.end(`${lines}\n`, () => r()));
    const deadline = Date.now() + 10_000;
    let total = 0;
    while (Date.now() < deadline) {
      const r = await admin.req('GET', '/api/v1/events/top?q=burst-line&field=host.name');
      total = r.body.values?.[0]?.count ?? 0;
      if (total === 5000) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(total).toBe(5000);
  });
});

describe.skipIf(!hasOpenssl)('TLS (RFC 5425)', () => {
  it('receives octet-counted messages over TLS from openssl s_client', async () => {
    const msg = '<13>1 2026-11-25T10:00:00Z tlshost tlsapp - - - over tls marker-tls';
    // Async: the server runs in this process, so a blocking spawn would stall its TLS handshake.
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${tlsPort}`, '-quiet', '-no_ign_eof'], { stdio: ['pipe', 'ignore', 'ignore'] });
      child.on('close', resolve);
      child.stdin.end(`${Buffer.byteLength(msg)} ${msg}`);
    });
    expect(code).toBe(0);
    const [e] = await waitFor('marker-tls');
    expect(e['vigil.input']).toBe('syslog-tls');
    expect(e['host.name']).toBe('tlshost');
  });
});
