/**
 * Incidents end to end on a real server (SQLite file, real HTTP): a rule fires on ingested syslog lines,
 * the alerts are grouped into an incident by hand, the incident moves through its lifecycle with notes,
 * evidence and a postmortem exported as Markdown; every step is in the timeline and the audit log.
 * Then an incident rule groups new alerts automatically (same rule within a window), and a read-only
 * key can read but not change incidents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../support/server.ts';

let srv: TestServer;
let admin: Client;

const RULE = `
id: e2e-ssh-brute-force
title: SSH brute force from {{source.ip}}
severity: high
tags: [attack.credential_access, attack.t1110]
query: 'event.dataset:sshd AND event.action:ssh_login AND event.outcome:failure'
threshold: {count: 3, window: 10m, group_by: [source.ip]}
`;

function bsd(ts: Date): string {
  const mon = ts.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return `${mon} ${String(ts.getUTCDate()).padStart(2, ' ')} ${ts.toISOString().slice(11, 19)}`;
}

async function failures(ip: string, n: number, host = 'web-1'): Promise<void> {
  const now = new Date();
  const lines = Array.from({ length: n }, (_, i) => `<38>${bsd(now)} ${host} sshd[${100 + i}]: Failed password for root from ${ip} port ${40000 + i} ssh2`);
  const r = await fetch(`${srv.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${srv.boot.ingestKey}`, 'content-type': 'text/plain' }, body: lines.join('\n') });
  expect(r.status).toBe(202);
}

async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function alertFor(ip: string): Promise<{ id: string; severity: string; sampleEventIds: string[] }> {
  return waitFor(async () => (await admin.req('GET', `/api/v1/alerts?rule=e2e-ssh-brute-force`)).body.alerts?.find((a: { groupKey: string }) => a.groupKey === JSON.stringify([ip])));
}

beforeAll(async () => {
  srv = await startTestServer();
  admin = new Client(srv.url);
  expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
  expect((await admin.req('POST', '/api/v1/rules', { raw: RULE, type: 'application/yaml' })).status).toBe(201);
  await new Promise((r) => setTimeout(r, 400)); // the engine reloads within a second
});
afterAll(async () => srv?.close());

/** Collects `event: incident` messages from the SSE stream. */
async function incidentStream(): Promise<{ got: { id: string; action: string; status: string; actor: string }[]; close: () => void }> {
  const ac = new AbortController();
  const res = await fetch(`${srv.url}/api/v1/stream?topics=incidents`, { headers: { cookie: admin.cookie }, signal: ac.signal });
  expect(res.status).toBe(200);
  const got: { id: string; action: string; status: string; actor: string }[] = [];
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
          if (msg.startsWith('event: incident')) got.push(JSON.parse(msg.split('\n').find((l) => l.startsWith('data: '))!.slice(6)));
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return { got, close: () => ac.abort() };
}

describe('incidents over the API', () => {
  let id = '';
  let a1: Awaited<ReturnType<typeof alertFor>>;
  let a2: Awaited<ReturnType<typeof alertFor>>;

  it('opens an incident from alerts a rule raised, with owner, severity and timeline', async () => {
    await failures('203.0.113.9', 4);
    await failures('198.51.100.7', 3);
    a1 = await alertFor('203.0.113.9');
    a2 = await alertFor('198.51.100.7');
    const bad = await admin.req('POST', '/api/v1/incidents', { body: { title: 'x', alertIds: ['nope'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VIGIL_ERR_VALIDATION', details: { field: 'alertIds[0]' } });
    expect((await admin.req('POST', '/api/v1/incidents', { body: { title: 'x', owner: 'ghost' } })).body.error.details).toEqual({ field: 'owner' });
    const stream = await incidentStream();
    const r = await admin.req('POST', '/api/v1/incidents', { body: { title: 'SSH attack on web-1', description: 'Two sources hammering sshd.', alertIds: [a1.id], owner: 'admin' } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    id = r.body.incident.id;
    expect(r.body.incident).toMatchObject({ status: 'open', severity: 'high', severityOverride: null, owner: 'admin', alertIds: [a1.id], createdBy: 'admin', groupRuleId: null });
    expect(r.body.incident.tenantId).toBeUndefined();
    expect(r.body.timeline.map((e: { action: string }) => e.action)).toEqual(['created', 'alert_added', 'owner']);
    // The change reaches the live stream (what the web UI listens to).
    await waitFor(async () => (stream.got.length ? true : undefined));
    stream.close();
    expect(stream.got[0]).toMatchObject({ id, action: 'created', status: 'open', actor: 'admin', alertCount: 1, severity: 'high' });
  });

  it('links and unlinks alerts, and changes title and severity', async () => {
    const linked = await admin.req('POST', `/api/v1/incidents/${id}/alerts`, { body: { alertIds: [a2.id] } });
    expect(linked.body.incident.alertIds).toEqual([a1.id, a2.id]);
    expect((await admin.req('GET', `/api/v1/incidents?alert=${a2.id}`)).body.incidents.map((i: { id: string }) => i.id)).toEqual([id]);
    const unlinked = await admin.req('DELETE', `/api/v1/incidents/${id}/alerts`, { body: { alertIds: [a2.id] } });
    expect(unlinked.body.incident.alertIds).toEqual([a1.id]);
    await admin.req('POST', `/api/v1/incidents/${id}/alerts`, { body: { alertIds: [a2.id] } });
    const patched = await admin.req('PATCH', `/api/v1/incidents/${id}`, { body: { title: 'SSH brute force against web-1', severity: 'critical' } });
    expect(patched.body.incident).toMatchObject({ title: 'SSH brute force against web-1', severity: 'critical', severityOverride: 'critical' });
  });

  it('moves through the lifecycle; a move the lifecycle forbids is a 409', async () => {
    expect((await admin.req('POST', `/api/v1/incidents/${id}/status`, { body: { status: 'investigating' } })).body.incident.status).toBe('investigating');
    const note = await admin.req('POST', `/api/v1/incidents/${id}/notes`, { body: { text: 'Both IPs belong to one VPS provider.' } });
    expect(note.body.timeline.at(-1)).toMatchObject({ action: 'note', actor: 'admin', text: 'Both IPs belong to one VPS provider.' });
    expect((await admin.req('POST', `/api/v1/incidents/${id}/status`, { body: { status: 'contained', note: 'blocked at the firewall' } })).body.incident.status).toBe('contained');
    const wrong = await admin.req('POST', `/api/v1/incidents/${id}/status`, { body: { status: 'open' } });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('VIGIL_ERR_CONFLICT');
    expect((await admin.req('POST', `/api/v1/incidents/${id}/status`, { body: { status: 'bogus' } })).status).toBe(400);
  });

  it('keeps an evidence ledger of findings with attached stored events', async () => {
    const unknown = await admin.req('POST', `/api/v1/incidents/${id}/findings`, { body: { title: 'x', eventIds: ['not-an-event'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual({ field: 'eventIds[0]' });
    const f = await admin.req('POST', `/api/v1/incidents/${id}/findings`, { body: { title: 'Password guessing for root', description: 'sshd logs', eventIds: a1.sampleEventIds.slice(0, 2) } });
    expect(f.status).toBe(201);
    const finding = f.body.incident.findings[0];
    expect(finding).toMatchObject({ title: 'Password guessing for root', status: 'open', eventIds: a1.sampleEventIds.slice(0, 2), createdBy: 'admin' });
    const fixed = await admin.req('PATCH', `/api/v1/incidents/${id}/findings/${finding.id}`, { body: { status: 'fixed', addEventIds: a2.sampleEventIds.slice(0, 1) } });
    expect(fixed.body.incident.findings[0]).toMatchObject({ status: 'fixed', eventIds: [...a1.sampleEventIds.slice(0, 2), a2.sampleEventIds[0]] });
    expect((await admin.req('PATCH', `/api/v1/incidents/${id}/findings/nope`, { body: { status: 'ignored' } })).status).toBe(404);
  });

  it('writes the postmortem and exports it as Markdown', async () => {
    const pm = await admin.req('PUT', `/api/v1/incidents/${id}/postmortem`, {
      body: {
        summary: 'A password spraying run against sshd on web-1.',
        impact: 'None: no login succeeded.',
        rootCause: 'sshd accepted passwords from the internet.',
        contributingFactors: ['No fail2ban', 'Root login allowed'],
        actions: [{ text: 'Disable password authentication', owner: 'admin', due: '2026-12-15', done: false }],
      },
    });
    expect(pm.status, JSON.stringify(pm.body)).toBe(200);
    expect(pm.body).toMatchObject({ summary: 'A password spraying run against sshd on web-1.', updatedBy: 'admin' });
    expect((await admin.req('POST', `/api/v1/incidents/${id}/status`, { body: { status: 'resolved' } })).body.incident.resolvedAt).toBeTruthy();
    const md = await admin.req('GET', `/api/v1/incidents/${id}/postmortem.md`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(md.headers.get('content-disposition')).toContain('postmortem-ssh-brute-force-against-web-1.md');
    const text = md.body as string;
    expect(text).toContain('# Postmortem: SSH brute force against web-1');
    expect(text).toContain('| Status | resolved |');
    expect(text).toContain('| Severity | critical |');
    expect(text).toContain('| Owner | admin |');
    expect(text).toContain('| Alerts | 2 |');
    expect(text).toContain('## Summary\n\nA password spraying run against sshd on web-1.');
    expect(text).toContain('## Impact\n\nNone: no login succeeded.');
    expect(text).toContain('## Root cause\n\nsshd accepted passwords from the internet.');
    expect(text).toContain('- No fail2ban\n- Root login allowed');
    expect(text).toContain('| Password guessing for root | fixed |');
    expect(text).toContain('- [ ] Disable password authentication — owner: admin, due 2026-12-15');
    // No timeline was written, so the incident's recorded one is exported.
    expect(text).toMatch(/\| Status: investigating -> contained: blocked at the firewall \(admin\) \|/);
    expect(text).toContain('Note: Both IPs belong to one VPS provider. (admin)');
    const same = await admin.req('GET', `/api/v1/incidents/${id}/postmortem?format=markdown`);
    expect(same.body).toBe(text);
    const json = await admin.req('GET', `/api/v1/incidents/${id}/postmortem`);
    expect(json.body).toMatchObject({ rootCause: 'sshd accepted passwords from the internet.', contributingFactors: ['No fail2ban', 'Root login allowed'] });
  });

  it('lists and filters incidents, and the timeline says who did what', async () => {
    expect((await admin.req('GET', '/api/v1/incidents?status=resolved')).body.incidents.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await admin.req('GET', '/api/v1/incidents?status=open,investigating')).body.incidents).toEqual([]);
    expect((await admin.req('GET', '/api/v1/incidents?status=nonsense')).status).toBe(400);
    const d = await admin.req('GET', `/api/v1/incidents/${id}`);
    expect(d.body.timeline.map((e: { action: string }) => e.action)).toEqual(['created', 'alert_added', 'owner', 'alert_added', 'alert_removed', 'alert_added', 'updated', 'severity', 'status', 'note', 'status', 'finding_added', 'finding_updated', 'postmortem', 'status']);
    expect(d.body.timeline.every((e: { actor: string }) => e.actor === 'admin')).toBe(true);
    const audit = await admin.req('GET', `/api/v1/audit-log?targetType=incident&targetId=${id}&limit=100`);
    const actions = audit.body.entries.map((e: { action: string }) => e.action).reverse();
    expect(actions).toEqual(['incident.create', 'incident.alerts_add', 'incident.alerts_remove', 'incident.alerts_add', 'incident.update', 'incident.status', 'incident.note', 'incident.status', 'incident.finding_add', 'incident.finding_update', 'incident.postmortem', 'incident.status']);
    const last = audit.body.entries[0];
    expect(last).toMatchObject({ actor: 'admin', targetType: 'incident', targetId: id, before: { status: 'contained' }, after: { status: 'resolved' } });
    expect(last.ip).toBeTruthy();
  });

  it('groups new alerts automatically by an incident rule (same rule within a window)', async () => {
    const bad = await admin.req('POST', '/api/v1/incident-rules', { body: { name: 'x', groupBy: ['rule id'], window: '1h' } });
    expect(bad.body.error).toMatchObject({ code: 'VIGIL_ERR_VALIDATION', details: { field: 'groupBy[0]' } });
    const rule = await admin.req('POST', '/api/v1/incident-rules', { body: { name: 'Same rule', groupBy: ['rule.id'], window: '1h', severity: 'high', match: 'rule.id:"e2e-ssh-brute-force"' } });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    expect((await admin.req('POST', '/api/v1/incident-rules', { body: { name: 'Same rule', groupBy: ['rule.id'], window: '1h' } })).status).toBe(409);
    await failures('192.0.2.44', 3);
    const auto = await waitFor(async () => (await admin.req('GET', '/api/v1/incidents?status=open')).body.incidents?.find((i: { groupRuleId: string | null }) => i.groupRuleId === rule.body.id));
    expect(auto).toMatchObject({ title: 'Same rule: rule.id=e2e-ssh-brute-force', groupKey: '{"rule.id":"e2e-ssh-brute-force"}', severity: 'high', createdBy: 'vigil' });
    await failures('192.0.2.45', 3);
    const joined = await waitFor(async () => {
      const i = (await admin.req('GET', `/api/v1/incidents/${auto.id}`)).body.incident;
      return i.alertIds.length === 2 ? i : undefined;
    });
    expect(joined.alertIds).toHaveLength(2);
    const open = (await admin.req('GET', '/api/v1/incidents?status=open')).body.incidents.filter((i: { groupRuleId: string | null }) => i.groupRuleId === rule.body.id);
    expect(open).toHaveLength(1);
    const timeline = (await admin.req('GET', `/api/v1/incidents/${auto.id}`)).body.timeline;
    expect(timeline.map((e: { action: string; actor: string }) => `${e.action}:${e.actor}`)).toEqual(['created:vigil', 'alert_added:vigil', 'alert_added:vigil']);
  });

  it('another tenant sees none of it, even knowing the ids', async () => {
    expect((await admin.req('POST', '/api/v1/tenants', { body: { slug: 'other', name: 'Other' } })).status).toBe(201);
    expect((await admin.req('POST', '/api/v1/auth/tenant', { body: { tenant: 'other' } })).status).toBe(200);
    try {
      expect((await admin.req('GET', '/api/v1/incidents')).body.incidents).toEqual([]);
      expect((await admin.req('GET', `/api/v1/incidents/${id}`)).status).toBe(404);
      expect((await admin.req('POST', `/api/v1/incidents/${id}/notes`, { body: { text: 'x' } })).status).toBe(404);
      expect((await admin.req('GET', `/api/v1/incidents/${id}/postmortem.md`)).status).toBe(404);
      expect((await admin.req('GET', '/api/v1/incident-rules')).body.rules).toEqual([]);
      const foreign = await admin.req('POST', '/api/v1/incidents', { body: { title: 'x', alertIds: [a1.id] } });
      expect(foreign.body.error.details).toEqual({ field: 'alertIds[0]' });
    } finally {
      expect((await admin.req('POST', '/api/v1/auth/tenant', { body: { tenant: 'default' } })).status).toBe(200);
    }
  });

  it('a read-only key reads incidents but cannot change them', async () => {
    const k = await admin.req('POST', '/api/v1/api-keys', { body: { name: 'reader', scopes: ['read'] } });
    const headers = { authorization: `Bearer ${k.body.key}` };
    const reader = new Client(srv.url);
    expect((await reader.req('GET', `/api/v1/incidents/${id}`, { headers })).status).toBe(200);
    const w = await reader.req('POST', `/api/v1/incidents/${id}/notes`, { body: { text: 'x' }, headers });
    expect(w.status).toBe(403);
    expect(w.body.error.code).toBe('VIGIL_ERR_MISSING_SCOPE');
  });
});
