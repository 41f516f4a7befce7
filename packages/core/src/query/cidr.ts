/**
 * @module query/cidr
 * CIDR blocks and membership for IPv4 and IPv6 (families never mix: `::ffff:10.0.0.1` is not in `10.0.0.0/8`).
 */
import { isIP } from '../normalize/ip.ts';

export interface Cidr {
  family: 4 | 6;
  /** Network bits as a BigInt (IPv6) or number (IPv4), host bits cleared. */
  network: bigint;
  prefix: number;
}

function v4(text: string): bigint {
  return text.split('.').reduce((acc, o) => (acc << 8n) | BigInt(Number(o)), 0n);
}

function v6(text: string): bigint {
  let t = text;
  let tail: string[] = [];
  if (t.includes('.')) {
    const i = t.lastIndexOf(':');
    const n = v4(t.slice(i + 1));
    tail = [((n >> 16n) & 0xffffn).toString(16), (n & 0xffffn).toString(16)];
    t = t.slice(0, i + 1) + 'x';
    t = t.replace(/:x$/, tail.length ? ':' + tail.join(':') : '');
  }
  const [head, rest] = t.includes('::') ? t.split('::') : [t, undefined];
  const h = head ? head.split(':') : [];
  const r = rest !== undefined && rest !== '' ? rest.split(':') : [];
  const groups = rest === undefined ? h : [...h, ...Array(8 - h.length - r.length).fill('0'), ...r];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

/** The numeric value and family of an IP text, or null. */
export function ipValue(text: string): { family: 4 | 6; value: bigint } | null {
  const f = isIP(text);
  if (f === 4) return { family: 4, value: v4(text) };
  if (f === 6) return { family: 6, value: v6(text) };
  return null;
}

/** Parses `10.0.0.0/8`, `2001:db8::/32` or a bare address (a /32 or /128); null when not a CIDR. */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  const addr = slash >= 0 ? text.slice(0, slash) : text;
  const ip = ipValue(addr);
  if (!ip) return null;
  const bits = ip.family === 4 ? 32 : 128;
  const prefix = slash >= 0 ? (/^\d{1,3}$/.test(text.slice(slash + 1)) ? Number(text.slice(slash + 1)) : NaN) : bits;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return null;
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
  return { family: ip.family, network: ip.value & mask, prefix };
}

/** True when the IP text lies inside the block. */
export function inCidr(text: string, c: Cidr): boolean {
  const ip = ipValue(text);
  if (!ip || ip.family !== c.family) return false;
  const bits = c.family === 4 ? 32 : 128;
  const shift = BigInt(bits - c.prefix);
  return c.prefix === 0 || ip.value >> shift === c.network >> shift;
}

/** True when the text looks like a CIDR block (address/prefix). */
export function looksLikeCidr(text: string): boolean {
  return text.includes('/') && parseCidr(text) !== null;
}
