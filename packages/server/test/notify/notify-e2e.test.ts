/**
 * Notifications end to end on a real server: a rule fires on syslog lines sent over HTTP, the alert
 * reaches the tenant's default webhook channel once (signed, in the channel's own template), repeats
 * folded into it send nothing more, and the delivery log shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../support/server.ts';
import { verifyStandardWebhook } from '../../src/notify/index.ts';
import { startHttpReceiver, type HttpReceiver } from './receivers.ts';

let srv: TestServer;
let admin: Client;
let rx: HttpReceiver;
const SECRET = 'whsec_ZTJlLW5vdGlmeS1zZWNyZXQ=';

beforeAll(async () => {
  srv = await startTestServer({ VIGIL_PUBLIC_URL: 'https://vigil.example.test' });
  admin = new Client(srv.url);
  expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
  rx = await startHttpReceiver();
});
afterAll(async () => {
  await srv?.close();
  await rx?.close();
});

const RULE = {
  id: 'e2e-ssh-brute-force',
  title: 'SSH brute force from {{source.ip}}',
  severity: 'high',
  query: 'event.dataset:sshd AND event.action:ssh_login AND event.outcome:failure',
  threshold: { count: 5, window: '10m', group_by: ['source.ip'] },
  suppress: { window: '30m' },
};

/** The channel's template override: real deliveries (through the queue) use it. */
const TEMPLATE = { title: 'SOC: {{rule_title}} [{{severity}}]', text: 'source {{source.ip}}, host {{host.name}}, {{count}} matches' };

const bsd = (ts: Date) => `${ts.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${String(ts.getUTCDate()).padStart(2, ' ')} ${ts.toISOString().slice(11, 19)}`;

async function ingest(lines: string[]): Promise<void> {
  const r = await fetch(`${srv.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${srv.boot.ingestKey}`, 'content-type': 'text/plain' }, body: lines.join('\n') });
  expect(r.status).toBe(202);
}

describe('notifications end to end', () => {
  it('sends a newly opened alert to the default channel once, signed, and logs the delivery', async () => {
    const ch = await admin.req('POST', '/api/v1/channels', { body: { name: 'e2e', type: 'webhook', config: { url: `${rx.base}/vigil`, secret: SECRET, allow_private: true, template: TEMPLATE }, default: true } });
    expect(ch.status, JSON.stringify(ch.body)).toBe(201);
    const rule = await admin.req('POST', '/api/v1/rules', { body: RULE });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    await new Promise((r) => setTimeout(r, 400)); // the engine reloads within a second
    const now = new Date();
    const line = (i: number) => `<38>${bsd(now)} web-1 sshd[${100 + i}]: Failed password for root from 203.0.113.9 port ${40000 + i} ssh2`;
    await ingest(Array.from({ length: 8 }, (_, i) => line(i)));
    const until = Date.now() + 20_000;
    while (rx.requests.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    // The built-in pack's own SSH brute-force rule fires too: one message per alert, so look at ours.
    const ours = () => rx.requests.filter((r) => JSON.parse(r.body).alert.ruleId === 'e2e-ssh-brute-force');
    expect(ours()).toHaveLength(1);
    const req = ours()[0]!;
    const body = JSON.parse(req.body);
    expect(body.alert).toMatchObject({ ruleId: 'e2e-ssh-brute-force', severity: 'high', state: 'open' });
    expect(body.link).toBe(`https://vigil.example.test/alerts/${body.alert.id}`);
    expect(body.title).toBe('SOC: SSH brute force from 203.0.113.9 [high]');
    expect(body.text).toMatch(/^SOC: SSH brute force from 203\.0\.113\.9 \[high\]\nsource 203\.0\.113\.9, host -, \d+ matches/);
    const h = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    expect(verifyStandardWebhook(h, req.body, [SECRET], Date.now())).toBeNull();
    // Repeats fold into the open alert: nothing more is sent.
    await ingest(Array.from({ length: 5 }, (_, i) => line(20 + i)));
    await new Promise((r) => setTimeout(r, 1500));
    expect(ours()).toHaveLength(1);
    // No alert is ever sent twice.
    const ids = rx.requests.map((r) => JSON.parse(r.body).alert.id);
    expect(new Set(ids).size).toBe(ids.length);
    const d = await admin.req('GET', `/api/v1/channels/${ch.body.id}/deliveries`);
    expect(d.body.deliveries.filter((x: { alertId: string }) => x.alertId === body.alert.id)).toHaveLength(1);
    expect(d.body.deliveries.find((x: { alertId: string }) => x.alertId === body.alert.id)).toMatchObject({ alertId: body.alert.id, status: 'delivered', attempts: 1 });
  }, 60_000);
});
