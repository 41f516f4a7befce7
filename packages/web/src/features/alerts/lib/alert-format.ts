/**
 * @module alert-format
 * Small texts the alert pages share: an alert's group as people read it, and state colours.
 */
import type { AlertState } from '@vigil/contracts';

/** The alert's group values as "source.ip 203.0.113.9 · host.name web-1" (empty for a rule without group-by). */
export function formatGroup(group: Record<string, unknown> | undefined): string {
  return Object.entries(group ?? {})
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/** Mantine colour per alert state. */
export const STATE_COLORS: Record<AlertState, string> = { open: 'red', acknowledged: 'yellow', resolved: 'green' };

/** The label of a state. */
export const STATE_LABELS: Record<AlertState, string> = { open: 'Open', acknowledged: 'Acknowledged', resolved: 'Resolved' };
