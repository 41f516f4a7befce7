/**
 * @module parsers/shared/syslog-codes
 * Syslog facility and severity names (the spellings rsyslog and syslog-ng print) and their Vigil severity.
 */
import type { Severity } from '@vigil/contracts';
import { severityFromSyslog as syslogToVigil } from '../../normalize/severity-map.ts';

/** Facility names by code (RFC 5424 table 1, rsyslog spelling). */
export const FACILITY_NAMES: readonly string[] = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp',
  'ntp', 'audit', 'alert', 'clock', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
];

/** Severity names by code (RFC 5424 table 2, rsyslog spelling). */
export const SEVERITY_NAMES: readonly string[] = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

/** The Vigil severity of a syslog severity code; the one mapping the normalize stage also uses. */
export function syslogSeverity(code: number): Severity {
  return syslogToVigil(code);
}

/** Writes the `log.syslog.*` priority fields of a PRI value into `fields`. */
export function setPriorityFields(fields: Record<string, unknown>, pri: number): void {
  const facility = pri >> 3;
  const severity = pri & 7;
  fields['log.syslog.priority'] = pri;
  fields['log.syslog.facility.code'] = facility;
  fields['log.syslog.facility.name'] = FACILITY_NAMES[facility] ?? String(facility);
  fields['log.syslog.severity.code'] = severity;
  fields['log.syslog.severity.name'] = SEVERITY_NAMES[severity];
}

/** Reads `<PRI>` at the start of a line: the value and the index after `>`, or null. */
export function readPri(line: string): { pri: number; end: number } | null {
  if (line.charCodeAt(0) !== 60 /* < */) return null;
  let pri = 0;
  let i = 1;
  for (; i < 5 && i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 62 /* > */) break;
    if (c < 48 || c > 57) return null;
    pri = pri * 10 + (c - 48);
  }
  if (i === 1 || line.charCodeAt(i) !== 62 || pri > 191) return null;
  return { pri, end: i + 1 };
}
