/**
 * @module parsers/cisco-asa/messages
 * What the common ASA/FTD message IDs mean, one handler per ID (connections built/torn down, ACL
 * denies, AAA, logins, commands). IDs without a handler still get the generic endpoint scan.
 */
import type { FieldValue } from '@vigil/contracts';
import { transportName, toInt } from '../shared/net.ts';
import { endpointAfter, parseEndpoint, setEndpoint } from './endpoint.ts';

type Fields = Record<string, FieldValue>;
type Handler = (f: Fields, msg: string) => void;

function deny(f: Fields, action = 'firewall-deny'): void {
  f['event.action'] = action;
  f['event.outcome'] = 'failure';
  f['event.type'] = 'denied';
  f['event.category'] = 'network';
}

function allow(f: Fields, action: string): void {
  f['event.action'] = action;
  f['event.outcome'] = 'success';
  f['event.type'] = 'allowed';
  f['event.category'] = 'network';
}

function auth(f: Fields, action: string, outcome: 'success' | 'failure'): void {
  f['event.action'] = action;
  f['event.outcome'] = outcome;
  f['event.category'] = 'authentication';
}

function proto(f: Fields, p: string | undefined): void {
  const t = transportName(p);
  if (t) f['network.transport'] = t;
}

/** `… from A to B …` (the most common ASA phrasing). */
function fromTo(f: Fields, msg: string): void {
  setEndpoint(f, 'source', endpointAfter(msg, ' from '));
  const fromAt = msg.indexOf(' from ');
  setEndpoint(f, 'destination', endpointAfter(msg, ' to ', fromAt < 0 ? 0 : fromAt));
}

/** `… src A dst B …`. */
function srcDst(f: Fields, msg: string): void {
  setEndpoint(f, 'source', endpointAfter(msg, 'src '));
  setEndpoint(f, 'destination', endpointAfter(msg, ' dst '));
}

const KV_RE = new Map<string, RegExp>();

function kvUser(msg: string, key: string): string | undefined {
  let re = KV_RE.get(key);
  if (!re) {
    re = new RegExp(`(?:^|: )${key} = ([^:,]+?)(?: :|,|$)`);
    KV_RE.set(key, re);
  }
  return re.exec(msg)?.[1]?.trim();
}

const built: Handler = (f, msg) => {
  // Built {inbound|outbound} {TCP|UDP|...} connection N for A (mapped) to B (mapped)
  const m = /^Built (inbound|outbound|local-host)? ?(\S+) connection (\d+) for (\S+) (?:\(\S+\) )?(?:\(([^)]*)\) )?to (\S+)/.exec(msg);
  allow(f, 'connection-built');
  if (!m) return;
  proto(f, m[2]);
  f['cisco.asa.connection_id'] = m[3] ?? '';
  const a = parseEndpoint(m[4] ?? '');
  const b = parseEndpoint(m[6] ?? '');
  // "outbound": the connection was opened from the "to" side.
  if (m[1] === 'outbound') {
    f['network.direction'] = 'outbound';
    setEndpoint(f, 'source', b);
    setEndpoint(f, 'destination', a);
  } else {
    if (m[1] === 'inbound') f['network.direction'] = 'inbound';
    setEndpoint(f, 'source', a);
    setEndpoint(f, 'destination', b);
  }
};

const teardown: Handler = (f, msg) => {
  const m = /^Teardown (\S+) connection (\d+) for (\S+) to (\S+)(?: duration (\S+) bytes (\d+))?(?: (.*))?/.exec(msg);
  allow(f, 'connection-teardown');
  if (!m) return;
  proto(f, m[1]);
  f['cisco.asa.connection_id'] = m[2] ?? '';
  setEndpoint(f, 'source', parseEndpoint(m[3] ?? ''));
  setEndpoint(f, 'destination', parseEndpoint(m[4] ?? ''));
  if (m[5]) f['cisco.asa.duration'] = m[5];
  const bytes = toInt(m[6]);
  if (bytes !== undefined) f['network.bytes'] = bytes;
  if (m[7]) f['event.reason'] = m[7].trim();
};

const aclDeny: Handler = (f, msg) => {
  // Deny tcp src IF:A/p dst IF:B/q by access-group "ACL"
  deny(f);
  const m = /^Deny (\S+) src /.exec(msg);
  if (m) proto(f, m[1]);
  srcDst(f, msg);
  const g = /access-group "([^"]*)"/.exec(msg);
  if (g) f['rule.name'] = g[1] ?? '';
};

const inboundDenied: Handler = (f, msg) => {
  deny(f);
  const m = /^(?:Inbound|Deny inbound|Deny) (\S+)/.exec(msg);
  if (m) proto(f, m[1] === 'inbound' ? msg.split(' ')[2] : m[1]);
  if (msg.includes(' src ')) srcDst(f, msg);
  else fromTo(f, msg);
  const i = / on interface (\S+)/.exec(msg);
  if (i) f['observer.ingress.interface.name'] = i[1] ?? '';
};

const accessList: Handler = (f, msg) => {
  // access-list ACL {permitted|denied|est-allowed} proto IF/A(p) [(user)] -> IF/B(q) hit-cnt N
  const m = /^access-list (\S+) (permitted|denied|est-allowed) (\S+) (\S+)(?: \([^)]*\))? -> (\S+)/.exec(msg);
  if (!m) return deny(f);
  f['rule.name'] = m[1] ?? '';
  if (m[2] === 'denied') deny(f);
  else allow(f, 'firewall-permit');
  proto(f, m[3]);
  setEndpoint(f, 'source', parseEndpoint(m[4] ?? ''));
  setEndpoint(f, 'destination', parseEndpoint(m[5] ?? ''));
};

const aclDenied710: Handler = (f, msg) => {
  deny(f);
  proto(f, msg.split(' ')[0]);
  fromTo(f, msg);
};

const aaa: (outcome: 'success' | 'failure') => Handler = (outcome) => (f, msg) => {
  auth(f, 'aaa-user-authentication', outcome);
  const u = kvUser(msg, 'user');
  if (u) f['user.name'] = u;
  const ip = kvUser(msg, 'user IP');
  if (ip) setEndpoint(f, 'source', parseEndpoint(ip));
  const server = kvUser(msg, 'server');
  if (server) setEndpoint(f, 'destination', parseEndpoint(server));
  const reason = kvUser(msg, 'reason');
  if (reason) f['event.reason'] = reason;
};

const login: (outcome: 'success' | 'failure') => Handler = (outcome) => (f, msg) => {
  // Login {denied|permitted} from A to IF:B/service for user "U"
  auth(f, 'login', outcome);
  fromTo(f, msg);
  const u = /for user "([^"]*)"/.exec(msg) ?? /for user '([^']*)'/.exec(msg);
  if (u) f['user.name'] = u[1] ?? '';
};

const userAuth: (outcome: 'success' | 'failure') => Handler = (outcome) => (f, msg) => {
  // User authentication succeeded: IP address: A, Uname: U
  auth(f, 'user-authentication', outcome);
  const ip = /IP address: ([^,\s]+)/.exec(msg);
  if (ip) setEndpoint(f, 'source', parseEndpoint(ip[1] ?? ''));
  const u = /Uname: (\S+)/.exec(msg);
  if (u) f['user.name'] = u[1] ?? '';
};

const command: Handler = (f, msg) => {
  f['event.action'] = 'command-executed';
  f['event.category'] = 'configuration';
  const u = /^User '([^']*)'/.exec(msg);
  if (u) f['user.name'] = u[1] ?? '';
  const c = /executed (?:the )?'([^']*)'/.exec(msg);
  if (c) f['process.command_line'] = c[1] ?? '';
  const ip = /from IP address (\S+),/.exec(msg);
  if (ip) setEndpoint(f, 'source', parseEndpoint(ip[1] ?? ''));
};

const vpnGroupUser: Handler = (f, msg) => {
  const g = /Group <([^>]*)> User <([^>]*)> IP <([^>]*)>/.exec(msg) ?? /Group = ([^,]*), Username = ([^,]*), IP = ([^,]*),/.exec(msg);
  if (g) {
    f['cisco.asa.group'] = g[1] ?? '';
    f['user.name'] = g[2] ?? '';
    setEndpoint(f, 'source', parseEndpoint(g[3] ?? ''));
  }
  if (/rejected|failed|denied/i.test(msg)) auth(f, 'vpn-authentication', 'failure');
  else if (/Authentication: successful|connected|established/i.test(msg)) auth(f, 'vpn-authentication', 'success');
};

/** Message ID → handler. */
export const ASA_MESSAGES: Readonly<Record<string, Handler>> = {
  '106001': inboundDenied,
  '106006': inboundDenied,
  '106007': inboundDenied,
  '106010': inboundDenied,
  '106014': inboundDenied,
  '106015': inboundDenied,
  '106021': inboundDenied,
  '106023': aclDeny,
  '106100': accessList,
  '111008': command,
  '111009': command,
  '111010': command,
  '113004': aaa('success'),
  '113005': aaa('failure'),
  '113008': aaa('success'),
  '113012': aaa('success'),
  '113015': aaa('failure'),
  '113019': vpnGroupUser,
  '302013': built,
  '302014': teardown,
  '302015': built,
  '302016': teardown,
  '302020': built,
  '302021': teardown,
  '605004': login('failure'),
  '605005': login('success'),
  '611101': userAuth('success'),
  '611102': userAuth('failure'),
  '710003': aclDenied710,
  '716039': vpnGroupUser,
  '722022': vpnGroupUser,
  '722051': vpnGroupUser,
  '734001': vpnGroupUser,
};

/** Generic extraction for IDs without a handler: `from A to B` / `src A dst B` and the protocol word. */
export function genericAsa(f: Fields, msg: string): void {
  if (msg.includes(' src ') && msg.includes(' dst ')) srcDst(f, msg);
  else if (msg.includes(' from ') && msg.includes(' to ')) fromTo(f, msg);
  const p = /\b(TCP|UDP|ICMP|tcp|udp|icmp)\b/.exec(msg);
  if (p) proto(f, p[1]);
  if (/^(Deny|Denied|Dropped|Discard)/.test(msg) || / (denied|dropped|discarded)\b/.test(msg)) deny(f, 'firewall-deny');
}
