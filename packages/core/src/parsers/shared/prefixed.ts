/**
 * @module parsers/shared/prefixed
 * `vendor.key` field names for raw vendor keys, built once per distinct key: property names that
 * repeat on every line are then the same (internalised) strings, which keeps object writes cheap.
 */

const CACHES = new Map<string, Map<string, string>>();
const LIMIT = 4096;

/** `${prefix}${key}`, cached per prefix (bounded, so hostile input cannot grow it without end). */
export function prefixed(prefix: string, key: string): string {
  let cache = CACHES.get(prefix);
  if (!cache) {
    cache = new Map();
    CACHES.set(prefix, cache);
  }
  let name = cache.get(key);
  if (name === undefined) {
    name = prefix + key;
    if (cache.size < LIMIT) cache.set(key, name);
  }
  return name;
}
