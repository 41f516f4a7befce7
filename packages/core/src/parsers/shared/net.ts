/**
 * @module parsers/shared/net
 * Cheap validators and converters for addresses and ports found in log text.
 */
import { isIPv4 } from '../../ip/index.ts';

// Address recognition is the core IP module's (one grammar everywhere); parsers import it from here.
export { isIPv4, isIPv6, isIP } from '../../ip/index.ts';

/** The address without IPv6 brackets or the `::ffff:` IPv4-mapped prefix. */
export function normalizeIP(s: string): string {
  let v = s;
  if (v.charCodeAt(0) === 91 && v.charCodeAt(v.length - 1) === 93) v = v.slice(1, -1);
  if (v.length > 7 && (v.startsWith('::ffff:') || v.startsWith('::FFFF:')) && isIPv4(v.slice(7))) return v.slice(7);
  return v;
}

/** A decimal integer from text (optionally signed), or undefined when the text is not one. */
export function toInt(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = s.length;
  if (n === 0 || n > 16) return undefined;
  let i = 0;
  let neg = false;
  if (s.charCodeAt(0) === 45) {
    neg = true;
    i = 1;
    if (n === 1) return undefined;
  }
  let v = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    v = v * 10 + (c - 48);
  }
  return neg ? -v : v;
}

/** A TCP/UDP port (0–65535) from text, or undefined. */
export function toPort(s: string | undefined): number | undefined {
  const v = toInt(s);
  return v !== undefined && v >= 0 && v <= 65535 ? v : undefined;
}

const IANA_PROTOCOLS: Record<number, string> = { 1: 'icmp', 2: 'igmp', 6: 'tcp', 17: 'udp', 41: 'ipv6', 47: 'gre', 50: 'esp', 51: 'ah', 58: 'ipv6-icmp', 89: 'ospf', 103: 'pim', 112: 'vrrp', 132: 'sctp' };

/** The lower-case transport name for an IANA protocol number or name (`6` → `tcp`, `UDP` → `udp`). */
export function transportName(s: string | number | undefined): string | undefined {
  if (s === undefined || s === '') return undefined;
  if (typeof s === 'number') return IANA_PROTOCOLS[s] ?? String(s);
  const n = toInt(s);
  if (n !== undefined) return IANA_PROTOCOLS[n] ?? s;
  return s.toLowerCase();
}
