/**
 * @module notify/time-interval
 * Recurring time ranges (weekdays and times of day in an IANA time zone) and whether an instant
 * falls in one. A range whose end is before its start runs past midnight into the next day, so
 * `saturday 22:00–06:00` covers Saturday night until Sunday 06:00. Local time comes from `Intl`, so
 * daylight-saving changes are the time zone database's.
 */
import { WEEKDAYS, type TimeRange, type Weekday } from '@vigil/contracts';
import { ConfigProblems, problemPath } from './config-problems.ts';

/** A named schedule as stored. */
export interface TimeIntervalSpec {
  name: string;
  /** IANA time zone; default UTC. */
  location?: string;
  times: TimeRange[];
}

/** A compiled range: weekday set (0 = Monday) and minutes of the day. */
interface CompiledRange {
  days: boolean[];
  start: number;
  end: number;
}

/** A compiled time interval. */
export interface CompiledTimeInterval {
  readonly name: string;
  readonly location: string;
  /** True when `now` (epoch ms) falls in one of its ranges. */
  contains(now: number): boolean;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A formatter giving weekday, hour and minute in a time zone; throws RangeError for an unknown zone. */
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(zone, f);
  }
  return f;
}

/** Weekday (0 = Monday) and minute of the day of an instant in a time zone. */
export function localTime(now: number, zone: string): { weekday: number; minute: number } {
  let weekday = 0;
  let hour = 0;
  let minute = 0;
  for (const p of formatter(zone).formatToParts(new Date(now))) {
    if (p.type === 'weekday') weekday = WEEKDAYS.indexOf(p.value.toLowerCase() as Weekday);
    else if (p.type === 'hour') hour = Number(p.value) % 24;
    else if (p.type === 'minute') minute = Number(p.value);
  }
  return { weekday, minute: hour * 60 + minute };
}

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** True when a time zone name is known. */
export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** Validates and compiles a time interval, collecting problems under `path`. */
export function compileTimeInterval(spec: TimeIntervalSpec, problems = new ConfigProblems(), path = ''): CompiledTimeInterval {
  const location = spec.location || 'UTC';
  if (typeof spec.name !== 'string' || !spec.name.trim()) problems.add(problemPath(path, 'name'), 'is required');
  if (!isTimeZone(location)) problems.add(problemPath(path, 'location'), `"${location}" is not an IANA time zone (e.g. UTC, Europe/Berlin, America/New_York)`);
  if (!Array.isArray(spec.times) || !spec.times.length) problems.add(problemPath(path, 'times'), 'needs at least one range');
  const ranges: CompiledRange[] = [];
  (Array.isArray(spec.times) ? spec.times : []).forEach((t, i) => {
    const at = problemPath(problemPath(path, 'times'), i);
    const days = WEEKDAYS.map(() => !t.weekdays?.length);
    for (const [j, d] of (t.weekdays ?? []).entries()) {
      const k = WEEKDAYS.indexOf(d);
      if (k < 0) problems.add(problemPath(problemPath(at, 'weekdays'), j), `"${d}" is not a weekday: use ${WEEKDAYS.join(', ')}`);
      else days[k] = true;
    }
    const start = t.start_time ?? '00:00';
    const end = t.end_time ?? '24:00';
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(start)) problems.add(problemPath(at, 'start_time'), `"${start}" is not a time of day HH:MM`);
    if (!/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/.test(end)) problems.add(problemPath(at, 'end_time'), `"${end}" is not a time of day HH:MM (or 24:00)`);
    else if (minutes(start) === minutes(end) % 1440 && t.start_time !== undefined && t.end_time !== undefined) problems.add(problemPath(at, 'end_time'), 'equals start_time: leave both out for the whole day');
    ranges.push({ days, start: minutes(start), end: minutes(end) });
  });
  return {
    name: spec.name,
    location,
    contains(now) {
      const { weekday, minute } = localTime(now, location);
      const yesterday = (weekday + 6) % 7;
      for (const r of ranges) {
        if (r.start < r.end) {
          if (r.days[weekday] && minute >= r.start && minute < r.end) return true;
        } else if ((r.days[weekday] && minute >= r.start) || (r.days[yesterday] && minute < r.end)) return true;
      }
      return false;
    },
  };
}
