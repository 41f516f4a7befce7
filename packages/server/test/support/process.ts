/**
 * Test support, the one place for: free ports, the real `vigil` CLI as a child process (tests, the
 * browser e2e harness and the benchmarks all spawn it through `spawnVigil`), and the env that keeps a
 * test server off every default port (8080, 5514, 6514, 1162), so `npm test` runs beside `npm start`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { createServer } from 'node:net';

/** The repository root. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
/** The CLI launcher (runs the built bundle, or the sources when the bundle is missing or stale). */
export const VIGIL_BIN = resolve(REPO_ROOT, 'packages/server/bin/vigil.js');

/**
 * The Node flags the launcher's shebang gives the server (`#!/usr/bin/env -S node FLAGS`): how `vigil
 * start` and `npm start` run it. Spawning `node VIGIL_BIN` skips the shebang, so every spawn here passes
 * them explicitly and tests, e2e and benchmarks run the server as users do.
 */
export const LAUNCHER_NODE_FLAGS: readonly string[] = (/^#!\/usr\/bin\/env -S node(.*)$/m.exec(readFileSync(VIGIL_BIN, 'utf8').split('\n', 1)[0]!)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

/** Env that turns off every listener with a default port; a test that needs one sets a free port explicitly. */
export const NO_DEFAULT_PORTS: Readonly<Record<string, string>> = { VIGIL_HTTP_HOST: '127.0.0.1', VIGIL_SYSLOG_PORT: '0', VIGIL_SNMP_TRAP_PORT: '0' };

/** A `vigil start` child process that answered /healthz. */
export interface VigilProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  url: string;
  /** stdout + stderr so far (the last 100 KB or more). */
  output: () => string;
  /** SIGTERM, then wait for exit (SIGKILL after timeoutMs). Answers the exit code. */
  stop: (timeoutMs?: number) => Promise<number | null>;
}

/**
 * Spawns `vigil start` on a free HTTP port (or `port`) with default listeners off and waits for
 * /healthz (and `ready`, when given). env is laid over process.env and NO_DEFAULT_PORTS.
 */
export async function spawnVigil(opts: { env?: Record<string, string>; port?: number; cwd?: string; timeoutMs?: number; ready?: () => boolean; nodeArgs?: readonly string[] } = {}): Promise<VigilProcess> {
  const port = opts.port ?? (await freePort());
  let out = '';
  const child = spawn(process.execPath, [...LAUNCHER_NODE_FLAGS, ...(opts.nodeArgs ?? []), VIGIL_BIN, 'start'], { cwd: opts.cwd, env: { ...process.env, ...NO_DEFAULT_PORTS, ...opts.env, VIGIL_HTTP_PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = `http://127.0.0.1:${port}`;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vigil start exited ${child.exitCode} before it was ready:\n${out}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok && (!opts.ready || opts.ready())) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`vigil start did not answer /healthz within ${timeoutMs / 1000} s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    pid: child.pid!,
    port,
    url,
    output: () => out,
    stop: async (stopTimeoutMs = 120_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      const code = await exited;
      clearTimeout(t);
      return code;
    },
  };
}

/** Spawns `vigil start` on `port` and waits until /healthz answers (the older two-argument form). */
export async function spawnServer(env: Record<string, string>, port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const p = await spawnVigil({ env, port, timeoutMs: 30_000 });
  return { child: p.child, output: p.output };
}

/** Runs the CLI to completion. */
export function runCli(args: string[], env: Record<string, string> = {}, input?: string, opts: { cwd?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [VIGIL_BIN, ...args], { cwd: opts.cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => res({ code: code ?? -1, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}
