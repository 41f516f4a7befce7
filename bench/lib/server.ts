/**
 * A real `vigil start` as a child process, plus what the benchmarks read about it: peak RSS
 * (VmHWM), CPU seconds, and the Prometheus histograms on /metrics.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnVigil, type VigilProcess } from '../../packages/server/test/support/process.ts';
import { progress } from './stats.ts';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
// Free ports and spawning live in the shared test support, so tests, e2e and the benchmarks agree.
export { freePort, VIGIL_BIN, type VigilProcess } from '../../packages/server/test/support/process.ts';
export const RUN_TS = resolve(ROOT, 'packages/server/bin/run-ts.js');

/** Newest modification time (ms) of any file under dir. */
function newest(dir: string): number {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

/** True when `bin/vigil.js` will run the compiled bundle (the same test it makes), not the sources through tsx. */
export function bundleIsFresh(): boolean {
  const stamp = resolve(ROOT, 'packages/server/dist/build.json');
  if (process.env.VIGIL_FROM_SOURCE === '1' || !existsSync(resolve(ROOT, 'packages/server/dist/vigil.js')) || !existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return ['contracts', 'core', 'server'].every((p) => !existsSync(resolve(ROOT, 'packages', p, 'src')) || newest(resolve(ROOT, 'packages', p, 'src')) <= built);
}

/**
 * The mode the benchmark servers run in. A stale bundle would make `vigil start` run the TypeScript
 * sources through tsx (a third slower), so the bench builds first; BENCH_FROM_SOURCE=1 measures tsx on purpose.
 */
export function ensureBundle(): 'bundle' | 'tsx' {
  if (process.env.BENCH_FROM_SOURCE === '1') return 'tsx';
  if (!bundleIsFresh()) {
    const r = spawnSync(process.execPath, [resolve(ROOT, 'scripts/build-server.mjs')], { stdio: 'inherit' });
    if (r.status !== 0 || !bundleIsFresh()) throw new Error('could not build the server bundle (npm run build:server): the bench would measure the sources through tsx');
  }
  return 'bundle';
}

/** Base env for a benchmark server: quiet, no syslog/SNMP listeners, no ingest rate limit to speak of. */
export function benchEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    VIGIL_DATA_DIR: dataDir,
    VIGIL_LOG_LEVEL: 'warn',
    VIGIL_INGEST_RATE_LIMIT: '100000000',
    VIGIL_SYSLOG_PORT: '0',
    VIGIL_SNMP_TRAP_PORT: '0',
    VIGIL_HTTP_HOST: '127.0.0.1',
    ...(process.env.BENCH_FROM_SOURCE === '1' ? { VIGIL_FROM_SOURCE: '1' } : {}),
    ...extra,
  };
}

/** Spawns `vigil start` (the shared test helper) and waits until /healthz answers (default 60 s). */
export function startVigil(env: Record<string, string>, timeoutMs?: number): Promise<VigilProcess> {
  return spawnVigil({ env, ...(timeoutMs ? { timeoutMs } : {}) });
}

/** Peak resident set (VmHWM) of a live process, in MiB. */
export function peakRssMiB(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** Current resident set (VmRSS), in MiB. */
export function rssMiB(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** User + system CPU seconds a live process has used. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11] = utime, fields[12] = stime (0-based after the comm field, state is fields[0]).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** Fields of each thread's /proc stat line after the command name (tid -> fields) of a live process. */
function threadStats(pid: number): Map<number, string[]> {
  const out = new Map<number, string[]>();
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      out.set(Number(tid), stat.slice(stat.lastIndexOf(')') + 2).split(' '));
    } catch {
      /* thread gone */
    }
  }
  return out;
}

/** CPU seconds per thread (tid -> seconds) of a live process. */
export function threadCpuSeconds(pid: number): Map<number, number> {
  return new Map([...threadStats(pid)].map(([tid, f]) => [tid, (Number(f[11]) + Number(f[12])) / 100]));
}

/** Nice value per thread (tid -> nice) of a live process: the search indexer runs at 19. */
export function threadNice(pid: number): Map<number, number> {
  return new Map([...threadStats(pid)].map(([tid, f]) => [tid, Number(f[16])]));
}

/**
 * The store writer thread's rows per CPU-second (the ingest bottleneck): the busiest thread besides
 * the main one among threads at normal priority (the search indexer, at nice 19, is counted apart).
 */
export function writerAndIndexer(pid: number, before: Map<number, number>, after: Map<number, number>, rows: number): { writerThreadCpuSeconds: number; writerRowsPerCpuSecond: number | null; indexerThreadCpuSeconds: number } {
  const nice = threadNice(pid);
  const deltas = [...after].map(([tid, s]) => [tid, s - (before.get(tid) ?? 0)] as const);
  const writer = deltas.filter(([tid]) => tid !== pid && (nice.get(tid) ?? 0) === 0).sort((a, b) => b[1] - a[1])[0]?.[1] ?? 0;
  const indexer = deltas.filter(([tid]) => (nice.get(tid) ?? 0) > 0).reduce((a, [, s]) => a + s, 0);
  return { writerThreadCpuSeconds: +writer.toFixed(2), writerRowsPerCpuSecond: writer > 0 ? Math.round(rows / writer) : null, indexerThreadCpuSeconds: +indexer.toFixed(2) };
}

/**
 * Where a process's CPU went between two threadCpuSeconds snapshots, as % of one core: the main
 * thread (tid = pid, the event loop), the busiest other thread (e.g. a writer thread), and the rest
 * (GC helpers, libuv pool, other workers).
 */
export function threadBreakdown(pid: number, before: Map<number, number>, after: Map<number, number>, wallSeconds: number): Record<string, number> {
  const deltas: [number, number][] = [...after].map(([tid, s]) => [tid, s - (before.get(tid) ?? 0)]);
  const pct = (x: number) => Math.round((x / wallSeconds) * 100);
  const main = deltas.find(([tid]) => tid === pid)?.[1] ?? 0;
  const others = deltas.filter(([tid]) => tid !== pid).sort((a, b) => b[1] - a[1]);
  const top = others[0]?.[1] ?? 0;
  const rest = others.slice(1).reduce((a, [, s]) => a + s, 0);
  return { mainThreadCpuPercent: pct(main), busiestOtherThreadCpuPercent: pct(top), remainingThreadsCpuPercent: pct(rest) };
}

/**
 * CPU seconds used so far by the processes with this command name (e.g. all `postgres` backends),
 * counting children they have reaped (cutime + cstime): a backend that exits during a run (a pool
 * connection closed when idle, an autovacuum worker) hands its time to the postmaster's counters
 * instead of vanishing from the sum, which made the difference of two samples too small.
 */
export function commCpuSeconds(comm: string): number {
  let total = 0;
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (name !== comm) continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
    } catch {
      /* gone */
    }
  }
  return total;
}

/** Busy and total jiffies of the whole machine (all CPUs), from /proc/stat. */
export function machineJiffies(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

export interface HistogramSnapshot {
  count: number;
  sum: number;
  /** Cumulative counts per upper bound. */
  buckets: [string, number][];
}

/** Parses one unlabelled (or first-labelled) histogram from Prometheus text. */
export function parseHistogram(text: string, name: string, labelFilter = ''): HistogramSnapshot | null {
  const buckets: [string, number][] = [];
  let count = 0;
  let sum = 0;
  let seen = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (labelFilter && !rest.includes(labelFilter)) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (rest.startsWith('_bucket')) {
      const le = /le="([^"]+)"/.exec(rest)?.[1] ?? '?';
      buckets.push([le, value]);
      seen = true;
    } else if (rest.startsWith('_sum')) sum = value;
    else if (rest.startsWith('_count')) count = value;
  }
  return seen || count ? { count, sum, buckets } : null;
}

/** An approximate quantile (upper bucket bound) from a cumulative histogram. */
export function histogramQuantile(h: HistogramSnapshot, q: number): string {
  const want = h.count * q;
  for (const [le, c] of h.buckets) if (c >= want) return le;
  return '+Inf';
}

/** GET /metrics text. */
export async function metricsText(url: string): Promise<string> {
  const r = await fetch(`${url}/metrics`);
  return r.text();
}

/** A gauge's value on /metrics (null when absent). */
export function gauge(text: string, name: string): number | null {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * Waits until the server's search indexer has covered every loaded event (the bulk load wrote past it;
 * in production it follows ingest within a second or two). Answers wall and server CPU seconds.
 */
export async function waitIndexed(srv: { url: string; pid: number }, label: string): Promise<{ seconds: number; cpuSeconds: number; lastLag: number | null }> {
  const t0 = performance.now();
  const c0 = cpuSeconds(srv.pid) ?? 0;
  let lastLag: number | null = null;
  let lastReport = t0;
  for (;;) {
    const text = await metricsText(srv.url);
    lastLag = gauge(text, 'vigil_search_index_lag_events');
    if (gauge(text, 'vigil_search_index_caught_up') === 1) break;
    if (gauge(text, 'vigil_search_index_caught_up') === null) throw new Error('the server exposes no vigil_search_index_caught_up gauge (search.index off?)');
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      progress(`${label}: indexing, ${lastLag ?? '?'} events to go`);
    }
    if (performance.now() - t0 > 3_600_000) throw new Error('the search index did not catch up within an hour');
    await new Promise((r) => setTimeout(r, 250));
  }
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpuSeconds(srv.pid) ?? 0) - c0, lastLag };
}

/** Runs a child process to completion, collecting stdout; stderr passes through. */
export function runChild(args: string[], env: Record<string, string> = {}, opts: { quietStderr?: boolean } = {}): Promise<{ code: number | null; stdout: string; stderr: string; pid: number; cpuSeconds: number | null }> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let cpu: number | null = null;
    const poll = setInterval(() => {
      const c = cpuSeconds(child.pid!);
      if (c !== null) cpu = c;
    }, 250);
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!opts.quietStderr) process.stderr.write(d);
    });
    child.on('error', rej);
    child.on('close', (code) => {
      clearInterval(poll);
      res({ code, stdout, stderr, pid: child.pid!, cpuSeconds: cpu });
    });
  });
}
