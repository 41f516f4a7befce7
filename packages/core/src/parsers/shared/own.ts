/**
 * @module parsers/shared/own
 * Table lookups and records that are safe for keys taken from log lines (`__proto__`,
 * `constructor`, `toString` are ordinary names there).
 */

/** `table[key]` only when `key` is the table's own property. */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** An empty record without a prototype: any key, `__proto__` included, is a plain property. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
