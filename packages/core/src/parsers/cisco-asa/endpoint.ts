/**
 * @module parsers/cisco-asa/endpoint
 * ASA endpoint spellings: `outside:10.0.0.1/443`, `10.0.0.1/443`, `inside:10.0.0.1`, `dmz:host-obj/80`,
 * `outside/10.0.0.1(443)` (106100), IPv6 with colons; optional `(user)` or `(mapped/port)` after it.
 */
import type { FieldValue } from '@vigil/contracts';
import { isIP, toPort } from '../shared/net.ts';

/** A parsed endpoint. */
export interface AsaEndpoint {
  iface?: string;
  address: string;
  port?: number;
}

function isHexish(s: string): boolean {
  return /^[0-9a-fA-F]{1,4}$/.test(s);
}

/** Parses one endpoint token (trailing `,` `;` `:` removed); null when it is empty. */
export function parseEndpoint(raw: string): AsaEndpoint | null {
  let tok = raw.replace(/[,;:]$/, '');
  if (tok === '') return null;
  let iface: string | undefined;
  // 106100 style: iface/addr(port)
  const paren = tok.indexOf('(');
  if (paren > 0 && tok.endsWith(')')) {
    const inner = tok.slice(paren + 1, -1);
    const head = tok.slice(0, paren);
    const slash = head.indexOf('/');
    if (slash > 0) return { iface: head.slice(0, slash), address: head.slice(slash + 1), port: toPort(inner) };
    tok = head;
  }
  const colon = tok.indexOf(':');
  if (colon > 0) {
    const prefix = tok.slice(0, colon);
    if (!isHexish(prefix) || !isIP(tok.split('/')[0] ?? '')) {
      iface = prefix;
      tok = tok.slice(colon + 1);
    }
  }
  const slash = tok.lastIndexOf('/');
  if (slash > 0) {
    const port = toPort(tok.slice(slash + 1));
    return { iface, address: tok.slice(0, slash), port };
  }
  return { iface, address: tok };
}

/** Writes an endpoint to `<side>.ip|domain`, `<side>.port` and the observer interface of that side. */
export function setEndpoint(f: Record<string, FieldValue>, side: 'source' | 'destination', ep: AsaEndpoint | null): void {
  if (!ep) return;
  if (isIP(ep.address)) f[`${side}.ip`] = ep.address;
  else if (ep.address) f[`${side}.address`] = ep.address;
  if (ep.port !== undefined) f[`${side}.port`] = ep.port;
  if (ep.iface) f[side === 'source' ? 'observer.ingress.interface.name' : 'observer.egress.interface.name'] = ep.iface;
}

/** The token after `marker` in `s` parsed as an endpoint, or null. */
export function endpointAfter(s: string, marker: string, from = 0): AsaEndpoint | null {
  const at = s.indexOf(marker, from);
  if (at < 0) return null;
  const start = at + marker.length;
  let end = s.indexOf(' ', start);
  if (end < 0) end = s.length;
  return parseEndpoint(s.slice(start, end));
}
