/**
 * The search index as the server runs it: the indexer thread starts with the store at nice 19, its
 * writes go through the writer thread, /metrics shows where it stands, and a search finds an event
 * the moment its ingest answered 202 — before and after the index covers it.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { startTestServer, Client, type TestServer } from '../support/server.ts';

let srv: TestServer;
let admin: Client;

const gauge = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);

async function metrics(): Promise<string> {
  return (await new Client(srv.url).req('GET', '/metrics')).body as string;
}

async function ingest(lines: string[]) {
  const r = await new Client(srv.url).req('POST', '/api/v1/ingest', { raw: lines.join('\n'), type: 'text/plain', headers: { authorization: `Bearer ${srv.boot.ingestKey}` } });
  expect(r.status).toBe(202);
}

async function search(q: string): Promise<string[]> {
  const r = await admin.req('GET', `/api/v1/events?q=${encodeURIComponent(q)}&limit=100`);
  expect(r.status).toBe(200);
  return (r.body.events as { message: string }[]).map((e) => e.message);
}

beforeAll(async () => {
  srv = await startTestServer();
  admin = new Client(srv.url);
  expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
}, 60_000);
afterAll(async () => srv?.close());

describe('search index in the server', () => {
  it('runs the indexer on a thread of its own at nice 19 (Linux)', () => {
    if (process.platform !== 'linux') return;
    const nice = readdirSync('/proc/self/task').map((tid) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    });
    expect(nice).toContain(19);
  });

  it('finds events before and after they are indexed, and reports the index on /metrics', async () => {
    const filler = Array.from({ length: 2000 }, (_, i) => `<38>Dec  5 10:00:00 host sshd[${i}]: Failed password for root from 10.0.${i % 250}.1 port ${1024 + i} ssh2`);
    await ingest(filler);
    await ingest(['<38>Dec  5 10:00:01 host sudo[1]: deploy : COMMAND=/tmp/.x/xmrig --donate-level 1']);
    // Right after the 202: found (through the tail scan or the index, whichever holds it by now).
    expect(await search('XMRIG')).toEqual([expect.stringContaining('xmrig')]);
    let m = '';
    for (let i = 0; i < 200; i++) {
      m = await metrics();
      if (gauge(m, 'vigil_search_index_caught_up') === 1 && gauge(m, 'vigil_search_index_events') >= 2001) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(gauge(m, 'vigil_search_index_events')).toBeGreaterThanOrEqual(2001);
    expect(gauge(m, 'vigil_search_index_lag_events')).toBe(0);
    expect(await search('xmrig')).toEqual([expect.stringContaining('xmrig')]);
    expect(await search('xmrig AND NOT deploy')).toEqual([]);
    const hist = await admin.req('GET', '/api/v1/events/histogram?from=-48h');
    expect(hist.body.buckets.reduce((a: number, b: { count: number }) => a + b.count, 0)).toBe(2001);
  }, 60_000);
});
