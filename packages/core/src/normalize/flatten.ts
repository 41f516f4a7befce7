/**
 * @module normalize/flatten
 * Turns nested JSON objects into Vigil's flat dotted field names, within the event limits: the one
 * pass over the input also bounds nesting depth, field count, name and text lengths (event-limits.ts).
 */
import type { FieldValue } from '@vigil/contracts';
import { DEFAULT_EVENT_LIMITS, boundedCopy, cutText, isTextField, markTruncated, withinLimits, type EventLimits } from './event-limits.ts';

/** Fields whose object value is kept whole instead of being flattened. */
const KEEP_WHOLE = new Set(['log.syslog.structured_data']);

interface Walk {
  out: Record<string, FieldValue>;
  limits: EventLimits;
  fields: number;
}

function walk(input: Record<string, unknown>, prefix: string, depth: number, w: Walk): void {
  const { out, limits } = w;
  for (const key of Object.keys(input)) {
    const value = input[key];
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    const name = prefix ? `${prefix}.${key}` : key;
    if (name.length > limits.maxNameLength) {
      markTruncated(out, name);
      continue;
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !KEEP_WHOLE.has(name)) {
      // Its members would sit one level deeper than the limit: drop the part instead of keeping it.
      if (depth >= limits.maxDepth) markTruncated(out, name);
      else walk(value as Record<string, unknown>, name, depth + 1, w);
      continue;
    }
    if (w.fields >= limits.maxFields) {
      markTruncated(out, name);
      continue;
    }
    w.fields++;
    if (typeof value === 'string') {
      const max = isTextField(name) ? limits.maxTextLength : limits.maxValueLength;
      if (value.length <= max) out[name] = value;
      else {
        out[name] = cutText(value, max);
        markTruncated(out, name);
      }
    } else if (typeof value === 'object' && value !== null) {
      // Arrays and whole objects: checked without copying; copied only when something must be cut.
      if (withinLimits(value as FieldValue, depth + 1, limits)) out[name] = value as FieldValue;
      else {
        const v = boundedCopy(value as FieldValue, depth + 1, limits);
        if (v !== undefined) out[name] = v;
        markTruncated(out, name);
      }
    } else out[name] = typeof value === 'bigint' ? Number(value) : (value as FieldValue);
  }
}

/**
 * Flattens `{"source": {"ip": "…"}}` and `{"source.ip": "…"}` alike to `{"source.ip": "…"}`. Arrays are
 * kept as values. Whatever exceeds the limits is cut or dropped and named in `vigil.truncated`.
 */
export function flatten(input: Record<string, unknown>, limits: EventLimits = DEFAULT_EVENT_LIMITS): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  walk(input, '', 1, { out, limits, fields: 0 });
  return out;
}
