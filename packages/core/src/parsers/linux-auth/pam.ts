/**
 * @module parsers/linux-auth/pam
 * PAM module messages (`pam_unix(sshd:auth): authentication failure; … rhost=… user=…`, session
 * open/close, `check pass; user unknown`, pam_tally/faillock lockouts) as they appear from any program.
 */
import type { FieldValue } from '@vigil/contracts';
import { scanKv } from '../shared/kv.ts';
import { setAddress } from '../shared/text.ts';

/** Parses a PAM message (with or without the `pam_x(svc:type): ` prefix); null when it is not one. */
export function parsePamMessage(msg: string, fields: Record<string, FieldValue>): boolean {
  let body = msg;
  if (msg.startsWith('pam_')) {
    const open = msg.indexOf('(');
    const close = msg.indexOf('): ');
    if (open < 0 || close < open) return false;
    fields['pam.module'] = msg.slice(0, open);
    const svc = msg.slice(open + 1, close);
    const colon = svc.indexOf(':');
    fields['pam.service'] = colon < 0 ? svc : svc.slice(0, colon);
    if (colon >= 0) fields['pam.type'] = svc.slice(colon + 1);
    body = msg.slice(close + 3);
  }
  if (body.startsWith('authentication failure;') || /^\d+ more authentication failures;/.test(body)) {
    const kv = scanKv(body, body.indexOf(';') + 1);
    fields['event.action'] = 'authentication_failure';
    fields['event.outcome'] = 'failure';
    fields['event.category'] = 'authentication';
    if (kv.user) fields['user.name'] = kv.user;
    else if (kv.logname) fields['user.name'] = kv.logname;
    if (kv.ruser) fields['pam.ruser'] = kv.ruser;
    if (kv.logname) fields['pam.logname'] = kv.logname;
    if (kv.uid) fields['pam.uid'] = kv.uid;
    if (kv.euid) fields['pam.euid'] = kv.euid;
    if (kv.tty) fields['pam.tty'] = kv.tty;
    if (kv.rhost) setAddress(fields, 'source', kv.rhost);
    return true;
  }
  if (body.startsWith('check pass; user unknown')) {
    fields['event.action'] = 'authentication_failure';
    fields['event.outcome'] = 'failure';
    fields['event.category'] = 'authentication';
    return true;
  }
  if (body.startsWith('session opened for user ') || body.startsWith('session closed for user ')) {
    const opened = body.charCodeAt(8) === 111;
    let user = body.slice(24);
    const by = user.indexOf(' by ');
    if (by >= 0) {
      const actor = user.slice(by + 4);
      user = user.slice(0, by);
      const paren = actor.indexOf('(');
      const actorName = paren >= 0 ? actor.slice(0, paren) : actor;
      if (actorName) fields['pam.by'] = actorName;
    }
    const paren = user.indexOf('(');
    if (paren > 0) user = user.slice(0, paren);
    fields['user.name'] = user.trim();
    fields['event.action'] = opened ? 'session_opened' : 'session_closed';
    fields['event.outcome'] = 'success';
    fields['event.category'] = 'session';
    return true;
  }
  if (body.startsWith('password check failed for user (')) {
    const end = body.indexOf(')', 32);
    if (end > 32) fields['user.name'] = body.slice(32, end);
    fields['event.action'] = 'authentication_failure';
    fields['event.outcome'] = 'failure';
    fields['event.category'] = 'authentication';
    return true;
  }
  const m = /^user (\S+) \(\d+\) tally (\d+), deny (\d+)/.exec(body) ?? /^Consecutive login failures for user (\S+) account temporarily locked/.exec(body);
  if (m) {
    fields['user.name'] = m[1] ?? '';
    const uid = /^user \S+ \((\d+)\)/.exec(body);
    if (uid) fields['pam.uid'] = uid[1] ?? '';
    fields['event.action'] = 'user_locked';
    fields['event.outcome'] = 'failure';
    fields['event.category'] = 'authentication';
    return true;
  }
  return fields['pam.module'] !== undefined;
}
