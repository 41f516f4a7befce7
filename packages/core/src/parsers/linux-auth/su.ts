/**
 * @module parsers/linux-auth/su
 * su's messages in their many historical spellings (`'su root' failed for X on …`, `BAD SU a to b`,
 * `FAILED SU (to b) a on …`, `(to b) a on …`, `Successful su for b by a`, `+ tty a:b`, `- tty a:b`).
 */
import type { FieldValue } from '@vigil/contracts';
import { parsePamMessage } from './pam.ts';

type Fields = Record<string, FieldValue>;

function su(f: Fields, outcome: 'success' | 'failure', user?: string, target?: string): true {
  f['event.action'] = 'su';
  f['event.category'] = 'authentication';
  f['event.outcome'] = outcome;
  if (user) f['user.name'] = user;
  if (target) f['user.effective.name'] = target;
  return true;
}

/** Fills su semantics; false when the message is not one su is known to write. */
export function parseSuMessage(msg: string, f: Fields): boolean {
  let m: RegExpExecArray | null;
  if (msg.startsWith('pam_')) {
    const ok = parsePamMessage(msg, f);
    if (f['event.action'] === 'authentication_failure') f['event.action'] = 'su';
    return ok;
  }
  if ((m = /^'su (\S+)' failed for (\S+)/.exec(msg))) return su(f, 'failure', m[2], m[1]);
  if ((m = /^'su (\S+)' succeeded for (\S+)/.exec(msg))) return su(f, 'success', m[2], m[1]);
  if ((m = /^BAD SU (\S+) to (\S+)/.exec(msg))) return su(f, 'failure', m[1], m[2]);
  if ((m = /^FAILED SU \(to (\S+)\) (\S+)/.exec(msg))) return su(f, 'failure', m[2], m[1]);
  if ((m = /^failed: \S+ changing from (\S+) to (\S+)/.exec(msg))) return su(f, 'failure', m[1], m[2]);
  if ((m = /^\(to (\S+)\) (\S+) on/.exec(msg))) return su(f, 'success', m[2], m[1]);
  if ((m = /^Successful su for (\S+) by (\S+)/.exec(msg))) return su(f, 'success', m[2], m[1]);
  if ((m = /^([+-]) \S+ (\S+?):(\S+)$/.exec(msg))) return su(f, m[1] === '+' ? 'success' : 'failure', m[2], m[3]);
  if ((m = /^(\S+) to (\S+) on \S+/.exec(msg))) return su(f, 'success', m[1], m[2]);
  return false;
}
