/**
 * @module snapshot
 * One security snapshot of a host: every enabled collector run under the root path, as sections named
 * like the contract's SNAPSHOT_SECTIONS. Logins are the exception: they are a stream, so the section
 * holds the recent ones and `newLogins` what was appended since the offsets in `loginOffsets`.
 */
import type { SnapshotSection } from '@vigil/contracts';
import { collectGroups, collectUsers } from './collectors/accounts.ts';
import { collectSudoers } from './collectors/sudoers.ts';
import { collectSshKeys } from './collectors/ssh-keys.ts';
import { collectSshd } from './collectors/sshd.ts';
import { collectPorts } from './collectors/ports.ts';
import { collectPackages } from './collectors/packages.ts';
import { collectOs } from './collectors/os-info.ts';
import { collectFim, type HashCache } from './collectors/fim.ts';
import { readNewLogins, type LoginRecord } from './collectors/logins.ts';

/** Sections by name. */
export type Sections = Partial<Record<SnapshotSection, unknown>>;

/** Where the login files were read up to. */
export interface LoginOffsets {
  wtmp: number;
  btmp: number;
}

/** What one snapshot found. */
export interface Snapshot {
  sections: Sections;
  newLogins: LoginRecord[];
  loginOffsets: LoginOffsets;
}

/** How to take a snapshot. */
export interface SnapshotOptions {
  root: string;
  fimPaths: readonly string[];
  enabled: (collector: string) => boolean;
  hashCache: HashCache;
  loginOffsets: LoginOffsets | null;
}

/** Takes a snapshot. On the first one (no offsets yet), existing login records are history, not news. */
export function takeSnapshot(o: SnapshotOptions): Snapshot {
  const { root } = o;
  const sections: Sections = {};
  const users = collectUsers(root);
  const groups = collectGroups(root);
  if (o.enabled('os')) sections.os = collectOs(root);
  if (o.enabled('users')) {
    sections.users = users;
    sections.groups = groups;
  }
  if (o.enabled('sudoers')) sections.sudoers = collectSudoers(root, users, groups);
  if (o.enabled('ssh_keys')) sections.ssh_keys = collectSshKeys(root, users);
  if (o.enabled('sshd')) sections.sshd = collectSshd(root);
  if (o.enabled('ports') || o.enabled('outbound')) {
    const p = collectPorts(root);
    if (o.enabled('ports')) sections.ports = p.listening;
    if (o.enabled('outbound')) sections.outbound = p.outbound;
  }
  if (o.enabled('packages')) sections.packages = collectPackages(root);
  if (o.enabled('fim')) sections.fim = collectFim(root, o.fimPaths, { users: new Map(users.map((u) => [u.uid, u.name])), groups: new Map(groups.map((g) => [g.gid, g.name])) }, o.hashCache);
  let newLogins: LoginRecord[] = [];
  let loginOffsets = o.loginOffsets ?? { wtmp: 0, btmp: 0 };
  if (o.enabled('logins')) {
    const w = readNewLogins(root, '/var/log/wtmp', loginOffsets.wtmp, false);
    const b = readNewLogins(root, '/var/log/btmp', loginOffsets.btmp, true);
    const first = o.loginOffsets === null;
    newLogins = first ? [] : [...w.records, ...b.records].sort((x, y) => x.at - y.at);
    loginOffsets = { wtmp: w.offset, btmp: b.offset };
    sections.logins = { recent: w.records.slice(-20), failed: b.records.slice(-20), btmpReadable: b.readable };
  }
  return { sections, newLogins, loginOffsets };
}
