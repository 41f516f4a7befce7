/**
 * @module severity
 * Severity colours and the severity badge used wherever events show.
 */
import { Badge } from '@mantine/core';
import { SEVERITIES, isSeverity, type Severity } from '@vigil/contracts';

/** Mantine colour per severity. */
export const SEVERITY_COLORS: Record<Severity, string> = {
  info: 'gray',
  low: 'teal',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
};

/** The colour of a severity value, gray for anything else. */
export function severityColor(value: unknown): string {
  return isSeverity(value) ? SEVERITY_COLORS[value] : 'gray';
}

export { SEVERITIES };

/** A coloured badge for an event's `vigil.severity`. */
export function SeverityBadge({ value }: { value: unknown }) {
  const text = typeof value === 'string' && value ? value : 'unknown';
  return (
    <Badge color={severityColor(value)} variant={text === 'critical' || text === 'high' ? 'filled' : 'light'} size="sm" radius="sm" miw={64} aria-label={`severity ${text}`}>
      {text}
    </Badge>
  );
}
