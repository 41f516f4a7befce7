/**
 * @module parsers/rfc3164/parse-rfc3164
 * BSD syslog as found in the wild: `[<PRI>][ ]TIMESTAMP[:] [HOSTNAME ]TAG[pid]: MSG`, where the
 * timestamp may be `Mmm dd hh:mm:ss` (space-, zero- or un-padded day, any month case), with a year
 * before the time, with fractional seconds, RFC 3339, or `yyyy Mmm dd hh:mm:ss`. A missing PRI means
 * 13 (user.notice, RFC 3164 §4.3.3); a missing timestamp leaves the rest to the message.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { readPri, setPriorityFields } from '../shared/syslog-codes.ts';
import { bsdToEpoch, digitsAt, formatOffset, isDigit, monthAt, parseBsdAt, parseIsoAt, toIso } from '../shared/time.ts';
import { isIPv6, toInt } from '../shared/net.ts';
import { splitTag } from './syslog-tag.ts';

/** True when the token can be a syslog HOSTNAME (letters, digits, `.-_/@%`, or an IPv6 address). */
export function isHostnameToken(tok: string): boolean {
  const n = tok.length;
  if (n === 0 || n > 255) return false;
  let colon = false;
  for (let i = 0; i < n; i++) {
    const c = tok.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45 || c === 95 || c === 47 || c === 64 || c === 37) continue;
    if (c === 58) {
      colon = true;
      continue;
    }
    return false;
  }
  return !colon || isIPv6(tok);
}

/** True when the line may be BSD syslog: a PRI, or a month name / ISO date at the start. */
export function looksLikeRfc3164(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c === 60) return readPri(line) !== null;
  if (isDigit(c)) return digitsAt(line, 0, 4) >= 0 && (line.charCodeAt(4) === 45 || line.charCodeAt(4) === 32);
  return monthAt(line, 0) >= 0 && line.charCodeAt(3) === 32;
}

/** Parses a BSD syslog line; null when it has neither a PRI nor a leading timestamp. */
export function parseRfc3164(line: string, ctx: ParseContext): ParseResult | null {
  let i = 0;
  let pri = 13;
  let hadPri = false;
  const p = readPri(line);
  if (p) {
    pri = p.pri;
    i = p.end;
    hadPri = true;
  }
  while (line.charCodeAt(i) === 32) i++;

  const fields: Record<string, FieldValue> = {};
  let tsEnd = -1;
  const offset = ctx.timezoneOffsetMinutes ?? 0;
  if (isDigit(line.charCodeAt(i))) {
    // RFC 3339, or "yyyy-mm-dd hh:mm:ss[.frac]±hhmm" (syslog-ng / journald) when it carries an offset.
    let iso = parseIsoAt(line, i, offset);
    if (!iso && line.charCodeAt(i + 10) === 32) {
      const spaced = parseIsoAt(line, i, offset, true);
      if (spaced && spaced.offsetMinutes !== null) iso = spaced;
    }
    if (iso && (iso.end >= line.length || line.charCodeAt(iso.end) === 32)) {
      fields['@timestamp'] = toIso(iso.ms);
      if (iso.offsetMinutes !== null) fields['event.timezone'] = formatOffset(iso.offsetMinutes);
      tsEnd = iso.end;
    } else {
      const year = digitsAt(line, i, 4);
      if (year >= 0 && line.charCodeAt(i + 4) === 32) {
        const bsd = parseBsdAt(line, i + 5);
        if (bsd) {
          bsd.year = year;
          const ms = bsdToEpoch(bsd, ctx);
          if (!Number.isNaN(ms)) fields['@timestamp'] = toIso(ms);
          tsEnd = bsd.end;
        }
      }
    }
  } else {
    const bsd = parseBsdAt(line, i);
    if (bsd) {
      // A well-formed but impossible date ("May 00") is still the header; the receive time stands in.
      const ms = bsdToEpoch(bsd, ctx);
      if (!Number.isNaN(ms)) fields['@timestamp'] = toIso(ms);
      tsEnd = bsd.end;
    }
  }
  if (!hadPri && tsEnd < 0) return null;
  setPriorityFields(fields, pri);

  let content: string;
  if (tsEnd < 0) {
    content = line.slice(i);
  } else {
    let j = tsEnd;
    if (line.charCodeAt(j) === 58) j++;
    while (line.charCodeAt(j) === 32) j++;
    let sp = line.indexOf(' ', j);
    if (sp < 0) sp = line.length;
    const tok = line.slice(j, sp);
    if (isHostnameToken(tok)) {
      fields['host.name'] = tok;
      fields['log.syslog.hostname'] = tok;
      j = sp + 1;
    }
    content = j < line.length ? line.slice(j) : '';
  }

  const tag = splitTag(content);
  if (tag.program !== undefined) {
    fields['log.syslog.appname'] = tag.program;
    fields['process.name'] = tag.program;
  }
  if (tag.pid !== undefined) {
    fields['log.syslog.procid'] = tag.pid;
    const pid = toInt(tag.pid);
    if (pid !== undefined) fields['process.pid'] = pid;
  }
  const message = tag.message.trim();
  fields.message = message;
  return { fields, parser: 'rfc3164', ok: true, payload: { message, content, appname: tag.program } };
}
