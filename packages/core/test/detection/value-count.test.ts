import { describe, expect, it } from 'vitest';
import { ev, rule } from './fixtures.ts';
import { drive } from './kinds.ts';

const scan = rule({ id: 'port-scan', title: 'port scan from {{source.ip}}', severity: 'medium', query: 'event.dataset:firewall', value_count: { field: 'destination.port', count: 5, window: '1m', group_by: ['source.ip'] } });
const fw = (id: string, sec: number, port: number | string, ip = '198.51.100.4') => ev(id, sec, { 'event.dataset': 'firewall', 'source.ip': ip, 'destination.port': port });

describe('value_count', () => {
  it('fires on the fifth distinct port inside the window, counting distinct values', () => {
    const events = [22, 22, 80, 443, 22, 3389, 8080, 25].map((p, i) => fw(`e${i}`, i, p));
    const { signals } = drive([scan], [[events]]);
    expect(signals.map((s) => [s.title, s.count, s.lastTime.slice(17, 19)])).toEqual([['port scan from 198.51.100.4', 5, '06']]);
  });

  it('a port given as number or as text is one value; events without the field are ignored', () => {
    const events = [fw('a', 1, 22), fw('b', 2, '22'), fw('c', 3, 80), fw('d', 4, 443), ev('x', 5, { 'event.dataset': 'firewall', 'source.ip': '198.51.100.4' }), fw('e', 6, 25)];
    expect(drive([scan], [[events]]).signals).toEqual([]);
  });

  it('values outside the sliding window do not count, late ones inside it do', () => {
    const spread = [22, 80, 443, 25, 3389].map((p, i) => fw(`s${i}`, i * 20, p));
    expect(drive([scan], [[spread]]).signals).toHaveLength(0);
    const late = [fw('a', 50, 22), fw('b', 55, 80), fw('c', 58, 443), fw('d', 59, 25)];
    expect(drive([scan], [[late], [[fw('e', 20, 3389)]]]).signals).toHaveLength(1);
  });

  it('groups are independent and each restart keeps the count', () => {
    const events = [22, 80, 443, 25, 3389].flatMap((p, i) => [fw(`a${i}`, i, p, '1.1.1.1'), fw(`b${i}`, i, p, '2.2.2.2')]);
    const { signals } = drive([scan], events.map((e) => [[e]]), { restart: true });
    expect(signals.map((s) => s.groupKey).sort()).toEqual(['["1.1.1.1"]', '["2.2.2.2"]']);
  });
});
