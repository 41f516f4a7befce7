import { describe, expect, it } from 'vitest';
import { ev, rule } from './fixtures.ts';
import { drive } from './kinds.ts';

const seq = rule({
  id: 'success-after-failures',
  title: 'success after failures from {{source.ip}}',
  severity: 'high',
  query: 'event.dataset:sshd',
  sequence: { steps: [{ query: 'event.outcome:failure', count: 3 }, { query: 'event.outcome:success' }], window: '5m', group_by: ['source.ip'] },
});
const ssh = (id: string, sec: number, outcome: string, ip = '203.0.113.5') => ev(id, sec, { 'event.dataset': 'sshd', 'event.outcome': outcome, 'source.ip': ip });

describe('sequence', () => {
  it('fires when every step happened in order inside the window, citing the matched events', () => {
    const { signals } = drive([seq], [[[ssh('f1', 1, 'failure'), ssh('f2', 2, 'failure'), ssh('f3', 3, 'failure'), ssh('s1', 4, 'success')]]]);
    expect(signals.map((s) => [s.title, s.eventIds])).toEqual([['success after failures from 203.0.113.5', ['f1', 'f2', 'f3', 's1']]]);
  });

  it('judges order by event time, not arrival: a success that happened first is no sequence (Rustinel #535)', () => {
    const { signals } = drive([seq], [[[ssh('s1', 1, 'success')]], [[ssh('f1', 2, 'failure'), ssh('f2', 3, 'failure'), ssh('f3', 4, 'failure')]]]);
    expect(signals).toEqual([]);
  });

  it('recognises a sequence whose steps arrive out of order inside the lateness', () => {
    const { signals } = drive([seq], [[[ssh('s1', 40, 'success'), ssh('f3', 30, 'failure')]], [[ssh('f1', 10, 'failure'), ssh('f2', 20, 'failure')]]], { restart: true });
    expect(signals.map((s) => s.eventIds)).toEqual([['f1', 'f2', 'f3', 's1']]);
  });

  it('needs every step, not just the first (Hayabusa #1810), and the whole match inside the window', () => {
    expect(drive([seq], [[[ssh('f1', 1, 'failure'), ssh('f2', 2, 'failure'), ssh('s1', 4, 'success')]]]).signals).toEqual([]);
    expect(drive([seq], [[[ssh('f1', 0, 'failure'), ssh('f2', 200, 'failure'), ssh('f3', 250, 'failure'), ssh('s1', 300, 'success')]]]).signals).toEqual([]);
  });

  it('ties on time are ordered by event id, and one event serves one step only', () => {
    const r = rule({ id: 'two', title: 't', severity: 'low', sequence: { steps: [{ query: 'a:1' }, { query: 'b:1' }], window: '1m' } });
    expect(drive([r], [[[ev('x2', 5, { a: 1 }), ev('x1', 5, { b: 1 })]]]).signals).toEqual([]);
    expect(drive([r], [[[ev('x1', 5, { a: 1 }), ev('x2', 5, { b: 1 })]]]).signals).toHaveLength(1);
    expect(drive([r], [[[ev('x1', 5, { a: 1, b: 1 })]]]).signals).toEqual([]);
  });
});
