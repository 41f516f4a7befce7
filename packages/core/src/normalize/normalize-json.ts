/**
 * @module normalize/normalize-json
 * A JSON event as sent over HTTP, dotted or nested, to flat fields — or a reason it is rejected.
 */
import type { FieldValue } from '@vigil/contracts';
import { flatten } from './flatten.ts';
import type { EventLimits } from './event-limits.ts';

/** The flat fields of one JSON event, or an error text when it cannot be an event. */
export function normalizeJson(value: unknown, limits?: EventLimits): { fields: Record<string, FieldValue> } | { error: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { error: `an event must be a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}` };
  }
  const rawMessage = (value as Record<string, unknown>).message;
  if (rawMessage !== undefined && rawMessage !== null && typeof rawMessage !== 'string') return { error: 'message must be a string' };
  const fields = flatten(value as Record<string, unknown>, limits);
  if (Object.keys(fields).length === 0) return { error: 'an event must have at least one field' };
  const msg = fields.message;
  if (msg !== undefined && msg !== null && typeof msg !== 'string') return { error: 'message must be a string' };
  return { fields };
}
