/**
 * Replays (tests and backtests): one would-be alert per group with repeats folded, paging changes
 * nothing, timer kinds decide at `finish`, and testRules reports per rule with compile problems.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULE_KINDS, RuleReplay, sortByEventTime, testRules } from '../../src/detection/index.ts';
import { ev, rule } from './fixtures.ts';

const brute = rule({ id: 'brute', title: 'brute {{source.ip}}', severity: 'high', query: 'event.outcome:failure', threshold: { count: 3, window: '1m', group_by: ['source.ip'] }, suppress: { window: '10m' } });
const clock = () => 0;

function failures(ip: string, secs: number[]) {
  return secs.map((s, i) => ev(`${ip}-${String(i).padStart(3, '0')}`, s, { 'event.outcome': 'failure', 'source.ip': ip }));
}

describe('RuleReplay', () => {
  it('folds repeats of a group into one alert (count, signals, first/last, samples), the same in one page or many', () => {
    const events = sortByEventTime([...failures('10.0.0.1', [0, 1, 2, 3, 700, 701, 702]), ...failures('10.0.0.2', [5, 6])]);
    const whole = new RuleReplay(brute, { clock, matchIds: 100 });
    whole.push(events);
    const a = whole.finish(1e13);
    const paged = new RuleReplay(brute, { clock });
    for (let i = 0; i < events.length; i += 2) paged.push(events.slice(i, i + 2));
    const b = paged.finish(1e13);
    expect(a.alerts).toEqual(b.alerts);
    expect(a).toMatchObject({ events: 9, matched: 9, signals: 2, alertsTotal: 1 });
    expect(a.matchedIds).toHaveLength(9);
    expect(a.alerts[0]).toMatchObject({ ruleId: 'brute', groupKey: '["10.0.0.1"]', title: 'brute 10.0.0.1', count: 6, signals: 2, severity: 'high' });
    expect(a.alerts[0]!.sampleEventIds).toHaveLength(6);
  });

  it('keeps the first 10,000 alerts whole and counts the groups past them', () => {
    const each = rule({ id: 'each', title: 'x {{source.ip}}', severity: 'low', match: { group_by: ['source.ip'] } });
    const r = new RuleReplay(each, { clock });
    r.push(Array.from({ length: 10_005 }, (_, i) => ev(`e${String(i).padStart(6, '0')}`, i, { 'source.ip': `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}` })));
    const out = r.finish(1e13);
    expect(out).toMatchObject({ signals: 10_005, alertsTotal: 10_005 });
    expect(out.alerts).toHaveLength(1000);
  });

  it('decides timer kinds at finish, and runs a disabled rule', () => {
    const nt = rule({ id: 'nt', title: 'new {{user.name}}', severity: 'low', enabled: false, new_terms: { fields: ['user.name'], history: '1d' } });
    const r = new RuleReplay(nt, { clock });
    r.push([ev('a', 0, { 'user.name': 'alice' }), ev('b', 10, { 'user.name': 'alice' }), ev('c', 20, { 'user.name': 'bob' })]);
    expect(r.finish(Date.parse(ev('x', 30)['@timestamp'])).alertsTotal).toBe(0); // not final before the lateness has passed
    const r2 = new RuleReplay(nt, { clock });
    r2.push([ev('a', 0, { 'user.name': 'alice' }), ev('b', 10, { 'user.name': 'alice' }), ev('c', 20, { 'user.name': 'bob' })]);
    expect(r2.finish(Date.parse(ev('x', 3600)['@timestamp'])).alerts.map((x) => [x.groupKey, x.count])).toEqual([['["alice"]', 1], ['["bob"]', 1]]);
  });
});

describe('testRules', () => {
  it('reports each rule: compile problems, or matches, alerts and timing', () => {
    let t = 0;
    const tick = () => (t += 1);
    const out = testRules([{ id: 'Bad Id', title: 'x', severity: 'high' }, brute.doc], failures('10.0.0.9', [3, 1, 2]), { kinds: BUILTIN_RULE_KINDS, clock: tick });
    expect(out[0]).toMatchObject({ ok: false, id: 'Bad Id' });
    expect(out[0]!.errors.map((e) => e.path)).toContain('id');
    expect(out[1]).toMatchObject({ ok: true, id: 'brute', kind: 'threshold', compileMs: 1 });
    expect(out[1]!.replay).toMatchObject({ matched: 3, alertsTotal: 1 });
    expect(out[1]!.replay!.evaluateMs).toBeGreaterThan(0);
  });
});
