/**
 * @module severity
 * Vigil severities, ordered: comparisons (`vigil.severity:>=high`) use the rank, not the spelling.
 */

/** Severities from least to most severe. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The rank of a severity (info = 0 … critical = 4), or -1 when the text is not a severity. */
export function severityRank(value: unknown): number {
  return typeof value === 'string' ? SEVERITIES.indexOf(value as Severity) : -1;
}

/** True when the text names a severity. */
export function isSeverity(value: unknown): value is Severity {
  return severityRank(value) >= 0;
}
