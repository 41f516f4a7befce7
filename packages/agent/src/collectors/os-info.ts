/**
 * @module collectors/os-info
 * The operating system: os-release, kernel release, host name, architecture.
 */
import { hostname } from 'node:os';
import { readText } from './read.ts';

/** What the agent says about its system (the contract's AgentOs plus the host name). */
export interface OsInfo {
  name?: string;
  id?: string;
  version?: string;
  kernel?: string;
  arch: string;
  platform: string;
  hostname: string;
}

/** OS facts under `root` (host name: /proc/sys/kernel/hostname, /etc/hostname, else the system's). */
export function collectOs(root: string): OsInfo {
  const rel: Record<string, string> = {};
  for (const line of (readText(root, '/etc/os-release') ?? readText(root, '/usr/lib/os-release') ?? '').split('\n')) {
    const m = /^([A-Z_]+)=("?)(.*)\2$/.exec(line.trim());
    if (m) rel[m[1]!] = m[3]!;
  }
  const host = readText(root, '/proc/sys/kernel/hostname')?.trim() || readText(root, '/etc/hostname')?.trim() || hostname();
  return {
    ...(rel.PRETTY_NAME ?? rel.NAME ? { name: rel.PRETTY_NAME ?? rel.NAME } : {}),
    ...(rel.ID ? { id: rel.ID } : {}),
    ...(rel.VERSION_ID ? { version: rel.VERSION_ID } : {}),
    ...(readText(root, '/proc/sys/kernel/osrelease') ? { kernel: readText(root, '/proc/sys/kernel/osrelease')!.trim() } : {}),
    arch: process.arch,
    platform: process.platform,
    hostname: host,
  };
}
