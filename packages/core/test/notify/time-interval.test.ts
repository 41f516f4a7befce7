import { describe, it, expect } from 'vitest';
import { compileTimeInterval, ConfigProblems, localTime } from '../../src/notify/index.ts';

describe('time intervals', () => {
  it('reads local weekday and minute in a time zone, across daylight saving', () => {
    // 2026-03-29 is the day Berlin moves to CEST: 00:30 UTC = 01:30 CET, 01:30 UTC = 03:30 CEST.
    expect(localTime(Date.UTC(2026, 2, 29, 0, 30), 'Europe/Berlin')).toEqual({ weekday: 6, minute: 90 });
    expect(localTime(Date.UTC(2026, 2, 29, 1, 30), 'Europe/Berlin')).toEqual({ weekday: 6, minute: 210 });
    expect(localTime(Date.UTC(2026, 0, 5, 23, 59), 'UTC')).toEqual({ weekday: 0, minute: 1439 });
  });

  it('runs a range past midnight into the next day, on the weekdays it starts', () => {
    const t = compileTimeInterval({ name: 'fri-night', location: 'UTC', times: [{ weekdays: ['friday'], start_time: '22:00', end_time: '06:00' }] });
    expect(t.contains(Date.UTC(2026, 0, 9, 21, 59))).toBe(false);
    expect(t.contains(Date.UTC(2026, 0, 9, 22, 0))).toBe(true);
    expect(t.contains(Date.UTC(2026, 0, 10, 5, 59))).toBe(true);
    expect(t.contains(Date.UTC(2026, 0, 10, 6, 0))).toBe(false);
    expect(t.contains(Date.UTC(2026, 0, 10, 23, 0))).toBe(false);
    expect(t.contains(Date.UTC(2026, 0, 8, 23, 0))).toBe(false);
  });

  it('covers whole days when no times are given, and every day when no weekdays are', () => {
    const weekend = compileTimeInterval({ name: 'weekend', times: [{ weekdays: ['saturday', 'sunday'] }] });
    expect(weekend.contains(Date.UTC(2026, 0, 10, 0, 0))).toBe(true);
    expect(weekend.contains(Date.UTC(2026, 0, 11, 23, 59))).toBe(true);
    expect(weekend.contains(Date.UTC(2026, 0, 12, 0, 0))).toBe(false);
    const lunch = compileTimeInterval({ name: 'lunch', location: 'America/New_York', times: [{ start_time: '12:00', end_time: '13:00' }] });
    expect(lunch.contains(Date.UTC(2026, 0, 7, 17, 30))).toBe(true);
    expect(lunch.contains(Date.UTC(2026, 0, 7, 12, 30))).toBe(false);
  });

  it('collects problems with their paths', () => {
    const p = new ConfigProblems();
    compileTimeInterval({ name: '', location: 'Mars/Olympus', times: [{ weekdays: ['funday' as never], start_time: '25:00' }, { start_time: '10:00', end_time: '10:00' }] }, p);
    expect(p.list.map((x) => x.path)).toEqual(['name', 'location', 'times[0].weekdays[0]', 'times[0].start_time', 'times[1].end_time']);
  });
});
