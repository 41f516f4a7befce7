/**
 * @module normalize/timestamp
 * Event time from what senders put in `@timestamp`: ISO 8601 / RFC 3339 text, or epoch numbers in
 * seconds, milliseconds, microseconds or nanoseconds.
 */

const ISO_LIKE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Epoch milliseconds of a timestamp value, or null when it is not one (callers fall back to ingest time). */
export function parseTimestamp(value: unknown): number | null {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return fromEpoch(Number(text));
  if (!ISO_LIKE.test(text)) {
    const ms = Date.parse(text);
    return Number.isFinite(ms) && /[a-z]/i.test(text) ? ms : null;
  }
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) || text.length === 10 ? text : `${text}Z`;
  const ms = Date.parse(withZone.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : null;
}

function fromEpoch(n: number): number | null {
  if (!Number.isFinite(n) || n < 0) return null;
  if (n < 1e11) return Math.round(n * 1000); // seconds
  if (n < 1e14) return Math.round(n); // milliseconds
  if (n < 1e17) return Math.round(n / 1000); // microseconds
  return Math.round(n / 1e6); // nanoseconds
}

/** ISO 8601 UTC text of epoch milliseconds. */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}
