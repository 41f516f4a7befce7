/**
 * @module parsers/windows-cbs/parse-windows-cbs
 * Windows servicing logs (CBS.log / DISM.log): `yyyy-MM-dd HH:mm:ss, Level<pad> Component<pad> message`.
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { parseIsoAt, toIso } from '../shared/time.ts';
import { mapSeverity } from '../../normalize/severity-map.ts';

/** True when the line starts with `yyyy-MM-dd HH:mm:ss, `. */
export function looksLikeCbs(line: string): boolean {
  return line.charCodeAt(4) === 45 && line.charCodeAt(10) === 32 && line.charCodeAt(19) === 44 && line.charCodeAt(20) === 32;
}

/** Parses one CBS/DISM log line; null when the layout does not match. */
export function parseWindowsCbs(line: string, ctx: ParseContext): ParseResult | null {
  if (!looksLikeCbs(line)) return null;
  const iso = parseIsoAt(line, 0, ctx.timezoneOffsetMinutes ?? 0, true);
  if (!iso) return null;
  const rest = line.slice(21);
  const m = /^(\S+)\s+(\S+)\s+(.*)$/.exec(rest);
  if (!m) return null;
  const f: Record<string, FieldValue> = {
    'event.dataset': 'windows.cbs',
    '@timestamp': toIso(iso.ms),
    'log.level': m[1] ?? '',
    'log.logger': m[2] ?? '',
    message: m[3] ?? '',
    'host.os.family': 'windows',
  };
  f['vigil.severity'] = mapSeverity(m[1]) ?? 'info';
  return { fields: f, parser: 'windows-cbs', ok: true };
}
