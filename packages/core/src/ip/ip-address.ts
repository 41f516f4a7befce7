/**
 * @module ip/ip-address
 * The one IP address grammar of Vigil: recognition, canonical text and numeric value, without I/O.
 *
 * Strict on purpose, and the same everywhere (parsers, normalize, the query language, the SQL engines):
 * IPv4 is a dotted quad without leading zeros (`010.1.2.3` is not an address — PostgreSQL's `inet`
 * would read it as 10.1.2.3, BSD `inet_aton` as octal 8.1.2.3); IPv6 follows RFC 4291 text forms
 * with an optional trailing dotted quad, without zone (`%eth0`), brackets or prefix length.
 * `query/ip-patterns.ts` holds the same grammar as regexes for PostgreSQL, and a test proves they agree.
 *
 * Scanners walk char codes and write into one scratch array: parsers call `isIP` on many tokens per
 * line, so recognition allocates nothing.
 */

/** Scratch words of the last parsed IPv6 address (only valid right after a successful parse). */
const WORDS = new Uint16Array(8);

/** Parses a strict dotted quad from `start` to `end`; the value as an unsigned 32-bit number, or -1. */
function v4At(s: string, start: number, end: number): number {
  if (end - start < 7 || end - start > 15) return -1;
  let parts = 0;
  let digits = 0;
  let octet = 0;
  let value = 0;
  let first = 0;
  for (let i = start; i <= end; i++) {
    const c = i === end ? 46 : s.charCodeAt(i);
    if (c === 46) {
      // A leading zero is refused: `010` means 8 to some readers and 10 to others.
      if (digits === 0 || octet > 255 || (digits > 1 && first === 48)) return -1;
      value = value * 256 + octet;
      parts++;
      digits = 0;
      octet = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 0) first = c;
      if (++digits > 3) return -1;
      octet = octet * 10 + (c - 48);
    } else return -1;
  }
  return parts === 4 ? value : -1;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Parses an IPv6 text into `WORDS`; false when it is not one. */
function parseV6(s: string): boolean {
  const n = s.length;
  if (n < 2 || n > 45) return false;
  let i = 0;
  let w = 0;
  let gap = -1;
  if (s.charCodeAt(0) === 58) {
    if (s.charCodeAt(1) !== 58) return false;
    gap = 0;
    i = 2;
  }
  while (i < n) {
    const start = i;
    let v = 0;
    let digits = 0;
    for (; i < n; i++) {
      const h = hexValue(s.charCodeAt(i));
      if (h < 0) break;
      if (++digits > 4) return false;
      v = v * 16 + h;
    }
    if (i < n && s.charCodeAt(i) === 46) {
      // A trailing dotted quad fills the last two words.
      if (w > 6) return false;
      const q = v4At(s, start, n);
      if (q < 0) return false;
      WORDS[w++] = q >>> 16;
      WORDS[w++] = q & 0xffff;
      i = n;
      break;
    }
    if (digits === 0 || w === 8) return false;
    WORDS[w++] = v;
    if (i === n) break;
    if (s.charCodeAt(i) !== 58) return false;
    i++;
    if (i < n && s.charCodeAt(i) === 58) {
      if (gap >= 0) return false;
      gap = w;
      i++;
    } else if (i === n) return false;
  }
  if (gap < 0) return w === 8;
  // `::` stands for at least one zero word.
  if (w > 7) return false;
  const tail = w - gap;
  for (let k = 0; k < tail; k++) WORDS[7 - k] = WORDS[w - 1 - k]!;
  for (let k = gap; k < 8 - tail; k++) WORDS[k] = 0;
  return true;
}

/** True when the text is a dotted-quad IPv4 address (no leading zeros). */
export function isIPv4(text: string): boolean {
  return v4At(text, 0, text.length) >= 0;
}

/** True when the text is an IPv6 address (RFC 4291 text, optionally ending in a dotted quad; no zone). */
export function isIPv6(text: string): boolean {
  return parseV6(text);
}

/** 4 for an IPv4 address, 6 for IPv6, 0 otherwise (node:net's `isIP` shape, Vigil's strict grammar). */
export function isIP(text: string): 0 | 4 | 6 {
  if (typeof text !== 'string') return 0;
  if (v4At(text, 0, text.length) >= 0) return 4;
  return parseV6(text) ? 6 : 0;
}

/**
 * The canonical text of an IP address, or null when the text is not one. IPv4 is already canonical;
 * IPv6 is RFC 5952 text exactly as PostgreSQL prints `inet` (lower case, no leading zeros, the longest
 * run of two or more zero words as `::`, `::a.b.c.d` and `::ffff:a.b.c.d` kept dotted), so the stored
 * text, the SQLite column, PostgreSQL's `host()` and the query side all spell an address one way.
 */
export function canonicalIP(text: string): string | null {
  if (typeof text !== 'string') return null;
  if (v4At(text, 0, text.length) >= 0) return text;
  if (!parseV6(text)) return null;
  let best = -1;
  let bestLen = 0;
  for (let k = 0; k < 8; ) {
    if (WORDS[k] !== 0) {
      k++;
      continue;
    }
    let j = k;
    while (j < 8 && WORDS[j] === 0) j++;
    if (j - k > bestLen) {
      best = k;
      bestLen = j - k;
    }
    k = j;
  }
  if (bestLen < 2) best = -1;
  if (best === 0 && (bestLen === 6 || (bestLen === 5 && WORDS[5] === 0xffff))) {
    const quad = `${WORDS[6]! >> 8}.${WORDS[6]! & 0xff}.${WORDS[7]! >> 8}.${WORDS[7]! & 0xff}`;
    return bestLen === 6 ? `::${quad}` : `::ffff:${quad}`;
  }
  let out = '';
  for (let k = 0; k < 8; k++) {
    if (k === best) {
      out += k === 0 ? '::' : ':';
      k += bestLen - 1;
      continue;
    }
    out += WORDS[k]!.toString(16);
    if (k < 7) out += ':';
  }
  return out;
}

/** The numeric value and family of an IP text, or null when it is not an address. */
export function ipValue(text: string): { family: 4 | 6; value: bigint } | null {
  if (typeof text !== 'string') return null;
  const q = v4At(text, 0, text.length);
  if (q >= 0) return { family: 4, value: BigInt(q) };
  if (!parseV6(text)) return null;
  let value = 0n;
  for (let k = 0; k < 8; k++) value = (value << 16n) | BigInt(WORDS[k]!);
  return { family: 6, value };
}
