/**
 * @module parsers/shared/own
 * Table lookups and records that are safe for keys taken from log lines (`__proto__`,
 * `constructor`, `toString` are ordinary names there).
 */

/** `table[key]` only when `key` is the table's own property. */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/**
 * An empty record without a prototype: any key, `__proto__` included, is a plain property. V8 keeps it
 * in dictionary mode from the start; for the Snare and Palo Alto fields (30-50 of them) that measured
 * 2-5 % faster than an object literal that V8 turns into a dictionary midway. Not a rule: CEF's
 * fields measured slower this way, so measure before switching a parser.
 */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Keys `internKey` remembers (log formats have small vocabularies; past this, keys are used as they come). */
const MAX_INTERNED = 8192;
const INTERNED = new Map<string, string>();

/**
 * The first copy seen of a key string (bounded), for storing into a `dict()` record. V8 (Node 20)
 * stores a fresh string — a slice of the line — into a null-prototype record through the runtime:
 * ~1 µs a key, and the site's inline cache churns so the calling function may never be optimized
 * (RFC 5424 structured data from one vendor ran 5× slower). A key it has seen before is stored on the
 * fast path (~0.1 µs). Only speed depends on this: a key not kept here is still stored.
 */
export function internKey(key: string): string {
  const seen = INTERNED.get(key);
  if (seen !== undefined) return seen;
  if (INTERNED.size < MAX_INTERNED) INTERNED.set(key, key);
  return key;
}
