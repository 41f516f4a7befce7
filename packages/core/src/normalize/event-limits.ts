/**
 * @module normalize/event-limits
 * The bounds every stored event keeps, whatever a sender sends: nesting depth, field count, array and
 * object sizes, field-name and text lengths, and the window event times must fall in. Normalize
 * enforces them in the one pass it already makes over the fields, so a hostile event costs O(its size)
 * once and can never overflow a stack later (structured clone to the writer thread, `JSON.stringify`,
 * SQLite's JSON functions fail near 1,000 levels).
 *
 * What is cut is named in `vigil.truncated` (a list of field names, at most `MAX_TRUNCATED_NAMES`);
 * the pipeline counts such events.
 */
import type { FieldValue } from '@vigil/contracts';

/** Limits applied to one event. */
export interface EventLimits {
  /** Deepest nesting of objects and arrays; the event itself is level 1, `{"a":{"b":1}}` reaches 2. Deeper parts are dropped. */
  maxDepth: number;
  /** Most fields per event, and most items kept in one array or object value. */
  maxFields: number;
  /** Longest field name (after flattening), in characters; longer fields are dropped. */
  maxNameLength: number;
  /** Longest text value, in characters; longer text is cut. */
  maxValueLength: number;
  /** Longest `message` and `event.original`, in characters; longer text is cut. */
  maxTextLength: number;
}

/** The default limits (documented in docs/security.md "Event limits"). */
export const DEFAULT_EVENT_LIMITS: Readonly<EventLimits> = {
  maxDepth: 20,
  maxFields: 1000,
  maxNameLength: 256,
  maxValueLength: 65_536,
  maxTextLength: 1_048_576,
};

/** The field listing what was cut from an event. */
export const TRUNCATED_FIELD = 'vigil.truncated';

/** Most names `vigil.truncated` lists (an event with more cuts still counts once). */
export const MAX_TRUNCATED_NAMES = 16;

/** Fields whose text may be as long as `maxTextLength` (the rest: `maxValueLength`). */
export function isTextField(name: string): boolean {
  return name === 'message' || name === 'event.original';
}

/** Adds a field name to the event's `vigil.truncated` list (bounded, no duplicates). */
export function markTruncated(fields: Record<string, FieldValue | undefined>, name: string): void {
  let list = fields[TRUNCATED_FIELD];
  if (!Array.isArray(list)) fields[TRUNCATED_FIELD] = list = typeof list === 'string' ? [list] : [];
  const shown = name.length > 128 ? `${name.slice(0, 128)}…` : name;
  if (list.length < MAX_TRUNCATED_NAMES && !list.includes(shown)) list.push(shown);
}

/** Text cut to `max` characters without splitting a surrogate pair. */
export function cutText(text: string, max: number): string {
  let end = max;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return text.slice(0, end);
}

/** True when a nested value (array or object at `depth`) is within the limits: the check allocates nothing. */
export function withinLimits(value: FieldValue, depth: number, limits: EventLimits): boolean {
  if (typeof value === 'string') return value.length <= limits.maxValueLength;
  if (value === null || typeof value !== 'object') return true;
  if (depth > limits.maxDepth) return false;
  if (Array.isArray(value)) {
    if (value.length > limits.maxFields) return false;
    for (let i = 0; i < value.length; i++) if (!withinLimits(value[i]!, depth + 1, limits)) return false;
    return true;
  }
  let n = 0;
  for (const k in value) {
    if (++n > limits.maxFields || k.length > limits.maxNameLength || !withinLimits(value[k]!, depth + 1, limits)) return false;
  }
  return true;
}

/** A copy of a nested value cut to the limits: deeper parts, extra items and over-long names dropped, long text cut. */
export function boundedCopy(value: FieldValue, depth: number, limits: EventLimits): FieldValue | undefined {
  if (typeof value === 'string') return value.length <= limits.maxValueLength ? value : cutText(value, limits.maxValueLength);
  if (value === null || typeof value !== 'object') return value;
  if (depth > limits.maxDepth) return undefined;
  if (Array.isArray(value)) {
    const out: FieldValue[] = [];
    const n = Math.min(value.length, limits.maxFields);
    for (let i = 0; i < n; i++) {
      const v = boundedCopy(value[i]!, depth + 1, limits);
      if (v !== undefined) out.push(v);
    }
    return out;
  }
  const out: Record<string, FieldValue> = {};
  let n = 0;
  for (const k in value) {
    if (k.length > limits.maxNameLength) continue;
    if (++n > limits.maxFields) break;
    const v = boundedCopy(value[k]!, depth + 1, limits);
    // defineProperty: a `__proto__` key stays a key instead of replacing the prototype.
    if (v !== undefined) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
