/**
 * Notification benchmark (`BENCH_ONLY=notify`): the notify stack as the server runs it — routing
 * tree, dispatcher, durable delivery queue on a real SQLite file, the webhook channel over real
 * HTTP — fed alerts the way the `alerts` topic does, against receivers in a separate process.
 *
 *  1. Throughput: alerts routed and delivered per second (wall and per CPU-second of this process)
 *     when they arrive as fast as the service takes them.
 *  2. Latency: alert handed to the notifier -> request received, p50/p99, at a steady rate below
 *     saturation (25 alerts/s), so it measures the path, not a queue.
 *  3. Isolation: a tree sending each alert to three receivers, first all healthy (the baseline), then
 *     with two of them failing — one answers 500 (retried with backoff, then dead letters), one never
 *     answers (10 s time-outs). The healthy channel's p99 must not move by more than 20 %, and nothing
 *     is lost (every notification of the failing receivers is in the queue or the dead letters). The
 *     baseline has the same fan-out, so the comparison isolates the misbehaving neighbours from the
 *     cost of sending three times.
 *
 * Run alone: `node packages/server/bin/run-ts.js bench/notify.ts`, or `BENCH_ONLY=notify BENCH_QUICK=1 npm run bench`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AlertEvent } from '@vigil/contracts';
import { RUN_TS, ROOT } from './lib/server.ts';
import { latencyStats, progress } from './lib/stats.ts';
import { SqliteDb, openSqlite, migrate } from '../packages/server/src/db/index.ts';
import { TenantsRepo } from '../packages/server/src/repos/index.ts';
import { SYSTEM_REPO_DEPS } from '../packages/server/src/repos/repo-deps.ts';
import { loadSecretBox } from '../packages/server/src/auth/secret-box.ts';
import { createNotifyStack, type NotifyStack } from '../packages/server/src/notify/index.ts';
import type { BenchResult } from './lib/result.ts';

const clock = () => performance.timeOrigin + performance.now();

/** The receiver process: its port, and a way to collect what arrived. */
async function startReceivers(): Promise<{ port: number; report: () => Promise<{ arrivals: [string, number][]; counts: Record<string, number> }>; stop: () => void; child: ChildProcess }> {
  const child = spawn(process.execPath, [RUN_TS, 'bench/notify-receiver.ts'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (l) => waiting.shift()?.(l));
  const next = () => new Promise<string>((r) => waiting.push(r));
  const { port } = JSON.parse(await next()) as { port: number };
  return {
    port,
    child,
    report: async () => {
      const p = next();
      child.stdin!.write('report\n');
      return JSON.parse(await p) as { arrivals: [string, number][]; counts: Record<string, number> };
    },
    stop: () => child.stdin!.end(),
  };
}

function alertOf(tenantId: string, i: number): AlertEvent {
  const t = new Date().toISOString();
  const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  return { id: SYSTEM_REPO_DEPS.newId(), tenantId, ruleId: 'bench-brute-force', ruleTitle: 'Bench brute force', groupKey: JSON.stringify([ip]), group: { 'source.ip': ip }, severity: 'high', tags: ['attack.t1110'], count: 1, firstSeen: t, lastSeen: t, sampleEventIds: [], state: 'open' };
}

/** Runs the notify benchmark. */
export async function runNotifyBench(o: { quick: boolean }): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-notify-'));
  const rx = await startReceivers();
  const db = new SqliteDb(openSqlite(join(dir, 'notify.db')));
  const errors: unknown[] = [];
  let stack: NotifyStack | undefined;
  const results: BenchResult[] = [];
  try {
    await migrate(db);
    stack = createNotifyStack({ db, box: loadSecretBox(dir), publicUrl: 'https://vigil.bench.example', now: Date.now, newId: SYSTEM_REPO_DEPS.newId, unresolved: async () => [], onError: (err) => errors.push(err) });
    await stack.notifier.start();
    const s = stack;
    const hook = async (tenantId: string, name: string, path: string) => (await s.channels.create(tenantId, { name, type: 'webhook', config: { url: `http://127.0.0.1:${rx.port}${path}`, allow_private: true } })).id;
    const tenants = new TenantsRepo(db);
    const base = (await tenants.create('bench-base', 'Bench')).id;
    const baseOk = await hook(base, 'healthy', '/ok');
    await s.routing.putTree(base, { receivers: [baseOk], group_wait: '0s' }, 'bench');
    const fanout = (await tenants.create('bench-fanout', 'Bench fan-out')).id;
    await s.routing.putTree(fanout, { receivers: [await hook(fanout, 'healthy', '/ok'), await hook(fanout, 'other 1', '/other'), await hook(fanout, 'other 2', '/other')], group_wait: '0s' }, 'bench');
    const degraded = (await tenants.create('bench-degraded', 'Bench degraded')).id;
    const degOk = await hook(degraded, 'healthy', '/ok');
    const degFail = await hook(degraded, 'answers 500', '/fail');
    const degHang = await hook(degraded, 'hangs', '/hang');
    await s.routing.putTree(degraded, { receivers: [degOk, degFail, degHang], group_wait: '0s' }, 'bench');
    await s.notifier.idle();

    /** Hands alerts to the notifier like the bus does; answers when each was handed over. */
    const sent = new Map<string, number>();
    const handOver = async (batch: AlertEvent[]) => {
      const at = clock();
      for (const a of batch) sent.set(a.id, at);
      await s.notifier.handle(batch);
    };
    const collect = async (ids: Set<string>, timeoutMs: number) => {
      const got = new Map<string, number>();
      const end = Date.now() + timeoutMs;
      while (got.size < ids.size && Date.now() < end) {
        for (const [id, at] of (await rx.report()).arrivals) if (ids.has(id)) got.set(id, at);
        if (got.size < ids.size) await new Promise((r) => setTimeout(r, 50));
      }
      return got;
    };

    // 1. Throughput.
    const n = o.quick ? 2000 : 10_000;
    const burst = Array.from({ length: n }, (_, i) => alertOf(base, i));
    progress(`notify: ${n} alerts as fast as they are taken`);
    const cpu0 = process.cpuUsage();
    const t0 = clock();
    for (let i = 0; i < n; i += 100) await handOver(burst.slice(i, i + 100));
    const got = await collect(new Set(burst.map((a) => a.id)), 300_000);
    const t1 = Math.max(...got.values());
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const wallS = (t1 - t0) / 1000;
    results.push({ name: 'notify.webhook.alerts_per_s', value: Math.round(got.size / wallS), unit: 'alerts/s', details: { alerts: n, delivered: got.size, wallSeconds: Math.round(wallS * 100) / 100, cpuSeconds: Math.round(cpuS * 100) / 100 } });
    results.push({ name: 'notify.webhook.alerts_per_cpu_s', value: Math.round(got.size / cpuS), unit: 'alerts/CPU-s', details: { note: 'routed, queued in SQLite, sent over HTTP and recorded, per CPU second of the notifying process' } });

    // 2 and 3. Latency at a steady rate, then with three receivers, healthy and then failing.
    const rate = 25;
    const seconds = o.quick ? 12 : 30;
    const steady = async (tenantId: string, offset: number) => {
      const alerts = Array.from({ length: rate * seconds }, (_, i) => alertOf(tenantId, offset + i));
      const started = Date.now();
      for (let i = 0; i < alerts.length; i += 5) {
        const due = started + (i / rate) * 1000;
        if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
        await handOver(alerts.slice(i, i + 5));
      }
      const arrived = await collect(new Set(alerts.map((a) => a.id)), 120_000);
      return { alerts, latency: latencyStats(alerts.filter((a) => arrived.has(a.id)).map((a) => arrived.get(a.id)! - sent.get(a.id)!)), delivered: arrived.size };
    };
    progress(`notify: ${rate} alerts/s for ${seconds} s to a healthy receiver`);
    const healthy = await steady(base, n);
    results.push({ name: 'notify.webhook.latency_p50', value: healthy.latency.p50, unit: 'ms', details: { ...healthy.latency, delivered: healthy.delivered, rate } });
    results.push({ name: 'notify.webhook.latency_p99', value: healthy.latency.p99, unit: 'ms', details: { ...healthy.latency } });
    progress(`notify: ${rate} alerts/s to three healthy receivers`);
    const three = await steady(fanout, 500_000);
    results.push({ name: 'notify.fanout3.latency_p99', value: three.latency.p99, unit: 'ms', details: { ...three.latency, delivered: three.delivered, rate, receivers: 3 } });
    progress(`notify: the same while one receiver answers 500 and another hangs`);
    const deg = await steady(degraded, 1_000_000);
    const limit = Math.max(three.latency.p99 * 1.2, three.latency.p99 + 1);
    const failRows = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM channel_deliveries WHERE channel_id = $1', [degFail]);
    const hangRows = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM channel_deliveries WHERE channel_id = $1', [degHang]);
    const counts = (await rx.report()).counts;
    results.push({
      name: 'notify.fanout3.latency_p99_with_failing_receivers', value: deg.latency.p99, unit: 'ms', target: `<= 1.2 x ${three.latency.p99} ms`, pass: deg.latency.p99 <= limit && deg.delivered === deg.alerts.length,
      details: { ...deg.latency, delivered: deg.delivered, queuedForFailing: Number(failRows?.n), queuedForHanging: Number(hangRows?.n), failingRequests: counts.fail, hangingRequests: counts.hang, nothingLost: Number(failRows?.n) === deg.alerts.length && Number(hangRows?.n) === deg.alerts.length },
    });
    if (errors.length) results.push({ name: 'notify.errors', value: errors.length, unit: 'errors', pass: false, details: { first: String(errors[0]).slice(0, 500) } });
  } finally {
    await stack?.notifier.stop().catch(() => undefined);
    rx.stop();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  for (const r of await runNotifyBench({ quick: process.env.BENCH_QUICK === '1' })) console.log(JSON.stringify(r));
}
