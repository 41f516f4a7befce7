/**
 * @module parsers/hpc/parse-hpc
 * The HPC RAS log layout of the public supercomputer logs (Thunderbird, Spirit, Liberty):
 * `ALERT_TAG EPOCH yyyy.mm.dd NODE Mmm d hh:mm:ss LOCATION TAG[pid]: MESSAGE`. The epoch is the event
 * time and the node the host; the location is kept as written (it may be anonymised, `#8#/#8#`).
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { digitsAt, parseBsdAt, toIso } from '../shared/time.ts';
import { toInt } from '../shared/net.ts';
import { splitTag } from '../rfc3164/syslog-tag.ts';

/** True when the line starts `TAG EPOCH yyyy.mm.dd `. */
export function looksLikeHpc(line: string): boolean {
  const sp = line.indexOf(' ');
  if (sp < 1 || sp > 24) return false;
  const sp2 = line.indexOf(' ', sp + 1);
  if (sp2 - sp < 10 || sp2 - sp > 11) return false;
  return line.charCodeAt(sp2 + 5) === 46 && line.charCodeAt(sp2 + 8) === 46 && digitsAt(line, sp2 + 1, 4) >= 0;
}

/** Parses an HPC RAS line; null when the layout does not match. */
export function parseHpc(line: string, _ctx: ParseContext): ParseResult | null {
  if (!looksLikeHpc(line)) return null;
  const parts = line.split(' ', 4);
  const tag = parts[0] ?? '';
  const epoch = toInt(parts[1]);
  const node = parts[3] ?? '';
  if (epoch === undefined || node === '') return null;
  let i = parts.join(' ').length + 1;
  const fields: Record<string, FieldValue> = {
    'event.dataset': 'syslog',
    'host.name': node,
    '@timestamp': toIso(epoch * 1000),
  };
  if (tag !== '-') fields['hpc.alert_tag'] = tag;
  const bsd = parseBsdAt(line, i);
  if (bsd) {
    i = bsd.end;
    while (line.charCodeAt(i) === 32) i++;
    let sp = line.indexOf(' ', i);
    if (sp < 0) sp = line.length;
    fields['hpc.location'] = line.slice(i, sp);
    i = sp + 1;
  }
  const content = i < line.length ? line.slice(i) : '';
  const t = splitTag(content);
  if (t.program !== undefined) {
    fields['process.name'] = t.program;
    fields['log.syslog.appname'] = t.program;
  }
  if (t.pid !== undefined) {
    const pid = toInt(t.pid);
    if (pid !== undefined) fields['process.pid'] = pid;
  }
  const message = t.message.trim();
  fields.message = message;
  return { fields, parser: 'hpc', ok: true, payload: { message, content, appname: t.program } };
}
