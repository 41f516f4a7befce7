#!/usr/bin/env node
// The vigil-agent launcher in a source checkout: runs the bundle (packages/agent/dist, built by
// `npm install` / `npm run build`) when it is newer than the sources, else the TypeScript through tsx.
// Installed hosts run the bundle directly (`node /opt/vigil-agent/vigil-agent.js`).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const AGENT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = join(AGENT, 'dist/vigil-agent.js');

function newest(dir) {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

const fresh = process.env.VIGIL_FROM_SOURCE !== '1' && existsSync(BUNDLE) && ['agent', 'contracts'].every((p) => newest(join(AGENT, '..', p, 'src')) <= statSync(BUNDLE).mtimeMs);
if (fresh) {
  const { createRequire } = await import('node:module');
  createRequire(import.meta.url)(BUNDLE);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(AGENT, 'src/main.ts')).href);
}
