/**
 * @module collectors/fim
 * File integrity of a list of paths (a directory stands for the files directly in it): SHA-256,
 * mode, owner, group, size and modification time. A file whose inode, size, mtime and ctime did not
 * change is not hashed again. A file the agent may not read (/etc/shadow when not root) still has
 * its mode and owner watched; its hash is null with `error`.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, type Stats } from 'node:fs';
import { under } from './read.ts';

/** One watched file's state. */
export interface FileState {
  sha256: string | null;
  mode: string;
  uid: number;
  gid: number;
  owner?: string;
  group?: string;
  size: number;
  mtime: string;
  type: 'file' | 'symlink';
  error?: string;
}

/** Files larger than this are watched by metadata only. */
const MAX_HASH_BYTES = 64 * 1024 * 1024;

/** A hash cache across calls, keyed by path. */
export type HashCache = Map<string, { sig: string; sha256: string | null; error?: string }>;

function expand(root: string, paths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    let st: Stats;
    try {
      st = lstatSync(under(root, p));
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      try {
        for (const n of readdirSync(under(root, p)).sort()) out.add(`${p.replace(/\/$/, '')}/${n}`);
      } catch {
        /* unreadable directory: nothing to list */
      }
    } else out.add(p);
  }
  return [...out];
}

/** The watched files' states by path, under `root`. */
export function collectFim(root: string, paths: readonly string[], names: { users: ReadonlyMap<number, string>; groups: ReadonlyMap<number, string> }, cache: HashCache = new Map()): Record<string, FileState> {
  const out: Record<string, FileState> = {};
  for (const path of expand(root, paths)) {
    let st: Stats;
    try {
      st = lstatSync(under(root, path));
    } catch {
      continue;
    }
    if (!st.isFile() && !st.isSymbolicLink()) continue;
    const sig = `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
    let hit = cache.get(path);
    if (!hit || hit.sig !== sig) {
      if (st.isSymbolicLink()) hit = { sig, sha256: null };
      else if (st.size > MAX_HASH_BYTES) hit = { sig, sha256: null, error: 'too large to hash' };
      else {
        try {
          hit = { sig, sha256: createHash('sha256').update(readFileSync(under(root, path))).digest('hex') };
        } catch (err) {
          hit = { sig, sha256: null, error: (err as NodeJS.ErrnoException).code ?? 'unreadable' };
        }
      }
      cache.set(path, hit);
    }
    out[path] = {
      sha256: hit.sha256,
      mode: (st.mode & 0o7777).toString(8).padStart(4, '0'),
      uid: st.uid,
      gid: st.gid,
      ...(names.users.has(st.uid) ? { owner: names.users.get(st.uid) } : {}),
      ...(names.groups.has(st.gid) ? { group: names.groups.get(st.gid) } : {}),
      size: st.size,
      mtime: new Date(st.mtimeMs).toISOString(),
      type: st.isSymbolicLink() ? 'symlink' : 'file',
      ...(hit.error ? { error: hit.error } : {}),
    };
  }
  return out;
}
