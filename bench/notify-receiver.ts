/**
 * The receivers of the notify benchmark, in their own process so the bench measures only Vigil:
 * `/ok` answers 200 and records when each alert arrived (ms since the epoch, sub-millisecond),
 * `/other` answers 200 untimed, `/fail` answers 500, `/hang` never answers. Prints `{"port": N}` when listening; on a line `report` on
 * stdin prints the arrivals as JSON and `{...}` counts, then keeps serving.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';

const arrivals: [string, number][] = [];
const counts = { ok: 0, other: 0, fail: 0, hang: 0 };
const now = () => performance.timeOrigin + performance.now();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.url === '/hang') return void counts.hang++;
    if (req.url === '/fail') {
      counts.fail++;
      return void res.writeHead(500).end('failing on purpose');
    }
    if (req.url === '/other') {
      counts.other++;
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    }
    const at = now();
    counts.ok++;
    try {
      arrivals.push([(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { alert: { id: string } }).alert.id, at]);
    } catch {
      // A body that is not an alert is not timed.
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`));
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'report') process.stdout.write(`${JSON.stringify({ arrivals: arrivals.splice(0), counts })}\n`);
});
process.stdin.on('end', () => {
  server.closeAllConnections();
  server.close();
  process.exit(0);
});
