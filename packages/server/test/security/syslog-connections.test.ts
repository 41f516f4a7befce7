/**
 * Syslog connections are fair (issue 14.8), against a real server with real sockets: one address
 * cannot take every connection slot, a trickle cannot hold a connection forever, and an oversized
 * line becomes exactly one truncated event.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import net from 'node:net';
import { startTestServer, Client, type TestServer } from '../support/server.ts';
import { freePort } from '../support/process.ts';

let srv: TestServer;
let admin: Client;
let port = 0;
const PER_ADDRESS = 50;

beforeAll(async () => {
  port = await freePort();
  srv = await startTestServer({ VIGIL_SYSLOG_PORT: String(port), VIGIL_SYSLOG_HOST: '127.0.0.1', VIGIL_SYSLOG_TENANT_MAP: '', VIGIL_SYSLOG_MAX_MESSAGE_BYTES: '1024', VIGIL_SYSLOG_MAX_CONNECTIONS_PER_ADDRESS: String(PER_ADDRESS), VIGIL_SYSLOG_LINE_TIMEOUT: '1s' });
  admin = new Client(srv.url);
  await admin.login('admin', 'correct-horse-battery');
});
afterAll(async () => srv?.close());

async function search(q: string): Promise<any[]> {
  const r = await admin.req('GET', `/api/v1/events?q=${encodeURIComponent(q)}&limit=1000`);
  return r.body.events ?? [];
}

async function waitFor(q: string, n = 1, ms = 5000): Promise<any[]> {
  const end = Date.now() + ms;
  for (;;) {
    const got = await search(q);
    if (got.length >= n || Date.now() > end) return got;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function connect(localAddress: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port, localAddress }, () => resolve(s));
    s.once('error', reject);
  });
}

const closed = (s: net.Socket) => new Promise<void>((r) => (s.destroyed ? r() : s.once('close', () => r())));

describe('syslog connection limits', () => {
  it('1,000 idle connections from one address leave room for another sender', { timeout: 60_000 }, async () => {
    const idle: net.Socket[] = [];
    try {
      await fillFrom127(idle);
    } finally {
      for (const s of idle) s.destroy();
      await Promise.all(idle.map(closed));
      await new Promise((r) => setTimeout(r, 500)); // the server sees the closes too
    }
  });
});

/** Opens 1,000 idle connections from 127.0.0.1, then sends one line from 127.0.0.2. */
async function fillFrom127(idle: net.Socket[]): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    const s = await connect('127.0.0.1');
    s.on('error', () => undefined);
    idle.push(s);
  }
  // Let the server see (and refuse) the excess.
  await new Promise((r) => setTimeout(r, 300));
  const other = await connect('127.0.0.2');
  other.on('error', () => undefined);
  other.end('<13>Jan  1 00:00:00 host2 app: fair-share-marker from the second address\n');
  const got = await waitFor('fair-share-marker');
  expect(got).toHaveLength(1);
  expect(got[0]['observer.ip']).toBe('127.0.0.2');
  expect(idle.filter((s) => !s.destroyed && !s.readableEnded).length).toBeLessThanOrEqual(PER_ADDRESS);
  const metrics = await (await fetch(`${srv.url}/metrics`)).text();
  expect(Number(/vigil_source_connections_refused_total\{input="syslog-tcp",reason="per_address"\} (\d+)/.exec(metrics)?.[1])).toBe(1000 - PER_ADDRESS);
}

describe('syslog socket errors', () => {
  it('counts a connection reset by the sender instead of swallowing it', async () => {
    const metric = async () => Number(/vigil_source_socket_errors_total\{code="ECONNRESET",input="syslog-tcp"\} (\d+)/.exec(await (await fetch(`${srv.url}/metrics`)).text())?.[1] ?? 0);
    const before = await metric();
    const s = await connect('127.0.0.5');
    s.write('<13>Jan  1 00:00:00 host5 app: partial');
    await new Promise((r) => setTimeout(r, 50));
    s.resetAndDestroy();
    const end = Date.now() + 3000;
    while ((await metric()) === before && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(await metric()).toBe(before + 1);
  });
});

describe('syslog line limits', () => {

  it('closes a connection that trickles bytes without ever finishing a line', { timeout: 30_000 }, async () => {
    const s = await connect('127.0.0.3');
    s.on('error', () => undefined);
    const t = setInterval(() => s.write('x'), 100);
    const started = Date.now();
    const res = await Promise.race([closed(s).then(() => 'closed'), new Promise((r) => setTimeout(() => r('still open'), 8000))]);
    clearInterval(t);
    s.destroy();
    expect(res).toBe('closed');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('an oversized line, however it is split, gives exactly one truncated event', { timeout: 30_000 }, async () => {
    const s = await connect('127.0.0.4');
    const big = `<13>Jan  1 00:00:00 host4 app: oversize-marker ${'A'.repeat(200_000)}`;
    for (let i = 0; i < big.length; i += 7000) {
      s.write(big.slice(i, i + 7000));
      await new Promise((r) => setTimeout(r, 2));
    }
    s.end('\n<13>Jan  1 00:00:00 host4 app: after-oversize-marker\n');
    await waitFor('after-oversize-marker');
    await new Promise((r) => setTimeout(r, 200));
    const fromSender = await search('observer.ip:127.0.0.4');
    expect(fromSender).toHaveLength(2);
    const truncated = fromSender.find((e) => String(e.message).includes('oversize-marker') && !String(e.message).includes('after-'));
    expect(truncated).toBeDefined();
    expect(String(truncated['event.original']).length).toBeLessThanOrEqual(1024);
  });
});
