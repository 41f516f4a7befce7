/**
 * @module reports/report-schedule
 * When a digest goes out: every day, or one day a week, at a time of day in an IANA time zone (DST
 * handled by the zone data Intl carries), and which period it covers (the day or week before).
 */
import { VigilError, WEEKDAYS, type ReportCadence, type Weekday } from '@vigil/contracts';

/** The timing part of a schedule. */
export interface ReportTiming {
  cadence: ReportCadence;
  /** `HH:MM`, 24-hour. */
  timeOfDay: string;
  timezone: string;
  weekday: Weekday;
}

const DAY = 86_400_000;

/** Period lengths by cadence. */
export const CADENCE_MS: Readonly<Record<ReportCadence, number>> = { daily: DAY, weekly: 7 * DAY };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'long' });
    formatters.set(tz, f);
  }
  return f;
}

/** Throws `VIGIL_ERR_VALIDATION` unless `tz` is a time zone this runtime knows. */
export function checkTimezone(tz: string): string {
  try {
    formatter(tz);
    return tz;
  } catch {
    throw new VigilError('VIGIL_ERR_VALIDATION', `timezone "${tz}" is not an IANA time zone such as UTC or Europe/Berlin`, { field: 'timezone' });
  }
}

/** The wall clock of `ms` in `tz`. */
function wallClock(ms: number, tz: string): { y: number; mo: number; d: number; h: number; mi: number; s: number; weekday: Weekday } {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return { y: Number(parts.year), mo: Number(parts.month), d: Number(parts.day), h: Number(parts.hour), mi: Number(parts.minute), s: Number(parts.second), weekday: parts.weekday!.toLowerCase() as Weekday };
}

/** How far `tz` is ahead of UTC at `ms`. */
function offsetAt(ms: number, tz: string): number {
  const w = wallClock(ms, tz);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000;
}

/** The UTC instant of a wall-clock time in `tz` (a time skipped by DST moves forward by the gap). */
function instantOf(y: number, mo: number, d: number, h: number, mi: number, tz: string): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const first = guess - offsetAt(guess, tz);
  return guess - offsetAt(first, tz);
}

/** The first send time strictly after `after`. */
export function nextRunAt(t: ReportTiming, after: number): number {
  checkTimezone(t.timezone);
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(t.timeOfDay);
  if (!m) throw new VigilError('VIGIL_ERR_VALIDATION', 'timeOfDay must be HH:MM (24-hour)', { field: 'timeOfDay' });
  if (!WEEKDAYS.includes(t.weekday)) throw new VigilError('VIGIL_ERR_VALIDATION', `weekday must be one of ${WEEKDAYS.join(', ')}`, { field: 'weekday' });
  const start = wallClock(after, t.timezone);
  // Walk local calendar days from today; nine covers a week plus DST edges.
  for (let i = 0; i < 9; i++) {
    const day = new Date(Date.UTC(start.y, start.mo - 1, start.d + i));
    const at = instantOf(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), Number(m[1]), Number(m[2]), t.timezone);
    if (at <= after) continue;
    if (t.cadence === 'weekly' && wallClock(at, t.timezone).weekday !== t.weekday) continue;
    return at;
  }
  throw new VigilError('VIGIL_ERR_INTERNAL', 'no send time found within nine days');
}

/** The period a digest sent at `at` covers: the day or week before it. */
export function periodOf(cadence: ReportCadence, at: number): { from: number; to: number } {
  return { from: at - CADENCE_MS[cadence], to: at };
}
