/**
 * /api/v1/channels against a real server and a real receiver: CRUD with secrets masked and kept on
 * update, coded validation errors, test sends (delivered, failed, blocked by the outbound guard)
 * recorded in the delivery log, and viewers kept out of writes and the log.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestServer, Client, type TestServer } from '../support/server.ts';
import { verifyStandardWebhook, verifyVigilSignature } from '../../src/notify/index.ts';
import { startHttpReceiver, type HttpReceiver } from './receivers.ts';

let srv: TestServer;
let admin: Client;
let rx: HttpReceiver;
const SECRET = 'whsec_c2VjcmV0LWZvci10aGUtYXBpLXRlc3Q=';

beforeAll(async () => {
  srv = await startTestServer();
  admin = new Client(srv.url);
  expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
  rx = await startHttpReceiver();
});
afterAll(async () => {
  await rx?.close();
  await srv?.close();
});

describe('channels API', () => {
  let id = '';

  it('creates a channel and never answers its secrets', async () => {
    const r = await admin.req('POST', '/api/v1/channels', { body: { name: 'soc hook', type: 'webhook', config: { url: `${rx.base}/hook`, secret: SECRET, allow_private: true }, default: true } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: 'soc hook', type: 'webhook', default: true, config: { url: '********', secret: '********', allow_private: true } });
    id = r.body.id;
    const all = await admin.req('GET', '/api/v1/channels');
    expect(JSON.stringify(all.body)).not.toContain('c2VjcmV0');
    expect(JSON.stringify((await admin.req('GET', `/api/v1/channels/${id}`)).body)).not.toContain(rx.base);
  });

  it('refuses bad input with coded errors', async () => {
    const noType = await admin.req('POST', '/api/v1/channels', { body: { name: 'x', config: {} } });
    expect(noType.status).toBe(400);
    const badType = await admin.req('POST', '/api/v1/channels', { body: { name: 'x', type: 'carrier-pigeon', config: {} } });
    expect(badType.status).toBe(400);
    const badCfg = await admin.req('POST', '/api/v1/channels', { body: { name: 'x', type: 'pagerduty', config: { base_url: 'ftp://x' } } });
    expect(badCfg.body.error).toMatchObject({ code: 'VIGIL_ERR_VALIDATION', details: { field: 'config.routing_key' } });
    const dup = await admin.req('POST', '/api/v1/channels', { body: { name: 'soc hook', type: 'slack', config: { url: 'https://hooks.slack.com/services/a' } } });
    expect(dup.status).toBe(409);
  });

  it('test-sends a signed sample; an update that sends the mask back keeps the secret', async () => {
    const u = await admin.req('PUT', `/api/v1/channels/${id}`, { body: { name: 'soc hook', config: { url: '********', secret: '********', allow_private: true } } });
    expect(u.status).toBe(200);
    const t = await admin.req('POST', `/api/v1/channels/${id}/test`);
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({ ok: true, statusCode: 200 });
    const req = rx.requests.at(-1)!;
    const h = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    expect(verifyVigilSignature(h['x-vigil-signature']!, req.body, [SECRET], Date.now())).toBeNull();
    expect(verifyStandardWebhook(h, req.body, [SECRET], Date.now())).toBeNull();
    expect(JSON.parse(req.body).alert.ruleId).toBe('vigil-test');
  });

  it('validates a template override at update (coded, naming the part) and test-sends with it', async () => {
    const bad = await admin.req('PUT', `/api/v1/channels/${id}`, { body: { name: 'soc hook', config: { url: '********', secret: '********', allow_private: true, template: { title: '{{sevrity}} alert' } } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VIGIL_ERR_VALIDATION', details: { field: 'config.template.title' } });
    expect(bad.body.error.message).toContain('{{sevrity}}');
    const badCreate = await admin.req('POST', '/api/v1/channels', { body: { name: 'x', type: 'slack', config: { url: 'https://hooks.slack.com/services/a', template: { body: 'x' } } } });
    expect(badCreate.body.error).toMatchObject({ code: 'VIGIL_ERR_VALIDATION', details: { field: 'config.template.body' } });
    const template = { title: '[{{severity}}] {{rule_title}} via Vigil', text: 'Rule {{rule_id}} matched {{count}} time(s) on {{group}}.' };
    const u = await admin.req('PUT', `/api/v1/channels/${id}`, { body: { name: 'soc hook', config: { url: '********', secret: '********', allow_private: true, template } } });
    expect(u.status).toBe(200);
    expect(u.body.config.template).toEqual(template);
    expect((await admin.req('POST', `/api/v1/channels/${id}/test`)).body).toMatchObject({ ok: true });
    const sent = JSON.parse(rx.requests.at(-1)!.body);
    expect(sent.title).toBe('[low] Vigil test notification via Vigil');
    expect(sent.text).toContain('Rule vigil-test matched 1 time(s) on source.ip=192.0.2.10.');
    await admin.req('PUT', `/api/v1/channels/${id}`, { body: { name: 'soc hook', config: { url: '********', secret: '********', allow_private: true } } });
  });

  it('answers a failed test send and logs every delivery with its attempts', async () => {
    rx.answer = 'retryable';
    const t = await admin.req('POST', `/api/v1/channels/${id}/test`);
    rx.answer = 'ok';
    expect(t.body).toMatchObject({ ok: false, retry: true, statusCode: 503 });
    const d = await admin.req('GET', `/api/v1/channels/${id}/deliveries`);
    expect(d.status).toBe(200);
    expect(d.body.deliveries.map((x: { status: string }) => x.status)).toEqual(['failed', 'delivered', 'delivered']);
    expect(d.body.deliveries[0]).toMatchObject({ attempts: 1, lastStatusCode: 503, attemptLog: [{ attempt: 1, ok: false, statusCode: 503 }] });
    expect(d.body.deliveries[0].lastError).toContain('HTTP 503');
  });

  it('blocks a loopback address once allow_private is off (VIGIL_ERR_OUTBOUND_BLOCKED, not retryable)', async () => {
    const before = rx.requests.length;
    await admin.req('PUT', `/api/v1/channels/${id}`, { body: { name: 'soc hook', config: { url: '********', secret: '********' } } });
    const t = await admin.req('POST', `/api/v1/channels/${id}/test`);
    expect(t.body).toMatchObject({ ok: false, retry: false });
    expect(t.body.reason).toContain('VIGIL_ERR_OUTBOUND_BLOCKED');
    expect(rx.requests.length).toBe(before);
  });

  it('lets viewers read channels but not write, test or read the delivery log', async () => {
    await admin.req('POST', '/api/v1/users', { body: { username: 'vera', password: 'viewer-pass-1', role: 'viewer' } });
    const v = new Client(srv.url);
    await v.login('vera', 'viewer-pass-1');
    await v.req('POST', '/api/v1/auth/password', { body: { currentPassword: 'viewer-pass-1', newPassword: 'viewer-pass-22' } });
    expect((await v.req('GET', '/api/v1/channels')).status).toBe(200);
    expect((await v.req('POST', `/api/v1/channels/${id}/test`)).status).toBe(403);
    expect((await v.req('GET', `/api/v1/channels/${id}/deliveries`)).status).toBe(403);
    expect((await v.req('DELETE', `/api/v1/channels/${id}`)).status).toBe(403);
    expect((await new Client(srv.url).req('GET', '/api/v1/channels')).status).toBe(401);
  });

  it('deletes a channel', async () => {
    expect((await admin.req('DELETE', `/api/v1/channels/${id}`)).status).toBe(200);
    expect((await admin.req('GET', `/api/v1/channels/${id}`)).status).toBe(404);
  });
});
