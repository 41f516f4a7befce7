/**
 * @module rules/builtin-rules
 * The built-in rule pack: YAML files under `packages/server/rules/builtin/` (one rule per file),
 * compiled once at start. Every tenant runs them unless it switched one off.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { RuleDoc } from '@vigil/contracts';
import { BUILTIN_RULE_KINDS, compileRule } from '@vigil/core';

/** The pack's folder: `packages/server/rules/builtin`, found from this file (source) or the bundle (dist). */
export function builtinRulesDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'rules', 'builtin');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** Loads and validates the pack; a rule that does not compile is left out and named in `problems` (a test keeps that list empty). */
export function loadBuiltinRules(dir = builtinRulesDir()): { docs: RuleDoc[]; problems: string[] } {
  const docs: RuleDoc[] = [];
  const problems: string[] = [];
  if (!dir) return { docs, problems };
  for (const file of walk(dir).sort()) {
    try {
      const doc = parse(readFileSync(file, 'utf8')) as RuleDoc;
      const r = compileRule(doc, BUILTIN_RULE_KINDS);
      if (r.ok) docs.push(doc);
      else problems.push(`${file}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    } catch (err) {
      problems.push(`${file}: ${(err as Error).message}`);
    }
  }
  return { docs, problems };
}
