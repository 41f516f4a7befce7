/**
 * @module parsers/shared/severity
 * Vendor severities → Vigil's five levels: words via the normalize stage's table, numbers by scale.
 */
import type { Severity } from '@vigil/contracts';
import { mapSeverity } from '../../normalize/severity-map.ts';
import { toInt } from './net.ts';

/** A severity word (`warning`, `High`, `Very-High`, `information`) → Vigil severity, or undefined. */
export function severityFromWord(word: string | undefined): Severity | undefined {
  if (!word) return undefined;
  const w = word.trim().toLowerCase();
  if (w === 'very-high' || w === 'very high' || w === 'veryhigh') return 'critical';
  if (w === 'unknown' || w === '') return undefined;
  if (w === 'informational' || w === 'information') return 'info';
  return mapSeverity(w) ?? undefined;
}

/** A 0–10 severity (CEF, LEEF `sev`) → Vigil: 0 info, 1–3 low, 4–6 medium, 7–8 high, 9–10 critical. */
export function severityFromTen(value: string | number | undefined): Severity | undefined {
  const n = typeof value === 'number' ? value : toInt(value);
  if (n === undefined) return severityFromWord(typeof value === 'string' ? value : undefined);
  if (n <= 0) return 'info';
  if (n <= 3) return 'low';
  if (n <= 6) return 'medium';
  if (n <= 8) return 'high';
  return 'critical';
}
