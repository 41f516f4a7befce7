/**
 * The EventStore conformance suite: every adapter (SQLite, PostgreSQL) runs exactly these tests.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { VigilEvent } from '@vigil/contracts';
import { parseQuery } from '@vigil/core';
import type { EventStore, TenantEvent } from '../../src/storage/event-store.ts';

export interface StoreFixture {
  store: EventStore;
  /** Tenant ids that exist in the database. */
  tenants: [string, string];
  close: () => Promise<void>;
  /** Brings the adapter's search index up to date (adapters that test the index path set it). */
  catchUp?: () => Promise<void>;
}

const BASE = Date.UTC(2026, 0, 10, 12, 0, 0);
const pad = (n: number) => String(n).padStart(6, '0');

function ev(i: number, extra: Record<string, unknown> = {}): VigilEvent {
  return {
    id: `01JTEST${pad(i)}AAAAAAAAAAAAA`.slice(0, 26),
    '@timestamp': new Date(BASE + Math.floor(i / 2) * 60_000).toISOString(),
    'event.ingested': new Date(BASE).toISOString(),
    message: `message ${i} ${i % 3 === 0 ? 'Failed password' : 'Accepted publickey'}`,
    'event.dataset': i % 2 ? 'sshd' : 'nginx.access',
    'vigil.severity': (['info', 'low', 'medium', 'high', 'critical'] as const)[i % 5],
    'source.ip': `10.0.${i % 4}.${i % 250}`,
    'host.name': `web-${i % 3}`,
    'http.response.status_code': 200 + (i % 4) * 100,
    ...extra,
  } as VigilEvent;
}

/** Registers the suite for one adapter. */
export function describeEventStore(name: string, setup: () => Promise<StoreFixture>, opts: { skip?: boolean } = {}): void {
  describe.skipIf(!!opts.skip)(`EventStore conformance: ${name}`, () => {
    let fx!: StoreFixture;
    let A = '';
    let B = '';
    const N = 300;

    beforeAll(async () => {
      fx = await setup();
      [A, B] = fx.tenants;
      const batch: TenantEvent[] = [];
      for (let i = 0; i < N; i++) batch.push({ tenantId: A, event: ev(i) });
      batch.push({ tenantId: B, event: ev(9999, { message: 'tenant B only' }) });
      await fx.store.append(batch.slice(0, 100));
      await fx.store.append(batch.slice(100));
      await fx.catchUp?.();
    });
    afterAll(async () => fx?.close());

    const s = () => fx.store;

    it('gets an event by id, only within its tenant', async () => {
      const e = await s().get(A, ev(5).id);
      expect(e).toEqual(ev(5));
      expect(await s().get(B, ev(5).id)).toBeNull();
      expect(await s().get(A, 'nope')).toBeNull();
    });

    it('pages newest first with cursors, every event exactly once', async () => {
      const seen: string[] = [];
      let cursor;
      let prev = Infinity;
      for (let guard = 0; guard < 100; guard++) {
        const page = await s().search({ tenantId: A, query: null, limit: 7, cursor });
        for (const e of page.events) {
          const ts = Date.parse(e['@timestamp']);
          expect(ts).toBeLessThanOrEqual(prev);
          prev = ts;
          seen.push(e.id);
        }
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen.length).toBe(N);
      expect(new Set(seen).size).toBe(N);
    });

    it('pages oldest first with cursors (order asc), every event exactly once', async () => {
      const seen: string[] = [];
      let cursor;
      let prev = -Infinity;
      for (let guard = 0; guard < 100; guard++) {
        const page = await s().search({ tenantId: A, query: parseQuery('event.dataset:sshd'), limit: 11, cursor, order: 'asc' });
        for (const e of page.events) {
          const ts = Date.parse(e['@timestamp']);
          expect(ts).toBeGreaterThanOrEqual(prev);
          prev = ts;
          seen.push(e.id);
        }
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen.length).toBe(N / 2);
      expect(new Set(seen).size).toBe(N / 2);
      expect(seen[0]).toBe(ev(1).id);
    });

    it('answers distinct terms with their newest time, newest first, typed as stored', async () => {
      const hosts = await s().terms({ tenantId: A, query: parseQuery('event.dataset:sshd'), fields: ['host.name'], limit: 10 });
      expect(hosts.map((h) => h.values[0]).sort()).toEqual(['web-0', 'web-1', 'web-2']);
      // The newest sshd event is i = 299 (host web-2), at BASE + 149 min.
      expect(hosts[0]).toEqual({ values: ['web-2'], lastSeen: BASE + 149 * 60_000 });
      const pairs = await s().terms({ tenantId: A, query: null, from: BASE, to: BASE + 2 * 60_000, fields: ['host.name', 'http.response.status_code'], limit: 100 });
      expect(pairs.map((p) => p.values).sort()).toEqual([['web-0', 200], ['web-0', 500], ['web-1', 300], ['web-2', 400]].sort());
      expect(await s().terms({ tenantId: A, query: null, fields: ['source.ip'], limit: 3 })).toHaveLength(3);
      expect(await s().terms({ tenantId: A, query: null, fields: ['no.such.field'], limit: 3 })).toEqual([]);
      const msg = await s().terms({ tenantId: B, query: null, fields: ['message'], limit: 3 });
      expect(msg).toEqual([{ values: ['tenant B only'], lastSeen: Date.parse(ev(9999)['@timestamp']) }]);
    });

    it('keeps tenants apart in search and count', async () => {
      expect(await s().count({ tenantId: A, query: null })).toBe(N);
      const b = await s().search({ tenantId: B, query: null, limit: 10 });
      expect(b.events.map((e) => e.message)).toEqual(['tenant B only']);
    });

    it('applies from (inclusive) and to (exclusive)', async () => {
      const from = BASE + 10 * 60_000;
      const to = BASE + 20 * 60_000;
      const n = await s().count({ tenantId: A, query: null, from, to });
      expect(n).toBe(20);
    });

    it('filters by a query', async () => {
      const q = parseQuery('event.dataset:sshd AND "failed password"');
      const expected = Array.from({ length: N }, (_, i) => i).filter((i) => i % 2 === 1 && i % 3 === 0).length;
      expect(await s().count({ tenantId: A, query: q })).toBe(expected);
      const page = await s().search({ tenantId: A, query: parseQuery('source.ip:10.0.1.0/24'), limit: 1000 });
      expect(page.events.length).toBe(N / 4);
    });

    it('counts per interval in the histogram', async () => {
      const buckets = await s().histogram({ tenantId: A, query: null, from: BASE, to: BASE + 200 * 60_000, intervalMs: 10 * 60_000 });
      expect(buckets.length).toBe(20);
      expect(buckets.reduce((a, b) => a + b.count, 0)).toBe(N);
      expect(buckets[0]).toEqual({ ts: BASE, count: 20 });
    });

    it('answers top values of hot and document fields', async () => {
      const top = await s().top({ tenantId: A, query: null, field: 'event.dataset', limit: 5 });
      expect(top).toEqual([
        { value: 'nginx.access', count: 150 },
        { value: 'sshd', count: 150 },
      ]);
      const codes = await s().top({ tenantId: A, query: null, field: 'http.response.status_code', limit: 2 });
      expect(codes.length).toBe(2);
      expect(codes[0]!.count).toBe(75);
      const sev = await s().top({ tenantId: A, query: null, field: 'vigil.severity', limit: 10 });
      expect(sev.map((v) => v.value).sort()).toEqual(['critical', 'high', 'info', 'low', 'medium']);
    });

    it('lists fields of recent events', async () => {
      const f = await s().fields({ tenantId: A, query: null, sample: 50 });
      expect(f.find((x) => x.name === 'source.ip')?.count).toBe(50);
    });

    it('exports every matching event as a stream', async () => {
      let n = 0;
      for await (const e of s().export({ tenantId: A, query: parseQuery('event.dataset:sshd') }, 16)) {
        expect(e['event.dataset']).toBe('sshd');
        n++;
      }
      expect(n).toBe(150);
    });

    it('stores odd text intact (unicode, quotes, big fields) and NUL safely', async () => {
      const odd = ev(5000, { message: `ünïcødé "quotes" 'single' \\ back 🚀 ${'x'.repeat(70_000)}`, 'labels.weird key': 'a\u0000b', nested: { deep: [1, 'two', null] } });
      await s().append([{ tenantId: B, event: odd }]);
      const got = (await s().get(B, odd.id))!;
      expect(got.message).toBe(odd.message);
      expect(got.nested).toEqual({ deep: [1, 'two', null] });
      expect(['a\u0000b', 'a\uFFFDb']).toContain(got['labels.weird key']);
    });

    it('keeps control characters and backslash sequences exactly, in columns and the document', async () => {
      // What a COPY text stream would misread if a field were not escaped: tab (field separator), newline
      // and CR (row end), backslash, and the literal text \N (NULL) and \. (end of data).
      const raw = 'a\tb\nc\r\nd \\ e \\N \\. f\\tg\\';
      const odd = ev(5001, { message: raw, 'host.name': raw, 'user.name': '\\N', 'labels.raw': raw, 'labels.nul': '\\u0000' });
      await s().append([{ tenantId: B, event: odd }]);
      const got = (await s().get(B, odd.id))!;
      expect(got.message).toBe(raw);
      expect(got['host.name']).toBe(raw);
      expect(got['user.name']).toBe('\\N');
      expect(got['labels.raw']).toBe(raw);
      expect(got['labels.nul']).toBe('\\u0000');
      expect(await s().count({ tenantId: B, query: parseQuery('user.name:"\\\\N"') })).toBe(1);
    });

    it('deletes events older than a cutoff and keeps the rest', async () => {
      const old = ev(7000, { '@timestamp': new Date(BASE - 40 * 86_400_000).toISOString() });
      await s().append([{ tenantId: B, event: old }]);
      const before = await s().count({ tenantId: B, query: null });
      const deleted = await s().deleteBefore(BASE - 86_400_000);
      expect(deleted).toBe(1);
      expect(await s().count({ tenantId: B, query: null })).toBe(before - 1);
      expect(await s().get(B, old.id)).toBeNull();
      expect(await s().count({ tenantId: A, query: null })).toBe(N);
    });
  });
}
