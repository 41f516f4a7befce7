/**
 * Load generator (runs as its own process so it does not share the server's event loop): sends
 * pre-built NDJSON batches over keep-alive connections for a fixed time and prints one JSON line of
 * counts on stdout. Progress goes to stderr.
 *
 * Argument: one JSON object {url, key, seconds, warmupSeconds, connections, batch, bodies, label, disorderMs, rate?}.
 * With `rate` (events/s) requests are paced to that rate (background load); without, they go as fast as
 * the server answers.
 */
import http from 'node:http';
import { ndjsonBody } from './lib/events.ts';

interface Args {
  url: string;
  key: string;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  batch: number;
  bodies: number;
  label: string;
  /** Timestamps of one request span this many ms before the send time, in order. */
  disorderMs: number;
  /** Events per second to send at most (paced); absent = as fast as possible. */
  rate?: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const target = new URL('/api/v1/ingest', args.url);

// Distinct bodies, built before the clock starts (their content cycles; ids are assigned by the
// server). Each line keeps its text but gets a fresh "@timestamp" per request, like a shipper that
// flushes what it read over the last `disorderMs`: lines in time order within a request, spanning
// [send time - disorderMs, send time]. Concurrent requests overlap, so the store sees keys that are
// out of order by up to about disorderMs (plus request latency) — rather than random old times,
// which would make the time index behave like a random-key index.
const PREFIX = '{"@timestamp":"';
const now = Date.now();
const templates: { rests: string[]; lagMs: number[] }[] = [];
for (let i = 0; i < args.bodies; i++) {
  const lines = ndjsonBody(1000 + i, args.batch, now, 0, i * args.batch).trimEnd().split('\n');
  const rests = lines.map((l) => {
    if (!l.startsWith(PREFIX)) throw new Error(`generated line does not start with @timestamp: ${l.slice(0, 40)}`);
    return l.slice(PREFIX.length + 24);
  });
  templates.push({ rests, lagMs: rests.map((_, k) => Math.round(((rests.length - 1 - k) / Math.max(1, rests.length - 1)) * (args.disorderMs ?? 1000))) });
}

/** One request body: the template's lines stamped relative to now. */
function stamp(t: { rests: string[]; lagMs: number[] }): Buffer {
  const base = Date.now();
  const parts = new Array<string>(t.rests.length);
  for (let k = 0; k < t.rests.length; k++) parts[k] = PREFIX + new Date(base - t.lagMs[k]!).toISOString() + t.rests[k];
  return Buffer.from(`${parts.join('\n')}\n`);
}
const avgBytes = stamp(templates[0]!).length;

const agent = new http.Agent({ keepAlive: true, maxSockets: args.connections });

function post(body: Buffer): Promise<{ status: number; accepted: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      target,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/x-ndjson', 'content-length': body.length, authorization: `Bearer ${args.key}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let accepted = 0;
          if (res.statusCode === 202) {
            try {
              accepted = (JSON.parse(text) as { accepted: number }).accepted;
            } catch {
              /* counted as an error below */
            }
          }
          resolve({ status: res.statusCode ?? 0, accepted, text });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const stats = {
  acceptedTotal: 0,
  acceptedMeasured: 0,
  requests: 0,
  errors: 0,
  statuses: {} as Record<string, number>,
  firstError: '' as string,
  latenciesMs: [] as number[],
};

const t0 = performance.now();
const warmEnd = t0 + args.warmupSeconds * 1000;
const end = warmEnd + args.seconds * 1000;
let measuredStart = 0;
let measuredEnd = 0;
let next = 0;

/** The next send time of the paced schedule (shared by the workers). */
let slot = performance.now();

async function worker(): Promise<void> {
  while (performance.now() < end) {
    if (args.rate) {
      const at = slot;
      slot += (args.batch / args.rate) * 1000;
      const wait = at - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (performance.now() >= end) break;
    }
    const body = stamp(templates[next++ % templates.length]!);
    const started = performance.now();
    try {
      const r = await post(body);
      const done = performance.now();
      stats.requests++;
      stats.statuses[r.status] = (stats.statuses[r.status] ?? 0) + 1;
      if (r.status !== 202) {
        stats.errors++;
        if (!stats.firstError) stats.firstError = `${r.status} ${r.text.slice(0, 300)}`;
        continue;
      }
      stats.acceptedTotal += r.accepted;
      // A request counts toward the measured window when it started after warm-up.
      if (started >= warmEnd) {
        stats.acceptedMeasured += r.accepted;
        stats.latenciesMs.push(done - started);
        if (!measuredStart) measuredStart = warmEnd;
        measuredEnd = Math.max(measuredEnd, done);
      }
    } catch (err) {
      stats.errors++;
      if (!stats.firstError) stats.firstError = (err as Error).message;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

let lastAccepted = 0;
let lastT = t0;
const progress = setInterval(() => {
  const t = performance.now();
  const rate = ((stats.acceptedTotal - lastAccepted) / (t - lastT)) * 1000;
  lastAccepted = stats.acceptedTotal;
  lastT = t;
  process.stderr.write(`  [${args.label}] ${((t - t0) / 1000).toFixed(0)}s  ${Math.round(rate).toLocaleString('en-US')} events/s  (total ${stats.acceptedTotal.toLocaleString('en-US')}, errors ${stats.errors})\n`);
}, 5000);

await Promise.all(Array.from({ length: args.connections }, () => worker()));
clearInterval(progress);
agent.destroy();

const lat = stats.latenciesMs.sort((a, b) => a - b);
const q = (p: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]! : 0);
const measuredSeconds = measuredEnd > measuredStart ? (measuredEnd - measuredStart) / 1000 : 0;
process.stdout.write(
  `${JSON.stringify({
    acceptedTotal: stats.acceptedTotal,
    acceptedMeasured: stats.acceptedMeasured,
    measuredSeconds,
    eventsPerSecond: measuredSeconds ? stats.acceptedMeasured / measuredSeconds : 0,
    requests: stats.requests,
    errors: stats.errors,
    statuses: stats.statuses,
    firstError: stats.firstError || undefined,
    bodyBytes: Math.round(avgBytes),
    bytesPerEvent: Math.round(avgBytes / args.batch),
    requestMs: { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: lat[lat.length - 1] ?? 0 },
    // The measured window on the wall clock (epoch ms), for callers that sample the server meanwhile.
    windowEpochMs: [Math.round(performance.timeOrigin + measuredStart), Math.round(performance.timeOrigin + measuredEnd)],
  })}\n`,
);
