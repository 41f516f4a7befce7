/**
 * @module parsers/linux-auth/sudo
 * sudo's log line: `USER : [ERROR ; ]TTY=… ; PWD=… ; USER=… ; COMMAND=…`, plus its PAM messages.
 */
import type { FieldValue } from '@vigil/contracts';
import { parsePamMessage } from './pam.ts';

/** Fills sudo semantics: `event.action: sudo`, outcome, `user.name`, `user.effective.name`, `process.command_line`. */
export function parseSudoMessage(msg: string, f: Record<string, FieldValue>): boolean {
  if (msg.startsWith('pam_')) {
    const ok = parsePamMessage(msg, f);
    if (f['event.action'] === 'authentication_failure') f['event.action'] = 'sudo';
    return ok;
  }
  const sep = msg.indexOf(' : ');
  if (sep < 0) return false;
  const user = msg.slice(0, sep).trim();
  if (user === '' || user.includes(' ')) return false;
  f['user.name'] = user;
  f['event.action'] = 'sudo';
  f['event.category'] = 'process';
  f['event.outcome'] = 'success';
  for (const part of msg.slice(sep + 3).split(' ; ')) {
    const eq = part.indexOf('=');
    const key = eq > 0 ? part.slice(0, eq) : '';
    const value = eq > 0 ? part.slice(eq + 1).trim() : '';
    switch (key) {
      case 'TTY': f['sudo.tty'] = value; break;
      case 'PWD': f['sudo.pwd'] = value; break;
      case 'USER': f['user.effective.name'] = value; f['sudo.user'] = value; break;
      case 'GROUP': f['sudo.group'] = value; break;
      case 'COMMAND': f['process.command_line'] = value; f['sudo.command'] = value; break;
      case 'TSID': f['sudo.tsid'] = value; break;
      case '':
        if (part.trim() !== '') {
          f['sudo.error'] = part.trim();
          f['event.outcome'] = 'failure';
        }
        break;
      default: f[`sudo.${key.toLowerCase()}`] = value;
    }
  }
  return true;
}
