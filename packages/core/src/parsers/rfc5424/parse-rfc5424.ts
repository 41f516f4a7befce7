/**
 * @module parsers/rfc5424/parse-rfc5424
 * `<PRI>VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]`, scanned with indexOf.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { readPri, setPriorityFields } from '../shared/syslog-codes.ts';
import { formatOffset, parseIsoAt, toIso } from '../shared/time.ts';
import { toInt } from '../shared/net.ts';
import { parseStructuredData } from './structured-data.ts';

/** True when the line starts like RFC 5424: `<PRI>` followed by a version digit and a space. */
export function looksLikeRfc5424(line: string): boolean {
  const pri = readPri(line);
  if (!pri) return false;
  const c = line.charCodeAt(pri.end);
  if (c < 49 || c > 57) return false;
  const d = line.charCodeAt(pri.end + 1);
  return d === 32 || (d >= 48 && d <= 57 && line.charCodeAt(pri.end + 2) === 32);
}

/** Parses an RFC 5424 line; null when the header is not RFC 5424. */
export function parseRfc5424(line: string, ctx: ParseContext): ParseResult | null {
  const pri = readPri(line);
  if (!pri) return null;
  let i = pri.end;
  let sp = line.indexOf(' ', i);
  if (sp < 0 || sp - i > 2) return null;
  const version = toInt(line.slice(i, sp));
  if (version === undefined || version < 1) return null;
  const fields: Record<string, FieldValue> = {};
  setPriorityFields(fields, pri.pri);
  fields['log.syslog.version'] = String(version);
  i = sp + 1;

  // TIMESTAMP
  if (line.charCodeAt(i) === 45 /* - */ && (line.charCodeAt(i + 1) === 32 || i + 1 >= line.length)) {
    i += 2;
  } else {
    const ts = parseIsoAt(line, i, ctx.timezoneOffsetMinutes ?? 0);
    if (!ts) return null;
    if (ts.end < line.length && line.charCodeAt(ts.end) !== 32) return null;
    fields['@timestamp'] = toIso(ts.ms);
    if (ts.offsetMinutes !== null) fields['event.timezone'] = formatOffset(ts.offsetMinutes);
    i = ts.end + 1;
  }

  // HOSTNAME APP-NAME PROCID MSGID: space-separated, '-' is NIL.
  const header: (string | undefined)[] = [];
  for (let k = 0; k < 4; k++) {
    if (i >= line.length) {
      header.push(undefined);
      continue;
    }
    sp = line.indexOf(' ', i);
    const end = sp < 0 ? line.length : sp;
    const tok = line.slice(i, end);
    header.push(tok === '-' || tok === '' ? undefined : tok);
    i = end + 1;
  }
  const [host, app, procid, msgid] = header;
  if (host !== undefined) {
    fields['host.name'] = host;
    fields['log.syslog.hostname'] = host;
  }
  if (app !== undefined) {
    fields['log.syslog.appname'] = app;
    fields['process.name'] = app;
  }
  if (procid !== undefined) {
    fields['log.syslog.procid'] = procid;
    const pid = toInt(procid);
    if (pid !== undefined) fields['process.pid'] = pid;
  }
  if (msgid !== undefined) fields['log.syslog.msgid'] = msgid;

  // STRUCTURED-DATA
  const sdStart = i;
  let hasSd = false;
  if (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === 45 /* - */ && (line.charCodeAt(i + 1) === 32 || i + 1 >= line.length)) {
      i += 2;
    } else if (c === 91 /* [ */) {
      const { sd, end } = parseStructuredData(line, i);
      fields['log.syslog.structured_data'] = sd;
      hasSd = true;
      i = end;
      if (line.charCodeAt(i) === 32) i++;
    }
  }

  // MSG (a UTF-8 BOM, decoded as U+FEFF, is not part of the text)
  let message = i < line.length ? line.slice(i) : '';
  if (message.charCodeAt(0) === 0xfeff) message = message.slice(1);
  fields.message = message;
  // Body parsers that read the raw SD (Check Point's `[key:"value"; …]`) find it in `content`.
  const content = hasSd ? line.slice(sdStart) : message;
  return { fields, parser: 'rfc5424', ok: true, payload: { message, content, appname: app } };
}
