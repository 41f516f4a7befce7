/**
 * @module query/cidr
 * CIDR blocks and membership for IPv4 and IPv6 (families never mix: `::ffff:10.0.0.1` is not in `10.0.0.0/8`).
 */
import { ipValue } from '../ip/index.ts';

export interface Cidr {
  family: 4 | 6;
  /** Network bits as a BigInt (IPv6) or number (IPv4), host bits cleared. */
  network: bigint;
  prefix: number;
}

export { ipValue };

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
