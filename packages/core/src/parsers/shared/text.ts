/**
 * @module parsers/shared/text
 * Small scanners for free-text log messages: tokens, `from IP port N` phrases, IP-looking tokens.
 */
import type { FieldValue } from '@vigil/contracts';
import { isIP, normalizeIP } from './net.ts';

/** The space-delimited token starting at `i` and the index after it. */
export function tokenAt(s: string, i: number): { tok: string; end: number } {
  let end = s.indexOf(' ', i);
  if (end < 0) end = s.length;
  return { tok: s.slice(i, end), end };
}

/** Strips one trailing char from a token when it is one of `chars` (`,;:.` after an address). */
export function trimTrailing(tok: string, chars = ',;:.'): string {
  return tok.length > 1 && chars.includes(tok[tok.length - 1] ?? '') ? tok.slice(0, -1) : tok;
}

/** Sets `<side>.ip` (or `<side>.domain` for a host name) from an address-like token. */
export function setAddress(fields: Record<string, FieldValue>, side: 'source' | 'destination', raw: string): boolean {
  const tok = normalizeIP(trimTrailing(raw));
  if (tok === '' || tok === '-') return false;
  if (isIP(tok)) fields[`${side}.ip`] = tok;
  else fields[`${side}.domain`] = tok;
  return true;
}

/** Reads `ADDRESS[ port N]` at `i` into `<side>.ip|domain` and `<side>.port`; returns the index after it. */
export function readAddressPort(fields: Record<string, FieldValue>, side: 'source' | 'destination', s: string, i: number): number {
  const { tok, end } = tokenAt(s, i);
  if (!setAddress(fields, side, tok)) return end;
  if (s.startsWith(' port ', end)) {
    let j = end + 6;
    let port = 0;
    const start = j;
    while (j < s.length && j - start < 6) {
      const c = s.charCodeAt(j);
      if (c < 48 || c > 57) break;
      port = port * 10 + (c - 48);
      j++;
    }
    if (j > start && port <= 65535) fields[`${side}.port`] = port;
    return j;
  }
  return end;
}

/** Finds `marker` in `s` and reads the address (and port) after it; false when the marker is absent. */
export function addressAfter(fields: Record<string, FieldValue>, side: 'source' | 'destination', s: string, marker: string, from = 0): boolean {
  const at = s.indexOf(marker, from);
  if (at < 0) return false;
  readAddressPort(fields, side, s, at + marker.length);
  return true;
}
