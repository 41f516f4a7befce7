/**
 * The launcher carries the server's Node flags in its shebang (`#!/usr/bin/env -S node FLAGS`): run as
 * an executable (`vigil`, `npm start`) it gets them, and the shared test helpers read the same line.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAUNCHER_NODE_FLAGS, REPO_ROOT, VIGIL_BIN } from '../support/process.ts';

describe('the launcher', () => {
  it('names a larger young generation for the server, which the test helpers pass on', () => {
    expect(LAUNCHER_NODE_FLAGS).toContain('--max-semi-space-size=64');
  });

  it('runs as an executable (env -S splits the flags)', () => {
    const r = spawnSync(VIGIL_BIN, ['--help'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Usage: vigil/m);
  });

  it('is what `npm start` runs (through its shebang, not `node`, which would drop the flags)', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('packages/server/bin/vigil.js start');
  });
});
