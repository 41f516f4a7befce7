/**
 * @module parsers/mikrotik/parse-mikrotik
 * MikroTik RouterOS remote logging: `topic,topic[,…] text`, with firewall log lines
 * (`prefix chain: in:IF out:IF, connection-state:S src-mac M, proto P[ (FLAGS)], A:p->B:q, len N`)
 * and login failures (`login failure for user U from IP via SERVICE`).
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { setAddress } from '../shared/text.ts';
import { toInt, toPort, transportName } from '../shared/net.ts';

const TOPICS = /^([a-z-]+(?:,[a-z-]+)+) (.*)$/;

/** True when the text starts with a RouterOS topic list (`firewall,info `). */
export function looksLikeMikrotik(text: string): boolean {
  const sp = text.indexOf(' ');
  const comma = text.indexOf(',');
  return comma > 0 && sp > comma && sp < 48 && /^[a-z-]+(,[a-z-]+)+$/.test(text.slice(0, sp));
}

/** Parses a RouterOS log line; null when it has no topic list. */
export function parseMikrotik(text: string, _ctx: ParseContext): ParseResult | null {
  const t = TOPICS.exec(text);
  if (!t) return null;
  const topics = t[1] ?? '';
  const body = t[2] ?? '';
  const f: Record<string, FieldValue> = {
    'event.dataset': 'mikrotik',
    'event.kind': 'event',
    'observer.vendor': 'MikroTik',
    'observer.product': 'RouterOS',
    'mikrotik.topics': topics,
    message: body,
  };
  const fw = /^(?:(\S+) )?(\S+): in:(\S*) out:(.*?), (?:connection-state:(\S+) )?(?:src-mac (\S+), )?proto (\S+)(?: \(([^)]*)\))?, ([^\s,]+?):?(\d*)->([^\s,]+?):?(\d*), (?:NAT [^,]*, )?len (\d+)/.exec(body);
  if (topics.startsWith('firewall') && fw) {
    f['event.category'] = 'network';
    if (fw[1]) f['mikrotik.prefix'] = fw[1];
    f['mikrotik.chain'] = fw[2] ?? '';
    if (fw[3]) f['observer.ingress.interface.name'] = fw[3];
    if (fw[4]) f['observer.egress.interface.name'] = fw[4];
    if (fw[5]) f['mikrotik.connection_state'] = fw[5];
    if (fw[6]) f['source.mac'] = fw[6];
    f['network.transport'] = transportName(fw[7]) ?? (fw[7] ?? '').toLowerCase();
    if (fw[8]) f['mikrotik.tcp_flags'] = fw[8];
    setAddress(f, 'source', fw[9] ?? '');
    const sp = toPort(fw[10]);
    if (sp !== undefined) f['source.port'] = sp;
    setAddress(f, 'destination', fw[11] ?? '');
    const dp = toPort(fw[12]);
    if (dp !== undefined) f['destination.port'] = dp;
    const len = toInt(fw[13]);
    if (len !== undefined) f['network.bytes'] = len;
    const p = (fw[1] ?? '').toLowerCase();
    if (/drop|block|reject|deny/.test(p)) {
      f['event.action'] = 'drop';
      f['event.outcome'] = 'failure';
    } else if (/accept|allow/.test(p)) {
      f['event.action'] = 'accept';
      f['event.outcome'] = 'success';
    } else f['event.action'] = 'log';
    return { fields: f, parser: 'mikrotik', ok: true };
  }
  const login = /^(login failure|user (\S+) logged in|user (\S+) logged out)(?: for user (\S+))?(?: from (\S+))?(?: via (\S+))?/.exec(body);
  if (login) {
    f['event.category'] = 'authentication';
    f['event.action'] = login[1]?.startsWith('user') && login[1].endsWith('out') ? 'logout' : 'login';
    f['event.outcome'] = login[1] === 'login failure' ? 'failure' : 'success';
    const user = login[4] ?? login[2] ?? login[3];
    if (user) f['user.name'] = user;
    if (login[5]) setAddress(f, 'source', login[5]);
    if (login[6]) f['network.protocol'] = login[6];
  }
  return { fields: f, parser: 'mikrotik', ok: true };
}
