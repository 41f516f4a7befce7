import { describe, expect, it } from 'vitest';
import { humanInterval, isValidTime, pickInterval, rangeLabel, resolveTime } from './time.ts';

const NOW = Date.parse('2026-05-01T12:00:00Z');

describe('time ranges', () => {
  it('resolves relative and absolute times', () => {
    expect(resolveTime('-15m', NOW).toISOString()).toBe('2026-05-01T11:45:00.000Z');
    expect(resolveTime('now', NOW).getTime()).toBe(NOW);
    expect(resolveTime('2026-05-01T10:00:00Z', NOW).toISOString()).toBe('2026-05-01T10:00:00.000Z');
    expect(isValidTime('-7d')).toBe(true);
    expect(isValidTime('yesterday-ish')).toBe(false);
  });
  it('picks an interval that keeps the histogram readable', () => {
    expect(pickInterval({ from: '-15m', to: 'now' }, 90, NOW)).toBe('10s');
    expect(pickInterval({ from: '-24h', to: 'now' }, 90, NOW)).toBe('30m');
    expect(pickInterval({ from: '-30d', to: 'now' }, 90, NOW)).toBe('12h');
  });
  it('labels ranges and intervals for people', () => {
    expect(rangeLabel({ from: '-1h', to: 'now' })).toBe('Last 1 hour');
    expect(rangeLabel({ from: '-90m', to: 'now' })).toBe('Last 90 minutes');
    expect(humanInterval('1800s')).toBe('30m');
    expect(humanInterval('3600s')).toBe('1h');
    expect(humanInterval('45s')).toBe('45s');
  });
});
