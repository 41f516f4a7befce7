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

/**
 * Folder layers inside server: what each folder may import from the others. Foundations (db, config,
 * log, metrics) import no other folder; repos see only the database; HTTP routes reach storage and the
 * database through services, never directly; nothing but the composition root (app) and the CLI sees
 * `app`, and nobody imports `cli` or (besides app) `http`. A folder missing from the table may import
 * anything except app, cli and http — add it to the table when it lands.
 */
const SERVER_LAYERS: Record<string, string[]> = {
  db: [],
  config: [],
  log: [],
  metrics: [],
  timeseries: ['db'],
  repos: ['db'],
  bus: ['metrics'],
  storage: ['db', 'bus', 'metrics', 'log'],
  auth: ['config', 'repos', 'log'],
  tenancy: ['repos', 'metrics'],
  extraction: ['repos'],
  pipeline: ['bus', 'metrics', 'storage'],
  detection: ['bus', 'db', 'log', 'metrics', 'storage', 'repos'],
  alerts: ['bus', 'db', 'log', 'repos', 'detection'],
  rules: ['db', 'detection', 'storage', 'repos'],
  snmp: ['auth', 'config', 'db', 'log', 'metrics', 'pipeline', 'timeseries', 'repos'],
  sources: ['config', 'log', 'metrics', 'pipeline', 'repos', 'snmp'],
  agents: ['auth', 'config', 'db', 'log', 'metrics', 'pipeline', 'timeseries'],
  notify: ['auth', 'db', 'repos'],
  incidents: ['bus', 'db', 'log', 'repos'],
  reports: ['db', 'repos', 'notify'],
  dashboards: ['repos'],
  http: ['auth', 'config', 'db', 'extraction', 'log', 'metrics', 'pipeline', 'repos', 'snmp', 'storage', 'detection', 'bus', 'timeseries', 'tenancy', 'notify', 'alerts', 'rules', 'incidents', 'reports', 'agents', 'dashboards'],
  app: ['*'],
  cli: ['*'],
};
/** Paths inside http whose files must not import these folders (routes go through services). */
const HTTP_ROUTES_NEVER = ['db', 'storage'];
/**
 * Known exceptions, each with why and what removes it. The test fails when one is no longer needed,
 * so the list only shrinks.
 */
const LAYER_EXCEPTIONS: Record<string, string> = {
  'repos/users-repo.ts -> auth': 'the Role type lives in auth/permissions; it belongs in contracts',
  'repos/api-keys-repo.ts -> auth': 'the Scope type lives in auth/permissions; it belongs in contracts',
  'http/routes/events.ts -> storage': 'the search cursor codec and EventFilter type; a search service should own them',
};

function serverImports(): { file: string; from: string; to: string }[] {
  const src = join(ROOT, 'packages/server/src');
  const out: { file: string; from: string; to: string }[] = [];
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : /\.(ts|js)$/.test(n) && !/\.test\.ts$/.test(n) ? [join(dir, n)] : []));
  for (const f of walk(src)) {
    const rel = f.slice(src.length + 1);
    const from = rel.includes('/') ? rel.split('/')[0]! : '';
    for (const m of readFileSync(f, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = resolve(join(f, '..'), m[1]!);
      if (!target.startsWith(src + '/')) continue;
      const t = target.slice(src.length + 1);
      const to = t.includes('/') ? t.split('/')[0]! : '';
      if (to !== from && from && to) out.push({ file: rel, from, to });
    }
  }
  return out;
}

describe('architecture inside server', () => {
  const imports = serverImports();
  const used = new Set<string>();
  const excepted = (file: string, to: string) => {
    const k = `${file} -> ${to}`;
    if (!(k in LAYER_EXCEPTIONS)) return false;
    used.add(k);
    return true;
  };

  it('each folder imports only the folders below it', () => {
    const bad: string[] = [];
    for (const { file, from, to } of imports) {
      const allowed = SERVER_LAYERS[from];
      const ok = allowed ? allowed.includes('*') || allowed.includes(to) : !['app', 'cli', 'http'].includes(to);
      if (!ok && !excepted(file, to)) bad.push(`${file} -> ${to}`);
    }
    expect(bad).toEqual([]);
  });

  it('nothing imports cli; only app imports http', () => {
    const bad = imports.filter(({ from, to }) => to === 'cli' || (to === 'http' && from !== 'app')).map(({ file, to }) => `${file} -> ${to}`);
    expect(bad).toEqual([]);
  });

  it('HTTP routes never import the database or storage directly', () => {
    const bad = imports.filter(({ file, to }) => file.startsWith('http/routes/') && HTTP_ROUTES_NEVER.includes(to) && !excepted(file, to)).map(({ file, to }) => `${file} -> ${to}`);
    expect(bad).toEqual([]);
  });

  it('every listed exception is still needed (the list only shrinks)', () => {
    for (const { file, to } of imports) excepted(file, to);
    expect(Object.keys(LAYER_EXCEPTIONS).filter((k) => !used.has(k))).toEqual([]);
  });
});
