import { describe, it, expect, afterAll } from 'vitest';
import { deliverOnce, BUILTIN_CHANNELS } from '../../src/notify/index.ts';
import { describeChannel, ALERT, CTX } from './channel-conformance.ts';
import { httpFixture } from './http-fixture.ts';

const SECRET = '123456:ABCdefGhIJKlmNoPQRsTUVwxyZ';
const config = (base: string) => ({ bot_token: SECRET, chat_id: -1001234, base_url: base });
describeChannel('telegram', () => httpFixture(BUILTIN_CHANNELS.telegram!, config, SECRET, (r) => JSON.parse(r.body).text));

describe('telegram sendMessage', () => {
  const fx = httpFixture(BUILTIN_CHANNELS.telegram!, config, SECRET);
  afterAll(async () => (await fx).stop());
  it('calls /bot<token>/sendMessage with HTML-escaped text', async () => {
    const f = await fx;
    expect(await deliverOnce(f.channel, f.channel.parseConfig(f.config), { ...ALERT, ruleTitle: 'a <b> & c' }, CTX)).toMatchObject({ ok: true });
    const req = f.receiver.requests[0]!;
    expect(req.path).toBe(`/bot${SECRET}/sendMessage`);
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({ chat_id: '-1001234', parse_mode: 'HTML', disable_web_page_preview: true });
    expect(body.text).toContain('<b>[HIGH] a &lt;b&gt; &amp; c</b>');
    expect(body.text).toContain('<a href="https://vigil.example.test/alerts/01JALERT0000000000000000AB">Open alert</a>');
  });
});
