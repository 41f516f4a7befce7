/**
 * @module normalize/ip
 * IP address recognition without I/O (node:net's isIP semantics, usable in any runtime).
 */

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** 4 for an IPv4 address, 6 for IPv6, 0 otherwise. */
export function isIP(text: string): 0 | 4 | 6 {
  if (V4.test(text)) return 4;
  if (text.length < 2 || text.length > 45 || !text.includes(':')) return 0;
  let body = text;
  const lastColon = body.lastIndexOf(':');
  const tail = body.slice(lastColon + 1);
  let groupsAvail = 8;
  if (tail.includes('.')) {
    if (!V4.test(tail)) return 0;
    body = body.slice(0, lastColon + 1) + '0:0';
  }
  const dbl = body.indexOf('::');
  if (dbl !== body.lastIndexOf('::')) return 0;
  const parts = dbl >= 0 ? [body.slice(0, dbl), body.slice(dbl + 2)] : [body];
  let count = 0;
  for (const part of parts) {
    if (part === '') continue;
    for (const g of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return 0;
      count++;
    }
  }
  if (dbl >= 0 ? count > groupsAvail - 1 : count !== groupsAvail) return 0;
  return 6;
}
