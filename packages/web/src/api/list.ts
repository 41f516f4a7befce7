/**
 * @module list
 * List endpoints answer `{<plural>: [...]}`; this reads the array whatever the wrapper's name
 * (or a bare array), so a renamed key does not blank a page.
 */

/** The array in a list answer: `data[key]`, `data.items`, `data.data`, the first array value, or `data` itself. */
export function listOf<T>(data: unknown, key: string): T[] {
  if (Array.isArray(data)) return data as T[];
  if (!data || typeof data !== 'object') return [];
  const d = data as Record<string, unknown>;
  for (const k of [key, 'items', 'data']) if (Array.isArray(d[k])) return d[k] as T[];
  const first = Object.values(d).find(Array.isArray);
  return (first as T[] | undefined) ?? [];
}
