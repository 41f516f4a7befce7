import { describe, it, expect } from 'vitest';
import { buildEvent, newBuildMarks, finalizeEvent, flatten, DEFAULT_EVENT_LIMITS, type BuildContext } from '../../src/index.ts';

const NOW = Date.parse('2026-06-01T12:00:00.000Z');
let n = 0;
const ctx = (extra: Partial<BuildContext> = {}): BuildContext => ({ receivedAt: NOW, input: 'http', newId: () => `id${n++}`, marks: newBuildMarks(), ...extra });

/** JSON text of an array nested `depth` deep (JSON.stringify itself would overflow on it). */
function deepArrayJson(depth: number): string {
  return `${'['.repeat(depth)}"core"${']'.repeat(depth)}`;
}
function deepObject(depth: number): Record<string, unknown> {
  let v: Record<string, unknown> = { leaf: 1 };
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe('event limits', () => {
  it('an array nested 5,000 deep is cut at the depth limit, marked, and safe to serialise and clone', () => {
    const c = ctx();
    const e = buildEvent({ kind: 'json', value: JSON.parse(`{"message":"deep","payload":${deepArrayJson(5000)},"ok":"kept"}`) }, c);
    if (typeof e === 'string') throw new Error(e);
    expect(e.ok).toBe('kept');
    expect(e['vigil.truncated']).toEqual(['payload']);
    expect(() => JSON.stringify(e)).not.toThrow();
    expect(() => structuredClone(e)).not.toThrow();
    let d = 0;
    for (let v: unknown = e.payload; Array.isArray(v); v = v[0]) d++;
    expect(d).toBeLessThanOrEqual(DEFAULT_EVENT_LIMITS.maxDepth);
    expect(c.marks!.truncated).toBe(1);
  });

  it('an object nested 5,000 deep keeps its first levels as fields and drops the rest', () => {
    const f = flatten(deepObject(5000));
    const names = Object.keys(f).filter((k) => k !== 'vigil.truncated');
    expect(names).toEqual([]);
    expect(f['vigil.truncated']).toHaveLength(1);
    const shallow = flatten(deepObject(5));
    expect(shallow).toEqual({ 'a.a.a.a.a.leaf': 1 });
  });

  it('bounds field count, field names and text length', () => {
    const wide: Record<string, string> = { ['n'.repeat(300)]: 'long name' };
    for (let i = 0; i < 2500; i++) wide[`f${i}`] = 'x';
    wide.big = 'y'.repeat(100_000);
    const e = buildEvent({ kind: 'json', value: { message: 'wide', ...wide } }, ctx());
    if (typeof e === 'string') throw new Error(e);
    const fields = Object.keys(e).filter((k) => /^f\d+$/.test(k));
    expect(fields.length).toBeLessThanOrEqual(DEFAULT_EVENT_LIMITS.maxFields);
    expect(e['vigil.truncated']).toEqual(expect.arrayContaining([expect.stringMatching(/^n+…$/)]));
    expect(Object.keys(e).some((k) => k.length > 256)).toBe(false);
  });

  it('cuts a long value without splitting a surrogate pair', () => {
    const text = 'a'.repeat(DEFAULT_EVENT_LIMITS.maxValueLength - 1) + '😀' + 'b';
    const e = finalizeEvent({ message: 'm', note: text }, { id: '1', receivedAt: NOW, input: 'http' });
    expect((e.note as string).length).toBe(DEFAULT_EVENT_LIMITS.maxValueLength - 1);
    expect(e['vigil.truncated']).toEqual(['note']);
  });

  it('a key=value line with 5,000 pairs keeps at most maxFields fields', () => {
    const line = Array.from({ length: 5000 }, (_, i) => `k${i}=v${i}`).join(' ');
    const e = buildEvent({ kind: 'line', line }, ctx());
    if (typeof e === 'string') throw new Error(e);
    expect(Object.keys(e).length).toBeLessThanOrEqual(DEFAULT_EVENT_LIMITS.maxFields + 10);
  });

  it('a 2 KB syslog line carrying JSON nested 1,000 deep is stored bounded', () => {
    const line = `<13>Oct 11 22:14:15 host app: ${'['.repeat(1000)}1${']'.repeat(1000)}`;
    const body = `<13>Oct 11 22:14:15 host app: {"x":${'['.repeat(1000)}1${']'.repeat(1000)}}`;
    for (const l of [line, body]) {
      const e = buildEvent({ kind: 'line', line: l, sourceIp: '10.0.0.9' }, ctx());
      if (typeof e === 'string') throw new Error(e);
      expect(() => JSON.stringify(e)).not.toThrow();
      expect(e['observer.ip']).toBe('10.0.0.9');
    }
  });
});

describe('event time window', () => {
  const build = (ts: unknown) => {
    const c = ctx();
    const e = buildEvent({ kind: 'json', value: { message: 'm', '@timestamp': ts } }, c);
    if (typeof e === 'string') throw new Error(e);
    return { e, marks: c.marks! };
  };

  it('1e22, year 99999, a huge string and a 40-day future time become the ingest time, the original kept', () => {
    for (const [ts, kept] of [
      [1e22, '1e+22'],
      ['99999-01-01T00:00:00Z', '99999-01-01T00:00:00Z'],
      ['+099999-01-01T00:00:00.000Z', '+099999-01-01T00:00:00.000Z'],
      ['9'.repeat(100_000), '9'.repeat(200)],
      [new Date(NOW + 40 * 86_400_000).toISOString(), new Date(NOW + 40 * 86_400_000).toISOString()],
    ] as const) {
      const { e, marks } = build(ts);
      expect(e['@timestamp']).toBe(new Date(NOW).toISOString());
      expect(e['vigil.timestamp_invalid']).toBe(kept);
      expect(marks.timestampInvalid).toBe(1);
    }
  });

  it('times inside the window are kept; the past bound is configurable', () => {
    expect(build('2026-06-20T00:00:00Z').e['@timestamp']).toBe('2026-06-20T00:00:00.000Z');
    expect(build('2020-01-01T00:00:00Z').e['@timestamp']).toBe('2020-01-01T00:00:00.000Z');
    const c = ctx({ window: { maxFutureMs: 0, maxPastMs: 86_400_000 } });
    const e = buildEvent({ kind: 'json', value: { message: 'm', '@timestamp': '2020-01-01T00:00:00Z' } }, c) as Record<string, unknown>;
    expect(e['vigil.timestamp_invalid']).toBe('2020-01-01T00:00:00Z');
  });
});

describe('severity', () => {
  it('an unknown vigil.severity is kept aside and marked, a known word is mapped', () => {
    const c = ctx();
    const bad = buildEvent({ kind: 'json', value: { message: 'm', 'vigil.severity': 'apocalyptic' } }, c) as Record<string, unknown>;
    expect(bad['vigil.severity']).toBe('info');
    expect(bad['vigil.invalid.severity']).toBe('apocalyptic');
    expect(c.marks!.invalid).toBe(1);
    const ok = buildEvent({ kind: 'json', value: { message: 'm', 'vigil.severity': 'warning' } }, ctx()) as Record<string, unknown>;
    expect(ok['vigil.severity']).toBe('medium');
    expect(ok['vigil.invalid.severity']).toBeUndefined();
  });
});
