/**
 * @module collectors/accounts
 * Local users (/etc/passwd) and groups (/etc/group).
 */
import { readText } from './read.ts';

/** A local user. */
export interface LocalUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

/** A local group with its listed members. */
export interface LocalGroup {
  name: string;
  gid: number;
  members: string[];
}

/** Users from /etc/passwd. */
export function collectUsers(root: string): LocalUser[] {
  const out: LocalUser[] = [];
  for (const line of (readText(root, '/etc/passwd') ?? '').split('\n')) {
    const f = line.split(':');
    if (f.length < 7 || !f[0] || line.startsWith('#')) continue;
    out.push({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5]!, shell: f[6]!.trim() });
  }
  return out;
}

/** Groups from /etc/group. */
export function collectGroups(root: string): LocalGroup[] {
  const out: LocalGroup[] = [];
  for (const line of (readText(root, '/etc/group') ?? '').split('\n')) {
    const f = line.split(':');
    if (f.length < 4 || !f[0] || line.startsWith('#')) continue;
    out.push({ name: f[0], gid: Number(f[2]), members: f[3]!.trim().split(',').filter(Boolean).sort() });
  }
  return out;
}
