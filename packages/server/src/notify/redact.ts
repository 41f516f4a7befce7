/**
 * @module notify/redact
 * Keeps channel secrets out of delivery errors: a receiver or a socket error may echo a URL or a
 * token, and errors are stored in the delivery log and answered by the API.
 */
import type { DeliveryResult } from './notifier.ts';

/** The secret values of a config (strings of the named fields, and of a URL's path and query). */
export function secretValues(config: Record<string, unknown>, fields: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of fields) {
    const v = config[f];
    for (const s of Array.isArray(v) ? v : [v]) {
      if (typeof s !== 'string' || s.length < 4) continue;
      out.push(s, encodeURIComponent(s));
      try {
        const u = new URL(s);
        if (u.pathname.length > 1) out.push(u.pathname);
        if (u.search) out.push(u.search);
      } catch {
        // Not a URL: the value alone is enough.
      }
    }
  }
  return out.sort((a, b) => b.length - a.length);
}

/** The result with every secret value replaced by `[redacted]` in its reason. */
export function redactResult(r: DeliveryResult, secrets: readonly string[]): DeliveryResult {
  if (r.ok) return r;
  let reason = r.reason;
  for (const s of secrets) reason = reason.split(s).join('[redacted]');
  return { ...r, reason };
}
