/**
 * A real local HTTP receiver for the channel tests (node:http on 127.0.0.1, port 0), told how to
 * answer the next requests. The SMTP sink is in smtp-receiver.ts.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How a receiver answers: accept, fail temporarily, fail for good, or echo the request back in a 400. */
export type Answer = 'ok' | 'retryable' | 'rate-limited' | 'permanent' | 'echo';

/** One request the HTTP receiver got. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local HTTP receiver. */
export interface HttpReceiver {
  base: string;
  requests: ReceivedRequest[];
  answer: Answer;
  close(): Promise<void>;
}

/** Starts an HTTP receiver on 127.0.0.1. */
export async function startHttpReceiver(): Promise<HttpReceiver> {
  const r: HttpReceiver = { base: '', requests: [], answer: 'ok', close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      r.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      if (r.answer === 'ok') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      if (r.answer === 'retryable') return res.writeHead(503).end('try later');
      if (r.answer === 'rate-limited') return res.writeHead(429, { 'retry-after': '7' }).end('slow down');
      if (r.answer === 'permanent') return res.writeHead(400).end('bad request');
      res.writeHead(400).end(`rejected ${req.url} ${body}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  r.close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return r;
}
