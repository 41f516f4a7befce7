/**
 * Real local receivers for the channel tests: a node:http server and an smtp-server sink on
 * 127.0.0.1 (port 0), each told how to answer the next requests.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

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

/** One message the SMTP sink accepted. */
export interface ReceivedMail {
  from: string;
  to: string[];
  user?: string;
  raw: string;
}

/** A local SMTP sink. */
export interface SmtpReceiver {
  port: number;
  mails: ReceivedMail[];
  answer: Answer;
  close(): Promise<void>;
}

/** Starts an SMTP sink on 127.0.0.1 that requires AUTH (plain text allowed: tests run without TLS). */
export async function startSmtpReceiver(creds: { user: string; password: string }): Promise<SmtpReceiver> {
  const r: SmtpReceiver = { port: 0, mails: [], answer: 'ok', close: async () => undefined };
  const fail = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, cb) {
      // An echoing server puts the password it was given in its refusal: the sender must not repeat it.
      if (r.answer === 'echo') return cb(fail(535, `authentication failed for ${auth.username} with ${auth.password}`));
      if (auth.username !== creds.user || auth.password !== creds.password) return cb(fail(535, 'bad credentials'));
      cb(null, { user: auth.username });
    },
    onRcptTo(_addr, _session, cb) {
      if (r.answer === 'retryable' || r.answer === 'rate-limited') return cb(fail(451, 'mailbox busy, try later'));
      if (r.answer === 'permanent') return cb(fail(550, 'no such mailbox'));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        r.mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((a) => a.address), user: session.user as string | undefined, raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  r.port = (server.server.address() as AddressInfo).port;
  r.close = () => new Promise((resolve) => server.close(() => resolve()));
  return r;
}
