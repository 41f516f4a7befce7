/**
 * Test support for the host agent: the real bundle (built by scripts/build-agent.mjs, as `npm install`
 * does) run as a child process with its own config and state directory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './process.ts';

/** The built agent bundle. */
export const AGENT_BUNDLE = resolve(REPO_ROOT, 'packages/agent/dist/vigil-agent.js');

/** Builds the agent bundle (once per test process); answers its path. */
export function buildAgentBundle(): string {
  const r = spawnSync(process.execPath, [resolve(REPO_ROOT, 'scripts/build-agent.mjs')], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`agent build failed:\n${r.stdout}${r.stderr}`);
  if (!existsSync(AGENT_BUNDLE) || !statSync(AGENT_BUNDLE).size) throw new Error('agent build left no bundle');
  return AGENT_BUNDLE;
}

/** Writes an agent config file; answers its path. */
export function agentConfig(dir: string, cfg: Record<string, unknown>): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'agent.json');
  writeFileSync(path, JSON.stringify({ stateDir: join(dir, 'state'), journald: false, ...cfg }, null, 2));
  return path;
}

/** Runs an agent command to completion. */
export function agentCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [AGENT_BUNDLE, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => res({ code, stdout, stderr }));
  });
}

/** A running `vigil-agent run`. */
export interface AgentProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  stop: () => Promise<number | null>;
}

/** Starts `vigil-agent run --config cfg`. */
export function startAgent(configPath: string, env: Record<string, string> = {}): AgentProcess {
  const child = spawn(process.execPath, [AGENT_BUNDLE, 'run', '--config', configPath], { env: { ...process.env, VIGIL_AGENT_LOG_LEVEL: 'debug', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 400_000) out = out.slice(-200_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    output: () => out,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(t);
      return code;
    },
  };
}
