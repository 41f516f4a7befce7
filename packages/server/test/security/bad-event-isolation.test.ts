/**
 * Issue 14 items 1 and 2 (write side), against a real server on real sockets with a real SQLite file
 * (writer thread on): a ~10 KB event nested 5,000 deep, sent while another tenant ingests, costs no
 * other event — the other tenant gets 202 for everything, the deep event is stored cut to the depth
 * limit and marked, and search (document fields, top, histogram) still answers. Over unauthenticated
 * syslog, deep datagrams and lines never cost the good lines around them. And the writer isolates
 * an event it cannot store by itself (retry without it, reported by index).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import dgram from 'node:dgram';
import net from 'node:net';
import { join } from 'node:path';
import type { TenantEvent, VigilEvent } from '@vigil/contracts';
import { startTestServer, Client, type TestServer } from '../support/server.ts';
import { freePort } from '../support/process.ts';
import { tempDir } from '../support/temp-dir.ts';
import { SqliteDb, openSqlite, migrate } from '../../src/db/index.ts';
import { SqliteEventStore } from '../../src/storage/index.ts';
import { TenantsRepo } from '../../src/repos/tenants-repo.ts';

let srv: TestServer;
let syslogPort = 0;
let keyA = '';
let keyB = '';
let readA = '';
let readB = '';

/** JSON text of an array nested `depth` deep (~2 bytes per level). */
const deepArray = (depth: number) => `${'['.repeat(depth)}"bottom"${']'.repeat(depth)}`;
/** JSON text of objects nested `depth` deep. */
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const ingest = (key: string, raw: string, type = 'application/x-ndjson') => new Client(srv.url).req('POST', '/api/v1/ingest', { raw, type, headers: bearer(key) });
const search = (key: string, q: string, extra = '') => new Client(srv.url).req('GET', `/api/v1/events?q=${encodeURIComponent(q)}&from=-1h${extra}`, { headers: bearer(key) });

async function waitFor(key: string, q: string, n: number, timeoutMs = 8000): Promise<VigilEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await search(key, q, '&limit=500');
    if (r.body.events?.length >= n || Date.now() > deadline) return r.body.events ?? [];
    await new Promise((res) => setTimeout(res, 50));
  }
}

beforeAll(async () => {
  syslogPort = await freePort();
  srv = await startTestServer({ VIGIL_SYSLOG_PORT: String(syslogPort), VIGIL_SYSLOG_HOST: '127.0.0.1', VIGIL_SYSLOG_TENANT_MAP: '' });
  const tenantA = (await srv.rt.tenants.bySlug('default'))!.id;
  const b = await srv.rt.tenants.create('other', 'Other tenant');
  keyA = srv.boot.ingestKey;
  readA = (await srv.rt.apiKeys.create(tenantA, { name: 'read-a', scopes: ['read'] }, null)).key;
  keyB = (await srv.rt.apiKeys.create(b.id, { name: 'ingest-b', scopes: ['ingest'] }, null)).key;
  readB = (await srv.rt.apiKeys.create(b.id, { name: 'read-b', scopes: ['read'] }, null)).key;
});
afterAll(async () => srv?.close());

describe('one bad event never costs another (HTTP, SQLite writer thread)', () => {
  it('a 10 KB event nested 5,000 deep, sent with good events and beside another tenant, loses nothing', async () => {
    const bad = `{"message":"deep-attack","payload":${deepArray(5000)}}`;
    const badObj = `{"message":"deep-object","payload":${deepObject(2000)}}`;
    expect(bad.length).toBeGreaterThan(10_000);
    const good = (tag: string, n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ message: `${tag} ${i}`, 'event.dataset': tag })).join('\n');
    // Tenant B keeps ingesting while tenant A sends the deep events: group commit puts them in one batch.
    const [ra, ...rbs] = await Promise.all([
      ingest(keyA, `${good('neighbour-a', 2)}\n${bad}\n${badObj}\n${good('neighbour-a2', 2)}`),
      ...Array.from({ length: 5 }, (_, k) => ingest(keyB, good(`tenant-b-${k}`, 20))),
    ]);
    for (const rb of rbs) expect([rb.status, rb.body]).toEqual([202, { accepted: 20, rejected: [] }]);
    expect([ra.status, ra.body]).toEqual([202, { accepted: 6, rejected: [] }]);
    expect(await waitFor(readB, 'event.dataset:tenant-b-*', 100)).toHaveLength(100);
    const deep = await waitFor(readA, 'message:"deep-attack"', 1);
    expect(deep[0]!['vigil.truncated']).toEqual(['payload']);
    const deepO = await waitFor(readA, 'message:"deep-object"', 1);
    expect(deepO[0]!['vigil.truncated']).toHaveLength(1);
    expect(await waitFor(readA, 'event.dataset:neighbour-a*', 4)).toHaveLength(4);
  });

  it('search on document fields, top and histogram still answer with the deep event in range', async () => {
    expect((await search(readA, 'payload:* OR event.dataset:neighbour-a')).status).toBe(200);
    expect((await new Client(srv.url).req('GET', '/api/v1/events/top?field=payload&from=-1h', { headers: bearer(readA) })).status).toBe(200);
    expect((await new Client(srv.url).req('GET', `/api/v1/events/histogram?from=-1h&q=${encodeURIComponent('payload:*')}`, { headers: bearer(readA) })).status).toBe(200);
  });

  it('counts truncated events on /metrics', async () => {
    const m = await new Client(srv.url).req('GET', '/metrics');
    expect(m.body).toMatch(/vigil_events_marked_total\{input="http",mark="truncated"\} [1-9]/);
  });
});

describe('one bad line never costs another (syslog)', () => {
  it('a 2 KB UDP datagram nested 1,000 deep is stored bounded and search keeps working', async () => {
    const sock = dgram.createSocket('udp4');
    const datagram = `<13>Oct 11 22:14:15 attacker app: {"x":${deepArray(1000)},"marker":"udp-deep"}`;
    expect(datagram.length).toBeGreaterThan(2000);
    await new Promise<void>((res, rej) => sock.send(datagram, syslogPort, '127.0.0.1', (e) => (e ? rej(e) : res())));
    await new Promise<void>((res, rej) => sock.send('<13>Oct 11 22:14:16 host app: udp-good-line', syslogPort, '127.0.0.1', (e) => (e ? rej(e) : res())));
    sock.close();
    const [e] = await waitFor(readA, 'udp-deep', 1);
    expect(e).toBeDefined();
    expect(e!['vigil.truncated']).toEqual(['x']);
    expect(await waitFor(readA, 'udp-good-line', 1)).toHaveLength(1);
    expect((await search(readA, 'x:* AND marker:udp-deep')).status).toBe(200);
  });

  it('over TCP, good lines around deep lines from another sender are all stored', async () => {
    const deepLine = `<13>Oct 11 22:14:15 attacker app: ${deepObject(3000)}`;
    const good = Array.from({ length: 50 }, (_, i) => `<13>Oct 11 22:14:15 good app: tcp-good ${i}`);
    const send = (lines: string[]) =>
      new Promise<void>((res, rej) => {
        const c = net.connect(syslogPort, '127.0.0.1', () => c.end(`${lines.join('\n')}\n`));
        c.on('close', () => res());
        c.on('error', rej);
      });
    await Promise.all([send([deepLine, deepLine, deepLine]), send(good)]);
    expect(await waitFor(readA, '"tcp-good"', 50)).toHaveLength(50);
  });
});

describe('the writer isolates an event it cannot store', () => {
  it('SQLite writer thread: an event that cannot cross to the thread is refused by index, its neighbours stored', async () => {
    const dir = tempDir();
    const db = new SqliteDb(openSqlite(join(dir.path, 'vigil.db')));
    await migrate(db);
    const t = await new TenantsRepo(db).create('iso', 'Iso');
    const store = new SqliteEventStore(db.raw, { writerThread: true });
    try {
      const ev = (id: string, extra: Record<string, unknown> = {}): TenantEvent => ({ tenantId: t.id, event: { id, '@timestamp': new Date().toISOString(), 'event.ingested': new Date().toISOString(), message: id, ...extra } as VigilEvent });
      // Bypasses normalize on purpose, as a consumer fed by a future source that forgot it would be.
      let deep: unknown = 'x';
      for (let i = 0; i < 200_000; i++) deep = [deep];
      const refused = await store.append([ev('ok1'), ev('deep', { payload: deep }), ev('ok2')]);
      expect(refused).toEqual([{ index: 1, error: expect.stringMatching(/refused/) }]);
      expect(await store.count({ tenantId: t.id, query: null })).toBe(2);
    } finally {
      await store.close();
      await db.close();
      dir.remove();
    }
  });
});
