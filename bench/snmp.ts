/**
 * SNMP benchmarks: traps/s a `vigil start` child receives and stores with < 0.1 % loss (v2c traps
 * at rising rates from one UDP sender), and devices polled per minute by one server (many devices
 * against a real Debian snmpd on 127.0.0.1; skipped without snmpd).
 *
 * Run alone: `node packages/server/bin/run-ts.js bench/snmp.ts` (merges into bench/results.json),
 * or as part of `npm run bench` (BENCH_ONLY=snmp).
 */
import dgram from 'node:dgram';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import snmp from 'net-snmp';
import { benchEnv, freePort, metricsText, peakRssMiB, startVigil } from './lib/server.ts';
import { progress } from './lib/stats.ts';
import type { BenchResult } from './lib/result.ts';

const PASSWORD = 'bench-admin-password-1';
const SNMPD = '/usr/sbin/snmpd';

function counter(text: string, component: string, outcome: string): number {
  const m = new RegExp(`vigil_component_events_total\\{component="${component}",kind="[a-z]+",outcome="${outcome}"\\} (\\d+)`).exec(text);
  return m ? Number(m[1]) : 0;
}

/** A logged-in admin's fetch (session cookie + CSRF). */
async function admin(url: string): Promise<(method: string, path: string, body?: unknown) => Promise<any>> {
  const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async (method, path, body) => {
    const r = await fetch(`${url}${path}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}

/** The bytes of one v2c linkDown trap, as net-snmp encodes it (captured from a local socket). */
async function trapBytes(community: string): Promise<Buffer> {
  const sink = dgram.createSocket('udp4');
  await new Promise<void>((r) => sink.bind(0, '127.0.0.1', () => r()));
  const got = new Promise<Buffer>((r) => sink.once('message', (m) => r(m)));
  const s = snmp.createSession('127.0.0.1', community, { version: snmp.Version2c, trapPort: sink.address().port } as snmp.SessionOptions);
  s.trap('1.3.6.1.6.3.1.1.5.3', [{ oid: '1.3.6.1.2.1.2.2.1.1.7', type: snmp.ObjectType.Integer, value: 7 }, { oid: '1.3.6.1.2.1.2.2.1.2.7', type: snmp.ObjectType.OctetString, value: 'GigabitEthernet0/7 uplink to core' }], () => undefined);
  const b = await got;
  s.close();
  sink.close();
  return b;
}

/** Sends `rate` datagrams/s for `seconds`, paced per 10 ms; answers how many were sent. */
async function blast(bytes: Buffer, port: number, rate: number, seconds: number): Promise<number> {
  const s = dgram.createSocket('udp4');
  let sent = 0;
  const started = Date.now();
  const total = rate * seconds;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * rate));
    while (sent < due) {
      s.send(bytes, port, '127.0.0.1');
      sent++;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await new Promise((r) => setTimeout(r, 50));
  s.close();
  return sent;
}

/** Traps at rising rates; devices polled per minute. */
export async function runSnmpBench(opts: { seconds: number }): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-snmp-'));
  const trapPort = await freePort();
  const vigil = await startVigil(benchEnv(dir, { VIGIL_SNMP_TRAP_PORT: String(trapPort), VIGIL_SNMP_TRAP_HOST: '0.0.0.0', VIGIL_ADMIN_PASSWORD: PASSWORD, VIGIL_SNMP_POLL_CONCURRENCY: '64' }));
  let agent: ChildProcess | undefined;
  try {
    const api = await admin(vigil.url);
    await api('POST', '/api/v1/snmp/communities', { name: 'bench', community: 'bench-community' });
    const bytes = await trapBytes('bench-community');
    // Traps: each step's loss = datagrams sent - events stored for input snmp.
    const steps: Array<{ rate: number; sent: number; stored: number; lossPercent: number }> = [];
    let best = 0;
    for (const rate of [1000, 2500, 5000, 10_000, 20_000]) {
      const before = counter(await metricsText(vigil.url), 'source.snmp', 'emitted');
      const sent = await blast(bytes, trapPort, rate, opts.seconds);
      let got = 0;
      for (let i = 0; i < 50; i++) {
        got = counter(await metricsText(vigil.url), 'source.snmp', 'emitted') - before;
        if (got >= sent) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const loss = sent ? (sent - got) / sent : 0;
      steps.push({ rate, sent, stored: got, lossPercent: Math.round(loss * 10000) / 100 });
      progress(`snmp: traps ${rate}/s -> loss ${(loss * 100).toFixed(2)} %`);
      if (loss < 0.001) best = rate;
      else break;
    }
    results.push({ name: 'snmp.traps.max_rate_under_0.1pct_loss', value: best, unit: 'traps/s', details: { steps, sender: 'one UDP socket, v2c linkDown with 2 varbinds (net-snmp encoded)', secondsPerStep: opts.seconds, serverPeakRssMiB: peakRssMiB(vigil.pid) } });

    // Polling: many devices against one real snmpd (its answers, not Vigil, may be the limit).
    if (!existsSync(SNMPD) || spawnSync(SNMPD, ['-v']).status !== 0) {
      progress('snmp: snmpd not installed (apt-get install snmpd): polling bench skipped');
      return results;
    }
    const agentPort = await freePort();
    const conf = join(dir, 'snmpd.conf');
    writeFileSync(conf, 'rocommunity bench 127.0.0.1\nsysName bench-snmpd\n');
    agent = spawn(SNMPD, ['-f', '-C', '-c', conf, '-Lo', '-m', '', '-p', join(dir, 'snmpd.pid'), `udp:127.0.0.1:${agentPort}`], { env: { ...process.env, SNMP_PERSISTENT_DIR: join(dir, 'persist') }, stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 1000));
    const devices = 300;
    const intervalS = 10;
    for (let i = 0; i < devices; i++) await api('POST', '/api/v1/devices', { name: `bench-${i}`, address: '127.0.0.1', port: agentPort, version: '2c', community: 'bench', profile: 'interfaces', interval: intervalS, timeout: 2 });
    const polls = (text: string, outcome: string) => Number(new RegExp(`vigil_snmp_polls_total\\{outcome="${outcome}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    await new Promise((r) => setTimeout(r, (intervalS + 2) * 1000));
    const t0 = Date.now();
    const m0 = await metricsText(vigil.url);
    const window = Math.max(opts.seconds * 3, 20);
    await new Promise((r) => setTimeout(r, window * 1000));
    const m1 = await metricsText(vigil.url);
    const mins = (Date.now() - t0) / 60_000;
    const ok = polls(m1, 'ok') - polls(m0, 'ok');
    const failed = polls(m1, 'failed') - polls(m0, 'failed');
    const perMin = Math.round(ok / mins);
    const demand = Math.round((devices * 60) / intervalS);
    results.push({ name: 'snmp.polls_per_minute', value: perMin, unit: 'devices/min', details: { devices, intervalSeconds: intervalS, demandPerMinute: demand, failedPolls: failed, profile: 'interfaces (system + IF-MIB, 4 interfaces)', agent: 'one Debian snmpd 5.9 on 127.0.0.1', windowSeconds: window, serverPeakRssMiB: peakRssMiB(vigil.pid), note: perMin >= demand * 0.95 ? 'kept up with the whole demand: the ceiling is higher' : 'below demand: this is the ceiling on this machine' } });
    progress(`snmp: ${perMin} polls/min (demand ${demand}/min, ${failed} failed)`);
  } finally {
    agent?.kill();
    await vigil.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1]?.endsWith('snmp.ts')) {
  const seconds = Number(process.env.BENCH_SNMP_SECONDS ?? (process.env.BENCH_QUICK ? 3 : 5));
  const res = await runSnmpBench({ seconds });
  const file = new URL('./results.json', import.meta.url);
  const doc = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { results: [] };
  doc.results = [...(doc.results as BenchResult[]).filter((r) => !r.name.startsWith('snmp.')), ...res];
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  for (const r of res) console.log(`${r.name.padEnd(40)} ${String(r.value).padStart(10)} ${r.unit}  ${JSON.stringify(r.details).slice(0, 300)}`);
}
