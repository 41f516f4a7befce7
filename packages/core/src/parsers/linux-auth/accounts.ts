/**
 * @module parsers/linux-auth/accounts
 * shadow-utils messages: `new user: name=…, UID=…`, `new group: name=…, GID=…`, `delete user '…'`,
 * `password for '…' changed by '…'`, and group membership from `useradd -G` / `usermod -aG` / `gpasswd -a`
 * (`add 'bob' to group 'sudo'`, `add 'bob' to shadow group 'sudo'`, `user bob added by root to group sudo`).
 */
import type { FieldValue } from '@vigil/contracts';
import { dict, internKey } from '../shared/own.ts';

/** Fills account-management semantics (`user_created`, `group_created`, `user_deleted`, `password_changed`). */
export function parseAccountMessage(msg: string, f: Record<string, FieldValue>): boolean {
  const set = (action: string, outcome: 'success' | 'failure' = 'success') => {
    f['event.action'] = action;
    f['event.category'] = 'iam';
    f['event.outcome'] = outcome;
  };
  const kvs = (text: string) => {
    const out: Record<string, string> = dict();
    for (const part of text.split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) out[internKey(part.slice(0, eq).trim())] = part.slice(eq + 1).trim();
    }
    return out;
  };
  if (msg.startsWith('new user: ')) {
    const kv = kvs(msg.slice(10));
    set('user_created');
    if (kv.name) f['user.name'] = kv.name;
    if (kv.UID) f['user.id'] = kv.UID;
    if (kv.GID) f['group.id'] = kv.GID;
    if (kv.home) f['user.home'] = kv.home;
    if (kv.shell) f['user.shell'] = kv.shell;
    return true;
  }
  if (msg.startsWith('new group: ')) {
    const kv = kvs(msg.slice(11));
    set('group_created');
    if (kv.name) f['group.name'] = kv.name;
    if (kv.GID) f['group.id'] = kv.GID;
    return true;
  }
  let m = /^delete user '([^']+)'/.exec(msg);
  if (m) {
    set('user_deleted');
    f['user.name'] = m[1] ?? '';
    return true;
  }
  m = /^password for '([^']+)' changed by '([^']+)'/.exec(msg) ?? /^password changed for (\S+)/.exec(msg);
  if (m) {
    set('password_changed');
    f['user.name'] = m[1] ?? '';
    return true;
  }
  // usermod writes the /etc/group and the /etc/gshadow change as two lines; both are the same fact.
  m = /^add '([^']+)' to (shadow )?group '([^']+)'/.exec(msg) ?? /^user (\S+) added by \S+ to group (\S+)/.exec(msg);
  if (m) {
    set('user_added_to_group');
    f['user.name'] = m[1] ?? '';
    f['group.name'] = (m.length > 3 ? m[3] : m[2]) ?? '';
    if (m.length > 3 && m[2]) f['linux.accounts.shadow'] = true;
    return true;
  }
  m = /^failed adding user '([^']+)'/.exec(msg);
  if (m) {
    set('user_created', 'failure');
    f['user.name'] = m[1] ?? '';
    return true;
  }
  return false;
}
