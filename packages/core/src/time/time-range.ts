/**
 * @module time/time-range
 * Absolute (ISO 8601, epoch ms) and relative (`-15m`, `now-1h`, `now`) times for search ranges.
 */
import { VigilError, parseDuration } from '@vigil/contracts';

/** `now` minus or plus a duration in the contracts grammar: `-15m`, `now-1h`, `+1d`. */
const RELATIVE = /^(?:now)?([+-])(.+)$/;

/** Epoch ms of a time text relative to `now`; throws VIGIL_ERR_BAD_TIME naming the parameter. */
export function parseTime(text: string, now: number, param = 'time'): number {
  const t = text.trim();
  if (t === 'now') return now;
  const rel = RELATIVE.exec(t);
  const ms = rel ? parseDuration(rel[2]!) : null;
  if (ms !== null) return now + (rel![1] === '-' ? -ms : ms);
  if (/^\d{10,16}$/.test(t)) return Number(t);
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) {
    const ms = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(t) || t.length === 10 ? t : `${t}Z`);
    if (Number.isFinite(ms)) return ms;
  }
  throw new VigilError('VIGIL_ERR_BAD_TIME', `${param} "${text}" is not a time: use ISO 8601 (2026-01-31T12:00:00Z), epoch ms, "now", or a relative time like -15m, -24h, -7d.`, { param });
}

/** Milliseconds of an interval text like `1m`, `30s`, `1h`; throws VIGIL_ERR_BAD_TIME. */
export function parseInterval(text: string, param = 'interval'): number {
  const ms = parseDuration(text);
  if (ms === null || ms <= 0) throw new VigilError('VIGIL_ERR_BAD_TIME', `${param} "${text}" is not an interval: use e.g. 30s, 1m, 1h, 1d.`, { param });
  return ms;
}
