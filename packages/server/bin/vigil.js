#!/usr/bin/env -S node --max-semi-space-size=64
// --max-semi-space-size=64 (MiB, default 16): a server that builds, holds until commit and drops
// thousands of events a second promoted many of them to the old generation through undersized young
// generations; 64 measured +16 % syslog events per CPU-second (docs/performance.md). The test helpers and
// the bench read the flags from this line (LAUNCHER_NODE_FLAGS), so run the server through it.
// The vigil CLI launcher. Runs the compiled bundle (packages/server/dist, built by `npm install` and
// `npm run build`) so a command starts in a fraction of a second. Falls back to the TypeScript sources
// through tsx (seconds per call) when the bundle is missing, older than any source file (a checkout or
// edit since the last build), or when VIGIL_FROM_SOURCE=1 — so tests and development never run stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Some dependencies (cookie 2, content-disposition 3) are ESM-only and loaded with require() by CommonJS
// packages; Node runs that (require(esm)) unflagged from 20.19. Say so plainly instead of a stack trace.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`vigil needs Node.js 20.19 or newer (this is ${process.version}).\n`);
  process.exit(1);
}

const SERVER = join(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = join(SERVER, '..');
const BUNDLE = join(SERVER, 'dist/vigil.js');
const STAMP = join(SERVER, 'dist/build.json');

/** Newest modification time (ms) of any file under dir. */
function newest(dir) {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

function bundleIsFresh() {
  if (process.env.VIGIL_FROM_SOURCE === '1' || !existsSync(BUNDLE) || !existsSync(STAMP)) return false;
  const built = statSync(STAMP).mtimeMs;
  for (const pkg of ['contracts', 'core', 'server']) {
    const src = join(PACKAGES, pkg, 'src');
    if (existsSync(src) && newest(src) > built) return false;
  }
  return true;
}

if (bundleIsFresh()) {
  await import(pathToFileURL(BUNDLE).href);
} else {
  if (existsSync(BUNDLE) && process.stderr.isTTY && process.env.VIGIL_FROM_SOURCE !== '1') {
    process.stderr.write('vigil: sources changed since the last build; running them through tsx (slower). `npm run build` makes the CLI fast again.\n');
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
