/**
 * @module collectors/packages
 * Installed packages: dpkg's status file (Debian, Ubuntu) read directly; on RPM hosts (RHEL, Fedora,
 * SUSE …) `rpm -qa` over the database under the root (RPM's database is SQLite or Berkeley DB and
 * needs rpm itself to read). rpm runs only when the database changed since the last listing, so a
 * snapshot a minute costs a `stat` on an unchanged host.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { readText, under } from './read.ts';

/** One installed package. */
export interface InstalledPackage {
  name: string;
  version: string;
  arch: string;
}

/** The package section. `error` says why the list could not be read (no change events then). */
export interface PackagesSnapshot {
  manager: 'dpkg' | 'rpm' | 'none';
  packages: InstalledPackage[];
  error?: string;
}

const byNameArch = (a: InstalledPackage, b: InstalledPackage) => a.name.localeCompare(b.name) || a.arch.localeCompare(b.arch);

/** Packages of a dpkg status text (installed ones only). */
export function parseDpkgStatus(text: string): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    let name = '';
    let version = '';
    let arch = '';
    let installed = false;
    for (const line of para.split('\n')) {
      if (line.startsWith('Package: ')) name = line.slice(9).trim();
      else if (line.startsWith('Version: ')) version = line.slice(9).trim();
      else if (line.startsWith('Architecture: ')) arch = line.slice(14).trim();
      else if (line.startsWith('Status: ')) installed = / installed$/.test(line.trim());
    }
    if (name && installed) out.push({ name, version, arch });
  }
  return out.sort(byNameArch);
}

/**
 * What `rpm -qa` prints per package: name, [epoch:]version-release (dpkg's form, so upgrades compare
 * the same way), arch — tab-separated. `gpg-pubkey` entries have no arch (`(none)`).
 */
export const RPM_QUERY_FORMAT = '%{NAME}\\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\t%{ARCH}\\n';

/** Packages of `rpm -qa --queryformat RPM_QUERY_FORMAT` output. */
export function parseRpmQuery(text: string): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  for (const line of text.split('\n')) {
    const [name, version, arch] = line.split('\t');
    if (!name || version === undefined) continue;
    out.push({ name, version, arch: !arch || arch === '(none)' ? '' : arch.trim() });
  }
  return out.sort(byNameArch);
}

/** Where RPM keeps its database (Fedora ≥ 36 and RHEL 10 moved it to /usr/lib/sysimage/rpm). */
const RPM_DB_DIRS = ['/usr/lib/sysimage/rpm', '/var/lib/rpm'];
const RPM_DB_FILES = new Set(['rpmdb.sqlite', 'rpmdb.sqlite-wal', 'Packages', 'Packages.db']);

/** The RPM database directory under `root` and a stamp that changes when the database does, or null. */
function rpmDatabase(root: string): { dir: string; stamp: string } | null {
  for (const dir of RPM_DB_DIRS) {
    let names: string[];
    try {
      names = readdirSync(under(root, dir));
    } catch {
      continue;
    }
    const parts: string[] = [];
    for (const n of names) {
      if (!RPM_DB_FILES.has(n)) continue;
      try {
        const s = statSync(under(root, `${dir}/${n}`));
        parts.push(`${n}:${s.size}:${s.mtimeMs}`);
      } catch {
        /* gone between readdir and stat */
      }
    }
    if (parts.length) return { dir, stamp: parts.sort().join(',') };
  }
  return null;
}

/** The last rpm listing per root and database stamp. */
const rpmCache = new Map<string, { stamp: string; packages: InstalledPackage[] }>();

/** Installed packages from the RPM database under `root` (rpm runs only when the database changed). */
function rpmPackages(root: string, db: { dir: string; stamp: string }, rpm: string): PackagesSnapshot {
  const hit = rpmCache.get(root);
  if (hit && hit.stamp === db.stamp) return { manager: 'rpm', packages: hit.packages };
  try {
    const text = execFileSync(rpm, ['--root', root, '--dbpath', db.dir, '-qa', '--queryformat', RPM_QUERY_FORMAT], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    const packages = parseRpmQuery(text);
    rpmCache.set(root, { stamp: db.stamp, packages });
    return { manager: 'rpm', packages };
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { status?: number };
    const error = e.code === 'ENOENT' ? 'rpm is not installed' : `rpm -qa failed${e.status ? ` (exit ${e.status})` : ''}: ${e.message.split('\n')[0]}`;
    // Keep the last good list: an empty one would read as every package removed.
    return hit ? { manager: 'rpm', packages: hit.packages, error } : { manager: 'rpm', packages: [], error };
  }
}

/** Installed packages under `root`; `rpm` is the rpm program (a test may point at another). */
export function collectPackages(root: string, opts: { rpm?: string } = {}): PackagesSnapshot {
  const status = readText(root, '/var/lib/dpkg/status');
  if (status !== null) return { manager: 'dpkg', packages: parseDpkgStatus(status) };
  const db = rpmDatabase(root);
  if (db) return rpmPackages(root, db, opts.rpm ?? 'rpm');
  return { manager: 'none', packages: [] };
}
