/**
 * Host agent benchmarks (`BENCH_ONLY=agent`):
 *
 *  1. Footprint: the real agent bundle, started with the Node options install.sh's unit uses, at its
 *     default intervals (metrics 10 s, heartbeat 30 s, snapshot 1 m) against a `vigil start` child: RSS and CPU % of one core over a sample of
 *     BENCH_AGENT_SECONDS (60 s full, 20 s quick) after a warm-up that includes the first snapshot.
 *     Targets: ≤ 60 MB, ≤ 1 %.
 *  2. Fleet: one process with many host credentials sends what an agent sends — a metrics batch
 *     (25 samples: CPU, load, memory, swap, two disks, one interface) every 10 s and a heartbeat every
 *     30 s per host, spread evenly — at rising host counts; the answer latency p99 of each step says
 *     whether one server holds that many hosts (target: ≥ 5,000 hosts with p99 < 1 s).
 */
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, benchEnv, cpuSeconds, peakRssMiB, rssMiB } from './lib/server.ts';
import { spawnVigil } from '../packages/server/test/support/process.ts';
import { AGENT_NODE_FLAGS } from '../packages/server/src/agents/install-script.ts';
import { latencyStats, progress } from './lib/stats.ts';
import type { BenchResult } from './lib/result.ts';

const PASSWORD = 'bench-admin-password-1';

async function adminFetch(url: string): Promise<(method: string, path: string, body?: unknown) => Promise<any>> {
  const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async (method, path, body) => {
    const r = await fetch(`${url}${path}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}

/** A keep-alive JSON POST; answers status and milliseconds. */
function post(agent: http.Agent, url: URL, path: string, credential: string | null, body: unknown): Promise<{ status: number; ms: number; body: string }> {
  const payload = Buffer.from(JSON.stringify(body));
  const started = performance.now();
  return new Promise((res) => {
    const req = http.request({ host: url.hostname, port: url.port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length, ...(credential ? { authorization: `Bearer ${credential}` } : {}) } }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => res({ status: r.statusCode ?? 0, ms: performance.now() - started, body: Buffer.concat(chunks).toString() }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', () => res({ status: 0, ms: performance.now() - started, body: '' }));
    req.end(payload);
  });
}

/** The 25 samples one agent sends every 10 s. */
function samples(ts: number, i: number): { name: string; labels?: Record<string, string>; ts: number; value: number }[] {
  const v = (base: number) => Math.round((base + ((i * 7919 + ts / 1000) % 17)) * 100) / 100;
  const out: { name: string; labels?: Record<string, string>; ts: number; value: number }[] = [];
  for (const [name, base] of [['cpu.load_pct', 12], ['cpu.user_pct', 8], ['cpu.system_pct', 3], ['cpu.iowait_pct', 0.5], ['cpu.cores', 2], ['load.1m', 0.4], ['load.5m', 0.3], ['load.15m', 0.2], ['memory.total_bytes', 8e9], ['memory.used_bytes', 3e9], ['memory.available_bytes', 5e9], ['memory.used_pct', 38], ['swap.total_bytes', 2e9], ['swap.used_bytes', 1e8], ['swap.used_pct', 5], ['system.uptime_s', 86400], ['processes.count', 180]] as const) out.push({ name, ts, value: v(base) });
  for (const mount of ['/', '/var']) for (const [name, base] of [['disk.size_bytes', 1e11], ['disk.used_bytes', 4e10], ['disk.used_pct', 40]] as const) out.push({ name, labels: { mount, device: mount === '/' ? '/dev/sda1' : '/dev/sdb1', fstype: 'ext4' }, ts, value: v(base) });
  for (const [name, base] of [['net.in_bps', 2e5], ['net.out_bps', 1e5]] as const) out.push({ name, labels: { interface: 'eth0' }, ts, value: v(base) });
  return out;
}

/** The footprint of a real agent at default intervals. */
async function footprint(url: string, admin: Awaited<ReturnType<typeof adminFetch>>, dir: string, seconds: number): Promise<BenchResult[]> {
  const { token } = await admin('POST', '/api/v1/agents/tokens', { ttl: '1h', uses: 1 });
  const bundle = resolve(ROOT, 'packages/agent/dist/vigil-agent.js');
  const cfgDir = join(dir, 'agent');
  mkdirSync(cfgDir, { recursive: true });
  const cfg = join(cfgDir, 'agent.json');
  writeFileSync(cfg, JSON.stringify({ stateDir: join(cfgDir, 'state'), journald: false }));
  const e = spawnSync(process.execPath, [bundle, 'enroll', '--server', url, '--token', token, '--config', cfg], { encoding: 'utf8' });
  if (e.status !== 0) throw new Error(`agent enroll failed: ${e.stderr}`);
  // Started as install.sh's unit starts it (the same Node options).
  const child = spawn(process.execPath, [...AGENT_NODE_FLAGS, bundle, 'run', '--config', cfg], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
  try {
    // Warm up past the first snapshot (1 s after start) and two metric intervals.
    await new Promise((r) => setTimeout(r, 25_000));
    const pid = child.pid!;
    const cpu0 = cpuSeconds(pid);
    const t0 = Date.now();
    let peakRss = 0;
    while (Date.now() - t0 < seconds * 1000) {
      await new Promise((r) => setTimeout(r, 1000));
      peakRss = Math.max(peakRss, rssMiB(pid) ?? 0);
    }
    const cpu = ((cpuSeconds(pid)! - cpu0!) / ((Date.now() - t0) / 1000)) * 100;
    const hwm = peakRssMiB(pid);
    if (child.exitCode !== null) throw new Error(`the agent exited (${child.exitCode}): ${err}`);
    progress(`agent footprint: RSS peak ${hwm} MiB (sampled max ${peakRss}), CPU ${cpu.toFixed(2)} % over ${seconds} s`);
    return [
      { name: 'agent.footprint.rss', value: hwm ?? peakRss, unit: 'MiB', target: '<= 60', pass: (hwm ?? peakRss) <= 60, details: { sampledMaxRssMiB: peakRss, sampleSeconds: seconds, intervals: 'metrics 10 s, heartbeat 30 s, snapshot 60 s' } },
      { name: 'agent.footprint.cpu', value: Math.round(cpu * 100) / 100, unit: '% of a core', target: '<= 1', pass: cpu <= 1, details: { sampleSeconds: seconds } },
    ];
  } finally {
    child.kill('SIGTERM');
  }
}

/** How many simulated hosts one server holds at 10 s metrics + 30 s heartbeats with p99 < 1 s. */
async function fleet(url: string, admin: Awaited<ReturnType<typeof adminFetch>>, steps: number[], stepSeconds: number, serverPid: number): Promise<BenchResult[]> {
  const max = Math.max(...steps);
  const { token } = await admin('POST', '/api/v1/agents/tokens', { ttl: '1h', uses: max });
  const u = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 96 });
  const creds: string[] = [];
  const t0 = Date.now();
  for (let i = 0; i < max; i += 50) {
    const got = await Promise.all(Array.from({ length: Math.min(50, max - i) }, (_, j) => post(agent, u, '/api/v1/agents/enroll', null, { token, hostname: `sim-${i + j}` })));
    for (const g of got) {
      if (g.status !== 201) throw new Error(`enroll failed: ${g.status} ${g.body}`);
      creds.push((JSON.parse(g.body) as { credential: string }).credential);
    }
  }
  progress(`agent fleet: enrolled ${max} simulated hosts in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  // Warm-up, not measured: each host's first batch creates its 25 series in the metrics store; a
  // running fleet has them already.
  const w0 = Date.now();
  for (let i = 0; i < max; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, max - i) }, (_, j) => post(agent, u, '/api/v1/agents/batches', creds[i + j]!, { batchId: `warm-${i + j}-x`, sentAt: Date.now(), metrics: samples(Date.now() - 60_000, i + j) })));
  }
  progress(`agent fleet: warm-up batches (series created) in ${((Date.now() - w0) / 1000).toFixed(1)} s`);
  const out: BenchResult[] = [];
  let held = 0;
  let seq = 0;
  for (const n of steps) {
    const lat: number[] = [];
    const hbLat: number[] = [];
    let errors = 0;
    let sent = 0;
    const cpu0 = cpuSeconds(serverPid) ?? 0;
    const start = Date.now();
    const end = start + stepSeconds * 1000;
    const inflight = new Set<Promise<void>>();
    // Each host's batches are due every 10 s from its own phase; heartbeats every 30 s.
    const nextBatch = Array.from({ length: n }, (_, i) => start + (i / n) * 10_000);
    const nextHb = Array.from({ length: n }, (_, i) => start + (i / n) * 30_000);
    while (Date.now() < end) {
      const now = Date.now();
      for (let i = 0; i < n; i++) {
        if (nextBatch[i]! <= now) {
          nextBatch[i]! += 10_000;
          sent++;
          const p = post(agent, u, '/api/v1/agents/batches', creds[i]!, { batchId: `bench-${i}-${++seq}-x`, sentAt: now, metrics: samples(now, i) }).then((r) => {
            lat.push(r.ms);
            if (r.status !== 200) errors++;
          });
          inflight.add(p);
          void p.finally(() => inflight.delete(p));
        }
        if (nextHb[i]! <= now) {
          nextHb[i]! += 30_000;
          const p = post(agent, u, '/api/v1/agents/heartbeat', creds[i]!, { sentAt: now }).then((r) => {
            hbLat.push(r.ms);
            if (r.status !== 200) errors++;
          });
          inflight.add(p);
          void p.finally(() => inflight.delete(p));
        }
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    await Promise.all(inflight);
    const wall = (Date.now() - start) / 1000;
    const serverCpuSeconds = (cpuSeconds(serverPid) ?? 0) - cpu0;
    const serverCpu = (serverCpuSeconds / wall) * 100;
    // Server CPU per request (batches + heartbeats, all threads): the cost of one host's traffic,
    // far less disturbed by other load on a shared machine than the latency.
    const cpuMsPerRequest = (serverCpuSeconds * 1000) / Math.max(1, sent + hbLat.length);
    const s = latencyStats(lat);
    const all = latencyStats([...lat, ...hbLat]);
    const ok = all.p99 < 1000 && errors === 0;
    if (ok) held = n;
    progress(`agent fleet: ${n} hosts: ${sent} batches, p50 ${s.p50} ms, p99 ${all.p99} ms (batches ${s.p99} ms), errors ${errors}, server CPU ${serverCpu.toFixed(0)} % (${cpuMsPerRequest.toFixed(3)} ms per request), load ${loadavg()[0]!.toFixed(1)}`);
    out.push({ name: `agent.fleet.p99_at_${n}_hosts`, value: all.p99, unit: 'ms', target: '< 1000', pass: ok, details: { hosts: n, seconds: stepSeconds, batches: sent, heartbeats: hbLat.length, batchP50: s.p50, batchP99: s.p99, errors, serverCpuPercent: Math.round(serverCpu), serverCpuSeconds: Math.round(serverCpuSeconds * 100) / 100, serverCpuMsPerRequest: Math.round(cpuMsPerRequest * 1000) / 1000, samplesPerSecond: Math.round((sent * 25) / wall), machineLoad1m: loadavg()[0] } });
    if (!ok && all.p99 > 3000) break;
  }
  agent.destroy();
  out.push({ name: 'agent.fleet.hosts_held', value: held, unit: 'hosts', target: '>= 5000', pass: held >= 5000, details: { steps, stepSeconds, interval: 'metrics batch (25 samples) every 10 s + heartbeat every 30 s per host' } });
  return out;
}

/** Runs both agent benchmarks. */
export async function runAgentBench(opts: { quick: boolean; keep?: boolean }): Promise<BenchResult[]> {
  const build = spawnSync(process.execPath, [resolve(ROOT, 'scripts/build-agent.mjs')], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`agent build failed: ${build.stderr}`);
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-agent-'));
  // A loaded shared machine can take a minute to start a server from sources: allow three.
  // BENCH_AGENT_PROFILE=DIR: the server writes V8 CPU profiles (main thread and workers) there on exit.
  const nodeArgs = process.env.BENCH_AGENT_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_AGENT_PROFILE)}`] : [];
  const server = await spawnVigil({ env: benchEnv(join(dir, 'data'), { VIGIL_ADMIN_PASSWORD: PASSWORD, VIGIL_AGENTS_ENROLL_RATE_LIMIT: '1000000' }), timeoutMs: 180_000, nodeArgs });
  try {
    const admin = await adminFetch(server.url);
    const seconds = Number(process.env.BENCH_AGENT_SECONDS ?? (opts.quick ? 20 : 60));
    // BENCH_AGENT_FOOTPRINT=0 measures the fleet only.
    const results = process.env.BENCH_AGENT_FOOTPRINT === '0' ? [] : await footprint(server.url, admin, dir, seconds);
    const steps = (process.env.BENCH_AGENT_HOSTS ?? (opts.quick ? '1000,3000,5000' : '2500,5000,7500,10000')).split(',').map(Number);
    results.push(...(await fleet(server.url, admin, steps, Number(process.env.BENCH_AGENT_STEP_SECONDS ?? (opts.quick ? 20 : 60)), server.pid)));
    results.push({ name: 'agent.server_peak_rss', value: peakRssMiB(server.pid), unit: 'MiB' });
    return results;
  } finally {
    await server.stop();
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
}
