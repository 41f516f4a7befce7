/**
 * @module parsers/web-access/http-date
 * The access-log time `dd/Mon/yyyy:hh:mm:ss ±zzzz` (Apache `%t`, nginx `$time_local`).
 */
import { digitsAt, isDigit, monthAt, wallToEpoch } from '../shared/time.ts';

/** Epoch ms of `d/Mon/yyyy:hh:mm:ss[ ±zzzz]` starting at `i`, or NaN. `defaultOffset` applies when no zone is written. */
export function parseHttpDate(s: string, i: number, defaultOffset = 0): number {
  let day = digitsAt(s, i, 2);
  let j = i + 2;
  if (day < 0) {
    day = digitsAt(s, i, 1);
    j = i + 1;
    if (day < 0) return NaN;
  }
  if (s.charCodeAt(j) !== 47) return NaN;
  const month = monthAt(s, j + 1);
  if (month < 0 || s.charCodeAt(j + 4) !== 47) return NaN;
  const year = digitsAt(s, j + 5, 4);
  if (year < 0 || s.charCodeAt(j + 9) !== 58) return NaN;
  const hour = digitsAt(s, j + 10, 2);
  const minute = digitsAt(s, j + 13, 2);
  const second = digitsAt(s, j + 16, 2);
  if (hour < 0 || minute < 0 || second < 0) return NaN;
  let k = j + 18;
  let ms = 0;
  if (s.charCodeAt(k) === 46) {
    const frac = digitsAt(s, k + 1, 3);
    if (frac >= 0) ms = frac;
    k++;
    while (isDigit(s.charCodeAt(k))) k++;
  }
  let offset = defaultOffset;
  if (s.charCodeAt(k) === 32) {
    const sign = s.charCodeAt(k + 1);
    const hh = digitsAt(s, k + 2, 2);
    const mm = digitsAt(s, k + 4, 2);
    if ((sign === 43 || sign === 45) && hh >= 0 && mm >= 0) offset = (sign === 45 ? -1 : 1) * (hh * 60 + mm);
  }
  return wallToEpoch(year, month, day, hour, minute, second, ms, offset);
}
