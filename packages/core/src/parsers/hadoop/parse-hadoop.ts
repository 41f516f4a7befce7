/**
 * @module parsers/hadoop/parse-hadoop
 * Hadoop HDFS daemon logs in the classic layout `yyMMdd HHmmss pid LEVEL logger: message`, and the
 * log4j default `yyyy-MM-dd HH:mm:ss,SSS LEVEL logger: message` other Hadoop daemons write.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { digitsAt, parseIsoAt, toIso, wallToEpoch } from '../shared/time.ts';
import { toInt } from '../shared/net.ts';
import { mapSeverity } from '../../normalize/severity-map.ts';

const LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);

/** True when the line starts with `yyMMdd HHmmss ` or `yyyy-MM-dd HH:mm:ss,SSS `. */
export function looksLikeHadoop(line: string): boolean {
  if (line.charCodeAt(6) === 32 && line.charCodeAt(13) === 32 && digitsAt(line, 0, 6) >= 0 && digitsAt(line, 7, 6) >= 0) return true;
  return line.charCodeAt(4) === 45 && line.charCodeAt(10) === 32 && line.charCodeAt(19) === 44 && line.charCodeAt(23) === 32;
}

/** Parses one Hadoop log line; null when the layout does not match. */
export function parseHadoop(line: string, ctx: ParseContext): ParseResult | null {
  const offset = ctx.timezoneOffsetMinutes ?? 0;
  let ms: number;
  let rest: string;
  let pid: number | undefined;
  if (line.charCodeAt(6) === 32) {
    const yy = digitsAt(line, 0, 2);
    const mo = digitsAt(line, 2, 2);
    const d = digitsAt(line, 4, 2);
    const h = digitsAt(line, 7, 2);
    const mi = digitsAt(line, 9, 2);
    const s = digitsAt(line, 11, 2);
    ms = wallToEpoch(2000 + yy, mo - 1, d, h, mi, s, 0, offset);
    rest = line.slice(14);
    const sp = rest.indexOf(' ');
    pid = toInt(rest.slice(0, sp));
    if (pid === undefined) return null;
    rest = rest.slice(sp + 1);
  } else {
    const iso = parseIsoAt(line, 0, offset, true);
    if (!iso) return null;
    ms = iso.ms;
    rest = line.slice(24);
  }
  const sp = rest.indexOf(' ');
  const level = rest.slice(0, sp);
  if (!LEVELS.has(level)) return null;
  const colon = rest.indexOf(': ', sp + 1);
  if (colon < 0) return null;
  const logger = rest.slice(sp + 1, colon);
  const f: Record<string, FieldValue> = {
    'event.dataset': 'hadoop.hdfs',
    'log.level': level,
    'log.logger': logger,
    message: rest.slice(colon + 2),
    'vigil.severity': mapSeverity(level) ?? 'info',
  };
  if (!Number.isNaN(ms)) f['@timestamp'] = toIso(ms);
  if (pid !== undefined) f['process.pid'] = pid;
  return { fields: f, parser: 'hadoop', ok: true };
}
