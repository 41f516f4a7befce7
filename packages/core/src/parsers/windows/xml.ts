/**
 * @module parsers/windows/xml
 * One Windows event as its XML rendering (`<Event xmlns=…><System>…</System><EventData><Data Name=…>`),
 * read with indexOf: no XML library, no entity expansion beyond the five predefined ones.
 */
import type { ParseContext, ParseResult } from '../types.ts';
import { parseIsoAt, toIso } from '../shared/time.ts';
import { windowsFields } from './event-data.ts';

function decode(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (m, e: string) => {
    switch (e) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
      default: {
        const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
    }
  });
}

function element(s: string, name: string): string | undefined {
  const open = s.indexOf(`<${name}`);
  if (open < 0) return undefined;
  const gt = s.indexOf('>', open);
  if (gt < 0 || s.charCodeAt(gt - 1) === 47) return undefined;
  const close = s.indexOf(`</${name}>`, gt);
  return close < 0 ? undefined : decode(s.slice(gt + 1, close));
}

function attribute(s: string, elementName: string, attr: string): string | undefined {
  const open = s.indexOf(`<${elementName}`);
  if (open < 0) return undefined;
  const gt = s.indexOf('>', open);
  const tag = s.slice(open, gt < 0 ? undefined : gt);
  const a = tag.indexOf(` ${attr}=`);
  if (a < 0) return undefined;
  const q = tag.charAt(a + attr.length + 2);
  const end = tag.indexOf(q, a + attr.length + 3);
  return end < 0 ? undefined : decode(tag.slice(a + attr.length + 3, end));
}

/** Parses a Windows event XML line; null when it is not one. */
export function parseWindowsXml(text: string, _ctx: ParseContext): ParseResult | null {
  const at = text.indexOf('<Event');
  if (at < 0 || at > 64 || text.indexOf('<System>', at) < 0) return null;
  const data = new Map<string, string>();
  const ed = text.indexOf('<EventData>');
  if (ed >= 0) {
    let i = ed;
    for (;;) {
      const d = text.indexOf('<Data', i);
      if (d < 0) break;
      const gt = text.indexOf('>', d);
      if (gt < 0) break;
      const tag = text.slice(d, gt);
      const nameAt = tag.indexOf('Name="');
      const close = text.indexOf('</Data>', gt);
      if (tag.endsWith('/')) {
        i = gt + 1;
        continue;
      }
      if (close < 0) break;
      if (nameAt >= 0) data.set(tag.slice(nameAt + 6, tag.indexOf('"', nameAt + 6)), decode(text.slice(gt + 1, close)));
      i = close + 7;
    }
  }
  const keywords = element(text, 'Keywords') ?? '';
  const kw = keywords.toLowerCase();
  const f = windowsFields({
    eventId: element(text, 'EventID'),
    channel: element(text, 'Channel'),
    provider: attribute(text, 'Provider', 'Name'),
    computer: element(text, 'Computer'),
    recordId: element(text, 'EventRecordID'),
    keywordsOutcome: kw.startsWith('0x8010') ? 'failure' : kw.startsWith('0x8020') ? 'success' : undefined,
    data,
    message: element(text, 'Message'),
  });
  const sys = attribute(text, 'TimeCreated', 'SystemTime');
  const ts = sys ? parseIsoAt(sys, 0, 0, true) : null;
  if (ts) f['@timestamp'] = toIso(ts.ms);
  return { fields: f, parser: 'windows-xml', ok: true };
}
