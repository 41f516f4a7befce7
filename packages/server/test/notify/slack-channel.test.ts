import { describe, it, expect, afterAll } from 'vitest';
import { deliverOnce, BUILTIN_CHANNELS } from '../../src/notify/index.ts';
import { describeChannel, ALERT, CTX } from './channel-conformance.ts';
import { httpFixture } from './http-fixture.ts';

const SECRET = 'T000/B000/XXXXsecretXXXX';
describeChannel('slack', () => httpFixture(BUILTIN_CHANNELS.slack!, (base) => ({ url: `${base}/services/${SECRET}` }), SECRET));

describe('slack payload', () => {
  const fx = httpFixture(BUILTIN_CHANNELS.slack!, (base) => ({ url: `${base}/services/${SECRET}` }), SECRET);
  afterAll(async () => (await fx).stop());
  it('posts Block Kit (header, fields, button to the alert) with a text fallback', async () => {
    const f = await fx;
    expect(await deliverOnce(f.channel, f.channel.parseConfig(f.config), ALERT, CTX)).toMatchObject({ ok: true });
    const req = f.receiver.requests[0]!;
    expect(req.path).toBe(`/services/${SECRET}`);
    expect(req.headers['content-type']).toBe('application/json');
    const body = JSON.parse(req.body);
    expect(body.text).toBe('[HIGH] SSH brute force');
    expect(body.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'actions']);
    expect(body.blocks[1].fields.some((f: { text: string }) => f.text === '*Rule author*\nAda Lovelace')).toBe(true);
    expect(body.blocks[2].elements[0].url).toBe('https://vigil.example.test/alerts/01JALERT0000000000000000AB');
  });
});
