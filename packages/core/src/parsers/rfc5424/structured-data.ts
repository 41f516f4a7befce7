/**
 * @module parsers/rfc5424/structured-data
 * RFC 5424 STRUCTURED-DATA: `[id name="value" …][…]`, with the `\"`, `\\` and `\]` escapes.
 * Lenient where real senders are sloppy (spaces around `=`), never throws, never loops forever.
 */
import type { FieldValue } from '@vigil/contracts';
import { dict, internKey } from '../shared/own.ts';

/** SD-ID → parameter name → value. */
export type StructuredData = Record<string, Record<string, FieldValue>>;

/** Reads SD elements starting at `i` (which must be `[`); returns them and the index after the last `]`. */
export function parseStructuredData(s: string, i: number): { sd: StructuredData; end: number } {
  const sd: StructuredData = dict();
  const n = s.length;
  while (i < n && s.charCodeAt(i) === 91 /* [ */) {
    i++;
    const idStart = i;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 93) break;
      i++;
    }
    const id = internKey(s.slice(idStart, i));
    let params = sd[id];
    if (params === undefined) {
      params = dict<FieldValue>();
      sd[id] = params;
    }
    for (;;) {
      while (i < n && s.charCodeAt(i) === 32) i++;
      if (i >= n) return { sd, end: n };
      if (s.charCodeAt(i) === 93) {
        i++;
        break;
      }
      const nameStart = i;
      while (i < n) {
        const c = s.charCodeAt(i);
        if (c === 61 || c === 32 || c === 93) break;
        i++;
      }
      const name = internKey(s.slice(nameStart, i));
      while (i < n && s.charCodeAt(i) === 32) i++;
      if (s.charCodeAt(i) !== 61) {
        // A bare word inside an element: not RFC 5424; skip it rather than give up the whole line.
        if (i === nameStart) i++;
        continue;
      }
      i++;
      while (i < n && s.charCodeAt(i) === 32) i++;
      if (s.charCodeAt(i) !== 34) {
        const vStart = i;
        while (i < n && s.charCodeAt(i) !== 32 && s.charCodeAt(i) !== 93) i++;
        params[name] = s.slice(vStart, i);
        continue;
      }
      i++;
      let value = '';
      let chunk = i;
      while (i < n) {
        const c = s.charCodeAt(i);
        if (c === 92 && i + 1 < n) {
          const d = s.charCodeAt(i + 1);
          if (d === 34 || d === 92 || d === 93) {
            value += s.slice(chunk, i);
            chunk = i + 1;
            i += 2;
            continue;
          }
        }
        if (c === 34) break;
        i++;
      }
      value += s.slice(chunk, i);
      params[name] = value;
      i++; // closing quote (or past the end)
    }
  }
  return { sd, end: Math.min(i, n) };
}
