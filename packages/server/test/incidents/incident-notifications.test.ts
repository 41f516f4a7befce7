/**
 * The incident timeline shows the notifications sent for its alerts (channel, status, time) beside
 * what people did: a real server, a rule firing on ingested syslog lines, two default webhook channels
 * on real local receivers — one healthy, one answering 503 until its delivery becomes a dead letter —
 * then an incident holding the alert, read through the API and exported as a Markdown postmortem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../support/server.ts';
import { startHttpReceiver, type HttpReceiver } from '../notify/receivers.ts';

let srv: TestServer;
let admin: Client;
let good: HttpReceiver;
let bad: HttpReceiver;

const RULE = `
id: tl-ssh-brute-force
title: SSH brute force from {{source.ip}}
severity: high
query: 'event.dataset:sshd AND event.action:ssh_login AND event.outcome:failure'
threshold: {count: 3, window: 10m, group_by: [source.ip]}
`;

const bsd = (ts: Date) => `${ts.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${String(ts.getUTCDate()).padStart(2, ' ')} ${ts.toISOString().slice(11, 19)}`;

async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  srv = await startTestServer({ VIGIL_NOTIFY_MAX_ATTEMPTS: '2', VIGIL_NOTIFY_RETRY_BASE: '50ms', VIGIL_NOTIFY_RETRY_MAX: '200ms' });
  admin = new Client(srv.url);
  expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
  good = await startHttpReceiver();
  bad = await startHttpReceiver();
  bad.answer = 'retryable';
}, 120_000);
afterAll(async () => {
  await srv?.close();
  await good?.close();
  await bad?.close();
});

describe('notifications in the incident timeline', () => {
  it('lists each delivery for the incident\'s alerts with channel, status and time, in time order, and in the postmortem export', async () => {
    for (const [name, rx] of [['soc hook', good], ['flaky hook', bad]] as const) {
      const c = await admin.req('POST', '/api/v1/channels', { body: { name, type: 'webhook', config: { url: `${rx.base}/h`, allow_private: true }, default: true } });
      expect(c.status, JSON.stringify(c.body)).toBe(201);
    }
    expect((await admin.req('POST', '/api/v1/rules', { raw: RULE, type: 'application/yaml' })).status).toBe(201);
    await new Promise((r) => setTimeout(r, 400)); // the engine reloads within a second
    const now = new Date();
    const lines = Array.from({ length: 4 }, (_, i) => `<38>${bsd(now)} web-1 sshd[${100 + i}]: Failed password for root from 203.0.113.77 port ${40000 + i} ssh2`);
    expect((await fetch(`${srv.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${srv.boot.ingestKey}`, 'content-type': 'text/plain' }, body: lines.join('\n') })).status).toBe(202);
    const alert = await waitFor(async () => (await admin.req('GET', '/api/v1/alerts?rule=tl-ssh-brute-force')).body.alerts?.[0] as { id: string } | undefined);
    // Both channels answered: the healthy one delivered, the flaky one retried then gave up (2 attempts).
    await waitFor(async () => (good.requests.some((r) => JSON.parse(r.body).alert.id === alert.id) && bad.requests.filter((r) => JSON.parse(r.body).alert.id === alert.id).length >= 2 ? true : undefined));

    const created = await admin.req('POST', '/api/v1/incidents', { body: { title: 'SSH attack', alertIds: [alert.id] } });
    expect(created.status).toBe(201);
    const id = created.body.incident.id as string;
    await admin.req('POST', `/api/v1/incidents/${id}/notes`, { body: { text: 'paging the on-call' } });

    const timeline = await waitFor(async () => {
      const t = (await admin.req('GET', `/api/v1/incidents/${id}`)).body.timeline as { at: string; actor: string; action: string; text: string | null; data?: Record<string, unknown> }[];
      return t.some((e) => e.action === 'notification' && e.data?.status === 'failed') ? t : undefined;
    });
    const notes = timeline.filter((e) => e.action === 'notification');
    expect(notes).toHaveLength(2);
    const ok = notes.find((e) => e.data!.channel === 'soc hook')!;
    const dead = notes.find((e) => e.data!.channel === 'flaky hook')!;
    expect(ok).toMatchObject({ actor: 'vigil', text: 'firing → "soc hook" (webhook): delivered', data: { alertId: alert.id, channelType: 'webhook', kind: 'firing', status: 'delivered', attempts: 1 } });
    expect(Date.parse(ok.data!.deliveredAt as string)).toBeGreaterThanOrEqual(Date.parse(ok.at));
    expect(dead).toMatchObject({ actor: 'vigil', text: 'firing → "flaky hook" (webhook): failed after 2 attempts (503), kept as a dead letter', data: { status: 'failed', attempts: 2, lastStatusCode: 503, deliveredAt: null } });
    // Beside who did what, in time order: the alert was notified before the incident was opened.
    expect(timeline.map((e) => e.action)).toEqual(['notification', 'notification', 'created', 'alert_added', 'note']);
    const times = timeline.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // The receiver's answer stays in the channel's delivery log, not the timeline.
    expect(JSON.stringify(timeline)).not.toContain('try later');

    const md = await admin.req('GET', `/api/v1/incidents/${id}/postmortem.md`);
    expect(md.body as string).toContain('Notification: firing → "soc hook" (webhook): delivered (vigil)');
    expect(md.body as string).toContain('Notification: firing → "flaky hook" (webhook): failed after 2 attempts (503), kept as a dead letter (vigil)');

    // A test send is no notification about the incident's alerts.
    await admin.req('POST', `/api/v1/channels/${ok.data!.channelId as string}/test`);
    const after = (await admin.req('GET', `/api/v1/incidents/${id}`)).body.timeline as { action: string }[];
    expect(after.filter((e) => e.action === 'notification')).toHaveLength(2);
  }, 120_000);
});
