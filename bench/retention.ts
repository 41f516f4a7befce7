/**
 * Ingest while retention deletes (issue 11: "retention deletes keep ingest within 10 % of its rate while
 * they run"), SQLite.
 *
 * A template store is bulk-filled (bench/lib/loader.ts, the search section's loader) with events
 * 31–32 days old and a server run once over it until the search index has covered them. Each run copies
 * the template, starts `vigil start` on the copy and drives HTTP NDJSON ingest at full speed
 * (bench/load-ingest.ts) for a fixed time. Two variants, alternating (idle, retention, retention, idle, …),
 * identical but for `retention.days`:
 *  - idle: `retention.days` 36500, so the job's first pass (10 s after start) finds nothing to delete;
 *  - retention: `retention.days` 30, so that pass deletes every pre-filled event (5,000-row chunks
 *    between the writer's batches) while the load runs.
 * The warm-up ends after the job's first pass has begun; the old rows are counted once a second (a
 * read-only connection of the bench's own) to report how many retention deleted in the measured window
 * and whether it was deleting through all of it.
 *
 * Run as the `retention-sqlite` section of `npm run bench` (`BENCH_ONLY=retention-sqlite`).
 * Environment: BENCH_RETENTION_EVENTS (old events pre-filled), BENCH_RETENTION_SECONDS (measured
 * seconds per run), BENCH_RETENTION_PAIRS (idle/retention pairs).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT, RUN_TS, benchEnv, cpuSeconds, runChild, startVigil, waitIndexed } from './lib/server.ts';
import { loadEvents } from './lib/loader.ts';
import { progress } from './lib/stats.ts';
import type { BenchResult } from './lib/result.ts';

const DAY = 86_400_000;
/** The job's first pass runs this long after the store module starts (app/retention.ts). */
const FIRST_PASS_MS = 10_000;

interface Sample {
  /** Wall clock, epoch ms. */
  t: number;
  cpu: number;
  oldRows: number;
}

interface RunOut {
  variant: 'idle' | 'retention';
  eventsPerSecond: number;
  eventsPerServerCpuSecond: number | null;
  acceptedMeasured: number;
  measuredSeconds: number;
  serverCpuSeconds: number;
  deletedInWindow: number;
  deletedInRun: number;
  deletingThroughout: boolean;
  oldRowsAtEnd: number;
  errors: number;
  requestP95Ms: number;
  /** CPU of the load generator and of this process (the old-row counts) over the whole run. */
  loadgenCpuSeconds: number | null;
  benchCpuSeconds: number;
  loadAvg1m: number;
}

/** The sample closest in time to t. */
function nearest(samples: Sample[], t: number): Sample {
  return samples.reduce((a, b) => (Math.abs(b.t - t) < Math.abs(a.t - t) ? b : a));
}

async function oneRun(o: { template: string; variant: 'idle' | 'retention'; seconds: number; connections: number; batch: number; ingestKey: string; tenantId: string; cutoff: number; keep: boolean }): Promise<RunOut> {
  const dir = mkdtempSync(join(tmpdir(), `vigil-bench-retention-${o.variant}-`));
  try {
    cpSync(o.template, dir, { recursive: true });
    const srv = await startVigil(benchEnv(dir, { VIGIL_RETENTION_DAYS: o.variant === 'idle' ? '36500' : '30' }));
    try {
      const db = new Database(join(dir, 'vigil.db'), { readonly: true });
      const count = db.prepare('SELECT count(*) AS c FROM events WHERE tenant_id = ? AND ts < ?');
      const samples: Sample[] = [];
      const sample = () => samples.push({ t: Date.now(), cpu: cpuSeconds(srv.pid) ?? 0, oldRows: (count.get(o.tenantId, o.cutoff) as { c: number }).c });
      const own0 = process.cpuUsage();
      sample();
      const timer = setInterval(sample, 1000);
      // The measured window starts once the job's first pass has begun: its timer started before the
      // server answered /healthz, so FIRST_PASS_MS from now (plus a second for its first chunks) is late enough.
      const warmup = Math.ceil((FIRST_PASS_MS + 1000) / 1000);
      const lg = await runChild([RUN_TS, resolve(ROOT, 'bench/load-ingest.ts'), JSON.stringify({ url: srv.url, key: o.ingestKey, seconds: o.seconds, warmupSeconds: warmup, connections: o.connections, batch: o.batch, bodies: 16, label: `retention ${o.variant}`, disorderMs: 1000 })]);
      clearInterval(timer);
      sample();
      const own = process.cpuUsage(own0);
      db.close();
      if (lg.code !== 0) throw new Error(`load generator failed (${lg.code}): ${lg.stderr.slice(-2000)}`);
      const out = JSON.parse(lg.stdout.trim().split('\n').pop()!) as { acceptedMeasured: number; measuredSeconds: number; eventsPerSecond: number; errors: number; requestMs: { p95: number }; windowEpochMs: [number, number] };
      const w0 = nearest(samples, out.windowEpochMs[0]);
      const w1 = nearest(samples, out.windowEpochMs[1]);
      const cpu = w1.cpu - w0.cpu;
      const last = samples[samples.length - 1]!;
      return {
        variant: o.variant,
        eventsPerSecond: Math.round(out.eventsPerSecond),
        eventsPerServerCpuSecond: cpu > 0 ? Math.round((out.eventsPerSecond * ((w1.t - w0.t) / 1000)) / cpu) : null,
        acceptedMeasured: out.acceptedMeasured,
        measuredSeconds: +out.measuredSeconds.toFixed(2),
        serverCpuSeconds: +cpu.toFixed(2),
        deletedInWindow: w0.oldRows - w1.oldRows,
        deletedInRun: samples[0]!.oldRows - last.oldRows,
        // Deleting from before the window began until after it ended.
        deletingThroughout: o.variant === 'retention' && w0.oldRows < samples[0]!.oldRows && w1.oldRows > 0,
        oldRowsAtEnd: last.oldRows,
        errors: out.errors,
        requestP95Ms: Math.round(out.requestMs.p95),
        loadgenCpuSeconds: lg.cpuSeconds,
        benchCpuSeconds: +((own.user + own.system) / 1e6).toFixed(2),
        loadAvg1m: +loadavg()[0]!.toFixed(2),
      };
    } finally {
      await srv.stop(30_000);
    }
  } finally {
    if (!o.keep) rmSync(dir, { recursive: true, force: true });
  }
}

export async function runRetentionBench(opts: { events: number; seconds: number; pairs: number; connections: number; batch: number; keep: boolean }): Promise<BenchResult[]> {
  const template = mkdtempSync(join(tmpdir(), 'vigil-bench-retention-template-'));
  try {
    const now = Date.now();
    progress(`retention: pre-filling ${opts.events.toLocaleString('en-US')} events 31–32 days old`);
    const load = await loadEvents({ dataDir: template, events: opts.events, batch: 10_000, endTs: now - 31 * DAY, spanMs: DAY, countQueries: [], label: 'retention pre-fill' });
    // Index the pre-filled events once, so no run spends its time catching up with them.
    progress('retention: indexing the pre-filled events');
    const srv = await startVigil(benchEnv(template, { VIGIL_RETENTION_DAYS: '36500' }));
    try {
      await waitIndexed(srv, 'retention template');
    } finally {
      await srv.stop(30_000);
    }
    // Everything pre-filled is older than this; ingest stamps events with the current time.
    const cutoff = now - 30.5 * DAY;
    const runs: RunOut[] = [];
    for (let p = 0; p < opts.pairs; p++) {
      for (const variant of p % 2 === 0 ? (['idle', 'retention'] as const) : (['retention', 'idle'] as const)) {
        progress(`retention: pair ${p + 1}/${opts.pairs}, ${variant}`);
        const r = await oneRun({ template, variant, seconds: opts.seconds, connections: opts.connections, batch: opts.batch, ingestKey: load.ingestKey, tenantId: load.tenantId, cutoff, keep: opts.keep });
        progress(`retention: ${variant}: ${r.eventsPerSecond.toLocaleString('en-US')} events/s, ${r.eventsPerServerCpuSecond?.toLocaleString('en-US')} per server CPU-s, deleted ${r.deletedInWindow.toLocaleString('en-US')} old rows in the window`);
        runs.push(r);
      }
    }
    const mean = (v: 'idle' | 'retention', f: (r: RunOut) => number | null) => {
      const xs = runs.filter((r) => r.variant === v).map(f).filter((x): x is number => x !== null);
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
    };
    const idle = mean('idle', (r) => r.eventsPerSecond)!;
    const busy = mean('retention', (r) => r.eventsPerSecond)!;
    const idleCpu = mean('idle', (r) => r.eventsPerServerCpuSecond);
    const busyCpu = mean('retention', (r) => r.eventsPerServerCpuSecond);
    // Per pair (adjacent runs, so slow drifts in the machine's load cancel), then the median.
    const pairRatio = (f: (r: RunOut) => number | null) =>
      Array.from({ length: opts.pairs }, (_, p) => {
        const [a, b] = runs.slice(2 * p, 2 * p + 2);
        const [i, r] = a!.variant === 'idle' ? [a!, b!] : [b!, a!];
        const x = f(i);
        const y = f(r);
        return x && y !== null ? y / x : null;
      }).filter((x): x is number => x !== null);
    const median = (xs: number[]) => {
      const v = [...xs].sort((a, b) => a - b);
      return v.length ? (v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2) : null;
    };
    const ratios = pairRatio((r) => r.eventsPerSecond);
    const cpuRatios = pairRatio((r) => r.eventsPerServerCpuSecond);
    const ratio = median(ratios) ?? 0;
    const cpuRatio = median(cpuRatios);
    const deleted = runs.filter((r) => r.variant === 'retention');
    const throughout = deleted.every((r) => r.deletingThroughout);
    const details = {
      note: 'HTTP NDJSON ingest at full speed into SQLite, with retention idle against retention deleting the pre-filled old events (5,000-row chunks between the writer batches); alternating runs; the value is the median over pairs of adjacent runs of (retention ÷ idle)',
      preFilledEvents: opts.events,
      secondsPerRun: opts.seconds,
      pairs: opts.pairs,
      idleEventsPerSecond: Math.round(idle),
      retentionEventsPerSecond: Math.round(busy),
      idleEventsPerServerCpuSecond: idleCpu === null ? null : Math.round(idleCpu),
      retentionEventsPerServerCpuSecond: busyCpu === null ? null : Math.round(busyCpu),
      cpuRatio: cpuRatio === null ? null : +cpuRatio.toFixed(3),
      pairRatios: ratios.map((x) => +x.toFixed(3)),
      pairCpuRatios: cpuRatios.map((x) => +x.toFixed(3)),
      ratioOfMeans: idle > 0 ? +(busy / idle).toFixed(3) : null,
      deletedRowsInWindow: deleted.map((r) => r.deletedInWindow),
      deletingThroughoutWindow: throughout,
      runs,
    };
    return [
      { name: 'retention.sqlite.ingest_ratio', value: +ratio.toFixed(3), unit: 'x', target: '>= 0.9', pass: ratio >= 0.9 && throughout, details },
      { name: 'retention.sqlite.ingest_cpu_ratio', value: cpuRatio === null ? null : +cpuRatio.toFixed(3), unit: 'x', target: '>= 0.9', pass: cpuRatio !== null && cpuRatio >= 0.9 && throughout, details: { note: 'events per server CPU-second with retention deleting ÷ with retention idle (same runs; median over pairs)', pairCpuRatios: details.pairCpuRatios, idle: details.idleEventsPerServerCpuSecond, retention: details.retentionEventsPerServerCpuSecond } },
      { name: 'retention.sqlite.deleted_rows_per_second', value: Math.round(deleted.reduce((a, r) => a + r.deletedInWindow, 0) / deleted.reduce((a, r) => a + r.measuredSeconds, 0)), unit: 'rows/s', details: { note: 'old rows retention deleted during the measured windows (counted once a second) ÷ their length', deletingThroughoutWindow: throughout, oldRowsLeftAtEnd: deleted.map((r) => r.oldRowsAtEnd) } },
    ];
  } finally {
    if (!opts.keep) rmSync(template, { recursive: true, force: true });
  }
}
