/**
 * @module normalize/flatten
 * Turns nested JSON objects into Vigil's flat dotted field names.
 */
import type { FieldValue } from '@vigil/contracts';

/** Fields whose object value is kept whole instead of being flattened. */
const KEEP_WHOLE = new Set(['log.syslog.structured_data']);

/** Flattens `{"source": {"ip": "…"}}` and `{"source.ip": "…"}` alike to `{"source.ip": "…"}`. Arrays are kept as values. */
export function flatten(input: Record<string, unknown>, prefix = '', out: Record<string, FieldValue> = {}, depth = 0): Record<string, FieldValue> {
  for (const key of Object.keys(input)) {
    const value = input[key];
    const name = prefix ? `${prefix}.${key}` : key;
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !KEEP_WHOLE.has(name) && depth < 32) {
      flatten(value as Record<string, unknown>, name, out, depth + 1);
    } else {
      out[name] = typeof value === 'bigint' ? Number(value) : (value as FieldValue);
    }
  }
  return out;
}
