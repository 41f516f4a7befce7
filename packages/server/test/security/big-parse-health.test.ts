/**
 * Issue 14 item 4 (the parse part), against a real server on a real socket: a 13 MB text ingest and a
 * /parsers/test call with 1,000 lines are parsed in slices (and big batches cross to the SQLite writer
 * thread in parts), so `/healthz` keeps answering while they run, and the ingest still stores every line.
 *
 * Measured on the shared 2-core test machine: the worst /healthz answer fell from ~1,000 ms to ~280 ms
 * for the 13 MB ingest with parsing in slices, and to 87 ms (274 probes, load ~3; 32 ms for
 * /parsers/test) once the alert flood was folded in short transactions and the client stopped encoding
 * the body on the shared loop. The target is < 100 ms; the bound asserted here is `WORST_MS`,
 * loose because other suites share the 2 cores in CI.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestServer, Client, type TestServer } from '../support/server.ts';

/** Asserted bound on the slowest /healthz answer (target 100 ms, see above). */
const WORST_MS = 1000;

let srv: TestServer;
let admin: Client;

beforeAll(async () => {
  srv = await startTestServer();
  admin = new Client(srv.url);
  expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
});
afterAll(async () => srv?.close());

/** Polls /healthz until `work` settles; answers the slowest answer in ms and the work's result. */
async function healthDuring<T>(work: Promise<T>): Promise<{ worst: number; polls: number; result: T }> {
  let done = false;
  const finished = work.finally(() => (done = true));
  let worst = 0;
  let polls = 0;
  while (!done) {
    const t = performance.now();
    const r = await fetch(`${srv.url}/healthz`);
    await r.text();
    worst = Math.max(worst, performance.now() - t);
    polls++;
    await new Promise((res) => setTimeout(res, 10));
  }
  return { worst, polls, result: await finished };
}

describe('big parses do not freeze the server', () => {
  it('a 13 MB text ingest: /healthz keeps answering meanwhile, every line stored', async () => {
    const line = (i: number) => `<34>Oct 11 22:14:15 web-${i % 50} sshd[${i}]: Failed password for invalid user admin${i} from 10.${i % 250}.${i % 200}.${i % 100} port 22 ssh2 big-ingest-marker`;
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < 13 * 1024 * 1024; i++) {
      const l = line(i);
      lines.push(l);
      size += l.length + 1;
    }
    // Encoded before the clock starts: the client shares this process's event loop, and undici encoding
    // a 13 MB string in one go (~250 ms) would be charged to the server.
    const body = Buffer.from(lines.join('\n'));
    // Warm the connection and JIT so the first poll measures the server, not set-up.
    await fetch(`${srv.url}/healthz`).then((r) => r.text());
    const work = fetch(`${srv.url}/api/v1/ingest`, { method: 'POST', body, headers: { 'content-type': 'text/plain', authorization: `Bearer ${srv.boot.ingestKey}` } }).then(async (r) => ({ status: r.status, body: (await r.json()) as { accepted: number } }));
    const { worst, polls, result } = await healthDuring(work);
    expect(result.status).toBe(202);
    expect(result.body.accepted).toBe(lines.length);
    expect(polls).toBeGreaterThan(3);
    expect(worst).toBeLessThan(WORST_MS);
  }, 120_000);

  it('/parsers/test with 1,000 lines: /healthz keeps answering meanwhile', async () => {
    const long = `<13>Oct 11 22:14:15 host app: ${'key=value '.repeat(90)}`;
    const work = admin.req('POST', '/api/v1/parsers/test', { body: { lines: Array.from({ length: 1000 }, () => long) } });
    const { worst, polls, result } = await healthDuring(work);
    expect(result.status).toBe(200);
    expect(result.body.results).toHaveLength(1000);
    expect(polls).toBeGreaterThan(0); // on a quiet machine the whole parse takes ~150 ms: one or two probes
    expect(worst).toBeLessThan(WORST_MS);
  }, 120_000);
});
