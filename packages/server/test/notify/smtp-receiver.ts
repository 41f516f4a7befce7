/**
 * A real local SMTP sink for the e-mail channel tests (smtp-server on 127.0.0.1, port 0), told how
 * to answer the next messages.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Answer } from './receivers.ts';

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
