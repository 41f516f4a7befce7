/**
 * @module event fields
 * Display helpers for flat event records.
 */
import type { VigilEvent } from '@vigil/contracts';

/** Columns shown by default in result tables. */
export const DEFAULT_COLUMNS = ['vigil.severity', 'event.dataset', 'host.name', 'message'];

/** Fields shown first in the detail view, in this order. */
const FIRST_FIELDS = ['@timestamp', 'vigil.severity', 'message', 'event.dataset', 'host.name', 'source.ip', 'user.name', 'event.action', 'event.outcome'];

/** A field value as text for tables. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The event's fields, well-known ones first, then alphabetical. */
export function sortedFields(event: VigilEvent): [string, unknown][] {
  const entries = Object.entries(event).filter(([, v]) => v !== undefined);
  const rank = (k: string) => {
    const i = FIRST_FIELDS.indexOf(k);
    return i < 0 ? FIRST_FIELDS.length : i;
  };
  return entries.sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}
