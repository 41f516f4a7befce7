/**
 * @module parsers/linux-auth/sshd
 * OpenSSH server messages → `event.action` (`ssh_login`, `ssh_preauth_disconnect`, …), `event.outcome`,
 * `user.name`, `source.ip`, `source.port`. Dispatch is by message prefix; no per-line regex.
 */
import type { FieldValue } from '@vigil/contracts';
import { addressAfter, readAddressPort, tokenAt } from '../shared/text.ts';
import { parsePamMessage } from './pam.ts';

type Fields = Record<string, FieldValue>;

function login(f: Fields, outcome: 'success' | 'failure', action = 'ssh_login'): void {
  f['event.action'] = action;
  f['event.outcome'] = outcome;
  f['event.category'] = 'authentication';
}

function failure(f: Fields, action: string): void {
  f['event.action'] = action;
  f['event.outcome'] = 'failure';
  f['event.category'] = action === 'ssh_login' ? 'authentication' : 'network';
}

/** `<kind> user NAME ADDRESS port N` after a prefix such as "Connection closed by ". */
function userThenAddress(f: Fields, msg: string, i: number): boolean {
  for (const kind of ['authenticating user ', 'invalid user ', 'user ']) {
    if (msg.startsWith(kind, i)) {
      const u = tokenAt(msg, i + kind.length);
      f['user.name'] = u.tok;
      if (kind === 'invalid user ') f['sshd.invalid_user'] = true;
      readAddressPort(f, 'source', msg, u.end + 1);
      return kind !== 'user ';
    }
  }
  readAddressPort(f, 'source', msg, i);
  return false;
}

/** "Accepted|Failed METHOD for [invalid user ]USER from ADDR port N PROTO[: SIGNATURE]". */
function methodForUser(f: Fields, msg: string, start: number): void {
  const forAt = msg.indexOf(' for ', start);
  if (forAt < 0) return;
  f['sshd.method'] = msg.slice(start, forAt);
  let u = forAt + 5;
  if (msg.startsWith('invalid user ', u)) {
    f['sshd.invalid_user'] = true;
    u += 13;
  }
  const fromAt = msg.indexOf(' from ', u);
  if (fromAt < 0) return;
  f['user.name'] = msg.slice(u, fromAt);
  const end = readAddressPort(f, 'source', msg, fromAt + 6);
  const proto = /^ (ssh\d?)\b/.exec(msg.slice(end, end + 8));
  if (proto) f['sshd.protocol'] = proto[1] ?? '';
  const colon = msg.indexOf(': ', end);
  if (colon > 0) f['sshd.signature'] = msg.slice(colon + 2);
}

const HANDLERS: ReadonlyArray<[string, (f: Fields, msg: string, p: number) => void]> = [
  ['Accepted ', (f, m, p) => { login(f, 'success'); methodForUser(f, m, p); }],
  ['Failed ', (f, m, p) => { login(f, 'failure'); methodForUser(f, m, p); }],
  ['Invalid user ', (f, m, p) => {
    login(f, 'failure');
    f['sshd.invalid_user'] = true;
    const fromAt = m.indexOf(' from ', p - 1);
    if (fromAt < 0) { f['user.name'] = m.slice(p).trim(); return; }
    f['user.name'] = m.slice(p, fromAt);
    readAddressPort(f, 'source', m, fromAt + 6);
  }],
  ['input_userauth_request: invalid user ', (f, m, p) => {
    login(f, 'failure');
    f['sshd.invalid_user'] = true;
    f['user.name'] = tokenAt(m, p).tok;
  }],
  ['User ', (f, m, p) => {
    const fromAt = m.indexOf(' from ', p);
    if (fromAt < 0 || m.indexOf(' not allowed because ', fromAt) < 0) return;
    login(f, 'failure');
    f['user.name'] = m.slice(p, fromAt);
    readAddressPort(f, 'source', m, fromAt + 6);
  }],
  ['Connection closed by ', (f, m, p) => {
    if (userThenAddress(f, m, p)) login(f, 'failure');
    else if (m.includes('[preauth]')) failure(f, 'ssh_preauth_disconnect');
    else {
      f['event.action'] = 'ssh_disconnect';
      f['event.category'] = 'session';
    }
  }],
  ['Connection reset by ', (f, m, p) => {
    const authenticating = userThenAddress(f, m, p);
    if (authenticating) login(f, 'failure');
    else failure(f, 'ssh_preauth_disconnect');
  }],
  ['Disconnected from ', (f, m, p) => {
    const authenticating = userThenAddress(f, m, p);
    if (authenticating) login(f, 'failure');
    else {
      f['event.action'] = 'ssh_disconnect';
      f['event.category'] = 'session';
    }
  }],
  ['Disconnecting ', (f, m, p) => {
    if (m.startsWith('invalid user ', p) || m.startsWith('authenticating user ', p)) {
      userThenAddress(f, m, p);
      login(f, 'failure');
    } else if (m.includes('Too many authentication failures')) {
      login(f, 'failure');
      addressAfter(f, 'source', m, ' for ');
    } else failure(f, 'ssh_protocol_error');
  }],
  ['Received disconnect from ', (f, m, p) => {
    f['event.action'] = 'ssh_disconnect';
    f['event.category'] = 'session';
    readAddressPort(f, 'source', m, p);
  }],
  ['Unable to negotiate with ', (f, m, p) => { failure(f, 'ssh_key_exchange_failed'); readAddressPort(f, 'source', m, p); }],
  ['fatal: Timeout before authentication for ', (f, m, p) => { failure(f, 'ssh_auth_timeout'); readAddressPort(f, 'source', m, p); }],
  ['Timeout before authentication for ', (f, m, p) => { failure(f, 'ssh_auth_timeout'); readAddressPort(f, 'source', m, p); }],
  ['ssh_dispatch_run_fatal: Connection from ', (f, m, p) => { failure(f, 'ssh_protocol_error'); userThenAddress(f, m, p); }],
  ['refused connect from ', (f, m, p) => {
    failure(f, 'ssh_connection_refused');
    const open = m.lastIndexOf('(');
    const close = m.lastIndexOf(')');
    if (open > 0 && close > open) readAddressPort(f, 'source', m.slice(open + 1, close), 0);
    else readAddressPort(f, 'source', m, p);
  }],
  ['Magic value check failed ', (f, m) => { failure(f, 'ssh_protocol_error'); addressAfter(f, 'source', m, ' from '); }],
  ['Did not receive identification string from ', (f, m, p) => { failure(f, 'ssh_protocol_error'); readAddressPort(f, 'source', m, p); }],
  ['banner exchange: Connection from ', (f, m, p) => { failure(f, 'ssh_protocol_error'); readAddressPort(f, 'source', m, p); }],
  ['Bad protocol version identification ', (f, m) => { failure(f, 'ssh_protocol_error'); addressAfter(f, 'source', m, ' from '); }],
  ['error: kex_exchange_identification: ', (f) => { failure(f, 'ssh_protocol_error'); }],
  ['error: maximum authentication attempts exceeded for ', (f, m, p) => {
    login(f, 'failure');
    let u = p;
    if (m.startsWith('invalid user ', u)) { u += 13; f['sshd.invalid_user'] = true; }
    const fromAt = m.indexOf(' from ', u);
    if (fromAt < 0) return;
    f['user.name'] = m.slice(u, fromAt);
    readAddressPort(f, 'source', m, fromAt + 6);
  }],
  ['error: PAM: ', (f, m) => {
    login(f, 'failure');
    const fromAt = m.lastIndexOf(' from ');
    const forAt = fromAt > 0 ? m.lastIndexOf(' for ', fromAt) : -1;
    if (forAt > 0) {
      f['user.name'] = m.slice(forAt + 5, fromAt).replace(/^(?:illegal|invalid) user /, '');
      readAddressPort(f, 'source', m, fromAt + 6);
    }
  }],
  ['PAM ', (f, m, p) => {
    if (parsePamMessage(m.slice(p), f) && f['event.outcome'] === 'failure') login(f, 'failure');
  }],
  ['pam_', (f, m) => {
    if (!parsePamMessage(m, f)) return;
    if (f['event.action'] === 'authentication_failure') login(f, 'failure');
  }],
  ['reverse mapping checking getaddrinfo for ', (f, m, p) => {
    f['event.action'] = 'ssh_reverse_mapping_failed';
    const open = m.indexOf('[', p);
    const close = m.indexOf(']', open);
    f['source.domain'] = tokenAt(m, p).tok;
    if (open > 0 && close > open) readAddressPort(f, 'source', m.slice(open + 1, close), 0);
  }],
  ['Address ', (f, m, p) => {
    if (!m.includes('POSSIBLE BREAK-IN')) return;
    f['event.action'] = 'ssh_reverse_mapping_failed';
    readAddressPort(f, 'source', m, p);
  }],
  ['Postponed ', (f, m, p) => { methodForUser(f, m, p); f['event.action'] = 'ssh_login_postponed'; }],
  ['Server listening on ', (f, m, p) => { f['event.action'] = 'ssh_server_start'; readAddressPort(f, 'destination', m, p); }],
  ['Connection from ', (f, m, p) => {
    f['event.action'] = 'ssh_connection';
    f['event.category'] = 'network';
    const end = readAddressPort(f, 'source', m, p);
    if (m.startsWith(' on ', end)) readAddressPort(f, 'destination', m, end + 4);
  }],
  ['Read error from remote host ', (f, m, p) => { f['event.action'] = 'ssh_disconnect'; readAddressPort(f, 'source', m, p); }],
  ['Timeout, client not responding', (f, m) => { f['event.action'] = 'ssh_timeout'; if (!addressAfter(f, 'source', m, ' from ')) userThenAddress(f, m, m.indexOf('from ') + 5); }],
];

/** Fills sshd semantics for the message; returns false when no handler knew it (the fields stay generic). */
export function parseSshdMessage(msg: string, fields: Fields): boolean {
  let m = msg;
  if (m.startsWith('message repeated ')) {
    const open = m.indexOf('[ ');
    if (open > 0) m = m.slice(open + 2, m.endsWith(']') ? -1 : undefined).trim();
  }
  for (const [prefix, handle] of HANDLERS) {
    if (m.startsWith(prefix)) {
      handle(fields, m, prefix.length);
      return true;
    }
  }
  // Unknown message: still pick up an address after " from ".
  addressAfter(fields, 'source', m, ' from ');
  if (fields['source.ip'] === undefined) delete fields['source.domain'];
  return false;
}
