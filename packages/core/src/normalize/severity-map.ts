/**
 * @module normalize/severity-map
 * Maps the many ways senders spell severity onto Vigil's five levels.
 */
import { isSeverity, type Severity } from '@vigil/contracts';

const WORDS: Record<string, Severity> = {
  emerg: 'critical', emergency: 'critical', panic: 'critical', alert: 'critical', crit: 'critical', critical: 'critical', fatal: 'critical',
  err: 'high', error: 'high', severe: 'high', high: 'high',
  warn: 'medium', warning: 'medium', medium: 'medium', moderate: 'medium',
  notice: 'low', low: 'low',
  info: 'info', informational: 'info', information: 'info', debug: 'info', trace: 'info', verbose: 'info',
};

/** Syslog severity code (0 emergency … 7 debug) to a Vigil severity. */
export function severityFromSyslog(code: number): Severity {
  if (code <= 2) return 'critical';
  if (code === 3) return 'high';
  if (code === 4) return 'medium';
  if (code === 5) return 'low';
  return 'info';
}

/** A Vigil severity from a word (`warning`), a Vigil level, or a syslog code; null when unknown. */
export function mapSeverity(value: unknown): Severity | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 7) return severityFromSyslog(value);
  if (typeof value !== 'string') return null;
  const word = value.trim().toLowerCase();
  if (isSeverity(word)) return word;
  if (/^[0-7]$/.test(word)) return severityFromSyslog(Number(word));
  return WORDS[word] ?? null;
}
