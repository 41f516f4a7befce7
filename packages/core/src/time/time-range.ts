/**
 * @module time/time-range
 * Absolute (ISO 8601, epoch ms) and relative (`-15m`, `now-1h`, `now`) times for search ranges.
 */
import { VigilError } from '@vigil/contracts';

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Epoch ms of a time text relative to `now`; throws VIGIL_ERR_BAD_TIME naming the parameter. */
export function parseTime(text: string, now: number, param = 'time'): number {
  const t = text.trim();
  if (t === 'now') return now;
  const rel = /^(?:now)?([+-])(\d+)([smhdw])$/.exec(t);
  if (rel) return now + (rel[1] === '-' ? -1 : 1) * Number(rel[2]) * UNITS[rel[3]!]!;
  if (/^\d{10,16}$/.test(t)) return Number(t);
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) {
    const ms = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(t) || t.length === 10 ? t : `${t}Z`);
    if (Number.isFinite(ms)) return ms;
  }
  throw new VigilError('VIGIL_ERR_BAD_TIME', `${param} "${text}" is not a time: use ISO 8601 (2026-01-31T12:00:00Z), epoch ms, "now", or a relative time like -15m, -24h, -7d.`, { param });
}

/** Milliseconds of an interval text like `1m`, `30s`, `1h`; throws VIGIL_ERR_BAD_TIME. */
export function parseInterval(text: string, param = 'interval'): number {
  const m = /^(\d+)([smhdw])$/.exec(text.trim());
  if (!m || Number(m[1]) <= 0) throw new VigilError('VIGIL_ERR_BAD_TIME', `${param} "${text}" is not an interval: use e.g. 30s, 1m, 1h, 1d.`, { param });
  return Number(m[1]) * UNITS[m[2]!]!;
}
