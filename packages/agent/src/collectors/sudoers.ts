/**
 * @module collectors/sudoers
 * Who can use sudo: the user specifications of /etc/sudoers and /etc/sudoers.d (files sudo itself
 * would read: no dot, no trailing ~), and the members of the administrative groups (sudo, wheel,
 * admin) whether by the group list or by primary group. `admins` is the set the diff watches.
 */
import { list, readText } from './read.ts';
import type { LocalGroup, LocalUser } from './accounts.ts';

/** One user specification line. */
export interface SudoRule {
  principal: string;
  rule: string;
  file: string;
}

/** The sudo picture of a host. */
export interface SudoersSnapshot {
  rules: SudoRule[];
  /** Users (and unresolved `%group` / `+netgroup` principals) that can use sudo. */
  admins: string[];
}

const ADMIN_GROUPS = ['sudo', 'wheel', 'admin'];
const NOT_SPECS = /^(Defaults|User_Alias|Runas_Alias|Host_Alias|Cmnd_Alias|Cmd_Alias)\b/;

/** The user specifications of one sudoers text. */
export function parseSudoers(text: string, file: string): SudoRule[] {
  const out: SudoRule[] = [];
  const joined = text.replace(/\\\r?\n/g, ' ');
  for (const raw of joined.split('\n')) {
    const line = raw.trim();
    if (!line || /^[#@]include/.test(line)) continue;
    if (line.startsWith('#')) continue;
    const spec = line.replace(/\s+#.*$/, '');
    if (NOT_SPECS.test(spec) || !spec.includes('=')) continue;
    const principal = spec.split(/[\s,]/)[0]!;
    out.push({ principal, rule: spec.replace(/\s+/g, ' '), file });
  }
  return out;
}

/** Sudo rules and admins under `root`. */
export function collectSudoers(root: string, users: readonly LocalUser[], groups: readonly LocalGroup[]): SudoersSnapshot {
  const rules = parseSudoers(readText(root, '/etc/sudoers') ?? '', '/etc/sudoers');
  for (const name of list(root, '/etc/sudoers.d').sort()) {
    if (name.includes('.') || name.endsWith('~')) continue;
    rules.push(...parseSudoers(readText(root, `/etc/sudoers.d/${name}`) ?? '', `/etc/sudoers.d/${name}`));
  }
  const byGroup = new Map(groups.map((g) => [g.name, g]));
  const membersOf = (name: string): string[] | null => {
    const g = byGroup.get(name);
    if (!g) return null;
    return [...g.members, ...users.filter((u) => u.gid === g.gid).map((u) => u.name)];
  };
  const admins = new Set<string>();
  for (const r of rules) {
    const p = r.principal;
    if (p.startsWith('%')) {
      const m = membersOf(p.slice(1));
      if (m) m.forEach((u) => admins.add(u));
      else admins.add(p);
    } else if (!p.startsWith('+') && p !== 'ALL') admins.add(p);
    else admins.add(p);
  }
  for (const g of ADMIN_GROUPS) membersOf(g)?.forEach((u) => admins.add(u));
  return { rules, admins: [...admins].sort() };
}
