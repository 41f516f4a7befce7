/**
 * The routing API against a real server with a real receiver: the tree (validation errors that name
 * the path, references checked, round trip, 404 when unset, try-out), silences (create, list,
 * expire; analysts may, viewers may not), time intervals, inhibit rules and escalation policies
 * (CRUD, nothing in use deleted), a channel in use kept, tenant isolation, dead-letter resend, and
 * the signed acknowledge link end to end: a routed alert's webhook carries it, opening it changes
 * nothing, posting it acknowledges the alert, a forged one is refused.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Signal } from '@vigil/contracts';
import { startTestServer, Client, type TestServer } from '../support/server.ts';
import { AlertService } from '../../src/alerts/alert-service.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startHttpReceiver, type HttpReceiver } from './receivers.ts';

let srv: TestServer;
let admin: Client;
let rx: HttpReceiver;
let hook = '';
let pager = '';
let tenantId = '';

beforeAll(async () => {
  srv = await startTestServer({ VIGIL_PUBLIC_URL: 'http://127.0.0.1:1' });
  admin = new Client(srv.url);
  expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
  rx = await startHttpReceiver();
  hook = (await admin.req('POST', '/api/v1/channels', { body: { name: 'hook', type: 'webhook', config: { url: `${rx.base}/hook`, allow_private: true } } })).body.id;
  pager = (await admin.req('POST', '/api/v1/channels', { body: { name: 'pager', type: 'webhook', config: { url: `${rx.base}/pager`, allow_private: true } } })).body.id;
  tenantId = (await admin.req('GET', '/api/v1/auth/me')).body.tenant.id;
}, 60_000);
afterAll(async () => {
  await srv?.close();
  await rx?.close();
});

describe('routing tree API', () => {
  it('answers 404 while no tree is set', async () => {
    expect((await admin.req('GET', '/api/v1/routes')).body.error.code).toBe('VIGIL_ERR_NOT_FOUND');
    expect((await admin.req('GET', '/api/v1/routes/info')).body).toEqual({ tree: null, updatedAt: null, updatedBy: null });
  });

  it('refuses a tree with every problem named by its path', async () => {
    const r = await admin.req('PUT', '/api/v1/routes', { body: { receivers: [hook], routes: [{ match: 'severity:critical', receivers: [pager] }, { match: 'host.name:(', receivers: ['no-such-channel'], group_wait: 'later' }] } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VIGIL_ERR_VALIDATION');
    expect(r.body.error.message).toMatch(/^routes\[1\]\.match: /);
    expect(r.body.error.details.problems.map((p: { path: string }) => p.path)).toEqual(['routes[1].match', 'routes[1].receivers[0]', 'routes[1].group_wait']);
    const schema = await admin.req('PUT', '/api/v1/routes', { body: { receivers: [hook], routes: [{ continue: 'yes' }] } });
    expect(schema.status).toBe(400);
    expect(schema.body.error.details.field).toBe('routes[0].continue');
  });

  it('stores, answers and tries a tree', async () => {
    const tree = { receivers: [hook], group_wait: '0s', group_interval: '1s', routes: [{ match: 'severity:critical', receivers: [pager], continue: true }, { match: 'host.name:db-*', group_by: ['host.name'] }] };
    const put = await admin.req('PUT', '/api/v1/routes', { body: tree });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await admin.req('GET', '/api/v1/routes')).body).toEqual(tree);
    expect((await admin.req('GET', '/api/v1/routes/info')).body).toMatchObject({ tree, updatedBy: 'admin' });
    const audit = await admin.req('GET', '/api/v1/audit-log?action=routes.*');
    expect(audit.body.entries[0]).toMatchObject({ action: 'routes.update', actor: 'admin', before: null, after: tree });
    const t = await admin.req('POST', '/api/v1/routes/test', { body: { alert: { 'vigil.severity': 'critical', 'host.name': 'db-1' } } });
    expect(t.status, JSON.stringify(t.body)).toBe(200);
    expect(t.body.matches.map((m: { route: string; receivers: string[]; groupKey: string }) => [m.route, m.receivers, m.groupKey])).toEqual([
      ['routes[0]', [pager], 'routes[0]:{"vigil.alert.id":"test-alert"}'],
      ['routes[1]', [hook], 'routes[1]:{"host.name":"db-1"}'],
    ]);
    expect(t.body.mutedBy).toEqual([]);
  });

  it('keeps a channel the tree uses', async () => {
    const d = await admin.req('DELETE', `/api/v1/channels/${pager}`);
    expect(d.status).toBe(409);
    expect(d.body.error.message).toContain('routes[0].receivers[0]');
  });
});

describe('silences API', () => {
  let id = '';

  it('creates, lists and expires silences, and the tree test names them', async () => {
    const bad = await admin.req('POST', '/api/v1/silences', { body: { match: 'host.name:(', duration: '1h' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('match');
    expect((await admin.req('POST', '/api/v1/silences', { body: { match: 'a:b' } })).body.error.details.field).toBe('endsAt');
    const s = await admin.req('POST', '/api/v1/silences', { body: { match: 'host.name:db-1', duration: '2h', comment: 'patching' } });
    expect(s.status).toBe(201);
    expect(s.body).toMatchObject({ match: 'host.name:db-1', state: 'active', createdBy: 'admin', comment: 'patching' });
    expect(Date.parse(s.body.endsAt) - Date.parse(s.body.startsAt)).toBe(2 * 3_600_000);
    id = s.body.id;
    const t = await admin.req('POST', '/api/v1/routes/test', { body: { alert: { 'host.name': 'db-1' } } });
    expect(t.body.mutedBy).toEqual([{ kind: 'silence', id }]);
    expect((await admin.req('GET', '/api/v1/silences?state=active')).body.silences.map((x: { id: string }) => x.id)).toEqual([id]);
    const e = await admin.req('POST', `/api/v1/silences/${id}/expire`);
    expect(e.body).toMatchObject({ id, state: 'expired' });
    const audit = (await admin.req('GET', '/api/v1/audit-log?action=silence.*')).body.entries;
    expect(audit.map((x: { action: string; targetId: string }) => [x.action, x.targetId])).toEqual([['silence.expire', id], ['silence.create', id]]);
    expect(audit[0]).toMatchObject({ before: { state: 'active' }, after: { state: 'expired' } });
    expect((await admin.req('POST', `/api/v1/silences/${id}/expire`)).status).toBe(409);
    expect((await admin.req('GET', '/api/v1/silences?state=active')).body.silences).toEqual([]);
    expect((await admin.req('GET', '/api/v1/silences')).body.silences.map((x: { id: string; state: string }) => [x.id, x.state])).toEqual([[id, 'expired']]);
  });

  it('lets analysts silence and viewers only read', async () => {
    for (const [username, role] of [['ana', 'analyst'], ['vic', 'viewer']]) {
      expect((await admin.req('POST', '/api/v1/users', { body: { username, password: 'initial-pass-1', role } })).status).toBe(201);
    }
    const login = async (u: string) => {
      const c = new Client(srv.url);
      await c.login(u, 'initial-pass-1');
      await c.req('POST', '/api/v1/auth/password', { body: { currentPassword: 'initial-pass-1', newPassword: 'changed-pass-22' } });
      return c;
    };
    const ana = await login('ana');
    const vic = await login('vic');
    const made = await ana.req('POST', '/api/v1/silences', { body: { match: 'rule.id:noisy', duration: '30m' } });
    expect(made.status).toBe(201);
    expect(made.body.createdBy).toBe('ana');
    expect((await vic.req('GET', '/api/v1/silences')).status).toBe(200);
    expect((await vic.req('POST', '/api/v1/silences', { body: { match: 'a:b', duration: '1h' } })).status).toBe(403);
    expect((await vic.req('POST', `/api/v1/silences/${made.body.id}/expire`)).status).toBe(403);
    expect((await ana.req('PUT', '/api/v1/routes', { body: { receivers: [hook] } })).status).toBe(403);
    expect((await ana.req('POST', '/api/v1/time-intervals', { body: { name: 'x', times: [{}] } })).status).toBe(403);
  });

  it('keeps tenants apart', async () => {
    expect((await admin.req('POST', '/api/v1/tenants', { body: { slug: 'other', name: 'Other' } })).status).toBe(201);
    expect((await admin.req('POST', '/api/v1/auth/tenant', { body: { tenant: 'other' } })).status).toBe(200);
    expect((await admin.req('GET', '/api/v1/silences')).body.silences).toEqual([]);
    expect((await admin.req('GET', `/api/v1/silences/${id}`)).status).toBe(404);
    expect((await admin.req('GET', '/api/v1/routes')).status).toBe(404);
    const foreign = await admin.req('PUT', '/api/v1/routes', { body: { receivers: [hook] } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toContain('no channel with id');
    expect((await admin.req('POST', '/api/v1/auth/tenant', { body: { tenant: 'default' } })).status).toBe(200);
  });
});

describe('time intervals, inhibit rules and escalation policies API', () => {
  it('manages time intervals and keeps one the tree uses', async () => {
    const bad = await admin.req('POST', '/api/v1/time-intervals', { body: { name: 'bad', location: 'Mars/Base', times: [{ start_time: '10:00', end_time: '10:00' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.problems.map((p: { path: string }) => p.path)).toEqual(['location', 'times[0].end_time']);
    const t = await admin.req('POST', '/api/v1/time-intervals', { body: { name: 'nights', location: 'Europe/Berlin', times: [{ start_time: '22:00', end_time: '06:00' }] } });
    expect(t.status).toBe(201);
    expect(t.body).toMatchObject({ name: 'nights', location: 'Europe/Berlin', activeNow: expect.any(Boolean) });
    expect((await admin.req('POST', '/api/v1/time-intervals', { body: { name: 'nights', times: [{}] } })).status).toBe(409);
    const tree = { receivers: [hook], group_wait: '0s', group_interval: '1s', routes: [{ match: 'severity:critical', receivers: [pager], continue: true }, { match: 'host.name:db-*', group_by: ['host.name'], mute_time_intervals: ['nights'] }] };
    expect((await admin.req('PUT', '/api/v1/routes', { body: tree })).status).toBe(200);
    const del = await admin.req('DELETE', `/api/v1/time-intervals/${t.body.id}`);
    expect(del.status).toBe(409);
    expect(del.body.error.message).toContain('routes[1].mute_time_intervals[0]');
    expect((await admin.req('PUT', `/api/v1/time-intervals/${t.body.id}`, { body: { name: 'renamed', times: [{}] } })).status).toBe(409);
    expect((await admin.req('PUT', `/api/v1/time-intervals/${t.body.id}`, { body: { name: 'nights', location: 'UTC', times: [{ weekdays: ['sunday'] }] } })).body).toMatchObject({ location: 'UTC', times: [{ weekdays: ['sunday'] }] });
    expect((await admin.req('GET', '/api/v1/time-intervals')).body.timeIntervals).toHaveLength(1);
  });

  it('manages inhibit rules', async () => {
    const bad = await admin.req('POST', '/api/v1/inhibit-rules', { body: { name: 'x', source_match: 'rule.id:(', target_match: 'a:b' } });
    expect(bad.body.error.details.field).toBe('source_match');
    const r = await admin.req('POST', '/api/v1/inhibit-rules', { body: { name: 'host down', source_match: 'rule.id:host-down', target_match: 'severity:<=high', equal: ['host.name'] } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: 'host down', equal: ['host.name'], enabled: true });
    expect((await admin.req('PUT', `/api/v1/inhibit-rules/${r.body.id}`, { body: { ...r.body, id: undefined, createdAt: undefined, updatedAt: undefined, enabled: false } })).body.enabled).toBe(false);
    expect((await admin.req('DELETE', `/api/v1/inhibit-rules/${r.body.id}`)).status).toBe(200);
    expect((await admin.req('GET', '/api/v1/inhibit-rules')).body.inhibitRules).toEqual([]);
  });

  it('manages escalation policies and keeps one the tree names', async () => {
    const bad = await admin.req('POST', '/api/v1/escalation-policies', { body: { name: 'x', steps: [{ wait: 'soon', receivers: ['ghost'] }] } });
    expect(bad.body.error.details.problems.map((p: { path: string }) => p.path)).toEqual(['steps[0].wait', 'steps[0].receivers[0]']);
    const p = await admin.req('POST', '/api/v1/escalation-policies', { body: { name: 'night shift', steps: [{ wait: '10m', receivers: [pager] }, { wait: '20m', receivers: [hook] }], repeat: 1 } });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ name: 'night shift', repeat: 1, steps: [{ wait: '10m', receivers: [pager] }, { wait: '20m', receivers: [hook] }] });
    const tree = (await admin.req('GET', '/api/v1/routes')).body;
    expect((await admin.req('PUT', '/api/v1/routes', { body: { ...tree, escalation_policy: p.body.id } })).status).toBe(200);
    expect((await admin.req('DELETE', `/api/v1/escalation-policies/${p.body.id}`)).status).toBe(409);
    expect((await admin.req('PUT', '/api/v1/routes', { body: { ...tree, escalation_policy: 'nope' } })).body.error.message).toBe('escalation_policy: no escalation policy with id "nope"');
    expect((await admin.req('PUT', '/api/v1/routes', { body: tree })).status).toBe(200);
    expect((await admin.req('DELETE', `/api/v1/escalation-policies/${p.body.id}`)).status).toBe(200);
  });
});

describe('a routed alert, its signed acknowledge link and the dead letter resend', () => {
  it('sends the alert with signed links; opening one changes nothing, posting it acknowledges; a forged one is refused', async () => {
    const alerts = new AlertService(srv.rt.db, srv.rt.bus, () => `01JTESTALERT${Math.random().toString(36).slice(2, 12).toUpperCase()}`, Date.now, createLogger('silent'));
    const now = new Date().toISOString();
    const signal: Signal = { id: 'sig-1', ruleId: 'disk-full', kind: 'match', title: 'Disk full', severity: 'high', tags: [], groupKey: '["web-1"]', group: { 'host.name': 'web-1' }, windowStart: now, firstTime: now, lastTime: now, count: 1, sampleEventIds: [] };
    await alerts.applySignals(tenantId, [signal]);
    const end = Date.now() + 10_000;
    while (!rx.requests.some((r) => r.path === '/hook' && JSON.parse(r.body).alert.ruleId === 'disk-full') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    const body = JSON.parse(rx.requests.find((r) => r.path === '/hook' && JSON.parse(r.body).alert.ruleId === 'disk-full')!.body);
    expect(body).toMatchObject({ event: 'firing', notification: { kind: 'firing', route: '' } });
    const ack = new URL(body.actions.ack as string);
    expect(ack.pathname).toBe(`/api/v1/alert-links/${body.alert.id}/ack`);
    const local = `${ack.pathname}${ack.search}`;
    const anon = new Client(srv.url);
    const page = await anon.req('GET', local);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('<form method="post">');
    expect((await admin.req('GET', `/api/v1/alerts/${body.alert.id}`)).body.alert.state).toBe('open');
    const forged = local.replace(/sig=[^&]+/, 'sig=AAAA');
    expect((await anon.req('POST', forged)).status).toBe(403);
    const expired = local.replace(/exp=\d+/, 'exp=1');
    expect((await anon.req('POST', expired)).status).toBe(403);
    const done = await anon.req('POST', local, { raw: '', type: 'application/x-www-form-urlencoded' });
    expect(done.status, String(done.body)).toBe(200);
    expect(done.body).toContain('acknowledged');
    const detail = (await admin.req('GET', `/api/v1/alerts/${body.alert.id}`)).body;
    expect(detail.alert.state).toBe('acknowledged');
    expect(detail.history.at(-1)).toMatchObject({ actor: 'signed link', action: 'acknowledged' });
    // The acknowledgement reaches the channel too.
    const end2 = Date.now() + 10_000;
    while (!rx.requests.some((r) => r.path === '/hook' && JSON.parse(r.body).event === 'acknowledged') && Date.now() < end2) await new Promise((r) => setTimeout(r, 20));
    expect(rx.requests.filter((r) => r.path === '/hook').map((r) => JSON.parse(r.body).event)).toEqual(['firing', 'acknowledged']);
  }, 30_000);

  it('resends a dead letter through the API', async () => {
    const d = (await admin.req('GET', `/api/v1/channels/${hook}/deliveries`)).body.deliveries;
    const delivered = d.find((x: { status: string }) => x.status === 'delivered');
    expect((await admin.req('POST', `/api/v1/channels/${hook}/deliveries/${delivered.id}/resend`)).status).toBe(409);
    rx.answer = 'permanent';
    const t = await admin.req('POST', `/api/v1/channels/${hook}/test`);
    rx.answer = 'ok';
    expect(t.body.ok).toBe(false);
    const r = await admin.req('POST', `/api/v1/channels/${hook}/deliveries/${t.body.deliveryId}/resend`);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain('test send');
    expect((await admin.req('GET', `/api/v1/channels/${hook}/deliveries?status=failed`)).body.deliveries.map((x: { id: string }) => x.id)).toEqual([t.body.deliveryId]);
  });
});
