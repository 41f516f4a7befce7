/**
 * @module auth/login-throttle
 * Login throttling that cannot be turned into a lockout of someone else. Failures are counted per
 * (username, client address) and per client address, never per account alone: a stranger who guesses
 * the owner's password six times locks out only themselves, and the owner still logs in from anywhere
 * else. The same counters apply to names that do not exist, so the answer never tells which do.
 *
 * State is in memory (a restart forgets it, which only helps the legitimate user) and bounded.
 */

/** Failures a (username, address) pair gets before the back-off starts. */
export const PAIR_FREE_FAILURES = 5;
/** Failures one address gets (across all usernames) before the back-off starts. */
export const ADDRESS_FREE_FAILURES = 30;
const BASE_MS = 30_000;
const MAX_MS = 15 * 60_000;
/** Counters of an address or pair with no failure for this long are forgotten. */
const FORGET_MS = 30 * 60_000;
const MAX_ENTRIES = 100_000;

/** The back-off after `failures` failures when `free` are allowed: 30 s, doubling, at most 15 min. */
export function backoffMs(failures: number, free: number): number {
  return failures < free ? 0 : Math.min(BASE_MS * 2 ** (failures - free), MAX_MS);
}

/** The throttling key of an address: IPv6 senders are grouped by /64 (one host owns a whole /64). */
export function addressKey(ip: string): string {
  const v = ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
  if (!v.includes(':')) return v;
  const [head, tail = ''] = v.toLowerCase().split('::');
  const h = head ? head.split(':') : [];
  const t = v.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

interface Entry {
  failures: number;
  lockedUntil: number;
  last: number;
}

/** Per-pair and per-address failure counters with back-off. */
export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly opts: { pairFree?: number; addressFree?: number } = {}) {}

  private get(key: string, now: number): Entry | undefined {
    const e = this.entries.get(key);
    if (e && e.last + FORGET_MS < now && e.lockedUntil < now) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private keys(username: string, ip: string): [string, string] {
    const a = addressKey(ip);
    return [`p\u0000${username.toLowerCase()}\u0000${a}`, `a\u0000${a}`];
  }

  /** Seconds this caller must wait before trying (0: may try now). */
  retryAfter(username: string, ip: string, now: number): number {
    const wait = Math.max(0, ...this.keys(username, ip).map((k) => (this.get(k, now)?.lockedUntil ?? 0) - now));
    return Math.ceil(wait / 1000);
  }

  /** Counts a failure; answers true when it starts a lockout (for the audit log). */
  fail(username: string, ip: string, now: number): boolean {
    const [pair, addr] = this.keys(username, ip);
    const a = this.bump(pair, now, this.opts.pairFree ?? PAIR_FREE_FAILURES);
    const b = this.bump(addr, now, this.opts.addressFree ?? ADDRESS_FREE_FAILURES);
    return a || b;
  }

  /** A success clears the pair's counter (the address keeps its own). */
  succeed(username: string, ip: string): void {
    this.entries.delete(this.keys(username, ip)[0]);
  }

  private bump(key: string, now: number, free: number): boolean {
    const e = this.get(key, now) ?? { failures: 0, lockedUntil: 0, last: now };
    e.failures++;
    e.last = now;
    const ms = backoffMs(e.failures, free);
    if (ms) e.lockedUntil = now + ms;
    this.entries.delete(key);
    this.entries.set(key, e);
    // Bounded: the oldest entries go first (Map keeps insertion order; bump re-inserts).
    if (this.entries.size > MAX_ENTRIES) for (const k of this.entries.keys()) if (this.entries.size > MAX_ENTRIES * 0.9) this.entries.delete(k); else break;
    return ms > 0;
  }
}
