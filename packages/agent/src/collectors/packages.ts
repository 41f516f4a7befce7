/**
 * @module collectors/packages
 * Installed packages from dpkg's status file (Debian, Ubuntu). RPM's database is Berkeley DB or
 * SQLite and needs rpm itself; on RPM hosts the section says `manager: rpm` with no list (docs/agent.md).
 */
import { existsSync } from 'node:fs';
import { readText, under } from './read.ts';

/** One installed package. */
export interface InstalledPackage {
  name: string;
  version: string;
  arch: string;
}

/** The package section. */
export interface PackagesSnapshot {
  manager: 'dpkg' | 'rpm' | 'none';
  packages: InstalledPackage[];
}

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
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.arch.localeCompare(b.arch));
}

/** Installed packages under `root`. */
export function collectPackages(root: string): PackagesSnapshot {
  const status = readText(root, '/var/lib/dpkg/status');
  if (status !== null) return { manager: 'dpkg', packages: parseDpkgStatus(status) };
  if (existsSync(under(root, '/var/lib/rpm'))) return { manager: 'rpm', packages: [] };
  return { manager: 'none', packages: [] };
}
