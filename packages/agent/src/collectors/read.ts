/**
 * @module collectors/read
 * Reading the host's files under a root path (`/` on a host, a fixture tree in tests). Every reader
 * answers null instead of throwing: a collector reports what it could read.
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/** The path of a host path under `root`. */
export function under(root: string, path: string): string {
  return root === '/' ? path : join(root, path);
}

/** A text file's content, or null. */
export function readText(root: string, path: string): string | null {
  try {
    return readFileSync(under(root, path), 'utf8');
  } catch {
    return null;
  }
}

/** A directory's entry names, or []. */
export function list(root: string, path: string): string[] {
  try {
    return readdirSync(under(root, path));
  } catch {
    return [];
  }
}

/** A symlink's target, or null. */
export function link(root: string, path: string): string | null {
  try {
    return readlinkSync(under(root, path));
  } catch {
    return null;
  }
}

/** The numeric entries of /proc (process ids). */
export function pids(root: string): string[] {
  return list(root, '/proc').filter((n) => /^\d+$/.test(n));
}
