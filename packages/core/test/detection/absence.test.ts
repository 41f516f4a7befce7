import { describe, expect, it } from 'vitest';
import { BUILTIN_RULE_KINDS, compileRule, createEngineState, createRuleSet, evaluate, seedGroups } from '../../src/detection/index.ts';
import { T0, ev, rule } from './fixtures.ts';
import { at, drive } from './kinds.ts';

const silent = rule({ id: 'silent-host', title: '{{host.name}} went silent', severity: 'medium', allowed_lateness: '1m', absence: { window: '10m', group_by: ['host.name'] } });
const log = (id: string, sec: number, host = 'web-01') => ev(id, sec, { 'host.name': host });

describe('absence', () => {
  it('the clock alone reveals a silent host: no event needs to arrive', () => {
    const { signals } = drive([silent], [[[log('a', 0), log('b', 60, 'web-02')]], [[], 600], [[], 661], [[], 721]]);
    // web-01 last spoke at 0 s: silent once the watermark (clock - 1 m) passes 0 + 10 m, i.e. at 661 s.
    expect(signals.map((s) => [s.title, s.windowStart, s.sampleEventIds])).toEqual([
      ['web-01 went silent', at(0), ['a']],
      ['web-02 went silent', at(60), ['b']],
    ]);
  });

  it('fires once per silence; a host that speaks again can go silent again', () => {
    const { signals } = drive([silent], [[[log('a', 0)]], [[], 2000], [[], 3000], [[log('b', 3000)]], [[], 5000]], { restart: true });
    expect(signals.map((s) => s.windowStart)).toEqual([at(0), at(3000)]);
  });

  it('a gap between two events longer than the window is a silence, also found from event time alone', () => {
    const { signals } = drive([silent], [[[log('a', 0), log('b', 700), log('c', 1400)]]]);
    expect(signals.map((s) => s.windowStart)).toEqual([at(0), at(700)]);
  });

  it('a late event inside the lateness fills the gap before it is judged', () => {
    const { signals } = drive([silent], [[[log('a', 0), log('c', 650)]], [[log('b', 599)]], [[], 700]]);
    expect(signals).toEqual([]);
  });

  it('seeded hosts (seen before a restart, from the store) count as seen', () => {
    const set = createRuleSet([silent]);
    const state = createEngineState();
    expect(seedGroups(set, state, 'silent-host', [{ values: ['db-01'], lastSeen: T0 }])).toBe(1);
    const r = evaluate(set, state, [], T0 + 700_000);
    expect(r.signals.map((s) => [s.title, s.sampleEventIds])).toEqual([['db-01 went silent', []]]);
  });

  it('refuses suppress (each silence fires once anyway)', () => {
    expect(compileRule({ id: 'x', title: 't', severity: 'low', absence: { window: '1m' }, suppress: { window: '1h' } }, BUILTIN_RULE_KINDS).ok).toBe(false);
  });
});
