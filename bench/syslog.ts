/**
 * Syslog benchmarks with real senders: `loggen` (Debian syslog-ng-core) over 1 and 4 TCP connections
 * into Vigil (SQLite, the built-in rule pack active) until every line is stored, the same loggen into
 * a plain syslog-ng writing a file right after (the collection-only ceiling, and the ratio), bytes on
 * disk per event, and UDP at rising rates to find the highest with < 0.1 % loss.
 *
 * Run alone: `node packages/server/bin/run-ts.js bench/syslog.ts` (merges into bench/results.json),
 * or as part of `npm run bench`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEnv, cpuSeconds, freePort, metricsText, startVigil, peakRssMiB } from './lib/server.ts';
import { progress } from './lib/stats.ts';
import type { BenchResult } from './lib/result.ts';

const hasLoggen = spawnSync('loggen', ['--version']).status === 0 || existsSync('/usr/bin/loggen');
const hasSyslogNg = existsSync('/usr/sbin/syslog-ng');

/** Runs loggen; answers the count it reports having sent. */
function loggen(args: string[]): Promise<{ sent: number; rate: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('loggen', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', () => {
      const m = /average rate = ([\d.]+) msg\/sec, count=(\d+)/.exec(out);
      resolve({ sent: m ? Number(m[2]) : 0, rate: m ? Number(m[1]) : 0, out });
    });
  });
}

function counter(text: string, component: string, outcome: string): number {
  const m = new RegExp(`vigil_component_events_total\\{component="${component}",kind="[a-z]+",outcome="${outcome}"\\} (\\d+)`).exec(text);
  return m ? Number(m[1]) : 0;
}

/** Waits until the store has written `n` events (or a timeout); answers when that happened. */
async function waitStored(url: string, n: number, timeoutMs: number): Promise<{ stored: number; at: number }> {
  const deadline = Date.now() + timeoutMs;
  let stored = 0;
  for (;;) {
    stored = counter(await metricsText(url), 'sink.store', 'emitted');
    if (stored >= n || Date.now() > deadline) return { stored, at: Date.now() };
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The database file's bytes on disk (main file + WAL). */
function dbBytes(dir: string): number {
  let n = 0;
  for (const f of ['vigil.db', 'vigil.db-wal']) if (existsSync(join(dir, f))) n += statSync(join(dir, f)).size;
  return n;
}

/** syslog-ng writing a file: the collection-only ceiling for the same loggen load. */
async function syslogNgRate(seconds: number, connections: number): Promise<{ rate: number; sent: number; written: number } | null> {
  if (!hasSyslogNg) return null;
  const sdir = mkdtempSync(join(tmpdir(), 'vigil-bench-sng-'));
  try {
    const sport = await freePort();
    const conf = join(sdir, 'syslog-ng.conf');
    writeFileSync(conf, `@version: 3.38\noptions { keep-hostname(yes); };\nsource s { network(ip(127.0.0.1) port(${sport}) transport(tcp) max-connections(10) log-iw-size(100000)); };\ndestination d { file("${join(sdir, 'out.log')}"); };\nlog { source(s); destination(d); };\n`);
    const sng = spawn('/usr/sbin/syslog-ng', ['-F', '-f', conf, '-R', join(sdir, 'persist'), '-p', join(sdir, 'pid'), '-c', join(sdir, 'ctl'), '--no-caps'], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 1500));
    progress(`syslog: loggen TCP x${connections} -> syslog-ng (file) for ${seconds}s`);
    const s = await loggen(['-S', '-s', '200', '-I', String(seconds), '-r', '1000000', `--active-connections=${connections}`, '127.0.0.1', String(sport)]);
    sng.kill('SIGTERM');
    await new Promise((r) => sng.once('exit', r));
    const wc = spawnSync('wc', ['-l', join(sdir, 'out.log')], { encoding: 'utf8' });
    progress(`syslog: syslog-ng took ${Math.round(s.rate)}/s`);
    return { rate: s.rate, sent: s.sent, written: Number(/^(\d+)/.exec(wc.stdout ?? '')?.[1] ?? 0) };
  } finally {
    rmSync(sdir, { recursive: true, force: true });
  }
}

/** TCP into Vigil (1 and 4 connections) against syslog-ng writing a file, and UDP loss by rate. */
export async function runSyslogBench(opts: { seconds: number; connections?: number[] }): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  if (!hasLoggen) {
    progress('syslog: loggen not installed (apt-get install syslog-ng-core); skipped');
    return results;
  }
  for (const conns of opts.connections ?? [1, 4]) {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-syslog-'));
    const port = await freePort();
    const vigil = await startVigil(benchEnv(dir, { VIGIL_SYSLOG_PORT: String(port), VIGIL_SYSLOG_HOST: '0.0.0.0' }));
    try {
      // RFC 3164 lines (loggen's default), 200 bytes each, as fast as Vigil reads them (TCP pushes back).
      progress(`syslog: loggen TCP x${conns} -> vigil for ${opts.seconds}s`);
      const cpu0 = cpuSeconds(vigil.pid) ?? 0;
      const started = Date.now();
      const tcp = await loggen(['-S', '-s', '200', '-I', String(opts.seconds), '-r', '1000000', `--active-connections=${conns}`, '127.0.0.1', String(port)]);
      const done = await waitStored(vigil.url, tcp.sent, 120_000);
      const cpu = (cpuSeconds(vigil.pid) ?? 0) - cpu0;
      const seconds = (done.at - started) / 1000;
      const rate = Math.round(done.stored / seconds);
      const disk = dbBytes(dir);
      const ng = await syslogNgRate(opts.seconds, conns);
      const ratio = ng?.rate ? Math.round((rate / ng.rate) * 100) / 100 : null;
      results.push({
        name: `syslog.tcp${conns}.vigil_sqlite`,
        value: rate,
        unit: 'events/s',
        target: '>= 100000',
        pass: rate >= 100_000 && done.stored === tcp.sent,
        details: { sender: `loggen (syslog-ng-core 3.38), ${conns} TCP connection(s), RFC 3164, 200-byte lines`, sent: tcp.sent, stored: done.stored, lost: tcp.sent - done.stored, secondsUntilAllStored: seconds, loggenSendRate: Math.round(tcp.rate), serverCpuSeconds: +cpu.toFixed(1), eventsPerServerCpuSecond: cpu > 0 ? Math.round(done.stored / cpu) : null, serverPeakRssMiB: peakRssMiB(vigil.pid), databaseBytesPerEvent: done.stored ? Math.round(disk / done.stored) : null, rawBytesPerEvent: 200, loadAvg1m: +loadavg()[0]!.toFixed(2) },
      });
      results.push({ name: `syslog.tcp${conns}.lost_events`, value: tcp.sent - done.stored, unit: 'events', target: '== 0', pass: tcp.sent === done.stored && tcp.sent > 0 });
      if (ng) {
        results.push({ name: `syslog.tcp${conns}.syslog_ng_file`, value: Math.round(ng.rate), unit: 'events/s', details: { sent: ng.sent, written: ng.written, note: 'collection-only ceiling: syslog-ng 3.38 writing a file, same loggen load, right after the Vigil run' } });
        results.push({ name: `syslog.tcp${conns}.ratio_vigil_to_syslog_ng`, value: ratio ?? 0, unit: 'x', target: '>= 0.6', pass: (ratio ?? 0) >= 0.6 });
      }
      results.push({ name: `syslog.tcp${conns}.bytes_on_disk_per_event`, value: done.stored ? Math.round(disk / done.stored) : 0, unit: 'bytes', details: { rawLineBytes: 200, ratioToRaw: done.stored ? Math.round((disk / done.stored / 200) * 100) / 100 : null, note: 'SQLite file + WAL after the run, divided by stored events (indexes included)' } });
      if (conns === (opts.connections ?? [1, 4])[0]) {
        // UDP: rising rates; loss = sent - received by the UDP source (dropped ones included in received).
        let best = 0;
        const steps: Record<string, unknown>[] = [];
        for (const r of [5_000, 10_000, 20_000, 40_000, 80_000]) {
          const before = counter(await metricsText(vigil.url), 'source.syslog-udp', 'emitted');
          const u = await loggen(['-D', '-s', '200', '-I', '5', '-r', String(r), '127.0.0.1', String(port)]);
          await new Promise((res) => setTimeout(res, 1500));
          const got = counter(await metricsText(vigil.url), 'source.syslog-udp', 'emitted') - before;
          const loss = u.sent ? (u.sent - got) / u.sent : 1;
          steps.push({ rate: r, sent: u.sent, stored: got, lossPercent: Math.round(loss * 10000) / 100 });
          progress(`syslog: UDP ${r}/s -> loss ${(loss * 100).toFixed(2)} %`);
          if (loss < 0.001) best = Math.round(u.rate);
          else break;
        }
        const rmem = existsSync('/proc/sys/net/core/rmem_max') ? Number(readFileSync('/proc/sys/net/core/rmem_max', 'utf8')) : null;
        results.push({ name: 'syslog.udp.max_rate_under_0.1pct_loss', value: best, unit: 'events/s', details: { steps, sender: 'loggen -D, 200-byte lines, 5 s per step', receiveBufferAsked: '16 MiB (syslog.udp_receive_buffer default)', netCoreRmemMax: rmem } });
      }
    } finally {
      await vigil.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}

if (process.argv[1]?.endsWith('syslog.ts')) {
  const seconds = Number(process.env.BENCH_SECONDS ?? (process.env.BENCH_QUICK ? 10 : 30));
  const res = await runSyslogBench({ seconds });
  const file = new URL('./results.json', import.meta.url);
  const doc = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { results: [] };
  doc.results = [...(doc.results as BenchResult[]).filter((r) => !r.name.startsWith('syslog.')), ...res];
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  for (const r of res) console.log(`${r.name.padEnd(40)} ${String(r.value).padStart(10)} ${r.unit}${r.target ? `  (target ${r.target}: ${r.pass ? 'pass' : 'MISS'})` : ''}`);
}
