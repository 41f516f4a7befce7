/**
 * Detection end to end on a real server: the brief's example rule loaded via the API (YAML), a brute
 * force replayed as syslog lines over HTTP -> exactly one alert per source IP on the SSE stream, repeats
 * folded; then the alert lifecycle through the API; and a Sigma rule imported and firing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

let srv: TestServer;
let admin: Client;

beforeAll(async () => {
  srv = await startTestServer();
  admin = new Client(srv.url);
  expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
});
afterAll(async () => srv?.close());

const RULE = `
id: brief-ssh-brute-force
title: SSH brute force from {{source.ip}}
severity: high
tags: [attack.credential_access, attack.t1110]
query: 'event.dataset:sshd AND event.action:ssh_login AND event.outcome:failure'
threshold: {count: 5, window: 10m, group_by: [source.ip]}
suppress: {window: 30m}
`;

function bsd(ts: Date): string {
  const mon = ts.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const day = String(ts.getUTCDate()).padStart(2, ' ');
  return `${mon} ${day} ${ts.toISOString().slice(11, 19)}`;
}

async function ingestLines(lines: string[]): Promise<void> {
  const r = await fetch(`${srv.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${srv.boot.ingestKey}`, 'content-type': 'text/plain' }, body: lines.join('\n') });
  expect(r.status).toBe(202);
}

/** Collects `event: alert` messages from the SSE stream. */
async function alertStream(): Promise<{ alerts: { id: string; groupKey: string; count: number; state: string }[]; close: () => void }> {
  const ac = new AbortController();
  const res = await fetch(`${srv.url}/api/v1/stream?topics=alerts`, { headers: { cookie: admin.cookie }, signal: ac.signal });
  expect(res.status).toBe(200);
  const out: { id: string; groupKey: string; count: number; state: string }[] = [];
  const reader = res.body!.getReader();
  let buf = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += new TextDecoder().decode(value);
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const msg = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (msg.startsWith('event: alert')) out.push(JSON.parse(msg.split('\n').find((l) => l.startsWith('data: '))!.slice(6)));
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return { alerts: out, close: () => ac.abort() };
}

async function waitFor<T>(fn: () => Promise<T | undefined> | T | undefined, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('detection end to end', () => {
  it('fires the brief rule once per source IP, folds repeats, and streams it as an alert', async () => {
    const created = await admin.req('POST', '/api/v1/rules', { raw: RULE, type: 'application/yaml' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ id: 'brief-ssh-brute-force', enabled: true, builtin: false, version: 1 });
    await new Promise((r) => setTimeout(r, 400)); // the engine reloads within a second
    const stream = await alertStream();
    const now = new Date();
    const line = (ip: string, i: number) => `<38>${bsd(now)} web-1 sshd[${100 + i}]: Failed password for root from ${ip} port ${40000 + i} ssh2`;
    await ingestLines([...Array.from({ length: 8 }, (_, i) => line('203.0.113.9', i)), ...Array.from({ length: 6 }, (_, i) => line('198.51.100.7', i)), ...Array.from({ length: 3 }, (_, i) => line('192.0.2.55', i))]);
    const list = await waitFor(async () => {
      const r = await admin.req('GET', '/api/v1/alerts?rule=brief-ssh-brute-force');
      return r.body.alerts?.length === 2 ? r.body.alerts : undefined;
    });
    expect(list.map((a: { groupKey: string }) => a.groupKey).sort()).toEqual(['["198.51.100.7"]', '["203.0.113.9"]']);
    expect(list.every((a: { state: string; severity: string; title: string }) => a.state === 'open' && a.severity === 'high' && a.title.startsWith('SSH brute force from '))).toBe(true);
    await waitFor(() => (stream.alerts.length >= 2 ? true : undefined));
    stream.close();
    // Later failures from the same IP fold into the open alert (suppressed: no new alert).
    await ingestLines(Array.from({ length: 5 }, (_, i) => line('203.0.113.9', 20 + i)));
    await new Promise((r) => setTimeout(r, 1500));
    const again = await admin.req('GET', '/api/v1/alerts?rule=brief-ssh-brute-force');
    expect(again.body.alerts).toHaveLength(2);
    // Alerts are events too.
    const search = await waitFor(async () => {
      const r = await admin.req('GET', `/api/v1/events?q=${encodeURIComponent('event.kind:alert AND rule.id:brief-ssh-brute-force')}`);
      return r.body.events?.length === 2 ? r.body.events : undefined;
    });
    expect(search[0]['vigil.alert.id']).toBeTruthy();
  });

  it('acknowledges, assigns, notes and resolves an alert with an immutable history', async () => {
    const { body } = await admin.req('GET', '/api/v1/alerts?state=open&rule=brief-ssh-brute-force');
    const id = body.alerts[0].id as string;
    expect((await admin.req('POST', `/api/v1/alerts/${id}/ack`, { body: { note: 'looking' } })).body.state).toBe('acknowledged');
    expect((await admin.req('POST', `/api/v1/alerts/${id}/ack`, { body: {} })).body.error.code).toBe('VIGIL_ERR_CONFLICT');
    expect((await admin.req('POST', `/api/v1/alerts/${id}/assign`, { body: { assignee: 'admin' } })).body.assignee).toBe('admin');
    expect((await admin.req('POST', `/api/v1/alerts/${id}/assign`, { body: { assignee: 'nobody' } })).status).toBe(400);
    const noted = await admin.req('POST', `/api/v1/alerts/${id}/notes`, { body: { text: 'blocked at the firewall' } });
    expect(noted.status).toBe(200);
    expect((await admin.req('POST', `/api/v1/alerts/${id}/resolve`, { body: {} })).body.state).toBe('resolved');
    const detail = await admin.req('GET', `/api/v1/alerts/${id}`);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['opened', 'acknowledged', 'assigned', 'note', 'resolved']);
    expect((await admin.req('GET', '/api/v1/alerts?state=resolved&rule=brief-ssh-brute-force')).body.alerts.map((a: { id: string }) => a.id)).toEqual([id]);
    const viewer = await admin.req('GET', '/api/v1/alerts?severity=critical');
    expect(viewer.body.alerts).toEqual([]);
  });

  it('imports Sigma YAML with a per-rule report; the imported rule fires and its alert names the author', async () => {
    const sigma = `
title: Root login accepted
id: 2f6b3c1a-5d1e-4c55-9a0b-000000000001
author: Test Author
references: [https://example.org/r]
level: critical
logsource: {product: linux, service: sshd}
detection:
  kw: ['Accepted password for root']
  condition: kw
---
title: Not parsed here
logsource: {product: aws, service: cloudtrail}
detection: {sel: {eventName: x}, condition: sel}
`;
    const r = await admin.req('POST', '/api/v1/rules/import', { raw: sigma, type: 'application/yaml' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ created: 1, failed: 1 });
    expect(r.body.results.find((x: { status: string }) => x.status === 'failed').errors[0].message).toMatch(/log source product:aws/);
    await new Promise((res) => setTimeout(res, 400));
    await ingestLines([`<38>${bsd(new Date())} db-1 sshd[7]: Accepted password for root from 198.51.100.20 port 5000 ssh2`]);
    const alert = await waitFor(async () => {
      const x = await admin.req('GET', '/api/v1/alerts?rule=sigma-2f6b3c1a-5d1e-4c55-9a0b-000000000001');
      return x.body.alerts?.[0];
    });
    expect(alert).toMatchObject({ severity: 'critical', source: { format: 'sigma', author: 'Test Author', license: 'DRL-1.1' } });
    const versions = await admin.req('GET', '/api/v1/rules/sigma-2f6b3c1a-5d1e-4c55-9a0b-000000000001/versions');
    expect(versions.body.versions[0]).toMatchObject({ version: 1, change: 'created', changedBy: 'admin' });
  });
});
