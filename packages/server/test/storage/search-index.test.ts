/**
 * The deferred search index answers exactly what the scan answers: on random events, with part of them
 * indexed (merged parts, common keys dropped) and part only in the tail above the watermark, every
 * search page, count, histogram and top list equals the in-memory predicate's answer — on SQLite (with
 * reader threads) and PostgreSQL. Plus: a just-written event is found before it is indexed, and
 * retention removes the index's days and minutes with the events.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { VigilEvent } from '@vigil/contracts';
import { compilePredicate, finalizeEvent, keyPlan, parseQuery } from '@vigil/core';
import { SqliteDb, openSqlite, PostgresDb, createPgPool, migrate } from '../../src/db/index.ts';
import { SqliteEventStore, PostgresEventStore, SearchIndexer, SqliteSearchIndexTarget, PostgresSearchIndexTarget, type EventStore } from '../../src/storage/index.ts';
import { sqliteLookup } from '../../src/storage/sqlite-search-index-reader.ts';
import { postgresLookup } from '../../src/storage/postgres-search-index-reader.ts';
import type { Lookup } from '../../src/storage/search-index-lookup.ts';
import { TenantsRepo } from '../../src/repos/tenants-repo.ts';
import { tempDir } from '../support/temp-dir.ts';
import { postgresAvailable, tempSchema } from '../support/postgres.ts';

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const BASE = Date.UTC(2026, 2, 10);
const WORDS = ['Failed', 'password', 'for', 'root', 'from', 'port', 'ssh2', 'Accepted', 'publickey', 'GET', '/index.html', 'HTTP/1.1', 'DROP', 'IN=eth0', 'sudo', 'COMMAND=/bin/ls', 'Straße', 'ÉLAN', 'élan', '\u{1F600}', 'a', 'ab', 'x'];
const RARE = ['xmrig', 'Mimikatz', 'c2-beacon.evil', 'ZeroLogon', 'CVE-2026-1234'];
const USERS = ['root', 'admin', 'Admin', 'deploy', 'alice', 'bob', 'svc_backup'];
const HOSTS = ['web-1', 'web-2', 'db-1', 'fw-1'];
const DATASETS = ['sshd', 'nginx.access', 'firewall', 'sudo'];

function makeEvents(n: number, seed: number, idPrefix: string): VigilEvent[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out: VigilEvent[] = [];
  for (let i = 0; i < n; i++) {
    const words = Array.from({ length: 2 + Math.floor(r() * 8) }, () => pick(WORDS));
    if (r() < 0.01) words.splice(Math.floor(r() * words.length), 0, pick(RARE));
    if (r() < 0.2) words.push(Math.floor(r() * 1e6).toString(36));
    const rareUser = r() < 0.01;
    const fields: Record<string, unknown> = {
      // Three days, a few events sharing a millisecond.
      '@timestamp': new Date(BASE + Math.floor(r() * 3 * DAY / 7) * 7).toISOString(),
      message: words.join(r() < 0.8 ? ' ' : ''),
      'event.dataset': r() < 0.9 ? pick(DATASETS) : undefined,
      'user.name': rareUser ? 'mallory' : r() < 0.8 ? pick(USERS) : undefined,
      'host.name': pick(HOSTS),
      'source.ip': r() < 0.02 ? '10.1.2.3' : `10.${Math.floor(r() * 3)}.${Math.floor(r() * 200)}.${1 + Math.floor(r() * 200)}`,
      'event.outcome': pick(['success', 'failure']),
    };
    out.push(finalizeEvent(fields as never, { id: `${idPrefix}${String(i).padStart(26 - idPrefix.length, '0')}`, receivedAt: BASE + 10 * DAY, input: 'http' }));
  }
  return out;
}

/** Queries drawn from the events: substrings (case flipped), rare words and values, combinations, short and common words. */
function makeQueries(events: readonly VigilEvent[], seed: number): string[] {
  const r = rng(seed);
  const q: string[] = [...RARE, 'xmr', 'RIG', 'mimi*katz', 'c2-beacon.*', '"for root"', 'password', 'ab', 'élan', 'ÉLAN', 'Straße', '\u{1F600}', 'nothing-matches-this'];
  q.push('user.name:mallory', 'user.name|i:MALLORY', 'user.name:Admin', 'user.name|i:admin', 'source.ip:10.1.2.3', 'event.dataset:sshd', 'event.dataset:sudo AND xmrig', 'xmrig OR Mimikatz', 'xmrig OR user.name:mallory', 'NOT xmrig', 'xmrig AND NOT user.name:root', 'source.ip:10.1.2.3 AND event.outcome:failure', 'host.name:web-1 AND ZeroLogon', 'message:*xmrig*', 'message|i:*MIMIKATZ*');
  for (let i = 0; i < 30; i++) {
    const m = events[Math.floor(r() * events.length)]!.message;
    const chars = [...m];
    const start = Math.floor(r() * chars.length);
    let sub = chars.slice(start, start + 3 + Math.floor(r() * 10)).join('');
    sub = [...sub].map((c) => (r() < 0.3 ? c.toUpperCase() : c)).join('');
    if (sub.trim().length < 3 || /["\\]/.test(sub)) continue;
    q.push(`"${sub}"`);
  }
  return q;
}

interface Backend {
  name: string;
  store: EventStore;
  indexer: SearchIndexer;
  lookup: (tenantId: string, q: string) => Promise<Lookup | null>;
  close: () => Promise<void>;
}

const newest = (a: VigilEvent, b: VigilEvent) => Date.parse(b['@timestamp']) - Date.parse(a['@timestamp']) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

const backends: Backend[] = [];
let A = '';
let B = '';
const all: VigilEvent[] = [];

async function setupSqlite(): Promise<Backend> {
  const dir = tempDir();
  const file = join(dir.path, 'vigil.db');
  const db = new SqliteDb(openSqlite(file));
  await migrate(db);
  const t = new TenantsRepo(db);
  A ||= (await t.create('a', 'A')).id;
  B ||= (await t.create('b', 'B')).id;
  const store = new SqliteEventStore(db.raw, { readerThreads: 1, searchTimeoutMs: 60_000 });
  const target = new SqliteSearchIndexTarget(openSqlite(file), true);
  return {
    name: 'sqlite',
    store,
    indexer: new SearchIndexer(target, { sliceEvents: 37, catchUpEvents: 37, commonMin: 24 }),
    lookup: async (tenantId, q) => {
      const plan = keyPlan(parseQuery(q));
      return plan && sqliteLookup(db.raw, { tenantId, plan });
    },
    close: async () => {
      await store.close();
      await target.close();
      await db.close();
      dir.remove();
    },
  };
}

async function setupPostgres(): Promise<Backend> {
  const schema = await tempSchema('six');
  const db = new PostgresDb(createPgPool(schema.url));
  await migrate(db);
  for (const [id, slug] of [[A, 'a'], [B, 'b']] as const) await db.run('INSERT INTO tenants (id, slug, name, created_at) VALUES ($1, $2, $3, $4)', [id, slug, slug, 0]);
  const store = new PostgresEventStore(db.pool, { searchTimeoutMs: 60_000 });
  const target = new PostgresSearchIndexTarget(createPgPool(schema.url, 2), true);
  return {
    name: 'postgres',
    store,
    indexer: new SearchIndexer(target, { sliceEvents: 37, catchUpEvents: 37, commonMin: 24 }),
    lookup: async (tenantId, q) => {
      const plan = keyPlan(parseQuery(q));
      return plan && postgresLookup(db.pool, { tenantId, plan });
    },
    close: async () => {
      await store.close();
      await target.close();
      await db.close();
      await schema.drop();
    },
  };
}

async function appendAll(events: VigilEvent[], tenantId = A): Promise<void> {
  if (tenantId === A) all.push(...events);
  for (const b of backends) {
    for (let i = 0; i < events.length; i += 250) await b.store.append(events.slice(i, i + 250).map((event) => ({ tenantId, event })));
  }
}

beforeAll(async () => {
  backends.push(await setupSqlite());
  if (await postgresAvailable()) backends.push(await setupPostgres());
  await appendAll(makeEvents(900, 1, '01A'));
  await appendAll(makeEvents(50, 2, '01B'), B);
  for (const b of backends) await b.indexer.catchUp();
  // The tail: committed, not indexed.
  await appendAll(makeEvents(400, 3, '01C'));
}, 120_000);

afterAll(async () => {
  for (const b of backends) await b.close();
});

/** Every answer of the store for a query equals the predicate's over the events appended so far. */
async function expectExact(b: Backend, q: string, range: { from?: number; to?: number } = {}): Promise<void> {
  const ast = q ? parseQuery(q) : null;
  const p = ast ? compilePredicate(ast) : () => true;
  const inRange = (e: VigilEvent) => {
    const ts = Date.parse(e['@timestamp']);
    return (range.from === undefined || ts >= range.from) && (range.to === undefined || ts < range.to);
  };
  const expected = all.filter((e) => inRange(e) && p(e)).sort(newest);
  const f = { tenantId: A, query: ast, ...range };
  const page = await b.store.search({ ...f, limit: 5000 });
  expect({ backend: b.name, q, ids: page.events.map((e) => e.id) }).toEqual({ backend: b.name, q, ids: expected.map((e) => e.id) });
  // Small pages with cursors give the same sequence.
  const paged: string[] = [];
  let cursor;
  for (let i = 0; i < 200; i++) {
    const pg = await b.store.search({ ...f, limit: 7, cursor });
    paged.push(...pg.events.map((e) => e.id));
    if (!pg.nextCursor) break;
    cursor = pg.nextCursor;
  }
  if (expected.length <= 60) expect({ backend: b.name, q, paged }).toEqual({ backend: b.name, q, paged: expected.map((e) => e.id) });
  // Oldest first (replays and backtests), in pages.
  const ascIds: string[] = [];
  cursor = undefined;
  for (let i = 0; i < 200; i++) {
    const pg = await b.store.search({ ...f, limit: 97, cursor, order: 'asc' });
    ascIds.push(...pg.events.map((e) => e.id));
    if (!pg.nextCursor) break;
    cursor = pg.nextCursor;
  }
  expect({ backend: b.name, q, asc: ascIds }).toEqual({ backend: b.name, q, asc: expected.map((e) => e.id).reverse() });
  expect({ backend: b.name, q, count: await b.store.count(f) }).toEqual({ backend: b.name, q, count: expected.length });
  const from = range.from ?? BASE;
  const to = range.to ?? BASE + 3 * DAY;
  const interval = 3_600_000;
  const hist = await b.store.histogram({ ...f, from, to, intervalMs: interval });
  const want = new Array(Math.ceil((to - from) / interval)).fill(0);
  for (const e of expected) {
    const i = Math.floor((Date.parse(e['@timestamp']) - from) / interval);
    if (i >= 0 && i < want.length) want[i]++;
  }
  expect({ backend: b.name, q, hist: hist.map((x) => x.count) }).toEqual({ backend: b.name, q, hist: want });
  const top = await b.store.top({ ...f, field: 'user.name', limit: 3 });
  const counts = new Map<string, number>();
  for (const e of expected) if (typeof e['user.name'] === 'string') counts.set(e['user.name'], (counts.get(e['user.name']) ?? 0) + 1);
  const topWant = [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, 3).map(([value, count]) => ({ value, count }));
  expect({ backend: b.name, q, top }).toEqual({ backend: b.name, q, top: topWant });
}

describe('search index: answers equal the scan, indexed or not', () => {
  it('has data indexed, merged and in the tail', async () => {
    expect(backends.map((b) => b.name)).toEqual(process.env.CI ? ['sqlite', 'postgres'] : expect.arrayContaining(['sqlite']));
    for (const b of backends) {
      const look = await b.lookup(A, 'xmrig');
      expect(look).toMatchObject({ use: true });
      expect((look as { indexedEvents: number }).indexedEvents).toBe(900);
    }
  });

  it('random and planted queries, with a tail above the watermark', async () => {
    const queries = makeQueries(all, 11);
    let used = 0;
    let common = 0;
    for (const b of backends) {
      for (const q of queries) {
        await expectExact(b, q);
        const look = await b.lookup(A, q);
        if (look?.use) used++;
        if (look && !look.use && look.reason === 'common') common++;
      }
      await expectExact(b, 'xmrig', { from: BASE + DAY / 2, to: BASE + 2 * DAY + 1234 });
      await expectExact(b, '', { from: BASE + 600_000, to: BASE + 2 * DAY });
      await expectExact(b, 'event.dataset:sshd', { from: BASE + 60_000, to: BASE + 3 * DAY - 1 });
    }
    // Not vacuous: most queries went through the index, and some met common keys.
    expect(used).toBeGreaterThan(queries.length * backends.length * 0.4);
    expect(common).toBeGreaterThan(0);
  }, 120_000);

  it('finds a just-written event before it is indexed, and the same after', async () => {
    const fresh = makeEvents(1, 99, '01D').map((e) => ({ ...e, message: `${e.message} justwritten-42` }));
    await appendAll(fresh);
    for (const b of backends) {
      const page = await b.store.search({ tenantId: A, query: parseQuery('justwritten-42'), limit: 10 });
      expect(page.events.map((e) => e.id)).toEqual([fresh[0]!.id]);
      await b.indexer.catchUp();
      const again = await b.store.search({ tenantId: A, query: parseQuery('justwritten-42'), limit: 10 });
      expect(again.events.map((e) => e.id)).toEqual([fresh[0]!.id]);
    }
  });

  it('everything indexed: the same answers', async () => {
    for (const b of backends) await b.indexer.catchUp();
    for (const b of backends) for (const q of ['', ...makeQueries(all, 12)]) await expectExact(b, q);
  }, 120_000);

  it('keeps tenants apart', async () => {
    for (const b of backends) {
      const page = await b.store.search({ tenantId: B, query: parseQuery('password'), limit: 1000 });
      expect(page.events.every((e) => e.id.startsWith('01B'))).toBe(true);
    }
  });

  it('retention deletes the index with its days, and answers stay exact', async () => {
    const cutoff = BASE + DAY + 12_345;
    for (const b of backends) {
      await b.store.deleteBefore(cutoff);
    }
    all.splice(0, all.length, ...all.filter((e) => Date.parse(e['@timestamp']) >= cutoff));
    for (const b of backends) {
      for (const q of ['', 'xmrig', 'event.dataset:sshd', 'user.name:mallory', '"for root"']) await expectExact(b, q);
      const look = await b.lookup(A, 'xmrig');
      expect(look).toMatchObject({ use: true });
      // Day 0 is gone from the index: only days 1 and 2 remain.
      expect((look as { indexedEvents: number }).indexedEvents).toBeLessThan(all.length + 50);
    }
  }, 120_000);
});
