/**
 * Vigil benchmark suite (`npm run bench`, `BENCH_QUICK=1 npm run bench`).
 *
 *  1. HTTP NDJSON ingest into SQLite: a real `vigil start` child, a separate load-generator child,
 *     sustained events/s, nothing lost (accepted by 202s == rows stored), server peak RSS.
 *  2. The same into PostgreSQL (reported, no target).
 *  3. Search over 1,000,000 stored events (SQLite; PostgreSQL on a smaller set): first-page latency
 *     p50/p95 of field, CIDR and full-text queries and of the 24 h histogram, over HTTP.
 *  4. Parse/normalize throughput (parserBenchCases from @vigil/core when present) and rule predicate
 *     evaluations/s.
 *  5. bench/results.json and a table on stdout; progress on stderr.
 *
 * Environment: BENCH_QUICK=1, BENCH_SECONDS, BENCH_PG_SECONDS, BENCH_CONNECTIONS, BENCH_BATCH, BENCH_TS_DISORDER_MS,
 * BENCH_SEARCH_EVENTS, BENCH_PG_SEARCH_EVENTS, BENCH_SEARCH_RUNS, BENCH_SEARCH_INDEX=0 (search index off), BENCH_ONLY (comma list of
 * ingest-sqlite, ingest-sqlite-norules (detection.enabled: false, for the detection cost), ingest-pg, search-sqlite, search-pg, retention-sqlite, cpu, syslog, detection, detection-e2e, sigma, snmp, agent, notify), BENCH_SYSLOG_SECONDS, BENCH_SNMP_SECONDS, BENCH_PG_URL,
 * BENCH_AGENT_SECONDS, BENCH_AGENT_HOSTS (comma list of host counts), BENCH_AGENT_STEP_SECONDS,
 * BENCH_RETENTION_EVENTS, BENCH_RETENTION_SECONDS, BENCH_RETENTION_PAIRS, BENCH_KEEP=1 (keep temp dirs).
 *
 *  7. Detection engine in memory on one core (bench/detection.ts): 100 mixed rules, 1,000 rules, bytes
 *     per active group; end to end (bench/detection-e2e.ts): ingest -> alert on the SSE stream under
 *     10,000 events/s background load, and the ingest rate with the built-in pack on vs every rule off.
 *  8. SNMP (bench/snmp.ts): v2c traps/s stored with < 0.1 % loss; devices polled per minute against a
 *     real snmpd.
 *  9. Host agents (bench/agent.ts): the real agent's RSS and CPU at default intervals; simulated hosts
 *     (metrics every 10 s + heartbeat every 30 s) one server holds with p99 < 1 s.
 * 10. Notifications (bench/notify.ts): alerts routed and delivered per second to a local webhook
 *     receiver, p50/p99 alert -> delivered request, and the healthy channel's p99 while one receiver
 *     answers 500 and another hangs (target: moves less than 20 %).
 * 11. Retention (bench/retention.ts): HTTP ingest with retention idle against retention deleting old
 *     events, alternating (target: within 10 %).
 *  6. Syslog with real senders (bench/syslog.ts): loggen over TCP into Vigil, UDP loss by rate, and
 *     syslog-ng writing a file as the collection-only ceiling (skipped when loggen is missing).
 */
import { mkdtempSync, rmSync, writeFileSync, readFileSync, statSync, existsSync } from 'node:fs';
import { renderBenchTable, withBenchTable } from './readme-table.ts';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ROOT, RUN_TS, VIGIL_BIN, benchEnv, ensureBundle, commCpuSeconds, cpuSeconds, machineJiffies, threadBreakdown, threadCpuSeconds, writerAndIndexer, histogramQuantile, metricsText, parseHistogram, peakRssMiB, runChild, startVigil, waitIndexed } from './lib/server.ts';
import { pgUnreachable, tempSchema } from '../packages/server/test/support/postgres.ts';
import { bootstrapPath, readBootstrap } from '../packages/server/src/app/bootstrap.ts';
import { loadEvents } from './lib/loader.ts';
import { fmtNum, latencyStats, progress, table, type LatencyStats } from './lib/stats.ts';
import { makeEvent, rng, NEEDLE } from './lib/events.ts';
import { compileSql, parseQuery, keyPlan, EVENT_COLUMNS, SQLITE_FUNCTIONS } from '@vigil/core';
import { sqliteLookup } from '../packages/server/src/storage/sqlite-search-index-reader.ts';
import { IngestService, type IngestDeps, type IngestItem } from '../packages/server/src/pipeline/ingest-service.ts';
import type { BenchResult } from './lib/result.ts';

const env = process.env;
const QUICK = env.BENCH_QUICK === '1';
const num = (name: string, def: number) => (env[name] !== undefined && env[name] !== '' ? Number(env[name]) : def);
const SECONDS = num('BENCH_SECONDS', QUICK ? 10 : 60);
const PG_SECONDS = num('BENCH_PG_SECONDS', QUICK ? 10 : 20);
const CONNECTIONS = num('BENCH_CONNECTIONS', 8);
const BATCH = num('BENCH_BATCH', 2000);
const DISORDER_MS = num('BENCH_TS_DISORDER_MS', 1000);
const SEARCH_EVENTS = num('BENCH_SEARCH_EVENTS', QUICK ? 200_000 : 1_000_000);
const PG_SEARCH_EVENTS = num('BENCH_PG_SEARCH_EVENTS', QUICK ? 100_000 : 200_000);
const SEARCH_RUNS = num('BENCH_SEARCH_RUNS', 30);
const SEARCH_CASE_BUDGET_MS = num('BENCH_SEARCH_CASE_BUDGET_MS', 25_000);
/** 0 runs the search section with the search index off (the scan alone), for before/after figures. */
const SEARCH_INDEX = env.BENCH_SEARCH_INDEX !== '0';
const PG_URL = env.BENCH_PG_URL ?? env.VIGIL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SYSLOG_SECONDS = num('BENCH_SYSLOG_SECONDS', QUICK ? 5 : 60);
const ONLY = env.BENCH_ONLY ? new Set(env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
/** Sections that run only when BENCH_ONLY names them (they take minutes of their own). */
const OPT_IN = new Set(['retention-sqlite']);
const want = (section: string) => (ONLY ? ONLY.has(section) : !OPT_IN.has(section));
const KEEP = env.BENCH_KEEP === '1';

const results: BenchResult[] = [];
const notes: string[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

function add(r: BenchResult): void {
  results.push(r);
  progress(`result: ${r.name} = ${r.value === null ? 'n/a' : fmtNum(r.value)} ${r.unit}${r.target ? ` (target ${r.target}: ${r.pass ? 'PASS' : 'FAIL'})` : ''}`);
}

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  if (!KEEP) cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

/** The ingest key from the database's bootstrap file in the data dir. */
function ingestKeyOf(dataDir: string, databaseUrl?: string): string {
  return readBootstrap(bootstrapPath(dataDir, databaseUrl))!.ingestKey;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL helpers
// ---------------------------------------------------------------------------------------------

/** Why PostgreSQL cannot be used, or null (the shared test helper). */
function pgAvailable(): Promise<string | null> {
  return pgUnreachable(PG_URL);
}

/** A fresh schema (the shared test helper); answers its URL (?schema=) and registers its drop. */
async function pgSchema(prefix: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const schema = await tempSchema(prefix, PG_URL);
  cleanups.push(schema.drop);
  return schema;
}

async function pgQuery<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

async function migratePg(url: string, dataDir: string): Promise<void> {
  const r = await runChild([VIGIL_BIN, 'migrate'], { VIGIL_DATABASE_URL: url, VIGIL_DATA_DIR: dataDir, VIGIL_LOG_LEVEL: 'warn' }, { quietStderr: true });
  if (r.code !== 0) throw new Error(`vigil migrate failed (${r.code}): ${r.stdout}${r.stderr}`);
}

/**
 * How busy the whole machine was over a phase, and how much of that was neither Vigil nor the bench
 * (other workloads on a shared machine make every figure here a lower bound).
 */
function machineContention(j0: ReturnType<typeof machineJiffies>, wallSeconds: number, ownCpuSeconds: number): Record<string, number> {
  const j1 = machineJiffies();
  if (!j0 || !j1 || wallSeconds <= 0) return {};
  const busyCores = (j1.busy - j0.busy) / 100 / wallSeconds;
  return { machineBusyCores: +busyCores.toFixed(2), otherProcessesCores: +Math.max(0, busyCores - ownCpuSeconds / wallSeconds).toFixed(2), loadAvg1m: +loadavg()[0]!.toFixed(2) };
}

// ---------------------------------------------------------------------------------------------
// 1 + 2: HTTP NDJSON ingest
// ---------------------------------------------------------------------------------------------

interface LoadgenOut {
  acceptedTotal: number;
  acceptedMeasured: number;
  measuredSeconds: number;
  eventsPerSecond: number;
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  firstError?: string;
  bodyBytes: number;
  bytesPerEvent: number;
  requestMs: Record<string, number>;
}

async function storeBatchStats(url: string): Promise<Record<string, unknown>> {
  const text = await metricsText(url);
  const secs = parseHistogram(text, 'vigil_store_batch_seconds');
  const size = parseHistogram(text, 'vigil_store_batch_events');
  const ingest = parseHistogram(text, 'vigil_ingest_duration_seconds');
  return {
    batches: secs?.count ?? 0,
    meanBatchSeconds: secs && secs.count ? +(secs.sum / secs.count).toFixed(4) : null,
    p50BatchSecondsLe: secs ? histogramQuantile(secs, 0.5) : null,
    p95BatchSecondsLe: secs ? histogramQuantile(secs, 0.95) : null,
    meanBatchEvents: size && size.count ? Math.round(size.sum / size.count) : null,
    storeSecondsTotal: secs ? +secs.sum.toFixed(2) : null,
    storeRowsPerSecond: secs && size && secs.sum ? Math.round(size.sum / secs.sum) : null,
    ingestRequestP50Le: ingest ? histogramQuantile(ingest, 0.5) : null,
    ingestRequestP95Le: ingest ? histogramQuantile(ingest, 0.95) : null,
  };
}

/** Per-variant HTTP ingest figures, for the detection-cost comparison. */
const ingestRuns: Record<string, { eventsPerSecond: number; eventsPerServerCpuSecond: number | null }> = {};

async function ingestBench(kind: 'sqlite' | 'postgres', seconds: number, variant: '' | 'no_detection' = ''): Promise<void> {
  const label = `ingest ${kind}${variant ? ` (${variant})` : ''}`;
  const prefix = `ingest.${kind}${variant ? `_${variant}` : ''}`;
  const dataDir = tempDir(`vigil-bench-${kind}-`);
  let schema: Awaited<ReturnType<typeof pgSchema>> | null = null;
  const extra: Record<string, string> = variant === 'no_detection' ? { VIGIL_DETECTION_ENABLED: 'false' } : {};
  if (kind === 'postgres') {
    schema = await pgSchema('bench_ingest');
    await migratePg(schema.url, dataDir);
    extra.VIGIL_DATABASE_URL = schema.url;
  }
  if (!SEARCH_INDEX) extra.VIGIL_SEARCH_INDEX = 'false';
  progress(`${label}: starting server (data ${dataDir})`);
  const srv = await startVigil(benchEnv(dataDir, extra));
  let stopped = false;
  cleanups.push(async () => {
    if (!stopped) await srv.stop(10_000);
  });
  const key = ingestKeyOf(dataDir, schema?.url);
  const warmup = Math.min(3, Math.max(1, Math.round(seconds / 10)));
  const cpu0 = cpuSeconds(srv.pid) ?? 0;
  const threads0 = threadCpuSeconds(srv.pid);
  const j0 = machineJiffies();
  const pg0 = kind === 'postgres' ? commCpuSeconds('postgres') : 0;
  const wall0 = performance.now();
  progress(`${label}: ${CONNECTIONS} connections x ${BATCH}-event NDJSON batches for ${warmup}s warm-up + ${seconds}s`);
  const lg = await runChild([RUN_TS, resolve(ROOT, 'bench/load-ingest.ts'), JSON.stringify({ url: srv.url, key, seconds, warmupSeconds: warmup, connections: CONNECTIONS, batch: BATCH, bodies: 16, label, disorderMs: DISORDER_MS })]);
  const wall = (performance.now() - wall0) / 1000;
  const cpu = (cpuSeconds(srv.pid) ?? 0) - cpu0;
  const threads1 = threadCpuSeconds(srv.pid);
  const threads = threadBreakdown(srv.pid, threads0, threads1, wall);
  // PostgreSQL's backends are part of the system under test (their CPU is counted, not as "others").
  const pgCpu = kind === 'postgres' ? commCpuSeconds('postgres') - pg0 : 0;
  const contention = machineContention(j0, wall, cpu + (lg.cpuSeconds ?? 0) + pgCpu);
  if (lg.code !== 0) throw new Error(`load generator failed (${lg.code}): ${lg.stderr.slice(-2000)}`);
  const out = JSON.parse(lg.stdout.trim().split('\n').pop()!) as LoadgenOut;
  const rss = peakRssMiB(srv.pid);
  const batches = await storeBatchStats(srv.url);
  progress(`${label}: stopping server (SIGTERM) and counting stored rows`);
  const t = performance.now();
  const code = await srv.stop();
  stopped = true;
  const stopSeconds = (performance.now() - t) / 1000;
  // Alerts are stored as events too (vigil.input: detection), and retention may leave a placeholder row
  // (tenant ''): only the events the load generator sent count against what it was told was accepted.
  let stored: number;
  let alertEvents: number;
  if (kind === 'sqlite') {
    const db = new Database(join(dataDir, 'vigil.db'), { readonly: true });
    const r = db.prepare(`SELECT count(*) AS c, coalesce(sum(json_extract(doc, '$."vigil.input"') = 'detection'), 0) AS a FROM events WHERE tenant_id <> ''`).get() as { c: number; a: number };
    stored = r.c - r.a;
    alertEvents = r.a;
    db.close();
  } else {
    const r = (await pgQuery<{ c: string; a: string }>(`SELECT count(*) AS c, count(*) FILTER (WHERE doc->>'vigil.input' = 'detection') AS a FROM ${schema!.name}.events`))[0]!;
    stored = Number(r.c) - Number(r.a);
    alertEvents = Number(r.a);
    await schema!.drop();
  }
  const lost = out.acceptedTotal - stored;
  const details = {
    acceptedTotal: out.acceptedTotal,
    stored,
    alertEvents,
    lost,
    measuredSeconds: +out.measuredSeconds.toFixed(2),
    warmupSeconds: warmup,
    connections: CONNECTIONS,
    batchEvents: BATCH,
    timestampDisorderMs: DISORDER_MS,
    bytesPerEvent: out.bytesPerEvent,
    requests: out.requests,
    errors: out.errors,
    statuses: out.statuses,
    firstError: out.firstError,
    requestMs: Object.fromEntries(Object.entries(out.requestMs).map(([k, v]) => [k, Math.round(v)])),
    serverPeakRssMiB: rss,
    serverCpuPercent: Math.round((cpu / wall) * 100),
    eventsPerServerCpuSecond: cpu > 0 ? Math.round(out.acceptedTotal / cpu) : null,
    serverThreads: threads,
    ...(kind === 'sqlite' ? writerAndIndexer(srv.pid, threads0, threads1, out.acceptedTotal) : {}),
    searchIndex: SEARCH_INDEX,
    ...(kind === 'postgres' ? { postgresCpuPercent: Math.round((pgCpu / wall) * 100) } : {}),
    loadgenCpuSeconds: lg.cpuSeconds,
    ...contention,
    storeBatches: batches,
    shutdownSeconds: +stopSeconds.toFixed(2),
    serverExitCode: code,
  };
  ingestRuns[prefix] = { eventsPerSecond: out.eventsPerSecond, eventsPerServerCpuSecond: details.eventsPerServerCpuSecond };
  const target = kind === 'sqlite' ? 100_000 : 60_000;
  add({ name: `${prefix}.http_ndjson`, value: Math.round(out.eventsPerSecond), unit: 'events/s', target: `>= ${target}`, pass: out.eventsPerSecond >= target, details: { ...details, detection: variant === 'no_detection' ? 'off (detection.enabled: false)' : 'on (built-in rule pack)' } });
  add({ name: `${prefix}.lost_events`, value: lost, unit: 'events', target: '== 0', pass: lost === 0 && out.acceptedTotal > 0, details: { acceptedTotal: out.acceptedTotal, stored, alertEvents, note: 'stored counts the sent events only (alerts stored as events are not)' } });
  add({ name: `${prefix}.server_peak_rss`, value: rss, unit: 'MiB', ...(variant ? {} : { target: '< 1024', pass: rss !== null && rss < 1024 }) });
  const on = ingestRuns[`ingest.${kind}`];
  const off = ingestRuns[`ingest.${kind}_no_detection`];
  if (variant === 'no_detection' && on && off && off.eventsPerSecond > 0) {
    // Issue 8: ingest with the built-in pack active no more than 15 % below ingest without rules.
    const cost = 1 - on.eventsPerSecond / off.eventsPerSecond;
    const cpuCost = on.eventsPerServerCpuSecond && off.eventsPerServerCpuSecond ? 1 - on.eventsPerServerCpuSecond / off.eventsPerServerCpuSecond : null;
    add({ name: `ingest.${kind}.detection_cost`, value: Math.round(cost * 1000) / 10, unit: '% slower', target: '<= 15', pass: cost <= 0.15, details: { withRules: Math.round(on.eventsPerSecond), withoutRules: Math.round(off.eventsPerSecond), cpuPerEventCostPercent: cpuCost === null ? null : Math.round(cpuCost * 1000) / 10, note: 'events/s with the built-in rule pack against detection.enabled: false, same run' } });
  }
}

/** SQLite's plan for the first-page query the store runs (same WHERE as SqliteEventStore.search). */
function sqlitePlan(dbFile: string, tenantId: string, q: string | undefined, histogram: boolean): string {
  const db = new Database(dbFile, { readonly: true });
  try {
    for (const [name, f] of Object.entries(SQLITE_FUNCTIONS)) db.function(name, { deterministic: f.deterministic }, f.fn);
    const w = q ? compileSql(parseQuery(q), { dialect: 'sqlite', columns: EVENT_COLUMNS, doc: 'doc' }) : { where: '1', params: [] as unknown[] };
    const sql = histogram
      ? `EXPLAIN QUERY PLAN SELECT CAST((ts - ?) / ? AS INTEGER) AS b, count(*) AS c FROM events WHERE tenant_id = ? AND ts >= ? AND ts < ? AND (${w.where}) GROUP BY b`
      : `EXPLAIN QUERY PLAN SELECT doc FROM events WHERE tenant_id = ? AND (${w.where}) ORDER BY ts DESC, id DESC LIMIT ?`;
    const params = histogram ? [0, 1, tenantId, 0, 1, ...w.params] : [tenantId, ...w.params, 101];
    return (db.prepare(sql).all(...params) as { detail: string }[]).map((r) => r.detail).join('; ');
  } catch (err) {
    return `(plan unavailable: ${(err as Error).message})`;
  } finally {
    db.close();
  }
}

/** What the search index answers for a case (read on a connection of the bench's own). */
function indexPath(dbFile: string, tenantId: string, q: string | undefined, histogram: boolean): string {
  if (!SEARCH_INDEX) return 'index off (BENCH_SEARCH_INDEX=0): newest-first scan';
  if (histogram && (!q || /^event\.dataset:[^ ]+$/.test(q))) return 'per-minute counts below the watermark + tail scan';
  const plan = q ? keyPlan(parseQuery(q)) : null;
  if (!plan) return 'no keys: newest-first scan';
  const db = new Database(dbFile, { readonly: true });
  try {
    const l = sqliteLookup(db, { tenantId, plan });
    return l.use ? `${l.candidates.length} candidates of ${l.indexedEvents} indexed events, tail ${l.tail}` : `not used (${l.reason}): newest-first scan`;
  } catch (err) {
    return `(unavailable: ${(err as Error).message})`;
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 3: search
// ---------------------------------------------------------------------------------------------

interface SearchCase {
  key: string;
  label: string;
  path: string;
  q?: string;
  targetMs: number;
}

const FIELD_RARE = `event.dataset:sshd AND source.ip:${NEEDLE.ip}`;
const FIELD_COMMON = 'event.dataset:nginx.access';
const CIDR = 'source.ip:10.1.0.0/16';
const TEXT_RARE = NEEDLE.word;
const TEXT_COMMON = 'password';
const COUNT_QUERIES = [FIELD_RARE, FIELD_COMMON, CIDR, TEXT_RARE, TEXT_COMMON, 'event.dataset:sshd'];

const SEARCH_CASES: SearchCase[] = [
  { key: 'field_rare', label: FIELD_RARE, path: '/api/v1/events', q: FIELD_RARE, targetMs: 200 },
  { key: 'field_common', label: FIELD_COMMON, path: '/api/v1/events', q: FIELD_COMMON, targetMs: 200 },
  { key: 'cidr', label: CIDR, path: '/api/v1/events', q: CIDR, targetMs: 200 },
  { key: 'text_rare', label: `${TEXT_RARE} (full text, rare)`, path: '/api/v1/events', q: TEXT_RARE, targetMs: 200 },
  { key: 'text_common', label: `${TEXT_COMMON} (full text, common)`, path: '/api/v1/events', q: TEXT_COMMON, targetMs: 200 },
  { key: 'match_all', label: '(empty query)', path: '/api/v1/events', targetMs: 200 },
  { key: 'histogram_24h', label: 'histogram, 24 h, all events', path: '/api/v1/events/histogram', targetMs: 1000 },
  { key: 'histogram_24h_sshd', label: 'histogram, 24 h, event.dataset:sshd', path: '/api/v1/events/histogram', q: 'event.dataset:sshd', targetMs: 1000 },
];

async function timedGet(url: string, key: string): Promise<{ ms: number; status: number; body: any }> {
  const t = performance.now();
  const r = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  const text = await r.text();
  const ms = performance.now() - t;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return { ms, status: r.status, body };
}

/** Bytes on disk by what they hold (SQLite file via dbstat; PostgreSQL relation sizes). */
async function storageBytes(kind: 'sqlite' | 'postgres', dataDir: string, schema: string | null): Promise<{ total: number; events: number; eventIndexes: number; searchIndex: number; other: number }> {
  if (kind === 'sqlite') {
    const file = join(dataDir, 'vigil.db');
    const total = statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as { name: string; bytes: number }[];
      const sum = (f: (n: string) => boolean) => rows.filter((r) => f(r.name)).reduce((a, r) => a + r.bytes, 0);
      const events = sum((n) => n === 'events');
      const eventIndexes = sum((n) => n.startsWith('events_'));
      const searchIndex = sum((n) => n.startsWith('search_') || n.startsWith('sqlite_autoindex_search_'));
      return { total, events, eventIndexes, searchIndex, other: total - events - eventIndexes - searchIndex };
    } finally {
      db.close();
    }
  }
  const q = async (where: string) => Number((await pgQuery<{ b: string }>(`SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::text AS b FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND ${where}`, [schema]))[0]!.b);
  const events = await q("c.relname LIKE 'events%'");
  const searchIndex = await q("c.relname LIKE 'search\\_%'");
  const total = await q('true');
  return { total, events, eventIndexes: 0, searchIndex, other: total - events - searchIndex };
}

async function searchBench(kind: 'sqlite' | 'postgres', events: number): Promise<void> {
  const tag = events >= 1_000_000 && events % 1_000_000 === 0 ? `${events / 1_000_000}M` : `${Math.round(events / 1000)}k`;
  const label = `search ${kind} ${tag}`;
  const dataDir = tempDir(`vigil-bench-search-${kind}-`);
  let schema: Awaited<ReturnType<typeof pgSchema>> | null = null;
  const extra: Record<string, string> = {};
  if (kind === 'postgres') {
    schema = await pgSchema('bench_search');
    extra.VIGIL_DATABASE_URL = schema.url;
  }
  const endTs = Date.now();
  progress(`${label}: loading ${events.toLocaleString('en-US')} events over the last 24 h`);
  const load = await loadEvents({ dataDir, databaseUrl: schema?.url, events, batch: 10_000, endTs, spanMs: 23.5 * 3_600_000, countQueries: COUNT_QUERIES, label });
  add({ name: `search.${kind}.${tag}.load_rate`, value: Math.round(load.rowsPerSecond), unit: 'rows/s', details: { note: 'direct EventStore.append in 10k batches (not via HTTP); informational', events, seconds: +load.seconds.toFixed(1) } });
  if (kind === 'postgres') {
    // Fresh partitions have no statistics yet; autovacuum would analyze them shortly after a bulk load.
    await pgQuery(`ANALYZE ${schema!.name}.events`);
  }
  progress(`${label}: starting server`);
  if (!SEARCH_INDEX) extra.VIGIL_SEARCH_INDEX = 'false';
  const srv = await startVigil(benchEnv(dataDir, extra));
  let stopped = false;
  cleanups.push(async () => {
    if (!stopped) await srv.stop(10_000);
  });
  if (SEARCH_INDEX) {
    progress(`${label}: waiting for the search index to cover the loaded events`);
    const ix = await waitIndexed(srv, label);
    add({ name: `search.${kind}.${tag}.index_build`, value: Math.round(events / ix.seconds), unit: 'events/s', details: { note: 'the deferred search index catching up with the bulk-loaded events after start (nice 19 thread, off the write path); queries below run after it caught up', seconds: +ix.seconds.toFixed(1), serverCpuSeconds: +ix.cpuSeconds.toFixed(1), eventsPerServerCpuSecond: ix.cpuSeconds > 0 ? Math.round(events / ix.cpuSeconds) : null, loadAvg1m: +loadavg()[0]!.toFixed(2) } });
  } else notes.push(`${label}: BENCH_SEARCH_INDEX=0, the search index was off (every query scans)`);
  const j0 = machineJiffies();
  const cpu0 = cpuSeconds(srv.pid) ?? 0;
  const pg0 = kind === 'postgres' ? commCpuSeconds('postgres') : 0;
  const own0 = process.cpuUsage();
  const wall0 = performance.now();
  try {
    for (const c of SEARCH_CASES) {
      const u = new URL(c.path, srv.url);
      if (c.q) u.searchParams.set('q', c.q);
      if (c.path === '/api/v1/events') u.searchParams.set('limit', '100');
      // Warm-up (the first query compiles and caches; the page cache is warm from the load anyway).
      const first = await timedGet(u.toString(), load.readKey);
      if (first.status !== 200) throw new Error(`${c.path}?q=${c.q ?? ''} answered ${first.status}: ${JSON.stringify(first.body).slice(0, 300)}`);
      const probe = first.ms > 1000 ? first : await timedGet(u.toString(), load.readKey);
      // Slow cases get a time budget instead of the full run count, so the suite stays near 6 minutes.
      const budget = kind === 'postgres' ? SEARCH_CASE_BUDGET_MS * 0.6 : SEARCH_CASE_BUDGET_MS;
      let runs = SEARCH_RUNS;
      if (probe.ms * SEARCH_RUNS > budget) {
        runs = Math.max(probe.ms > 4000 ? 3 : probe.ms > 1500 ? 5 : 10, Math.min(SEARCH_RUNS, Math.floor(budget / probe.ms)));
        if (runs < SEARCH_RUNS) notes.push(`${label} ${c.key}: a run took ${Math.round(probe.ms)} ms, so ${runs} timed runs were made instead of ${SEARCH_RUNS} (p95 of few runs is close to the max)`);
      }
      const ms: number[] = [];
      let returned = 0;
      const caseCpu0 = cpuSeconds(srv.pid) ?? 0;
      for (let i = 0; i < runs; i++) {
        const r = await timedGet(u.toString(), load.readKey);
        if (r.status !== 200) throw new Error(`${c.path} answered ${r.status}`);
        ms.push(r.ms);
        returned = c.path === '/api/v1/events' ? (r.body as { events: unknown[] }).events.length : (r.body as { buckets: { count: number }[] }).buckets.reduce((s, b) => s + b.count, 0);
      }
      const cpuMsPerQuery = +((((cpuSeconds(srv.pid) ?? 0) - caseCpu0) * 1000) / runs).toFixed(1);
      const st: LatencyStats = latencyStats(ms);
      const totalMatches = c.q === undefined ? events : load.matches[c.q];
      add({
        name: `search.${kind}.${tag}.${c.key}`,
        value: st.p95,
        unit: 'ms p95',
        target: `< ${c.targetMs} ms`,
        pass: st.p95 < c.targetMs,
        details: { query: c.q ?? '', endpoint: c.path, ...(kind === 'sqlite' ? { sqlitePlan: sqlitePlan(join(dataDir, 'vigil.db'), load.tenantId, c.q, c.path.endsWith('histogram')), searchIndex: indexPath(join(dataDir, 'vigil.db'), load.tenantId, c.q, c.path.endsWith('histogram')) } : {}), p50: st.p50, p95: st.p95, p99: st.p99, mean: st.mean, min: st.min, max: st.max, runs: st.runs, serverCpuMsPerQuery: cpuMsPerQuery, loadAvg1m: +loadavg()[0]!.toFixed(2), returned, totalMatches, events },
      });
    }
    const wall = (performance.now() - wall0) / 1000;
    const own = process.cpuUsage(own0);
    const pgCpu = kind === 'postgres' ? commCpuSeconds('postgres') - pg0 : 0;
    const contention = machineContention(j0, wall, (cpuSeconds(srv.pid) ?? 0) - cpu0 + (own.user + own.system) / 1e6 + pgCpu);
    add({ name: `search.${kind}.${tag}.server_peak_rss`, value: peakRssMiB(srv.pid), unit: 'MiB', details: { ...contention, note: 'contention figures cover the whole query phase' } });
  } finally {
    await srv.stop();
    stopped = true;
  }
  try {
    // After the stop: SQLite has checkpointed its WAL into the file.
    const b = await storageBytes(kind, dataDir, schema?.name ?? null);
    const per = (x: number) => Math.round(x / events);
    add({
      name: `search.${kind}.${tag}.bytes_per_event`,
      value: per(b.total),
      unit: 'bytes',
      target: `<= 2x raw line (${per(load.bytes.raw)})`,
      pass: b.total <= 2 * load.bytes.raw,
      details: { note: 'bytes on disk per stored event (database with the search index) against the event as the NDJSON line a sender posts', rawLineBytesPerEvent: per(load.bytes.raw), messageBytesPerEvent: per(load.bytes.message), ratioToRawLine: +(b.total / load.bytes.raw).toFixed(2), eventsTablePerEvent: per(b.events), eventIndexesPerEvent: per(b.eventIndexes), searchIndexPerEvent: per(b.searchIndex), otherPerEvent: per(b.other), totalBytes: b.total },
    });
  } finally {
    if (schema) await schema.drop();
  }
}

// ---------------------------------------------------------------------------------------------
// 4: parse / normalize and predicates (pure, one core)
// ---------------------------------------------------------------------------------------------

/** Runs fn over items repeatedly for at least `ms`; answers items/s. */
function throughput<T>(items: readonly T[], fn: (x: T) => unknown, ms = QUICK ? 700 : 1500): { perSecond: number; iterations: number } {
  // Warm-up so the JIT has settled.
  for (let i = 0; i < Math.min(items.length, 5000); i++) fn(items[i]!);
  let n = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let t = t0;
  while (t - t0 < ms) {
    for (const x of items) fn(x);
    n += items.length;
    t = performance.now();
  }
  // Per CPU-second of this thread, not per wall second: on a shared machine the wall clock also counts
  // the time other processes held the core.
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  return { perSecond: n / (cpu > 0 ? cpu : (t - t0) / 1000), iterations: n };
}

async function cpuBench(): Promise<void> {
  const core = await import('@vigil/core');
  const ctx = { receivedAt: Date.now() };

  // Parser cases, in a child process of their own (bench/parsers.ts says why).
  const { runParserBench } = await import('./parsers.ts');
  const parserFigures = await runParserBench({ quick: QUICK });
  progress(`parse: ${parserFigures.length} parser cases`);
  for (const r of parserFigures) add(r);

  // parseLine over generated syslog lines (RFC 3164 headers around sshd/sudo/dns/firewall messages).
  const r = rng(7);
  const now = Date.now();
  const syslogLines: string[] = [];
  for (let i = 0; syslogLines.length < 20_000; i++) {
    const e = makeEvent(r, now - Math.floor(r() * 3_600_000), i);
    if (e['event.dataset'] === 'sshd' || e['event.dataset'] === 'sudo' || e['event.dataset'] === 'dns' || e['event.dataset'] === 'firewall') syslogLines.push(`<${e['event.dataset'] === 'firewall' ? 4 : 38}>${e.message}`);
  }
  const okShare = syslogLines.slice(0, 2000).filter((l) => core.parseLine(l, ctx).ok).length / 2000;
  const parsers = new Map<string, number>();
  for (const l of syslogLines.slice(0, 2000)) {
    const p = core.parseLine(l, ctx).parser;
    parsers.set(p, (parsers.get(p) ?? 0) + 1);
  }
  const mixed = throughput(syslogLines, (l) => core.parseLine(l, ctx));
  add({ name: 'parse.mixed_syslog_generated', value: Math.round(mixed.perSecond), unit: 'lines/s', details: { note: 'parseLine (auto-detect) over generated RFC 3164 sshd/sudo/dns/iptables lines', avgBytes: Math.round(syslogLines.reduce((s, l) => s + l.length, 0) / syslogLines.length), parsedShare: okShare, parsers: Object.fromEntries(parsers) } });

  // The HTTP JSON path without HTTP: JSON.parse per NDJSON line + IngestService.build (normalize, finalize).
  const jsonLines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify(makeEvent(r, now - Math.floor(r() * 3_600_000), i)));
  let id = 0;
  const ingest = new IngestService({ newId: () => String(id++), now: () => now } as unknown as IngestDeps);
  const CHUNK = 1000;
  const chunks = Array.from({ length: jsonLines.length / CHUNK }, (_, i) => jsonLines.slice(i * CHUNK, (i + 1) * CHUNK));
  const norm = throughput(chunks, (lines) => ingest.build('t', 'http', lines.map((l): IngestItem => ({ kind: 'json', value: JSON.parse(l) }))));
  add({ name: 'normalize.ndjson_event', value: Math.round(norm.perSecond * CHUNK), unit: 'events/s', details: { note: 'JSON.parse + IngestService.build (normalizeJson + finalizeEvent) per NDJSON line, in 1000-line requests: the ingest route minus HTTP and storage', avgBytes: Math.round(jsonLines.reduce((s, l) => s + l.length, 0) / jsonLines.length) } });

  // Rule predicates over finalized events.
  const events = ingest.build('t', 'http', jsonLines.map((l): IngestItem => ({ kind: 'json', value: JSON.parse(l) }))).events.map((e) => e.event);
  const rules = [
    'event.dataset:sshd AND event.outcome:failure',
    'source.ip:10.1.0.0/16',
    'password',
    '"Failed password" AND NOT user.name:root',
    'process.command_line:/xmrig|minerd|kdevtmpfsi/',
    'http.response.status_code:>=500 AND url.path:/api/*',
    '(event.dataset:windows.security AND event.code:4625) OR (event.dataset:firewall AND event.action:deny AND destination.port:[0 TO 1023])',
  ];
  for (const q of rules) {
    const p = core.compilePredicate(core.parseQuery(q));
    const hits = events.reduce((s, e) => s + (p(e) ? 1 : 0), 0);
    const t = throughput(events, p);
    add({ name: `predicate.${q.length > 48 ? `${q.slice(0, 45)}...` : q}`, value: Math.round(t.perSecond), unit: 'evals/s', details: { query: q, hitShare: +(hits / events.length).toFixed(4) } });
  }
}

// ---------------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = Date.now();
  const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10, node: process.version, platform: `${process.platform} ${process.arch}` };
  const serverMode = ensureBundle();
  progress(`Vigil bench${QUICK ? ' (quick)' : ''}: ${machine.cpus} x ${machine.model}, ${machine.memGiB} GiB, Node ${machine.node}; servers run the ${serverMode === 'bundle' ? 'compiled bundle (packages/server/dist)' : 'TypeScript sources through tsx (BENCH_FROM_SOURCE=1: slower, not comparable)'}`);
  const pgDown = want('ingest-pg') || want('search-pg') ? await pgAvailable() : 'not requested';
  if (pgDown && pgDown !== 'not requested') notes.push(`PostgreSQL at ${PG_URL} is unreachable (${pgDown}): PostgreSQL sections skipped`);

  const sections: [string, () => Promise<void>][] = [
    ['ingest-sqlite', () => ingestBench('sqlite', SECONDS)],
    ['ingest-sqlite-norules', () => ingestBench('sqlite', SECONDS, 'no_detection')],
    ['ingest-pg', () => (pgDown ? Promise.resolve() : ingestBench('postgres', PG_SECONDS))],
    ['search-sqlite', () => searchBench('sqlite', SEARCH_EVENTS)],
    ['search-pg', () => (pgDown ? Promise.resolve() : searchBench('postgres', PG_SEARCH_EVENTS))],
    ['cpu', () => cpuBench()],
    ['detection', async () => {
      const { runDetectionBench } = await import('./detection.ts');
      for (const r of await runDetectionBench({ seconds: QUICK ? 3 : 10 })) add(r);
    }],
    ['detection-e2e', async () => {
      const { runDetectionE2eBench } = await import('./detection-e2e.ts');
      for (const r of await runDetectionE2eBench({ quick: QUICK })) add(r);
    }],
    ['sigma', async () => {
      const { sigmaReplay } = await import('./sigma.ts');
      const r = sigmaReplay(resolve(ROOT, '..', 'shared', 'corpus'), progress);
      if (!r) return void notes.push('sigma: ../shared/corpus not found; the SigmaHQ replay was skipped');
      add({ name: 'detection.sigmahq_windows.events_per_cpu_s', value: Math.round(r.eventsPerCpuSecond), unit: 'events/s', details: { rules: r.rules, events: r.events, signals: r.signals, predicatesPerEvent: r.predicatesPerEvent, wallEventsPerSecond: Math.round(r.eventsPerSecond) } });
    }],
    ['syslog', async () => {
      const { runSyslogBench } = await import('./syslog.ts');
      for (const r of await runSyslogBench({ seconds: SYSLOG_SECONDS })) add(r);
    }],
    ['snmp', async () => {
      const { runSnmpBench } = await import('./snmp.ts');
      for (const r of await runSnmpBench({ seconds: num('BENCH_SNMP_SECONDS', QUICK ? 3 : 5) })) add(r);
    }],
    ['agent', async () => {
      const { runAgentBench } = await import('./agent.ts');
      for (const r of await runAgentBench({ quick: QUICK, keep: KEEP })) add(r);
    }],
    ['retention-sqlite', async () => {
      const { runRetentionBench } = await import('./retention.ts');
      for (const r of await runRetentionBench({ events: num('BENCH_RETENTION_EVENTS', QUICK ? 300_000 : 1_000_000), seconds: num('BENCH_RETENTION_SECONDS', QUICK ? 6 : 10), pairs: num('BENCH_RETENTION_PAIRS', QUICK ? 1 : 4), connections: CONNECTIONS, batch: BATCH, keep: KEEP })) add(r);
    }],
    ['notify', async () => {
      const { runNotifyBench } = await import('./notify.ts');
      for (const r of await runNotifyBench({ quick: QUICK })) add(r);
    }],
  ];
  for (const [name, run] of sections) {
    if (!want(name)) continue;
    try {
      await run();
    } catch (err) {
      const msg = `${name} failed: ${(err as Error).stack ?? err}`;
      notes.push(msg.slice(0, 2000));
      progress(msg);
      add({ name: `${name}.error`, value: null, unit: '', pass: false, details: { error: (err as Error).message.slice(0, 2000) } });
    }
  }
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);

  const out = {
    machine,
    generatedAt: new Date().toISOString(),
    mode: QUICK ? 'quick' : 'full',
    serverMode,
    settings: { ingestSeconds: SECONDS, pgIngestSeconds: PG_SECONDS, connections: CONNECTIONS, batch: BATCH, timestampDisorderMs: DISORDER_MS, searchEvents: SEARCH_EVENTS, pgSearchEvents: PG_SEARCH_EVENTS, searchRuns: SEARCH_RUNS },
    durationSeconds: Math.round((Date.now() - started) / 1000),
    notes,
    results,
  };
  const file = resolve(ROOT, 'bench/results.json');
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  // A full run is what the READMEs publish; a quick run only writes results.json.
  if (!QUICK) {
    const figures = renderBenchTable(out as Parameters<typeof renderBenchTable>[0]);
    for (const f of ['README.md', 'bench/README.md']) writeFileSync(resolve(ROOT, f), withBenchTable(readFileSync(resolve(ROOT, f), 'utf8'), figures));
  }

  const rows = results.map((r) => {
    const d = r.details ?? {};
    let extra = '';
    if (r.name.startsWith('search.') && 'p50' in d) extra = `p50 ${d.p50} ms, ${d.returned} returned of ${d.totalMatches} matching`;
    else if (r.name.endsWith('.http_ndjson')) {
      const b = (d.storeBatches ?? {}) as Record<string, unknown>;
      extra = `${d.acceptedTotal} accepted = ${d.stored} stored; server CPU ${d.serverCpuPercent}% (${d.eventsPerServerCpuSecond} ev/CPU-s); store ${b.storeRowsPerSecond} rows/s in ${b.meanBatchEvents}-event batches; others ${d.otherProcessesCores} cores`;
    } else if (r.name.endsWith('.server_peak_rss') && 'otherProcessesCores' in d) extra = `others used ${d.otherProcessesCores} cores meanwhile`;
    else if (r.name.startsWith('syslog.') && 'sent' in d) extra = `sent ${d.sent}, ${'stored' in d ? `stored ${d.stored}` : `written ${d.written}`}`;
    else if (r.name.startsWith('predicate.')) extra = `hits ${((d.hitShare as number) * 100).toFixed(1)}%`;
    else if (typeof d.error === 'string') extra = d.error.slice(0, 80);
    return [r.name, r.value === null ? 'n/a' : fmtNum(r.value), r.unit, r.target ?? '', r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL', extra];
  });
  process.stdout.write(`\nVigil bench ${out.mode} — ${machine.cpus} x ${machine.model}, ${machine.memGiB} GiB, Node ${machine.node}, server ${serverMode}, ${out.generatedAt}\n\n`);
  process.stdout.write(`${table(['benchmark', 'value', 'unit', 'target', 'pass', 'details'], rows)}\n`);
  if (notes.length) process.stdout.write(`\nNotes:\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
  process.stdout.write(`\nWritten ${file} (${out.durationSeconds} s)\n`);
}

const onSignal = async () => {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
  process.exit(130);
};
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);

await main();
