/**
 * @module query/sqlite-functions
 * SQL functions SQLite lacks, registered by the SQLite store: RE2 regex and CIDR membership.
 */
import type RE2 from 're2';
import { compileRe2 } from './predicate.ts';
import { parseCidr, inCidr, type Cidr } from './cidr.ts';

const reCache = new Map<string, RE2>();
const cidrCache = new Map<string, Cidr | null>();

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let v = cache.get(key);
  if (v === undefined && !cache.has(key)) {
    if (cache.size > 1000) cache.clear();
    v = make();
    cache.set(key, v);
  }
  return v as T;
}

/** Functions to register with better-sqlite3 (`db.function(name, {deterministic}, fn)`). */
export const SQLITE_FUNCTIONS: Record<string, { fn: (...args: any[]) => unknown; deterministic: boolean }> = {
  vigil_regexp: {
    deterministic: true,
    fn: (pattern: string, value: unknown) => (typeof value === 'string' && cached(reCache, pattern, () => compileRe2(pattern)).test(value) ? 1 : 0),
  },
  vigil_cidr: {
    deterministic: true,
    fn: (value: unknown, cidr: string) => {
      if (typeof value !== 'string') return 0;
      const c = cached(cidrCache, cidr, () => parseCidr(cidr));
      return c && inCidr(value, c) ? 1 : 0;
    },
  },
};
