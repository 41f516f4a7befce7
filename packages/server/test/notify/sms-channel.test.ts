import { describe, it, expect, afterAll } from 'vitest';
import { deliverOnce, BUILTIN_CHANNELS } from '../../src/notify/index.ts';
import { describeChannel, ALERT, CTX } from './channel-conformance.ts';
import { httpFixture } from './http-fixture.ts';

const SECRET = 'twilioAuthToken0123456789abcdef';
const config = (base: string) => ({ account_sid: 'AC0123', auth_token: SECRET, from: '+15550000000', to: ['+15551111111', '+15552222222'], base_url: base });
describeChannel('sms', () => httpFixture(BUILTIN_CHANNELS.sms!, (base) => ({ ...config(base), to: '+15551111111' }), SECRET, (r) => new URLSearchParams(r.body).get('Body') ?? ''));

describe('sms (Twilio Messages API)', () => {
  const fx = httpFixture(BUILTIN_CHANNELS.sms!, config, SECRET);
  afterAll(async () => (await fx).stop());
  it('posts one form-encoded message per recipient with basic auth', async () => {
    const f = await fx;
    expect(await deliverOnce(f.channel, f.channel.parseConfig(f.config), ALERT, CTX)).toMatchObject({ ok: true });
    expect(f.receiver.requests).toHaveLength(2);
    const [a, b] = f.receiver.requests;
    expect(a!.path).toBe('/2010-04-01/Accounts/AC0123/Messages.json');
    expect(a!.headers.authorization).toBe(`Basic ${Buffer.from(`AC0123:${SECRET}`).toString('base64')}`);
    expect(a!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(a!.body))).toMatchObject({ To: '+15551111111', From: '+15550000000' });
    expect(new URLSearchParams(b!.body).get('To')).toBe('+15552222222');
  });
});
