/**
 * @module parsers/shared/vendor-time
 * The time spellings vendors put inside messages: epoch seconds / ms / µs / ns, RFC 3339,
 * `yyyy-mm-dd hh:mm:ss`, `yyyy/mm/dd hh:mm:ss`, `Mmm dd yyyy hh:mm:ss[.SSS] [TZ]`.
 */
import type { ParseContext } from '../types.ts';
import { digitsAt, parseBsdAt, parseClockAt, parseIsoAt, wallToEpoch, inferYear } from './time.ts';
import { toInt } from './net.ts';

/** Epoch ms from a number of seconds, milliseconds, microseconds or nanoseconds (chosen by magnitude). */
export function epochToMs(n: number): number {
  if (n >= 1e17) return Math.floor(n / 1e6);
  if (n >= 1e14) return Math.floor(n / 1e3);
  if (n >= 1e11) return n;
  return n * 1000;
}

/** Epoch ms of a vendor time text, or NaN when it is none of the known spellings. */
export function parseVendorTime(text: string, ctx: ParseContext): number {
  const s = text.trim();
  if (s === '') return NaN;
  const offset = ctx.timezoneOffsetMinutes ?? 0;
  const n = toInt(s);
  if (n !== undefined) return n >= 1e8 ? epochToMs(n) : NaN;
  if (digitsAt(s, 0, 4) >= 0) {
    const iso = parseIsoAt(s, 0, offset, true);
    if (iso) return iso.ms;
    if (s.charCodeAt(4) === 47 && s.charCodeAt(7) === 47) {
      const y = digitsAt(s, 0, 4);
      const mo = digitsAt(s, 5, 2);
      const d = digitsAt(s, 8, 2);
      const c = parseClockAt(s, 11);
      if (mo > 0 && d > 0 && c) return wallToEpoch(y, mo - 1, d, c.hour, c.minute, c.second, c.ms, offset);
    }
    return NaN;
  }
  const bsd = parseBsdAt(s, 0);
  if (bsd) {
    let off = offset;
    const rest = s.slice(bsd.end).trim().toUpperCase();
    if (rest === 'UTC' || rest === 'GMT' || rest === 'Z') off = 0;
    const year = bsd.year ?? inferYear(ctx, bsd.month, bsd.day, bsd.hour, bsd.minute, bsd.second);
    return wallToEpoch(year, bsd.month, bsd.day, bsd.hour, bsd.minute, bsd.second, bsd.ms, off);
  }
  return NaN;
}
