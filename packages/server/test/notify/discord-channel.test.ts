import { describe, it, expect, afterAll } from 'vitest';
import { deliverOnce, BUILTIN_CHANNELS } from '../../src/notify/index.ts';
import { describeChannel, ALERT, CTX } from './channel-conformance.ts';
import { httpFixture } from './http-fixture.ts';

const SECRET = 'discordWebhookTokenXYZ123';
const config = (base: string) => ({ url: `${base}/api/webhooks/123/${SECRET}` });
describeChannel('discord', () => httpFixture(BUILTIN_CHANNELS.discord!, config, SECRET));

describe('discord payload', () => {
  const fx = httpFixture(BUILTIN_CHANNELS.discord!, config, SECRET);
  afterAll(async () => (await fx).stop());
  it('posts one embed coloured by severity, linking the alert, with mentions disabled', async () => {
    const f = await fx;
    expect(await deliverOnce(f.channel, f.channel.parseConfig(f.config), ALERT, CTX)).toMatchObject({ ok: true });
    const body = JSON.parse(f.receiver.requests[0]!.body);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds).toHaveLength(1);
    expect(body.embeds[0]).toMatchObject({ title: '[HIGH] SSH brute force', url: 'https://vigil.example.test/alerts/01JALERT0000000000000000AB', color: 0xe8590c });
    expect(body.embeds[0].fields).toContainEqual({ name: 'Group', value: 'source.ip=203.0.113.9', inline: true });
  });
});
