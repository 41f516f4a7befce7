/**
 * @module parsers/cisco-ios/parse-cisco-ios
 * Cisco IOS / IOS-XE / NX-OS messages: `[seq:] [*|.]Mmm dd [yyyy] hh:mm:ss[.mmm] [TZ]: %FAC-SEV-MNEMONIC: text`
 * (sequence number, service timestamps and the leading `*`/`.` of unsynchronised clocks all optional).
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { SEVERITY_NAMES, syslogSeverity } from '../shared/syslog-codes.ts';
import { bsdToEpoch, parseBsdAt, toIso } from '../shared/time.ts';
import { IOS_MNEMONICS } from './mnemonics.ts';

function isUpperWord(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** Finds `%FAC-N-MNEMONIC:` in `text`: the index of `%` and the parts, or null. ASA/FTD/PIX ids are excluded. */
export function findIosTag(text: string): { at: number; facility: string; severity: number; mnemonic: string; end: number } | null {
  let from = 0;
  const limit = Math.min(text.length, 256);
  while (from < limit) {
    const at = text.indexOf('%', from);
    if (at < 0 || at >= limit) return null;
    from = at + 1;
    let i = at + 1;
    while (i < text.length && (isUpperWord(text.charCodeAt(i)) || text.charCodeAt(i) === 45)) {
      if (text.charCodeAt(i) === 45 && text.charCodeAt(i + 2) === 45) break;
      i++;
    }
    if (text.charCodeAt(i) !== 45) continue;
    const sev = text.charCodeAt(i + 1) - 48;
    if (sev < 0 || sev > 7 || text.charCodeAt(i + 2) !== 45) continue;
    const facility = text.slice(at + 1, i);
    if (facility === '' || facility === 'ASA' || facility === 'FTD' || facility === 'PIX' || facility === 'FWSM') continue;
    let j = i + 3;
    while (j < text.length && isUpperWord(text.charCodeAt(j))) j++;
    if (j === i + 3 || text.charCodeAt(j) !== 58) continue;
    return { at, facility, severity: sev, mnemonic: text.slice(i + 3, j), end: j + 1 };
  }
  return null;
}

/** Parses an IOS message found in the text or the syslog content; null when there is none. */
export function parseCiscoIos(text: string, ctx: ParseContext): ParseResult | null {
  // The syslog content keeps what a tag split would lose ("4411: *May 14 …: %SEC-6-…").
  let source = ctx.envelope ? ctx.envelope.content : text;
  let tag = findIosTag(source);
  if (!tag && source !== text) {
    source = text;
    tag = findIosTag(source);
  }
  if (!tag) return null;
  const body = source.slice(tag.end).trim();
  const f: Record<string, FieldValue> = {
    'event.dataset': 'cisco.ios',
    'event.kind': 'event',
    'event.code': `${tag.facility}-${tag.severity}-${tag.mnemonic}`,
    'observer.vendor': 'Cisco',
    'observer.product': 'IOS',
    'cisco.ios.facility': tag.facility,
    'cisco.ios.mnemonic': tag.mnemonic,
    'log.level': SEVERITY_NAMES[tag.severity] ?? String(tag.severity),
    'vigil.severity': syslogSeverity(tag.severity),
    message: body,
  };
  // Prefix: "[seq:] [*|.]Mmm dd hh:mm:ss[.ms] [TZ]:" or "hh:mm:ss:" (uptime)
  const prefix = source.slice(0, tag.at);
  const seq = /^\s*(\d+):/.exec(prefix);
  if (seq) f['cisco.ios.sequence'] = seq[1] ?? '';
  const ts = /[*.]?([A-Z][a-z]{2} +\d{1,2} (?:\d{4} )?\d{1,2}:\d\d:\d\d(?:\.\d+)?)(?: ([A-Za-z]{2,5}))?:/.exec(prefix);
  if (ts) {
    const bsd = parseBsdAt(ts[1] ?? '', 0);
    if (bsd) {
      const zone = (ts[2] ?? '').toUpperCase();
      const ms = bsdToEpoch(bsd, zone === 'UTC' || zone === 'GMT' ? { ...ctx, timezoneOffsetMinutes: 0 } : ctx);
      if (!Number.isNaN(ms)) f['@timestamp'] = toIso(ms);
    }
  }
  const handler = IOS_MNEMONICS[`${tag.facility}-${tag.mnemonic}`];
  if (handler) handler(f, body);
  return { fields: f, parser: 'cisco-ios', ok: true };
}
