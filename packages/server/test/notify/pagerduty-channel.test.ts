import { describe, it, expect, afterAll } from 'vitest';
import { deliverOnce, BUILTIN_CHANNELS } from '../../src/notify/index.ts';
import { describeChannel, ALERT, CTX } from './channel-conformance.ts';
import { httpFixture } from './http-fixture.ts';

const SECRET = 'R0UT1NGKEY0123456789abcdef012345';
const config = (base: string) => ({ routing_key: SECRET, base_url: base });
describeChannel('pagerduty', () => httpFixture(BUILTIN_CHANNELS.pagerduty!, config, SECRET));

describe('pagerduty Events v2', () => {
  const fx = httpFixture(BUILTIN_CHANNELS.pagerduty!, config, SECRET);
  afterAll(async () => (await fx).stop());
  it('triggers, acknowledges and resolves with dedup_key = the alert id', async () => {
    const f = await fx;
    const c = f.channel.parseConfig(f.config);
    for (const state of ['open', 'acknowledged', 'resolved'] as const) expect(await deliverOnce(f.channel, c, { ...ALERT, state }, CTX)).toMatchObject({ ok: true });
    const [trigger, ack, resolve] = f.receiver.requests.map((r) => ({ path: r.path, body: JSON.parse(r.body) }));
    expect(trigger!.path).toBe('/v2/enqueue');
    expect(trigger!.body).toMatchObject({ routing_key: SECRET, event_action: 'trigger', dedup_key: ALERT.id, client_url: 'https://vigil.example.test/alerts/01JALERT0000000000000000AB' });
    expect(trigger!.body.payload).toMatchObject({ summary: '[HIGH] SSH brute force', source: 'source.ip=203.0.113.9', severity: 'error', timestamp: ALERT.lastSeen, component: 'ssh-brute-force' });
    expect(ack!.body).toEqual({ routing_key: SECRET, event_action: 'acknowledge', dedup_key: ALERT.id });
    expect(resolve!.body).toEqual({ routing_key: SECRET, event_action: 'resolve', dedup_key: ALERT.id });
  });
});
