import { describe, it, expect, afterAll } from 'vitest';
import { deliverOnce, BUILTIN_CHANNELS } from '../../src/notify/index.ts';
import { describeChannel, ALERT, CTX, type ChannelFixture } from './channel-conformance.ts';
import { startSmtpReceiver, type SmtpReceiver } from './smtp-receiver.ts';

const SECRET = 'smtp-Passw0rd-secret';
/** Quoted-printable soft breaks and escapes undone, so the checks read the text as sent. */
const decodeQp = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));

async function smtpFixture(): Promise<ChannelFixture & { receiver: SmtpReceiver }> {
  const receiver = await startSmtpReceiver({ user: 'vigil', password: SECRET });
  let stopped = false;
  return {
    channel: BUILTIN_CHANNELS.email!,
    receiver,
    config: { host: '127.0.0.1', port: receiver.port, user: 'vigil', password: SECRET, from: 'vigil@example.test', to: ['soc@example.test'], allow_private: true },
    secret: SECRET,
    http: false,
    // An SMTP refusal at RCPT means one message reached the server: count attempts as messages plus refusals.
    answer: (a) => void (receiver.answer = a),
    count: () => receiver.mails.length,
    lastText: () => decodeQp(receiver.mails.at(-1)!.raw),
    stop: async () => {
      if (!stopped) await receiver.close();
      stopped = true;
    },
  };
}

describeChannel('email', smtpFixture);

describe('email message', () => {
  const fx = smtpFixture();
  afterAll(async () => (await fx).stop());
  it('sends HTML and text parts with the alert id header, authenticated, to every recipient', async () => {
    const f = await fx;
    const c = f.channel.parseConfig({ ...f.config, to: 'a@example.test, b@example.test' });
    expect(await deliverOnce(f.channel, c, ALERT, CTX)).toMatchObject({ ok: true });
    const mail = f.receiver.mails[0]!;
    expect(mail.user).toBe('vigil');
    expect(mail.from).toBe('vigil@example.test');
    expect(mail.to).toEqual(['a@example.test', 'b@example.test']);
    const raw = decodeQp(mail.raw);
    expect(raw).toMatch(/^Subject: \[HIGH\] SSH brute force\r?$/m);
    expect(raw).toMatch(/^X-Vigil-Alert-Id: 01JALERT0000000000000000AB\r?$/im);
    expect(raw).toContain('Content-Type: text/plain');
    expect(raw).toContain('Content-Type: text/html');
    expect(raw).toContain('<a href="https://vigil.example.test/alerts/01JALERT0000000000000000AB">Open the alert in Vigil</a>');
  });

  it('refuses plain-text SMTP to a public relay by default (require_tls), allows it for local relays', () => {
    expect(BUILTIN_CHANNELS.email!.parseConfig({ host: 'smtp.example.test', from: 'a@b', to: 'c@d' })).toMatchObject({ require_tls: true, port: 587 });
    expect(BUILTIN_CHANNELS.email!.parseConfig({ host: '127.0.0.1', from: 'a@b', to: 'c@d', allow_private: true })).toMatchObject({ require_tls: false });
  });
});
