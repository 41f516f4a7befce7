/**
 * @module parsers/apache-error/parse-apache-error
 * Apache httpd error log: `[Www Mmm dd hh:mm:ss[.us] yyyy] [module:level] [pid N[:tid M]] [client IP[:port]] text`
 * (2.2 writes `[level]` alone; the time may be missing when another logger adds its own).
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { parseCtime, toIso } from '../shared/time.ts';
import { readAddressPort } from '../shared/text.ts';
import { toInt } from '../shared/net.ts';
import { mapSeverity } from '../../normalize/severity-map.ts';

const LEVELS = new Set(['emerg', 'alert', 'crit', 'error', 'warn', 'notice', 'info', 'debug', 'trace1', 'trace2', 'trace3', 'trace4', 'trace5', 'trace6', 'trace7', 'trace8']);

/** What some AH message codes mean (authentication failures and access denials). */
const AH_CODES: Record<string, (f: Record<string, FieldValue>, text: string) => void> = {
  // AH01618: user X not found: /uri
  AH01618: (f, t) => {
    const m = /^user (.*?) not found: (\S+)/.exec(t);
    authFailure(f, m?.[1], m?.[2]);
  },
  // AH01617: user X: authentication failure for "/uri": Password Mismatch
  AH01617: (f, t) => {
    const m = /^user (.*?): authentication failure for "([^"]*)"/.exec(t);
    authFailure(f, m?.[1], m?.[2]);
  },
  // AH01630: client denied by server configuration: /path
  AH01630: (f, t) => {
    f['event.action'] = 'access_denied';
    f['event.outcome'] = 'failure';
    const m = /: (\S+)$/.exec(t);
    if (m) f['file.path'] = m[1] ?? '';
  },
};

function authFailure(f: Record<string, FieldValue>, user: string | undefined, uri: string | undefined): void {
  f['event.action'] = 'authentication_failure';
  f['event.outcome'] = 'failure';
  f['event.category'] = 'authentication';
  if (user) f['user.name'] = user;
  if (uri) f['url.original'] = uri;
}

/** Parses one Apache error-log line; null when it does not start with `[time]` or `[level]`. */
export function parseApacheError(line: string, ctx: ParseContext): ParseResult | null {
  if (line.charCodeAt(0) !== 91) return null;
  const f: Record<string, FieldValue> = { 'event.dataset': 'apache.error', 'event.category': 'web' };
  let i = 1;
  const t = parseCtime(line, 1, ctx.timezoneOffsetMinutes ?? 0);
  if (t) {
    if (line.charCodeAt(t.end) !== 93) return null;
    f['@timestamp'] = toIso(t.ms);
    i = t.end + 1;
    while (line.charCodeAt(i) === 32) i++;
    if (line.charCodeAt(i) !== 91) return null;
    i++;
  }
  const close = line.indexOf(']', i);
  if (close < 0) return null;
  const tag = line.slice(i, close);
  const colon = tag.lastIndexOf(':');
  const level = colon >= 0 ? tag.slice(colon + 1) : tag;
  if (!LEVELS.has(level) && !(t && /^[a-z]+$/.test(level))) return null;
  if (colon > 0) f['apache.error.module'] = tag.slice(0, colon);
  f['log.level'] = level;
  f['vigil.severity'] = mapSeverity(level === 'warn' ? 'warning' : level) ?? 'info';
  i = close + 1;
  while (line.charCodeAt(i) === 32) i++;
  const message = line.slice(i).trim();
  // Extract [pid N:tid M] and [client addr:port] wherever they sit in the bracket run.
  let j = i;
  while (line.charCodeAt(j) === 91) {
    const end = line.indexOf(']', j);
    if (end < 0) break;
    const inner = line.slice(j + 1, end);
    if (inner.startsWith('pid ')) {
      const tid = inner.indexOf(':tid ');
      const pid = toInt(tid > 0 ? inner.slice(4, tid) : inner.slice(4));
      if (pid !== undefined) f['process.pid'] = pid;
      if (tid > 0) {
        const n = toInt(inner.slice(tid + 5));
        if (n !== undefined) f['process.thread.id'] = n;
      }
    } else if (inner.startsWith('client ')) {
      const addr = inner.slice(7);
      const c = addr.lastIndexOf(':');
      if (c > 0 && addr.indexOf(':') === c) readAddressPort(f, 'source', `${addr.slice(0, c)} port ${addr.slice(c + 1)}`, 0);
      else readAddressPort(f, 'source', addr, 0);
    } else break;
    j = end + 1;
    while (line.charCodeAt(j) === 32) j++;
  }
  const clientAt = line.indexOf('[client ', j);
  if (clientAt > 0 && f['source.ip'] === undefined) {
    const end = line.indexOf(']', clientAt);
    const addr = line.slice(clientAt + 8, end < 0 ? undefined : end);
    const c = addr.lastIndexOf(':');
    if (c > 0 && addr.indexOf(':') === c) readAddressPort(f, 'source', `${addr.slice(0, c)} port ${addr.slice(c + 1)}`, 0);
    else readAddressPort(f, 'source', addr, 0);
  }
  const rest = line.slice(j);
  const apr = /^\((\d+)\)/.exec(rest);
  if (apr) f['apache.error.apr_status'] = apr[1] ?? '';
  const code = /\b(AH\d{5}): (.*)$/.exec(rest);
  if (code) {
    f['error.code'] = code[1] ?? '';
    const meaning = AH_CODES[code[1] ?? ''];
    if (meaning) meaning(f, code[2] ?? '');
  }
  f.message = message;
  return { fields: f, parser: 'apache-error', ok: true };
}
