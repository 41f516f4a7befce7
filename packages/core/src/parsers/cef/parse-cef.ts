/**
 * @module parsers/cef/parse-cef
 * ArcSight Common Event Format: `CEF:Version|Vendor|Product|DevVersion|SignatureID|Name|Severity|Extension`.
 * Header fields honour `\|` and `\\`; extension values honour `\=`, `\\`, `\n`, `\r` and may contain spaces.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { isIP, normalizeIP, toInt, transportName } from '../shared/net.ts';
import { toIso } from '../shared/time.ts';
import { parseVendorTime } from '../shared/vendor-time.ts';
import { severityFromTen } from '../shared/severity.ts';
import { CEF_FIELDS } from './cef-fields.ts';
import { prefixed } from '../shared/prefixed.ts';

const HEADER_NAMES = ['cef.version', 'observer.vendor', 'observer.product', 'observer.version', 'event.code', 'cef.name', 'cef.severity'] as const;

/** Where the CEF record starts in `text` (`CEF:` or a bare `0|Vendor|…` header), or -1. */
export function cefStart(text: string): number {
  const at = text.indexOf('CEF:');
  if (at >= 0 && at < 128) return at;
  const c = text.charCodeAt(0);
  if (c >= 48 && c <= 57 && text.charCodeAt(1) === 124) {
    let pipes = 0;
    for (let i = 0; i < text.length && pipes < 7; i++) if (text.charCodeAt(i) === 124 && text.charCodeAt(i - 1) !== 92) pipes++;
    return pipes >= 7 ? 0 : -1;
  }
  return -1;
}

/** Splits the seven header fields; returns them and where the extension starts, or null. */
export function splitCefHeader(s: string, start: number): { header: string[]; ext: number } | null {
  const header: string[] = [];
  let cur = '';
  let chunk = start;
  let i = start;
  while (i < s.length && header.length < 7) {
    const c = s.charCodeAt(i);
    if (c === 92 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d === 124 || d === 92) {
        cur += s.slice(chunk, i);
        chunk = i + 1;
        i += 2;
        continue;
      }
    }
    if (c === 124) {
      header.push(cur + s.slice(chunk, i));
      cur = '';
      chunk = i + 1;
    }
    i++;
  }
  if (header.length < 7) return null;
  return { header, ext: i };
}

function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45 || c === 91 || c === 93;
}

function unescapeValue(v: string): string {
  if (v.indexOf('\\') < 0) return v;
  return v.replace(/\\([=\\nr|])/g, (_m, ch: string) => (ch === 'n' ? '\n' : ch === 'r' ? '\r' : ch));
}

/** Splits a CEF extension into key → value (values unescaped, trailing spaces trimmed); a repeated key keeps its last value. */
export function parseCefExtension(s: string, start = 0): Map<string, string> {
  const out = new Map<string, string>();
  // Positions of unescaped '=' that end a valid key.
  const keys: { keyStart: number; eq: number }[] = [];
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) {
      i++;
      continue;
    }
    if (c !== 61) continue;
    let k = i - 1;
    while (k >= start && isKeyChar(s.charCodeAt(k))) k--;
    const keyStart = k + 1;
    if (keyStart === i) continue;
    if (k >= start && s.charCodeAt(k) !== 32 && s.charCodeAt(k) !== 9) continue;
    keys.push({ keyStart, eq: i });
  }
  for (let n = 0; n < keys.length; n++) {
    const { keyStart, eq } = keys[n]!;
    const end = n + 1 < keys.length ? keys[n + 1]!.keyStart - 1 : s.length;
    out.set(s.slice(keyStart, eq), unescapeValue(s.slice(eq + 1, Math.max(eq + 1, end)).trimEnd()));
  }
  return out;
}

/** The ECS field that holds an extension key's value when it is not kept as `cef.extensions.<key>`. */
export function cefFieldOf(key: string): string | undefined {
  const m = CEF_FIELDS.get(key);
  return m && m[0] !== 'time' ? m[1] : undefined;
}

/** Parses a CEF record found in `text`; null when there is none. */
export function parseCef(text: string, ctx: ParseContext): ParseResult | null {
  let source = text;
  let at = cefStart(text);
  if (at < 0 && ctx.envelope) {
    source = ctx.envelope.content;
    at = cefStart(source);
  }
  if (at < 0) return null;
  let h = at;
  if (source.startsWith('CEF:', at)) {
    h = at + 4;
    while (source.charCodeAt(h) === 32) h++;
  }
  const split = splitCefHeader(source, h);
  if (!split) return null;
  const f: Record<string, FieldValue> = { 'event.dataset': 'cef', 'event.kind': 'event' };
  for (let i = 0; i < HEADER_NAMES.length; i++) if (split.header[i] !== '') f[HEADER_NAMES[i]!] = split.header[i]!;
  const sev = severityFromTen(split.header[6]);
  if (sev) f['vigil.severity'] = sev;
  const ext = parseCefExtension(source, split.ext);
  let labels: Map<string, string> | undefined;
  for (const [key, value] of ext) if (key.endsWith('Label')) (labels ??= new Map()).set(key.slice(0, -5), value);
  // An extension whose value lands unchanged in an ECS field is kept only there; every other key
  // (and any value the mapping would alter) stays as cef.extensions.<key>.
  for (const [key, value] of ext) {
    const m = value === '' ? undefined : CEF_FIELDS.get(key);
    if (m) {
      const field = m[1];
      switch (m[0]) {
        case 'text':
          f[field] = value;
          continue;
        case 'ip': {
          const v = normalizeIP(value);
          if (isIP(v)) {
            f[field] = v;
            if (v === value) continue;
          }
          break;
        }
        case 'int': {
          const n = toInt(value);
          if (n !== undefined) {
            f[field] = n;
            if (String(n) === value) continue;
          }
          break;
        }
        case 'time': {
          const ms = parseVendorTime(value, ctx);
          if (!Number.isNaN(ms)) f[field] = toIso(ms);
          break;
        }
      }
    } else if (key === 'proto' && value !== '') {
      const t = transportName(value);
      if (t) f['network.transport'] = t;
    }
    f[prefixed('cef.extensions.', key)] = value;
    const label = labels?.get(key);
    if (label) f[`cef.label.${label}`] = value;
  }
  // Vendors without rt carry the event time in a custom key (UniFi: UNIFIutcTime).
  if (!ext.has('rt')) {
    for (const [key, value] of ext) {
      if (/utcTime$/i.test(key)) {
        const ms = parseVendorTime(value, ctx);
        if (!Number.isNaN(ms)) f['@timestamp'] = toIso(ms);
        break;
      }
    }
  }
  const user = f['source.user.name'] ?? f['destination.user.name'];
  if (user !== undefined) f['user.name'] = user;
  const outcome = String(f['cef.outcome'] ?? '').toLowerCase().replace(/^\//, '');
  if (outcome === 'success' || outcome === 'failure') f['event.outcome'] = outcome;
  if (f.message === undefined && f['cef.name'] !== undefined) f.message = f['cef.name'] as string;
  return { fields: f, parser: 'cef', ok: true };
}
