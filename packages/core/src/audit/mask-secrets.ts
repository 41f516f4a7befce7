/**
 * @module audit/mask-secrets
 * The last guard before an object enters the audit log: a deep copy in which every value under a
 * secret-sounding key (password, secret, token, api key, credentials, private key, auth…) is replaced
 * by a mask, and anything very long or deep is cut. Services already record objects as the API shows
 * them (channel secrets masked, no password hashes); this catches what a future field forgets.
 */

/** What a masked value becomes. */
export const AUDIT_MASK = '********';

/** Keys whose values are secrets, whatever object they sit in. */
export const SECRET_KEY_PATTERN = /pass(word|phrase)?|secret|token|api[_-]?key|credential|private[_-]?key|auth[_-]?(key|header)|^key$|^hash$|_hash$|Hash$|signing|cookie|session[_-]?id|community|webhook[_-]?url|routing[_-]?key/i;

/** Keys that sound secret but only describe one (flags, lists of field names). */
const NOT_SECRET = new Set(['mustChangePassword', 'secretFields', 'secretsSet', 'passwordChangedAt']);

const MAX_DEPTH = 8;
const MAX_STRING = 4000;
const MAX_ITEMS = 200;

/** A copy of `value` fit for the audit log; `extraKeys` are further secret keys (a channel type's `secretFields`). */
export function maskSecrets(value: unknown, extraKeys: readonly string[] = []): unknown {
  const extra = new Set(extraKeys);
  const walk = (v: unknown, depth: number): unknown => {
    if (v === null || v === undefined) return v ?? null;
    if (typeof v === 'string') return v.length > MAX_STRING ? `${v.slice(0, MAX_STRING)}…` : v;
    if (typeof v !== 'object') return typeof v === 'bigint' ? String(v) : v;
    if (depth >= MAX_DEPTH) return '[…]';
    if (Array.isArray(v)) return v.slice(0, MAX_ITEMS).map((x) => walk(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === undefined) continue;
      out[k] = ((SECRET_KEY_PATTERN.test(k) && !NOT_SECRET.has(k)) || extra.has(k)) && x !== null && x !== '' && x !== false ? AUDIT_MASK : walk(x, depth + 1);
    }
    return out;
  };
  return walk(value, 0);
}
