import { describe, expect, it } from 'vitest';
import { ev, rule } from './fixtures.ts';
import { at, drive } from './kinds.ts';

const cpu = rule({ id: 'high-cpu', title: 'CPU high on {{host.name}}', severity: 'medium', allowed_lateness: '2m', metric: { field: 'system.cpu.pct', op: '>=', value: 90, for: '5m', group_by: ['host.name'] } });
const sample = (id: string, min: number, v: number | string, host = 'app-01') => ev(id, min * 60, { 'system.cpu.pct': v, 'host.name': host });

describe('metric', () => {
  it('fires once when the value stays over the bound for the duration', () => {
    const samples = [0, 1, 2, 3, 4, 5, 6, 7].map((m) => sample(`m${m}`, m, 95));
    const { signals } = drive([cpu], [[samples], [[], 3600]]);
    expect(signals.map((s) => [s.title, s.windowStart, s.lastTime, s.count])).toEqual([['CPU high on app-01', at(0), at(300), 6]]);
  });

  it('one sample under the bound breaks the run, even when it arrives late', () => {
    const run = [0, 1, 2, 4, 5].map((m) => sample(`m${m}`, m, 99));
    const { signals } = drive([cpu], [[run.slice(0, 3)], [[...run.slice(3), sample('low', 3, 50)]], [[], 3600]]);
    expect(signals).toEqual([]);
  });

  it('a gap in samples longer than the duration breaks the run; numeric text counts, other text does not', () => {
    expect(drive([cpu], [[[sample('a', 0, 95), sample('b', 6, 95), sample('c', 7, 95)]], [[], 3600]]).signals).toEqual([]);
    expect(drive([cpu], [[[sample('a', 0, '95.5'), sample('x', 2, 'n/a'), sample('b', 5, 91)]], [[], 3600]]).signals).toHaveLength(1);
  });

  it('each host is its own group and a restart loses nothing', () => {
    const samples = [0, 5].flatMap((m) => [sample(`a${m}`, m, 95, 'app-01'), sample(`b${m}`, m, 95, 'app-02')]);
    const { signals } = drive([cpu], [...samples.map((e): [typeof samples, number?] => [[e]]), [[], 3600]], { restart: true });
    expect(signals.map((s) => s.group['host.name']).sort()).toEqual(['app-01', 'app-02']);
  });
});
