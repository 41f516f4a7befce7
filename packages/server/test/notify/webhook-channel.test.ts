/**
 * The webhook channel: conformance, and both signature schemes checked by an independent verifier
 * written here from the specifications (not the sender's code), plus the server's own verifiers'
 * replay window and secret rotation.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { createHmac } from 'node:crypto';
import { deliverOnce, BUILTIN_CHANNELS, signWebhook, verifyStandardWebhook, verifyVigilSignature } from '../../src/notify/index.ts';
import { describeChannel, ALERT, CTX } from './channel-conformance.ts';
import { httpFixture } from './http-fixture.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OLD = 'old-plain-secret-123';
const config = (base: string) => ({ url: `${base}/hook`, secret: SECRET });
describeChannel('webhook', () => httpFixture(BUILTIN_CHANNELS.webhook!, config, SECRET));

/** Standard Webhooks, per spec: base64 HMAC-SHA256 of "id.timestamp.body" keyed by base64-decoded whsec_ secret. */
function standardOk(h: Record<string, string | string[] | undefined>, body: string, secret: string): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const want = createHmac('sha256', key).update(`${h['webhook-id']}.${h['webhook-timestamp']}.${body}`).digest('base64');
  return String(h['webhook-signature']).split(' ').includes(`v1,${want}`);
}
/** X-Vigil-Signature, per the brief: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">. */
function vigilOk(header: string, body: string, key: Buffer): boolean {
  const t = /t=(\d+)/.exec(header)![1];
  const want = createHmac('sha256', key).update(`${t}.${body}`).digest('hex');
  return header.split(',').includes(`v1=${want}`);
}

describe('webhook payload and signatures', () => {
  const fx = httpFixture(BUILTIN_CHANNELS.webhook!, (base) => ({ url: `${base}/hook`, secret: SECRET, previous_secret: OLD }), SECRET);
  afterAll(async () => (await fx).stop());

  it('posts the alert as JSON signed in both schemes, with both secrets during a rotation', async () => {
    const f = await fx;
    expect(await deliverOnce(f.channel, f.channel.parseConfig(f.config), ALERT, CTX)).toMatchObject({ ok: true });
    const req = f.receiver.requests[0]!;
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({ version: 1, kind: 'alert', title: '[HIGH] SSH brute force', link: 'https://vigil.example.test/alerts/01JALERT0000000000000000AB', alert: ALERT });
    const t = String(Math.floor(CTX.now() / 1000));
    expect(req.headers['webhook-id']).toBe('msg_01JMSG00000000000000000000');
    expect(req.headers['webhook-timestamp']).toBe(t);
    expect(String(req.headers['x-vigil-signature'])).toMatch(new RegExp(`^t=${t},v1=[0-9a-f]{64},v1=[0-9a-f]{64}$`));
    expect(standardOk(req.headers, req.body, SECRET)).toBe(true);
    expect(standardOk(req.headers, req.body, `whsec_${Buffer.from(OLD).toString('base64')}`)).toBe(true);
    expect(vigilOk(String(req.headers['x-vigil-signature']), req.body, Buffer.from(SECRET.slice(6), 'base64'))).toBe(true);
    expect(vigilOk(String(req.headers['x-vigil-signature']), req.body, Buffer.from(OLD))).toBe(true);
    expect(standardOk(req.headers, `${req.body} `, SECRET)).toBe(false);
  });

  it('sends unsigned when no secret is set', async () => {
    const f = await fx;
    expect(await deliverOnce(f.channel, f.channel.parseConfig({ url: f.config.url, allow_private: true }), ALERT, CTX)).toMatchObject({ ok: true });
    expect(f.receiver.requests.at(-1)!.headers['x-vigil-signature']).toBeUndefined();
  });
});

describe('signature verifiers', () => {
  const now = Date.UTC(2026, 0, 10, 12, 0);
  const body = '{"a":1}';
  const h = signWebhook(body, [SECRET], 'msg_1', now);
  it('accept a fresh signature under the current or the previous secret', () => {
    expect(verifyVigilSignature(h['x-vigil-signature']!, body, [SECRET], now)).toBeNull();
    expect(verifyStandardWebhook(h, body, ['other', SECRET], now + 60_000)).toBeNull();
  });
  it('refuse a changed body, a wrong secret and a malformed header', () => {
    expect(verifyVigilSignature(h['x-vigil-signature']!, `${body} `, [SECRET], now)).toBe('mismatch');
    expect(verifyStandardWebhook(h, body, ['whsec_AAAA'], now)).toBe('mismatch');
    expect(verifyVigilSignature('v1=abc', body, [SECRET], now)).toBe('malformed');
    expect(verifyStandardWebhook({ ...h, 'webhook-id': undefined }, body, [SECRET], now)).toBe('malformed');
  });
  it('refuse a replay outside the window (5 minutes by default), both ways', () => {
    expect(verifyVigilSignature(h['x-vigil-signature']!, body, [SECRET], now + 301_000)).toBe('expired');
    expect(verifyStandardWebhook(h, body, [SECRET], now - 301_000)).toBe('expired');
    expect(verifyVigilSignature(h['x-vigil-signature']!, body, [SECRET], now + 299_000)).toBeNull();
    expect(verifyStandardWebhook(h, body, [SECRET], now + 600_000, 900)).toBeNull();
  });
});
