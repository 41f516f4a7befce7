/**
 * @module parsers/shared/net
 * Cheap validators and converters for addresses and ports found in log text.
 */

/** True when the text is a dotted-quad IPv4 address. */
export function isIPv4(s: string): boolean {
  const n = s.length;
  if (n < 7 || n > 15) return false;
  let parts = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i <= n; i++) {
    const c = i === n ? 46 : s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || value > 255) return false;
      parts++;
      digits = 0;
      value = 0;
    } else if (c >= 48 && c <= 57) {
      if (++digits > 3) return false;
      value = value * 10 + (c - 48);
    } else return false;
  }
  return parts === 4;
}

/** True when the text looks like an IPv6 address (hex groups, colons, optional embedded IPv4 or zone). */
export function isIPv6(s: string): boolean {
  const n = s.length;
  if (n < 2 || n > 64) return false;
  let colons = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 58) colons++;
    else if (c === 37) return colons >= 2; // zone id: fe80::1%eth0
    else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 46)) return false;
  }
  if (colons < 2 || colons > 7) return false;
  if (s.indexOf(':::') >= 0) return false;
  const dc = s.indexOf('::');
  if (dc >= 0 && s.indexOf('::', dc + 1) >= 0) return false;
  if (dc < 0 && colons !== 7 && s.indexOf('.') < 0) return false;
  return true;
}

/** True when the text is an IPv4 or IPv6 address. */
export function isIP(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}

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
