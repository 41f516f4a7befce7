/**
 * @module notify/outbound-guard
 * SSRF guard for channel requests: refuses private, loopback, link-local, CGNAT, multicast and
 * reserved addresses — checked on the resolved address, at connect time, so a name that resolves
 * (or re-resolves) to an internal address is refused too — unless the channel sets `allow_private`.
 */
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { VigilError } from '@vigil/contracts';

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['100::', 64]] as const) blocked.addSubnet(net, bits, 'ipv6');

/** The IPv4 address embedded in an IPv4-mapped (`::ffff:a.b.c.d`) or NAT64 (`64:ff9b::/96`) IPv6 address. */
function embeddedV4(ip: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(?:0:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (m) return m[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (!hex) return null;
  const hi = parseInt(hex[1]!, 16);
  const lo = parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** True when the address is not a public unicast address. */
export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return blocked.check(ip, 'ipv4');
  if (family === 6) {
    const v4 = embeddedV4(ip.toLowerCase());
    return v4 ? blocked.check(v4, 'ipv4') : blocked.check(ip, 'ipv6');
  }
  return true;
}

/** The coded error of a refused address; names the host, never the URL (which may carry a token). */
export function outboundBlocked(host: string, address: string): VigilError {
  return new VigilError('VIGIL_ERR_OUTBOUND_BLOCKED', `${host} resolves to ${address}, a private, loopback or link-local address; set allow_private: true on the channel to allow it.`, { host, address });
}

/** Throws `VIGIL_ERR_OUTBOUND_BLOCKED` when a literal IP host is private and not allowed. */
export function checkLiteralHost(host: string, allowPrivate: boolean): void {
  const bare = host.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(bare) && isPrivateAddress(bare)) throw outboundBlocked(host, bare);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for node:http/net that resolves as usual, then refuses private answers unless allowed. */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true } as { all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const bad = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (bad) return callback(outboundBlocked(hostname, bad.address) as unknown as NodeJS.ErrnoException, '');
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/** Resolves a host name to one allowed address (for clients without a lookup hook, e.g. SMTP). */
export async function resolveAllowed(host: string, allowPrivate: boolean): Promise<string> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare)) {
    checkLiteralHost(bare, allowPrivate);
    return bare;
  }
  return new Promise((resolve, reject) => {
    guardedLookup(allowPrivate)(bare, {}, (err, address) => (err ? reject(err) : resolve(address as string)));
  });
}
