/**
 * The CLI ships as compiled JavaScript: `npm run build:server` bundles it, `vigil --help` answers from
 * the bundle quickly, and `vigil start` from the bundle (SQLite writer thread included) serves /healthz.
 * Builds into its own folder so tests running the launcher meanwhile are not disturbed.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, freePort, NO_DEFAULT_PORTS } from '../support/process.ts';
import { tempDir } from '../support/temp-dir.ts';

const OUT = join(REPO_ROOT, `packages/server/.test-dist-${process.pid}`);
const BUNDLE = join(OUT, 'vigil.js');

// Reports the child's own CPU time on exit, and every module it loads: whether anything is compiled
// is decided by what loads (a .ts file, tsx), not by time on a shared, loaded machine.
const LOAD_HOOK = `export async function load(url, context, next) { process.stderr.write('loaded=' + url + '\\n'); return next(url, context); }`;
const REPORT = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(LOAD_HOOK)}`)}); process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('cpu-ms=' + (u.user + u.system) / 1000 + '\\n'); });`)}`;

function run(args: string[]): { cpuMs: number; stdout: string; loaded: string[] } {
  const r = spawnSync(process.execPath, ['--import', REPORT, BUNDLE, ...args], { encoding: 'utf8', env: { ...process.env, ...NO_DEFAULT_PORTS } });
  const loaded = [...r.stderr.matchAll(/^loaded=(.*)$/gm)].map((m) => m[1]!);
  return { cpuMs: Number(/cpu-ms=([\d.]+)/.exec(r.stderr)?.[1] ?? NaN), stdout: r.stdout, loaded };
}

beforeAll(() => {
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/build-server.mjs'), '--outdir', OUT], { stdio: 'pipe' });
}, 120_000);
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('the built CLI', () => {
  it('bundles the CLI and the SQLite writer thread', () => {
    expect(existsSync(BUNDLE)).toBe(true);
    expect(existsSync(join(OUT, 'sqlite-writer.worker.js'))).toBe(true);
    expect(existsSync(join(OUT, 'sqlite-reader.worker.js'))).toBe(true);
    expect(existsSync(join(OUT, 'build.json'))).toBe(true);
  });

  it('answers --help and version from the bundle without compiling anything', () => {
    const help = run(['--help']);
    expect(help.stdout).toMatch(/Usage: vigil/);
    expect(help.stdout).toMatch(/start/);
    const version = run(['version']);
    expect(version.stdout).toMatch(/^vigil \d+\.\d+\.\d+ \(node v/);
    // Nothing is compiled: no TypeScript source and no tsx loader is loaded, only the bundle and packages.
    for (const r of [help, version]) {
      expect(r.loaded.some((u) => u.includes('/.test-dist-'))).toBe(true);
      expect(r.loaded.filter((u) => /\.(c|m)?tsx?$/.test(new URL(u).pathname) || u.includes('/node_modules/tsx/'))).toEqual([]);
    }
    // 0.35-0.85 CPU-s depending on the machine's load (loading ~400 modules, most of them typebox's);
    // through tsx it is over 1 CPU-s idle. A loose bound: the module check above is the real one.
    expect(Math.min(help.cpuMs, version.cpuMs)).toBeLessThan(3000);
  });

  it('starts from the bundle and serves /healthz, ingest and search with the writer and reader threads on', async () => {
    const dir = tempDir();
    const port = await freePort();
    const t0 = Date.now();
    const child = spawn(process.execPath, [BUNDLE, 'start'], { env: { ...process.env, ...NO_DEFAULT_PORTS, VIGIL_HTTP_PORT: String(port), VIGIL_DATA_DIR: dir.path, VIGIL_LOG_LEVEL: 'warn', VIGIL_DATABASE_SQLITE_WRITER_THREAD: 'true', VIGIL_ADMIN_PASSWORD: 'bundle-admin-password' }, stdio: 'ignore' });
    try {
      let up = false;
      while (!up && Date.now() - t0 < 30_000 && child.exitCode === null) {
        up = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
        if (!up) await new Promise((r) => setTimeout(r, 50));
      }
      expect(up).toBe(true);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      // The worker threads load from the bundle too: one event written (writer) and found (reader).
      const base = `http://127.0.0.1:${port}`;
      const { ingestKey } = JSON.parse(readFileSync(join(dir.path, 'bootstrap.json'), 'utf8')) as { ingestKey: string };
      const ingest = await fetch(`${base}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${ingestKey}`, 'content-type': 'application/x-ndjson' }, body: '{"message":"from the bundle"}\n' });
      expect(ingest.status).toBe(202);
      const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'bundle-admin-password' }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const found = await fetch(`${base}/api/v1/events?q=${encodeURIComponent('"from the bundle"')}`, { headers: { cookie } });
      expect(((await found.json()) as { events: unknown[] }).events).toHaveLength(1);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      dir.remove();
    }
  });
});
