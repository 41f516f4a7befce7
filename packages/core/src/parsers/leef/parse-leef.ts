/**
 * @module parsers/leef/parse-leef
 * IBM LEEF 1.0 (`LEEF:1.0|Vendor|Product|Version|EventID|attrs` with TAB between attributes) and
 * 2.0 (`…|EventID|Delimiter|attrs`, the delimiter a char, `0x09`/`x09` hex, or omitted for TAB).
 * Senders that write the two characters `\t` instead of a TAB are understood too.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { isIP, normalizeIP, toInt, transportName } from '../shared/net.ts';
import { toIso } from '../shared/time.ts';
import { parseVendorTime } from '../shared/vendor-time.ts';
import { severityFromTen } from '../shared/severity.ts';
import { LEEF_INT_FIELDS, LEEF_IP_FIELDS, LEEF_TEXT_FIELDS } from './leef-fields.ts';
import { prefixed } from '../shared/prefixed.ts';
import { dict, internKey, own } from '../shared/own.ts';

/** The delimiter a LEEF 2.0 delimiter field names (`^`, `0x09`, `x7C`, `\t`), or undefined when invalid. */
export function leefDelimiter(field: string): string | undefined {
  if (field.length === 1) return field;
  if (field === '\\t') return '\t';
  const hex = /^0?[xX]([0-9a-fA-F]{1,4})$/.exec(field);
  if (hex) return String.fromCharCode(parseInt(hex[1]!, 16));
  return undefined;
}

/** Splits LEEF attributes on `delim` (or on a literal `\t` when the text has no real TAB). */
export function splitLeefAttributes(s: string, delim: string): Record<string, string> {
  let parts: string[];
  if (delim === '\t' && s.indexOf('\t') < 0 && s.indexOf('\\t') >= 0) parts = s.split('\\t');
  else parts = s.split(delim);
  const out: Record<string, string> = dict();
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    out[internKey(part.slice(0, eq).trim())] = part.slice(eq + 1);
  }
  return out;
}

/** Parses a LEEF record found in `text`; null when there is none. */
export function parseLeef(text: string, ctx: ParseContext): ParseResult | null {
  let source = text;
  let at = text.indexOf('LEEF:');
  if ((at < 0 || at > 128) && ctx.envelope) {
    source = ctx.envelope.content;
    at = source.indexOf('LEEF:');
  }
  if (at < 0 || at > 128) return null;
  // Header: version|vendor|product|version|eventid|[delimiter|]
  const header: string[] = [];
  let i = at + 5;
  while (header.length < 5) {
    const p = source.indexOf('|', i);
    if (p < 0) return null;
    header.push(source.slice(i, p));
    i = p + 1;
  }
  const version = header[0]!.trim();
  let delim = '\t';
  if (version.startsWith('2')) {
    const p = source.indexOf('|', i);
    if (p >= 0) {
      const cand = source.slice(i, p);
      const d = cand.indexOf('=') < 0 ? leefDelimiter(cand) : undefined;
      if (d !== undefined) {
        delim = d;
        i = p + 1;
      }
    }
  }
  const attrs = splitLeefAttributes(source.slice(i), delim);
  const f: Record<string, FieldValue> = {
    'event.dataset': 'leef',
    'event.kind': 'event',
    'leef.version': version,
    'observer.vendor': header[1]!,
    'observer.product': header[2]!,
    'observer.version': header[3]!,
    'event.code': header[4]!,
  };
  for (const key in attrs) {
    const value = attrs[key]!;
    f[prefixed('leef.', key)] = value;
    if (value === '') continue;
    const tf = own(LEEF_TEXT_FIELDS, key);
    if (tf) {
      f[tf] = value;
      continue;
    }
    const ipf = own(LEEF_IP_FIELDS, key);
    if (ipf) {
      const v = normalizeIP(value);
      if (isIP(v)) f[ipf] = v;
      continue;
    }
    const nf = own(LEEF_INT_FIELDS, key);
    if (nf) {
      const n = toInt(value);
      if (n !== undefined) f[nf] = n;
    }
  }
  if (attrs.proto) f['network.transport'] = transportName(attrs.proto) ?? attrs.proto;
  if (attrs.sev) {
    const s = severityFromTen(attrs.sev);
    if (s) f['vigil.severity'] = s;
  }
  if (attrs.cat) f['leef.category'] = attrs.cat;
  if (attrs.devTime) {
    const ms = parseVendorTime(attrs.devTime, ctx);
    if (!Number.isNaN(ms)) f['@timestamp'] = toIso(ms);
  }
  if (f.message === undefined) f.message = `${header[2]} ${header[4]}`;
  return { fields: f, parser: 'leef', ok: true };
}
