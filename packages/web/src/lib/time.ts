/**
 * @module time
 * Time ranges as the API takes them: relative (`-15m`, `now`) or ISO 8601. Helpers resolve them to
 * dates, pick a histogram interval and label them for people.
 */

/** A time range as held in the URL and sent to the API. */
export interface TimeRange {
  from: string;
  to: string;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const UNIT_NAME: Record<string, string> = { s: 'second', m: 'minute', h: 'hour', d: 'day', w: 'week' };
const RELATIVE = /^-(\d+)([smhdw])$/;

/** Quick ranges offered by the pickers. */
export const QUICK_RANGES: { label: string; from: string }[] = [
  { label: 'Last 5 minutes', from: '-5m' },
  { label: 'Last 15 minutes', from: '-15m' },
  { label: 'Last 1 hour', from: '-1h' },
  { label: 'Last 4 hours', from: '-4h' },
  { label: 'Last 24 hours', from: '-24h' },
  { label: 'Last 7 days', from: '-7d' },
  { label: 'Last 30 days', from: '-30d' },
];

/** True when the text is a relative time the API accepts (`-15m`, `now`). */
export function isRelative(value: string): boolean {
  return value === 'now' || RELATIVE.test(value);
}

/** True when the text is a time the API accepts. */
export function isValidTime(value: string): boolean {
  return isRelative(value) || !Number.isNaN(Date.parse(value));
}

/** Resolves a relative or ISO time to a Date (relative to `now`). */
export function resolveTime(value: string, now: number = Date.now()): Date {
  if (value === 'now' || value === '') return new Date(now);
  const m = RELATIVE.exec(value);
  if (m) return new Date(now - Number(m[1]) * UNIT_MS[m[2]]);
  const t = Date.parse(value);
  return Number.isNaN(t) ? new Date(now) : new Date(t);
}

/** Histogram intervals, smallest first, with their length in ms. */
const INTERVALS: [string, number][] = [
  ['1s', 1000], ['5s', 5000], ['10s', 10_000], ['30s', 30_000],
  ['1m', 60_000], ['5m', 300_000], ['10m', 600_000], ['30m', 1_800_000],
  ['1h', 3_600_000], ['3h', 10_800_000], ['12h', 43_200_000], ['1d', 86_400_000], ['7d', 604_800_000],
];

/** The smallest interval that splits the range into at most `maxBuckets` buckets. */
export function pickInterval(range: TimeRange, maxBuckets = 90, now: number = Date.now()): string {
  const span = resolveTime(range.to, now).getTime() - resolveTime(range.from, now).getTime();
  for (const [name, ms] of INTERVALS) if (span / ms <= maxBuckets) return name;
  return INTERVALS[INTERVALS.length - 1][0];
}

/** The length of an interval like `5m` in ms (0 when unknown). */
export function intervalMs(interval: string): number {
  const m = /^(\d+)([smhdw])$/.exec(interval);
  return m ? Number(m[1]) * UNIT_MS[m[2]] : 0;
}

/** An interval as people write it: `1800s` -> `30m`, `3600s` -> `1h`. */
export function humanInterval(interval: string): string {
  const ms = intervalMs(interval);
  if (!ms) return interval;
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return interval;
}

/** A short label: "Last 15 minutes", or "May 3, 10:00 → May 3, 11:00". */
export function rangeLabel(range: TimeRange): string {
  const quick = QUICK_RANGES.find((r) => r.from === range.from);
  if (quick && range.to === 'now') return quick.label;
  const m = RELATIVE.exec(range.from);
  if (m && range.to === 'now') return `Last ${m[1]} ${UNIT_NAME[m[2]]}${m[1] === '1' ? '' : 's'}`;
  return `${formatTimeShort(range.from)} → ${formatTimeShort(range.to)}`;
}

/** Formats a range end for the label. */
function formatTimeShort(value: string): string {
  if (isRelative(value)) return value;
  const d = new Date(value);
  return d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Formats an event timestamp with milliseconds, in local time. */
export function formatTimestamp(value: unknown): string {
  if (typeof value !== 'string') return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** "3 minutes ago" style text for a past instant (or "never"). */
export function formatAgo(value: string | null | undefined, now: number = Date.now()): string {
  if (!value) return 'never';
  const t = Date.parse(value);
  if (Number.isNaN(t)) return value;
  const s = Math.round((now - t) / 1000);
  if (s < 0) return `in ${formatSpan(-s)}`;
  if (s < 5) return 'just now';
  return `${formatSpan(s)} ago`;
}

/** A span in seconds as "42 seconds", "5 minutes", "3 days". */
function formatSpan(s: number): string {
  const units: [number, string][] = [[86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];
  for (const [size, name] of units) {
    if (s >= size) {
      const n = Math.floor(s / size);
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return '0 seconds';
}
