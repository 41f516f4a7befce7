import { describe, expect, it } from 'vitest';
import { isVigilError } from '@vigil/contracts';
import { createEngineState, createRuleSet, evaluate, partitionOf, signalId, stateFromJSON, stateToJSON } from '../../src/detection/index.ts';
import { ev, rule } from './fixtures.ts';

const brute = rule({ id: 'brute', title: 't', severity: 'high', threshold: { count: 5, window: '1h', group_by: ['source.ip'] } });
const from = (id: string, sec: number, ip: string) => ev(id, sec, { 'source.ip': ip });

describe('engine', () => {
  it('bounds groups per rule; a flood of one-event keys evicts its own kind, not a slow brute force seen twice (counted)', () => {
    const set = createRuleSet([brute], { maxGroupsPerRule: 50 });
    let state = createEngineState();
    const slow = (n: number) => from(`slow${n}`, n * 600, '203.0.113.66');
    let evicted = 0;
    const signals = [];
    for (let k = 0; k < 4; k++) {
      const flood = Array.from({ length: 200 }, (_, i) => from(`f${k}-${i}`, k * 600 + 301, `10.0.${k}.${i}`));
      const r = evaluate(set, state, k === 0 ? [slow(0), slow(0.5), ...flood] : [slow(k), ...flood], 0);
      state = r.state;
      evicted += r.stats.evicted;
      signals.push(...r.signals);
    }
    expect(evicted).toBe(4 * 200 + 1 - 50);
    expect(state.rules.get('brute')!.groups.size).toBe(50);
    expect(signals.map((s) => s.groupKey)).toEqual(['["203.0.113.66"]']);
  });

  it('state survives JSON exactly, and a malformed checkpoint is refused with a code', () => {
    const set = createRuleSet([brute]);
    const r = evaluate(set, createEngineState(), [from('a', 1, '1.1.1.1'), from('b', 2, '2.2.2.2')], 0);
    const json = JSON.stringify(stateToJSON(r.state));
    expect(JSON.stringify(stateToJSON(stateFromJSON(JSON.parse(json))))).toBe(json);
    for (const bad of [null, {}, { v: 2, rules: [] }, { v: 1, clock: 'x', maxTime: null, rules: [] }, { v: 1, clock: null, maxTime: null, rules: [{ id: 'a', fingerprint: 'f', groups: [[1]] }] }]) {
      let err: unknown;
      try {
        stateFromJSON(bad);
      } catch (e) {
        err = e;
      }
      expect(isVigilError(err) && err.code).toBe('VIGIL_ERR_VALIDATION');
    }
  });

  it('a changed rule starts from empty state; a removed rule loses its state', () => {
    const set = createRuleSet([brute]);
    const r = evaluate(set, createEngineState(), [from('a', 1, '1.1.1.1')], 0);
    const changed = rule({ id: 'brute', title: 't', severity: 'high', threshold: { count: 6, window: '1h', group_by: ['source.ip'] } });
    const r2 = evaluate(createRuleSet([changed]), r.state, [], 0);
    expect(r2.state.rules.get('brute')!.groups.size).toBe(0);
    const r3 = evaluate(createRuleSet([]), r2.state, [], 0);
    expect(r3.state.rules.size).toBe(0);
  });

  it('rules with identical evidence share it; a changed one leaves and starts empty, a checkpoint splits and joins them', () => {
    const doc = (id: string, count: number) => ({ id, title: 't', severity: 'high', threshold: { count, window: '1h', group_by: ['source.ip'] } });
    const [a, b, b2] = [rule(doc('a', 3)), rule(doc('b', 4)), rule(doc('b', 3))];
    const ids = (r: { signals: { ruleId: string }[] }) => r.signals.map((x) => x.ruleId);
    let state = createEngineState();
    let r = evaluate(createRuleSet([a, b]), state, [from('e1', 1, '10.0.0.1'), from('e2', 2, '10.0.0.1')], 0);
    state = r.state;
    expect(state.rules.get('a')!.groups).toBe(state.rules.get('b')!.groups);
    // The checkpoint holds each rule's own part, as it would alone; restored, the two join again.
    const alone = evaluate(createRuleSet([a]), createEngineState(), [from('e1', 1, '10.0.0.1'), from('e2', 2, '10.0.0.1')], 0).state;
    const json = stateToJSON(state);
    expect(json.rules.map((x) => x.share)).toEqual(['u0', 'u0']);
    expect(json.rules[0]!.groups).toEqual(stateToJSON(alone).rules[0]!.groups);
    const restored = stateFromJSON(JSON.parse(JSON.stringify(json)));
    r = evaluate(createRuleSet([a, b]), restored, [from('e3', 3, '10.0.0.1')], 0);
    expect(ids(r)).toEqual(['a']);
    expect(r.state.rules.get('a')!.groups).toBe(r.state.rules.get('b')!.groups);
    // b changes: it starts from empty state while a keeps what it gathered.
    r = evaluate(createRuleSet([a, b2]), state, [from('e3', 3, '10.0.0.1')], 0);
    expect(ids(r)).toEqual(['a']);
    expect(r.state.rules.get('a')!.groups).not.toBe(r.state.rules.get('b')!.groups);
    r = evaluate(createRuleSet([a, b2]), r.state, [from('e4', 4, '10.0.0.1'), from('e5', 5, '10.0.0.1')], 0);
    expect(ids(r)).toEqual(['b']);
    expect(r.signals[0]!.sampleEventIds).toEqual(['e3', 'e4', 'e5']);
  });

  it('counts events whose time is not a time, and skips them', () => {
    const r = evaluate(createRuleSet([brute]), createEngineState(), [{ ...from('a', 1, '1.1.1.1'), '@timestamp': 'yesterday' }], 0);
    expect(r.stats.badTime).toBe(1);
  });

  it('partitions group keys stably across 0…n-1 and spreads them', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[partitionOf(`["10.0.${i >> 8}.${i & 255}"]`, 4)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
    expect(partitionOf('["x"]', 4)).toBe(partitionOf('["x"]', 4));
    expect(partitionOf('["x"]', 1)).toBe(0);
  });

  it('signal ids depend on rule, group and window only', () => {
    expect(signalId('r', '["a"]', '1')).toBe(signalId('r', '["a"]', '1'));
    expect(new Set([signalId('r', '["a"]', '1'), signalId('r', '["a"]', '2'), signalId('r', '["b"]', '1'), signalId('s', '["a"]', '1')]).size).toBe(4);
    expect(signalId('r', '["a"]', '1')).toMatch(/^[0-9a-f]{16}$/);
  });
});
