/**
 * Imports point inward: contracts <- core <- server; web and agent see contracts only; nothing imports server.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
const ALLOWED: Record<string, string[]> = {
  contracts: [],
  core: ['contracts'],
  server: ['contracts', 'core'],
  web: ['contracts'],
  agent: ['contracts'],
};

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (n === 'node_modules' || n === 'dist') return [];
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(n) ? [p] : [];
  });
}

describe('architecture', () => {
  for (const [pkg, allowed] of Object.entries(ALLOWED)) {
    it(`${pkg} imports only ${allowed.join(', ') || 'no other package'}`, () => {
      const bad: string[] = [];
      for (const f of files(join(ROOT, 'packages', pkg, 'src'))) {
        const text = readFileSync(f, 'utf8');
        for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](@vigil\/([a-z]+)|\.\.\/(?:\.\.\/)*(?:packages\/)?(contracts|core|server|web|agent)\/)/g)) {
          const target = m[2] ?? m[3];
          if (target && target !== pkg && !allowed.includes(target)) bad.push(`${f.slice(ROOT.length + 1)} -> ${target}`);
        }
        if (pkg === 'core' && /from ['"]node:(fs|net|dgram|http|https|child_process)['"]/.test(text)) bad.push(`${f.slice(ROOT.length + 1)} does I/O (core must stay pure)`);
      }
      expect(bad).toEqual([]);
    });
  }
});
