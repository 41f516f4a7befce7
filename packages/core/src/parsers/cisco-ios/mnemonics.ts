/**
 * @module parsers/cisco-ios/mnemonics
 * Semantics for common IOS / IOS-XE / NX-OS mnemonics (ACL logs, logins, config changes, IPS).
 */
import type { FieldValue } from '@vigil/contracts';
import { isIP, toPort, transportName } from '../shared/net.ts';
import { setAddress } from '../shared/text.ts';

type Fields = Record<string, FieldValue>;
type Handler = (f: Fields, text: string) => void;

const aclLog: Handler = (f, t) => {
  // list 102 denied tcp 10.0.6.56(3067) [(iface mac)] -> 172.36.4.7(139), 1 packet
  const m = /list (\S+) (denied|permitted) (\S+) ([^\s(]+)(?:\((\d+)\))?(?: \([^)]*\))? -> ([^\s(,]+)(?:\((\d+)\))?/.exec(t);
  if (!m) return;
  f['rule.name'] = m[1] ?? '';
  f['event.action'] = m[2] === 'denied' ? 'deny' : 'permit';
  f['event.outcome'] = m[2] === 'denied' ? 'failure' : 'success';
  f['event.type'] = m[2] === 'denied' ? 'denied' : 'allowed';
  f['event.category'] = 'network';
  f['network.transport'] = transportName(m[3]) ?? m[3] ?? '';
  if (isIP(m[4] ?? '')) f['source.ip'] = m[4] ?? '';
  const sp = toPort(m[5]);
  if (sp !== undefined) f['source.port'] = sp;
  if (isIP(m[6] ?? '')) f['destination.ip'] = m[6] ?? '';
  const dp = toPort(m[7]);
  if (dp !== undefined) f['destination.port'] = dp;
};

const BRACKET_RE = new Map<string, RegExp>();

const bracketKv = (t: string, key: string): string | undefined => {
  let re = BRACKET_RE.get(key);
  if (!re) {
    re = new RegExp(`\\[${key}: ([^\\]]*)\\]`);
    BRACKET_RE.set(key, re);
  }
  return re.exec(t)?.[1];
};

const loginResult: (outcome: 'success' | 'failure') => Handler = (outcome) => (f, t) => {
  f['event.action'] = 'login';
  f['event.category'] = 'authentication';
  f['event.outcome'] = outcome;
  const user = bracketKv(t, 'user');
  if (user) f['user.name'] = user;
  const src = bracketKv(t, 'Source');
  if (src) setAddress(f, 'source', src);
  const port = toPort(bracketKv(t, 'localport'));
  if (port !== undefined) f['destination.port'] = port;
  const reason = bracketKv(t, 'Reason');
  if (reason) f['event.reason'] = reason;
};

const configured: Handler = (f, t) => {
  f['event.action'] = 'configuration-changed';
  f['event.category'] = 'configuration';
  const m = /Configured from (\S+) by (\S+)(?: on (\S+))?(?: \(([^)]*)\))?/.exec(t);
  if (m) {
    f['user.name'] = m[2] ?? '';
    if (m[4]) setAddress(f, 'source', m[4]);
  }
};

const loggedCmd: Handler = (f, t) => {
  f['event.action'] = 'command-executed';
  f['event.category'] = 'configuration';
  const m = /User:\s*(\S+)\s+logged command:\s*(.*)$/.exec(t);
  if (m) {
    f['user.name'] = m[1] ?? '';
    f['process.command_line'] = (m[2] ?? '').trim();
  }
};

const sshAuth: Handler = (f, t) => {
  const m = /User '([^']*)' authentication for SSH2? Session from (\S+)/.exec(t);
  f['event.action'] = 'ssh-login';
  f['event.category'] = 'authentication';
  if (m) {
    f['user.name'] = m[1] ?? '';
    setAddress(f, 'source', m[2] ?? '');
  }
  if (/Succeeded\s*$/.test(t)) f['event.outcome'] = 'success';
  else if (/Failed\s*$|failed/.test(t)) f['event.outcome'] = 'failure';
};

const sshSession: Handler = (f, t) => {
  const m = /SSH2 Session request from (\S+)/.exec(t);
  f['event.action'] = 'ssh-session';
  f['event.category'] = 'network';
  if (m) setAddress(f, 'source', m[1] ?? '');
  if (/Succeeded\s*$/.test(t)) f['event.outcome'] = 'success';
};

const ipsSignature: Handler = (f, t) => {
  // Sig:3051 Subsig:1 Sev:4 TCP Connection Window Size DoS [192.168.100.11:51654 -> 10.10.10.10:4444]
  const m = /Sig:(\d+) Subsig:(\d+) Sev:(\d+) (.*?) \[([^\]:]+):(\d+) -> ([^\]:]+):(\d+)\]/.exec(t);
  f['event.kind'] = 'alert';
  f['event.category'] = 'intrusion_detection';
  if (!m) return;
  f['rule.id'] = m[1] ?? '';
  f['rule.name'] = m[4] ?? '';
  setAddress(f, 'source', m[5] ?? '');
  setAddress(f, 'destination', m[7] ?? '');
  f['source.port'] = toPort(m[6]) ?? 0;
  f['destination.port'] = toPort(m[8]) ?? 0;
};

const dot1xFail: Handler = (f) => {
  f['event.action'] = 'dot1x-authentication';
  f['event.category'] = 'authentication';
  f['event.outcome'] = 'failure';
};

/** `FACILITY-MNEMONIC` (severity left out) → handler. */
export const IOS_MNEMONICS: Readonly<Record<string, Handler>> = {
  'SEC-IPACCESSLOGP': aclLog,
  'SEC-IPACCESSLOGDP': aclLog,
  'SEC-IPACCESSLOGS': aclLog,
  'SEC-IPACCESSLOGNP': aclLog,
  'SEC_LOGIN-LOGIN_FAILED': loginResult('failure'),
  'SEC_LOGIN-LOGIN_SUCCESS': loginResult('success'),
  'SYS-CONFIG_I': configured,
  'PARSER-CFGLOG_LOGGEDCMD': loggedCmd,
  'SSH-SSH2_USERAUTH': sshAuth,
  'SSH-SSH2_SESSION': sshSession,
  'IPS-SIGNATURE': ipsSignature,
  'DOT1X-FAIL': dot1xFail,
  'AUTHMGR-FAIL': dot1xFail,
};
