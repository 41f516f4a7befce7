/**
 * @module app/paths
 * Where the server package lives on disk, found the same way from the TypeScript sources and from the
 * built bundle (packages/server/dist), whose files sit at a different depth.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** The @vigil/server package directory. */
export const SERVER_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** Where the built web UI lives. */
export const WEB_DIST = resolve(SERVER_ROOT, '../web/dist');

/** Where the built host agent bundle lives (npm run build:agent). */
export const AGENT_DIST = resolve(SERVER_ROOT, '../agent/dist');

/** The server package's version. */
export function serverVersion(): string {
  return (JSON.parse(readFileSync(join(SERVER_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
