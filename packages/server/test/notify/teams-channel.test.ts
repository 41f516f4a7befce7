import { describe, it, expect, afterAll } from 'vitest';
import { deliverOnce, BUILTIN_CHANNELS } from '../../src/notify/index.ts';
import { describeChannel, ALERT, CTX } from './channel-conformance.ts';
import { httpFixture } from './http-fixture.ts';

const SECRET = 'sig=teamsSecretSig0123456789';
const config = (base: string) => ({ url: `${base}/workflows/abc/triggers/manual/paths/invoke?api-version=1&${SECRET}` });
describeChannel('teams', () => httpFixture(BUILTIN_CHANNELS.teams!, config, SECRET));

describe('teams payload', () => {
  const fx = httpFixture(BUILTIN_CHANNELS.teams!, config, SECRET);
  afterAll(async () => (await fx).stop());
  it('posts a Workflows message with one Adaptive Card (facts and an Open action)', async () => {
    const f = await fx;
    expect(await deliverOnce(f.channel, f.channel.parseConfig(f.config), ALERT, CTX)).toMatchObject({ ok: true });
    const body = JSON.parse(f.receiver.requests[0]!.body);
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    expect(body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = body.attachments[0].content;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: '[HIGH] SSH brute force', color: 'Attention' });
    expect(card.body[1].facts).toContainEqual({ title: 'Count', value: '42' });
    expect(card.actions[0]).toMatchObject({ type: 'Action.OpenUrl', url: 'https://vigil.example.test/alerts/01JALERT0000000000000000AB' });
  });
});
