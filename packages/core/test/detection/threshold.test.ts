import { describe, expect, it } from 'vitest';
import type { Signal, VigilEvent } from '@vigil/contracts';
import { createEngineState, createRuleSet, evaluate, stateFromJSON, stateToJSON, type CompiledRule } from '../../src/detection/index.ts';
import { T0, ev, rule } from './fixtures.ts';

const brute = rule({
  id: 'ssh-brute-force',
  title: 'SSH brute force from {{source.ip}}',
  severity: 'high',
  tags: ['attack.credential_access', 'attack.t1110'],
  query: 'event.dataset:sshd AND event.action:ssh_login AND event.outcome:failure',
  threshold: { count: 5, window: '10m', group_by: ['source.ip'] },
  suppress: { window: '30m' },
});

const fail = (id: string, sec: number, ip = '203.0.113.7', extra: Record<string, unknown> = {}) => ev(id, sec, { 'event.dataset': 'sshd', 'event.action': 'ssh_login', 'event.outcome': 'failure', 'source.ip': ip, ...extra });

function runAll(rules: CompiledRule[], batches: VigilEvent[][], now = 0): Signal[] {
  const set = createRuleSet(rules);
  let state = createEngineState();
  const out: Signal[] = [];
  for (const b of batches) {
    const r = evaluate(set, state, b, now);
    state = r.state;
    out.push(...r.signals);
  }
  return out;
}

describe('threshold', () => {
  it("fires the brief's brute-force rule once per source IP and folds the rest of the storm", () => {
    const storm = Array.from({ length: 40 }, (_, i) => fail(`a${String(i).padStart(3, '0')}`, i * 10, i % 2 ? '203.0.113.7' : '198.51.100.9'));
    const signals = runAll([brute], [storm]);
    expect(signals.map((s) => [s.title, s.count, s.severity])).toEqual([
      ['SSH brute force from 198.51.100.9', 5, 'high'],
      ['SSH brute force from 203.0.113.7', 5, 'high'],
    ]);
    expect(signals[0]!.sampleEventIds).toEqual(['a000', 'a002', 'a004', 'a006', 'a008']);
    expect(signals[0]!.tags).toEqual(['attack.credential_access', 'attack.t1110']);
  });

  it('uses sliding windows: a burst across any boundary counts (a tumbling window would split it)', () => {
    const r = rule({ id: 'r', title: 't', severity: 'low', threshold: { count: 4, window: '1m', group_by: ['source.ip'] } });
    // 00:00:40 … 00:01:10: two events in each aligned minute, four inside one minute-long window.
    const signals = runAll([r], [[fail('a', 40), fail('b', 50), fail('c', 65), fail('d', 70)]]);
    expect(signals).toHaveLength(1);
    expect([signals[0]!.firstTime, signals[0]!.lastTime]).toEqual([new Date(T0 + 40_000).toISOString(), new Date(T0 + 70_000).toISOString()]);
  });

  it('forgets events that left the window (Wazuh #4992: the timeframe never reset)', () => {
    const r = rule({ id: 'r', title: 't', severity: 'low', threshold: { count: 3, window: '1m', group_by: ['source.ip'] } });
    expect(runAll([r], [[fail('a', 0), fail('b', 30)], [fail('c', 61)], [fail('d', 125)]])).toHaveLength(0);
    expect(runAll([r], [[fail('a', 0), fail('b', 30)], [fail('c', 59)]])).toHaveLength(1);
  });

  it('two rules on the same group never starve each other (Wazuh #30461)', () => {
    const a = rule({ id: 'five', title: 't', severity: 'low', query: 'event.dataset:sshd', threshold: { count: 5, window: '10m', group_by: ['source.ip'] } });
    const b = rule({ id: 'three', title: 't', severity: 'low', query: 'event.dataset:sshd', threshold: { count: 3, window: '10m', group_by: ['source.ip'] } });
    const events = Array.from({ length: 5 }, (_, i) => fail(`e${i}`, i));
    expect(runAll([a, b], [events]).map((s) => [s.ruleId, s.count])).toEqual([
      ['three', 3],
      ['five', 5],
    ]);
  });

  it('counts late and out-of-order events inside the allowed lateness exactly; older ones are counted too late', () => {
    const r = rule({ id: 'r', title: 't', severity: 'low', allowed_lateness: '30s', threshold: { count: 3, window: '1m' } });
    const set = createRuleSet([r]);
    const first = evaluate(set, createEngineState(), [fail('c', 100), fail('a', 75)], 0);
    expect(first.signals).toHaveLength(0);
    // 69 s is more than 30 s behind the newest event (100 s): too late. 80 s counts.
    const second = evaluate(set, first.state, [fail('x', 69), fail('b', 80)], 0);
    expect(second.stats.tooLate).toBe(1);
    expect(second.signals.map((s) => s.count)).toEqual([3]);
  });

  it('the clock advances the watermark: an event far behind the clock is too late', () => {
    const r = rule({ id: 'r', title: 't', severity: 'low', allowed_lateness: '1m', threshold: { count: 1, window: '1m' } });
    const out = evaluate(createRuleSet([r]), createEngineState(), [fail('a', 0)], T0 + 120_000);
    expect([out.stats.tooLate, out.signals.length]).toEqual([1, 0]);
  });

  it('suppress: one signal per group per aligned period; the next period fires again', () => {
    const events = [...Array.from({ length: 10 }, (_, i) => fail(`a${i}`, i * 60)), ...Array.from({ length: 5 }, (_, i) => fail(`b${i}`, 1800 + i))];
    const signals = runAll([brute], [events]);
    expect(signals.map((s) => s.windowStart)).toEqual([new Date(T0).toISOString(), new Date(T0 + 1_800_000).toISOString()]);
  });

  it('neither loses nor doubles a signal across a restart mid-burst, and ids are stable', () => {
    const events = Array.from({ length: 8 }, (_, i) => fail(`e${i}`, i));
    const whole = runAll([brute], [events]);
    const set = createRuleSet([brute]);
    const a = evaluate(set, createEngineState(), events.slice(0, 3), 0);
    const restored = stateFromJSON(JSON.parse(JSON.stringify(stateToJSON(a.state))));
    const b = evaluate(set, restored, events.slice(3), 0);
    expect([...a.signals, ...b.signals].map((s) => s.id)).toEqual(whole.map((s) => s.id));
    expect(whole).toHaveLength(1);
  });

  it('counts a re-delivered event once', () => {
    const r = rule({ id: 'r', title: 't', severity: 'low', threshold: { count: 2, window: '1m' } });
    expect(runAll([r], [[fail('a', 1)], [fail('a', 1)]])).toHaveLength(0);
  });

  it('skips events missing a group_by field and counts them', () => {
    const out = evaluate(createRuleSet([brute]), createEngineState(), [ev('x', 1, { 'event.dataset': 'sshd', 'event.action': 'ssh_login', 'event.outcome': 'failure' })], 0);
    expect(out.stats.missingGroup).toBe(1);
  });

  it('holds no evidence once the window has passed', () => {
    const set = createRuleSet([brute]);
    const a = evaluate(set, createEngineState(), [fail('a', 0), fail('b', 1)], 0);
    const b = evaluate(set, a.state, [], T0 + 3_600_000);
    expect(b.state.rules.get('ssh-brute-force')!.groups.size).toBe(0);
  });
});
