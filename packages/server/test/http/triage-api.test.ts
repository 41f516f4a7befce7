/**
 * What the web UI's triage pages read, against a real server with a real SQLite file: alerts filtered
 * by host and source, unresolved counts per severity, bulk acknowledge/resolve/assign with a result
 * per alert, the assignee list, the `action` of alert stream messages, each rule's alert count and
 * last firing, and rule validation located in the YAML.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

let srv: TestServer;
let admin: Client;

const RULE = `
id: triage-test
title: Triage test on {{host.name}}
severity: high
tags: [attack.t1110]
query: 'event.dataset:triage.test'
match: {group_by: [host.name, source.ip]}
`;

async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Reads `event: alert` messages from the SSE stream. */
async function alertStream(): Promise<{ messages: { id: string; action?: string; state: string }[]; close: () => void }> {
  const ac = new AbortController();
  const res = await fetch(`${srv.url}/api/v1/stream?topics=alerts`, { headers: { cookie: admin.cookie }, signal: ac.signal });
  expect(res.status).toBe(200);
  const messages: { id: string; action?: string; state: string }[] = [];
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
          if (msg.startsWith('event: alert')) messages.push(JSON.parse(msg.split('\n').find((l) => l.startsWith('data: '))!.slice(6)));
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return { messages, close: () => ac.abort() };
}

beforeAll(async () => {
  srv = await startTestServer();
  admin = new Client(srv.url);
  expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
});
afterAll(async () => srv?.close());

describe('triage API', () => {
  let ids: string[] = [];

  it('raises alerts per host and source, announced on the stream as opened', async () => {
    expect((await admin.req('POST', '/api/v1/rules', { raw: RULE, type: 'application/yaml' })).status).toBe(201);
    await new Promise((r) => setTimeout(r, 400));
    const stream = await alertStream();
    const events = [
      { 'host.name': 'web-1', 'source.ip': '203.0.113.9' },
      { 'host.name': 'web-2', 'source.ip': '203.0.113.9' },
      { 'host.name': 'web-1', 'source.ip': '198.51.100.7' },
    ].map((e, i) => ({ ...e, message: `triage ${i}`, 'event.dataset': 'triage.test' }));
    const r = await fetch(`${srv.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${srv.boot.ingestKey}`, 'content-type': 'application/json' }, body: JSON.stringify(events) });
    expect(r.status).toBe(202);
    ids = await waitFor(async () => {
      const l = await admin.req('GET', '/api/v1/alerts?rule=triage-test');
      return l.body.alerts?.length === 3 ? l.body.alerts.map((a: { id: string }) => a.id) : undefined;
    });
    await waitFor(async () => (stream.messages.length >= 3 ? true : undefined));
    stream.close();
    expect(stream.messages.slice(0, 3).map((m) => m.action)).toEqual(['opened', 'opened', 'opened']);
  });

  it('filters by host and by source', async () => {
    const q = async (qs: string) => (await admin.req('GET', `/api/v1/alerts?rule=triage-test&${qs}`)).body.alerts.map((a: { group: Record<string, string> }) => `${a.group['host.name']}/${a.group['source.ip']}`).sort();
    expect(await q('host=web-1')).toEqual(['web-1/198.51.100.7', 'web-1/203.0.113.9']);
    expect(await q('source=203.0.113.9')).toEqual(['web-1/203.0.113.9', 'web-2/203.0.113.9']);
    expect(await q('host=web-2&source=198.51.100.7')).toEqual([]);
  });

  it('counts unresolved alerts per severity', async () => {
    const s = await admin.req('GET', '/api/v1/alerts/summary');
    expect(s.status).toBe(200);
    expect(s.body.open.high).toBeGreaterThanOrEqual(3);
    expect(s.body.openTotal).toBe(Object.values(s.body.open as Record<string, number>).reduce((a, b) => a + b, 0));
  });

  it('acknowledges, assigns and resolves in bulk, with one outcome per alert', async () => {
    const ack = await admin.req('POST', '/api/v1/alerts/bulk', { body: { ids: [ids[0], ids[1], 'no-such-alert'], action: 'ack', note: 'on it' } });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ ok: 2, failed: 1 });
    expect(ack.body.results.find((r: { id: string }) => r.id === 'no-such-alert').error.code).toBe('VIGIL_ERR_NOT_FOUND');
    // Acknowledging again conflicts per alert, without failing the request.
    const again = await admin.req('POST', '/api/v1/alerts/bulk', { body: { ids: [ids[0], ids[2]], action: 'ack' } });
    expect(again.body.results.map((r: { ok: boolean; error?: { code: string } }) => r.ok || r.error!.code)).toEqual(['VIGIL_ERR_CONFLICT', true]);
    expect((await admin.req('POST', '/api/v1/alerts/bulk', { body: { ids, action: 'assign', assignee: 'nobody' } })).status).toBe(400);
    expect((await admin.req('POST', '/api/v1/alerts/bulk', { body: { ids, action: 'assign' } })).status).toBe(400);
    expect((await admin.req('POST', '/api/v1/alerts/bulk', { body: { ids, action: 'assign', assignee: 'admin' } })).body.ok).toBe(3);
    expect((await admin.req('GET', '/api/v1/alerts?rule=triage-test&assignee=admin')).body.alerts).toHaveLength(3);
    expect((await admin.req('POST', '/api/v1/alerts/bulk', { body: { ids, action: 'resolve' } })).body.ok).toBe(3);
    const detail = await admin.req('GET', `/api/v1/alerts/${ids[0]}`);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['opened', 'acknowledged', 'assigned', 'resolved']);
    expect((await admin.req('POST', '/api/v1/alerts/bulk', { body: { ids: [], action: 'ack' } })).status).toBe(400);
  });

  it('lists assignees for anyone who can read; bulk changes need write', async () => {
    expect((await admin.req('POST', '/api/v1/users', { body: { username: 'vera', password: 'viewer-pass-1', role: 'viewer' } })).status).toBe(201);
    const v = new Client(srv.url);
    await v.login('vera', 'viewer-pass-1');
    await v.req('POST', '/api/v1/auth/password', { body: { currentPassword: 'viewer-pass-1', newPassword: 'viewer-pass-22' } });
    const a = await v.req('GET', '/api/v1/alerts/assignees');
    expect(a.status).toBe(200);
    expect(a.body.assignees).toEqual(expect.arrayContaining(['admin', 'vera']));
    expect((await v.req('POST', '/api/v1/alerts/bulk', { body: { ids, action: 'ack' } })).status).toBe(403);
  });

  it('gives each rule its alert count and last firing in the list', async () => {
    const l = await admin.req('GET', '/api/v1/rules');
    const mine = l.body.rules.find((r: { id: string }) => r.id === 'triage-test');
    expect(mine.stats).toMatchObject({ alerts: 3, open: 0 });
    expect(Date.parse(mine.stats.lastFired)).toBeGreaterThan(0);
    const quiet = l.body.rules.find((r: { id: string; builtin: boolean }) => r.builtin);
    expect(quiet.stats).toEqual({ alerts: 0, open: 0, lastFired: null });
  });

  it('validates a rule without saving it, locating problems in the YAML', async () => {
    const bad = "id: draft\ntitle: Draft\nseverity: loud\nquery: 'host.name:(web'\nthreshold: {count: 5, window: 10m}\n";
    const r = await admin.req('POST', '/api/v1/rules/validate', { raw: bad, type: 'application/yaml' });
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(false);
    expect(r.body.problems.find((p: { path: string }) => p.path === 'severity')).toMatchObject({ line: 3, column: 11 });
    expect(r.body.problems.find((p: { path: string }) => p.path === 'query')).toMatchObject({ code: 'VIGIL_ERR_QUERY_SYNTAX', line: 4 });
    const ok = await admin.req('POST', '/api/v1/rules/validate', { body: { id: 'draft', title: 'Draft', severity: 'low', query: 'x:1' } });
    expect(ok.body).toMatchObject({ ok: true, problems: [], rule: { id: 'draft' } });
    const yamlErr = await admin.req('POST', '/api/v1/rules/validate', { raw: 'id: [x\n', type: 'application/yaml' });
    expect(yamlErr.body.problems[0]).toMatchObject({ code: 'VIGIL_ERR_MALFORMED_BODY' });
    expect(yamlErr.body.problems[0].line).toBeGreaterThan(0);
    expect((await admin.req('GET', '/api/v1/rules/draft')).status).toBe(404);
  });
});
