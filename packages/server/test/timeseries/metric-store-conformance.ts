/**
 * The metrics store contract, run against every adapter (SQLite file, PostgreSQL schema).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { MetricSample, MetricStore } from '../../src/timeseries/index.ts';

export interface MetricStoreFixture {
  store: MetricStore;
  /** A second store over the same database (another process, cold id cache). */
  reopen: () => MetricStore;
  close: () => Promise<void>;
}

const T0 = Date.UTC(2026, 0, 1);
const base = { tenantId: 't1', sourceKind: 'device', sourceId: 'd1' };

/** Registers the conformance suite for one adapter. */
export function describeMetricStore(name: string, make: () => Promise<MetricStoreFixture>, opts: { skip?: boolean } = {}): void {
  describe.skipIf(!!opts.skip)(`MetricStore conformance: ${name}`, () => {
    let f: MetricStoreFixture;
    beforeAll(async () => {
      f = await make();
      const samples: MetricSample[] = [];
      for (let i = 0; i < 120; i++) {
        samples.push({ ...base, name: 'if.in_bps', labels: { ifIndex: '1', ifName: 'eth0' }, ts: T0 + i * 10_000, value: i });
        samples.push({ ...base, name: 'if.in_bps', labels: { ifIndex: '2', ifName: 'eth1' }, ts: T0 + i * 10_000, value: 1000 + i });
        samples.push({ ...base, name: 'cpu.load_pct', labels: {}, ts: T0 + i * 10_000, value: i % 10 });
      }
      // Same names and labels on another source and another tenant must never leak in.
      samples.push({ ...base, sourceId: 'd2', name: 'cpu.load_pct', labels: {}, ts: T0, value: 999 });
      samples.push({ ...base, tenantId: 't2', name: 'cpu.load_pct', labels: {}, ts: T0, value: 777 });
      await f.store.write(samples);
    });
    afterAll(async () => f?.close());

    it('answers raw points of one series, oldest first, within [from, to)', async () => {
      const r = await f.store.query({ ...base, names: ['cpu.load_pct'], from: T0 + 10_000, to: T0 + 50_000, step: 0 });
      expect(r).toHaveLength(1);
      expect(r[0]!.labels).toEqual({});
      expect(r[0]!.points.map((p) => [p.ts - T0, p.value])).toEqual([[10_000, 1], [20_000, 2], [30_000, 3], [40_000, 4]]);
    });

    it('downsamples by step: average, min and max per bucket', async () => {
      const r = await f.store.query({ ...base, names: ['if.in_bps'], labels: { ifIndex: '1' }, from: T0, to: T0 + 120 * 10_000, step: 60_000 });
      expect(r).toHaveLength(1);
      expect(r[0]!.points).toHaveLength(20);
      expect(r[0]!.points[0]).toEqual({ ts: T0, value: 2.5, min: 0, max: 5 });
      expect(r[0]!.points[19]).toEqual({ ts: T0 + 19 * 60_000, value: 116.5, min: 114, max: 119 });
    });

    it('selects series by a subset of labels and lists every series of a name', async () => {
      const both = await f.store.query({ ...base, names: ['if.in_bps'], from: T0, to: T0 + 1, step: 0 });
      expect(both.map((s) => s.labels.ifName).sort()).toEqual(['eth0', 'eth1']);
      const all = await f.store.query({ ...base, from: T0, to: T0 + 1, step: 0 });
      expect(all.map((s) => s.name).sort()).toEqual(['cpu.load_pct', 'if.in_bps', 'if.in_bps']);
    });

    it('keeps tenants and sources apart', async () => {
      const t2 = await f.store.query({ ...base, tenantId: 't2', from: T0, to: T0 + 1, step: 0 });
      expect(t2.map((s) => s.points[0]!.value)).toEqual([777]);
      const d2 = await f.store.latest('t1', 'device', 'd2');
      expect(d2.map((l) => l.value)).toEqual([999]);
    });

    it('answers the latest point per series', async () => {
      const l = await f.store.latest('t1', 'device', 'd1', ['if.in_bps']);
      expect(l.map((x) => [x.labels.ifName, x.value, x.ts - T0]).sort()).toEqual([['eth0', 119, 1_190_000], ['eth1', 1119, 1_190_000]]);
    });

    it('is idempotent per (series, ts): a replayed sample replaces, never doubles', async () => {
      const s = { ...base, sourceId: 'd3', name: 'x', labels: { a: '1', b: '2' }, ts: T0, value: 1 };
      await f.store.write([s, { ...s, value: 2 }]);
      await f.reopen().write([{ ...s, labels: { b: '2', a: '1' }, value: 3 }]);
      let r = await f.store.query({ ...base, sourceId: 'd3', from: T0, to: T0 + 1, step: 0 });
      expect(r).toHaveLength(1);
      expect(r[0]!.points).toEqual([{ ts: T0, value: 3, min: 3, max: 3 }]);
      // The same labels in another order, through the store that cached the first order: one series.
      await f.store.write([{ ...s, labels: { b: '2', a: '1' }, value: 4 }]);
      r = await f.store.query({ ...base, sourceId: 'd3', from: T0, to: T0 + 1, step: 0 });
      expect(r.map((x) => x.points)).toEqual([[{ ts: T0, value: 4, min: 4, max: 4 }]]);
    });

    it('skips non-finite values instead of failing the batch', async () => {
      await f.store.write([{ ...base, sourceId: 'd4', name: 'y', labels: {}, ts: T0, value: Number.NaN }, { ...base, sourceId: 'd4', name: 'y', labels: {}, ts: T0 + 1, value: 5 }]);
      const r = await f.store.query({ ...base, sourceId: 'd4', from: T0, to: T0 + 10, step: 0 });
      expect(r[0]!.points.map((p) => p.value)).toEqual([5]);
    });

    it('deletes a source and old points', async () => {
      expect(await f.store.deleteSource('t1', 'device', 'd4')).toBe(1);
      expect(await f.store.query({ ...base, sourceId: 'd4', from: 0, to: T0 * 2, step: 0 })).toEqual([]);
      // A deleted source written again gets its series anew (no stale cached ids).
      await f.store.write([{ ...base, sourceId: 'd4', name: 'y', labels: {}, ts: T0 + 5, value: 6 }]);
      expect((await f.store.query({ ...base, sourceId: 'd4', from: 0, to: T0 * 2, step: 0 })).map((x) => x.points.map((p) => p.value))).toEqual([[6]]);
      expect(await f.store.deleteSource('t1', 'device', 'd4')).toBe(1);
      const removed = await f.store.deleteBefore(T0 + 10_000);
      expect(removed).toBeGreaterThanOrEqual(3);
      const r = await f.store.query({ ...base, names: ['cpu.load_pct'], from: 0, to: T0 + 20_000, step: 0 });
      expect(r[0]!.points.map((p) => p.ts - T0)).toEqual([10_000]);
    });
  });
}
