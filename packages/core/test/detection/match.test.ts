import { describe, expect, it } from 'vitest';
import { ev, rule } from './fixtures.ts';
import { at, drive } from './kinds.ts';

describe('match (plain)', () => {
  const plain = rule({ id: 'root-login', title: 'root login on {{host.name}}', severity: 'high', query: 'event.dataset:sshd AND user.name:root AND event.outcome:success' });

  it('raises one signal per matching event, keyed by the event id', () => {
    const { signals } = drive([plain], [[[ev('a', 1, { 'event.dataset': 'sshd', 'user.name': 'root', 'event.outcome': 'success', 'host.name': 'db-01' }), ev('b', 1, { 'event.dataset': 'sshd', 'user.name': 'root', 'event.outcome': 'success', 'host.name': 'db-02' }), ev('c', 2, { 'event.dataset': 'sshd', 'user.name': 'bob', 'event.outcome': 'success' })]]]);
    expect(signals.map((s) => [s.title, s.sampleEventIds, s.windowStart, s.groupKey])).toEqual([
      ['root login on db-01', ['a'], at(1), '[]'],
      ['root login on db-02', ['b'], at(1), '[]'],
    ]);
    expect(signals[0]!.id).not.toBe(signals[1]!.id);
  });

  it('with suppress: one signal per group in each aligned period', () => {
    const r = rule({ id: 'scanner', title: 'scanner {{source.ip}}', severity: 'low', query: 'user_agent.original:sqlmap*', match: { group_by: ['source.ip'] }, suppress: { window: '10m' } });
    const hit = (id: string, sec: number, ip: string) => ev(id, sec, { 'user_agent.original': 'sqlmap/1.7', 'source.ip': ip });
    const { signals } = drive([r], [[[hit('a', 10, '1.1.1.1'), hit('b', 20, '1.1.1.1'), hit('c', 30, '2.2.2.2')]], [[hit('d', 599, '1.1.1.1'), hit('e', 600, '1.1.1.1')]]], { restart: true });
    expect(signals.map((s) => [s.title, s.windowStart])).toEqual([
      ['scanner 1.1.1.1', at(0)],
      ['scanner 2.2.2.2', at(0)],
      ['scanner 1.1.1.1', at(600)],
    ]);
  });

  it('severity_from raises (never lowers) the severity; the title shows a missing field as -', () => {
    const r = rule({ id: 'sev', title: 'event on {{host.name}}', severity: 'medium', severity_from: { field: 'vigil.severity' } });
    const m = rule({ id: 'map', title: 't', severity: 'low', severity_from: { field: 'event.code', map: { '4720': 'high', '1102': 'critical' } } });
    const { signals } = drive([r, m], [[[ev('a', 1, { 'vigil.severity': 'critical' }), ev('b', 2, { 'vigil.severity': 'info' }), ev('c', 3, { 'event.code': 4720 })]]]);
    expect(signals.map((s) => [s.ruleId, s.severity, s.title])).toEqual([
      ['sev', 'critical', 'event on -'],
      ['map', 'low', 't'],
      ['sev', 'medium', 'event on -'],
      ['map', 'low', 't'],
      ['sev', 'medium', 'event on -'],
      ['map', 'high', 't'],
    ]);
  });

  it('a disabled rule raises nothing', () => {
    const r = rule({ id: 'off', title: 't', severity: 'low', enabled: false });
    expect(drive([r], [[[ev('a', 1)]]]).signals).toEqual([]);
  });
});
