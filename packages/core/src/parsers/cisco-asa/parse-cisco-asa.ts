/**
 * @module parsers/cisco-asa/parse-cisco-asa
 * Cisco ASA, FTD, PIX and FWSM syslog messages: `%ASA-<sev>-<id>: text`.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { SEVERITY_NAMES, syslogSeverity } from '../shared/syslog-codes.ts';
import { isIP } from '../shared/net.ts';
import { ASA_MESSAGES, genericAsa } from './messages.ts';

const PREFIXES = ['%ASA-', '%FTD-', '%PIX-', '%FWSM-'];

/** Where `%ASA-n-nnnnnn` (or FTD/PIX/FWSM) starts in `text`, or -1. */
export function asaMarker(text: string): number {
  const limit = Math.min(text.length, 160);
  const head = text.length > limit ? text.slice(0, limit) : text;
  for (const p of PREFIXES) {
    const at = head.indexOf(p);
    if (at >= 0) return at;
  }
  return -1;
}

/** Parses an ASA/FTD message found in the text or the syslog content; null when there is none. */
export function parseCiscoAsa(text: string, ctx: ParseContext): ParseResult | null {
  let source = text;
  let at = asaMarker(text);
  if (at < 0 && ctx.envelope) {
    source = ctx.envelope.content;
    at = asaMarker(source);
  }
  if (at < 0) return null;
  const dash1 = source.indexOf('-', at + 1);
  const dash2 = source.indexOf('-', dash1 + 1);
  // "%ASA-4-106023: text", and older "%PIX-4-400013 text" without the colon.
  let colon = dash2 + 1;
  while (colon < source.length && source.charCodeAt(colon) >= 48 && source.charCodeAt(colon) <= 57) colon++;
  if (dash1 < 0 || dash2 < 0 || colon - dash2 !== 7) return null;
  const product = source.slice(at + 1, dash1);
  const sev = Number(source.slice(dash1 + 1, dash2));
  const id = source.slice(dash2 + 1, colon);
  if (!/^\d{6}$/.test(id) || !(sev >= 0 && sev <= 7)) return null;
  const msg = source.slice(source.charCodeAt(colon) === 58 ? colon + 1 : colon).trim();
  const f: Record<string, FieldValue> = {
    'event.dataset': product === 'FTD' ? 'cisco.ftd' : 'cisco.asa',
    'event.kind': 'event',
    'event.code': id,
    'observer.vendor': 'Cisco',
    'observer.product': product === 'FTD' ? 'Firepower Threat Defense' : product === 'PIX' ? 'PIX' : product === 'FWSM' ? 'FWSM' : 'ASA',
    'observer.type': 'firewall',
    'log.level': SEVERITY_NAMES[sev] ?? String(sev),
    'cisco.asa.message_id': id,
    'vigil.severity': syslogSeverity(sev),
    message: msg,
  };
  // A device name/IP written before the marker ("fw01 : %ASA-…", "10.1.1.1 %ASA-…") is the observer.
  const before = source.slice(0, at).replace(/[:\s]+$/, '').trim();
  const lastTok = before.slice(before.lastIndexOf(' ') + 1);
  if (lastTok && /^[\w.-]+$/.test(lastTok) && !/^\d{1,2}:\d\d/.test(lastTok)) {
    if (isIP(lastTok)) f['observer.ip'] = lastTok;
    else if (!/^\d+$/.test(lastTok)) f['observer.hostname'] = lastTok;
  }
  const handler = ASA_MESSAGES[id];
  if (handler) handler(f, msg);
  else genericAsa(f, msg);
  return { fields: f, parser: 'cisco-asa', ok: true };
}
