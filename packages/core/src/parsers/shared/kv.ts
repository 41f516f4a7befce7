/**
 * @module parsers/shared/kv
 * A one-pass `key=value` scanner for the many vendor formats built on it (FortiGate, SonicWall,
 * Sophos, iptables, Huawei …): quoted values with backslash escapes, empty values, bare flags.
 */

import { dict, internKey } from './own.ts';

/** Options for `scanKv`. */
export interface KvOptions {
  /** An extra pair separator besides spaces and tabs (`,` for Huawei, `;` for some appliances). */
  separator?: string;
  /** Receives tokens without `=` (iptables flags such as `DF`, `SYN`). */
  flags?: string[];
  /** Repeated keys (iptables `LEN`, `ID`) keep the first value under the key and later ones as `KEY_2`, `KEY_3`; the default is last wins. */
  keepFirst?: boolean;
}

/** Calls `fn(key, value)` for each `key=value` pair from `start`, in order, without building an object. */
export function forEachKv(s: string, start: number, opts: KvOptions, fn: (key: string, value: string) => void): void {
  const sep = opts.separator ? opts.separator.charCodeAt(0) : -1;
  const n = s.length;
  let i = start;
  while (i < n) {
    let c = s.charCodeAt(i);
    while (i < n && (c === 32 || c === 9 || c === sep)) c = s.charCodeAt(++i);
    if (i >= n) break;
    const keyStart = i;
    while (i < n && c !== 61 && c !== 32 && c !== 9 && c !== sep) c = s.charCodeAt(++i);
    if (c !== 61 || i === keyStart) {
      if (opts.flags && i > keyStart) opts.flags.push(s.slice(keyStart, i));
      if (i === keyStart) i++;
      continue;
    }
    const key = s.slice(keyStart, i);
    i++; // '='
    let value: string;
    if (s.charCodeAt(i) === 34) {
      i++;
      let j = i;
      let hasEscape = false;
      while (j < n) {
        const d = s.charCodeAt(j);
        if (d === 92 && j + 1 < n) {
          hasEscape = true;
          j += 2;
          continue;
        }
        if (d === 34) break;
        j++;
      }
      value = s.slice(i, j);
      if (hasEscape) value = value.replace(/\\(["\\])/g, '$1');
      i = j + 1;
    } else {
      const vStart = i;
      c = s.charCodeAt(i);
      while (i < n && c !== 32 && c !== 9 && c !== sep) c = s.charCodeAt(++i);
      value = s.slice(vStart, i);
    }
    fn(key, value);
  }
}

/** Scans `key=value` pairs from `start`; values may be `"quoted"` (with `\"` escapes) or run to the next separator. */
export function scanKv(s: string, start = 0, opts: KvOptions = {}): Record<string, string> {
  const out = dict<string>();
  forEachKv(s, start, opts, (fresh, value) => {
    const key = internKey(fresh);
    if (opts.keepFirst && key in out) {
      let n = 2;
      while (`${key}_${n}` in out) n++;
      out[`${key}_${n}`] = value;
    } else out[key] = value;
  });
  return out;
}

/** True when `s` starts (after `start`) with an identifier followed by `=`: the cheap test for a kv body. */
export function startsWithKvPair(s: string, start = 0): boolean {
  let i = start;
  const n = Math.min(s.length, start + 64);
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 61) return i > start;
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46)) return false;
  }
  return false;
}
