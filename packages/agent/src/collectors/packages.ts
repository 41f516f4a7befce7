/**
 * @module collectors/packages
 * Installed packages: dpkg's status file (Debian, Ubuntu) read directly; on RPM hosts (RHEL, Fedora,
 * SUSE …) `rpm -qa` over the database under the root (RPM's database is SQLite or Berkeley DB and
 * needs rpm itself to read). Either is read only when it changed since the last listing, so a
 * snapshot a minute costs a `stat` on an unchanged host (and the agent does not re-read a status file
 * of a megabyte or more every minute: that churn alone grew its heap by a few MB).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { compareText } from './compare.ts';
import { under } from './read.ts';

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

const byNameArch = (a: InstalledPackage, b: InstalledPackage) => compareText(a.name, b.name) || compareText(a.arch, b.arch);

const PACKAGE = Buffer.from('Package: ');
const VERSION = Buffer.from('Version: ');
const ARCH = Buffer.from('Architecture: ');
const STATUS = Buffer.from('Status: ');
const INSTALLED = Buffer.from(' installed');

/** True when buf[at..end) starts with `prefix` (the first byte is checked in JS: most lines differ there). */
const startsAt = (buf: Buffer, at: number, end: number, prefix: Buffer) => buf[at] === prefix[0] && end - at >= prefix.length && buf.compare(prefix, 0, prefix.length, at, at + prefix.length) === 0;

/**
 * Packages of a dpkg status file (installed ones only). Scans the bytes line by line and copies out
 * only the three fields kept, so the listing holds no slice of the (megabyte) text alive.
 */
export function parseDpkgStatus(status: string | Buffer): InstalledPackage[] {
  const buf = typeof status === 'string' ? Buffer.from(status) : status;
  const out: InstalledPackage[] = [];
  let name = '';
  let version = '';
  let arch = '';
  let installed = false;
  const value = (from: number, end: number) => buf.toString('utf8', from, end).trim();
  const endParagraph = () => {
    if (name && installed) out.push({ name, version, arch });
    name = version = arch = '';
    installed = false;
  };
  for (let at = 0; at < buf.length; ) {
    let end = buf.indexOf(10, at);
    if (end < 0) end = buf.length;
    if (startsAt(buf, at, end, PACKAGE)) name = value(at + PACKAGE.length, end);
    else if (startsAt(buf, at, end, VERSION)) version = value(at + VERSION.length, end);
    else if (startsAt(buf, at, end, ARCH)) arch = value(at + ARCH.length, end);
    else if (startsAt(buf, at, end, STATUS)) {
      let e = end;
      while (e > at && (buf[e - 1] === 13 || buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
      installed = e - at >= INSTALLED.length && buf.compare(INSTALLED, 0, INSTALLED.length, e - INSTALLED.length, e) === 0;
    } else {
      // A line of nothing but white space ends a paragraph.
      let i = at;
      while (i < end && (buf[i] === 32 || buf[i] === 9 || buf[i] === 13)) i++;
      if (i === end) endParagraph();
    }
    at = end + 1;
  }
  endParagraph();
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

/** The last listing per package manager and root, with the stamp of the database it was read from. */
const listings = new Map<string, { stamp: string; packages: InstalledPackage[] }>();

/** Installed packages from dpkg's status file `path` (read only when it changed); null when there is none. */
function dpkgPackages(root: string, path: string): PackagesSnapshot | null {
  let stamp: string;
  try {
    const s = statSync(path);
    stamp = `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
  } catch {
    return null;
  }
  const key = `dpkg\u0000${root}`;
  const hit = listings.get(key);
  if (hit && hit.stamp === stamp) return { manager: 'dpkg', packages: hit.packages };
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch {
    return null;
  }
  const packages = parseDpkgStatus(data);
  listings.set(key, { stamp, packages });
  return { manager: 'dpkg', packages };
}

/** Installed packages from the RPM database under `root` (rpm runs only when the database changed). */
function rpmPackages(root: string, db: { dir: string; stamp: string }, rpm: string): PackagesSnapshot {
  const key = `rpm\u0000${root}`;
  const hit = listings.get(key);
  if (hit && hit.stamp === db.stamp) return { manager: 'rpm', packages: hit.packages };
  try {
    const text = execFileSync(rpm, ['--root', root, '--dbpath', db.dir, '-qa', '--queryformat', RPM_QUERY_FORMAT], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    const packages = parseRpmQuery(text);
    listings.set(key, { stamp: db.stamp, packages });
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
  const dpkg = dpkgPackages(root, under(root, '/var/lib/dpkg/status'));
  if (dpkg) return dpkg;
  const db = rpmDatabase(root);
  if (db) return rpmPackages(root, db, opts.rpm ?? 'rpm');
  return { manager: 'none', packages: [] };
}
