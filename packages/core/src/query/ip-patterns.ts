/**
 * @module query/ip-patterns
 * The textual IP forms, as regex sources valid in both JS and PostgreSQL. They accept exactly what
 * `isIP()` (ip/ip-address.ts) accepts — a test proves it — so `vigil_try_inet` in PostgreSQL can
 * validate before casting and never disagree with the predicate (PostgreSQL's own `inet` input is
 * looser: it takes `010.1.2.3` as 10.1.2.3).
 */

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';

/** A dotted-quad IPv4 address without leading zeros. */
export const IPV4_PATTERN = `${OCTET}(\\.${OCTET}){3}`;

function ipv6Pattern(): string {
  const h = '[0-9A-Fa-f]{1,4}';
  const run = (n: number): string => (n === 1 ? h : `${h}(:${h}){${n - 1}}`);
  const alternatives = [`(${h}:){7}${h}`, `(${h}:){6}${IPV4_PATTERN}`, `::(${h}(:${h}){0,6})?`, `::(${h}:){0,5}${IPV4_PATTERN}`];
  for (let left = 1; left <= 7; left++) alternatives.push(left === 7 ? `${run(7)}::` : `${run(left)}::(${h}(:${h}){0,${6 - left}})?`);
  for (let left = 1; left <= 5; left++) alternatives.push(left === 5 ? `${run(5)}::${IPV4_PATTERN}` : `${run(left)}::(${h}:){0,${5 - left}}${IPV4_PATTERN}`);
  return `(${alternatives.join('|')})`;
}

/** An RFC 4291 IPv6 address (optionally ending in a dotted quad), without zone or prefix length. */
export const IPV6_PATTERN = ipv6Pattern();
