/**
 * `vigil channels list|test` (the real CLI process) against a real server and receiver.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestServer, Client, type TestServer } from '../support/server.ts';
import { runCli } from '../support/process.ts';
import { startHttpReceiver, type HttpReceiver } from './receivers.ts';

let srv: TestServer;
let rx: HttpReceiver;
let key = '';
let id = '';

beforeAll(async () => {
  srv = await startTestServer();
  rx = await startHttpReceiver();
  const admin = new Client(srv.url);
  await admin.login('admin', 'correct-horse-battery');
  key = (await admin.req('POST', '/api/v1/api-keys', { body: { name: 'ops', scopes: ['read', 'admin'] } })).body.key;
  id = (await admin.req('POST', '/api/v1/channels', { body: { name: 'ops-hook', type: 'webhook', config: { url: `${rx.base}/h`, allow_private: true }, default: true } })).body.id;
}, 60_000);
afterAll(async () => {
  await rx?.close();
  await srv?.close();
});

describe('vigil channels', () => {
  it('lists channels and test-sends through one (exit 0 delivered, 1 not)', async () => {
    const env = { VIGIL_URL: srv.url, VIGIL_API_KEY: key };
    const l = await runCli(['channels', 'list'], env);
    expect(l.code).toBe(0);
    expect(l.stdout).toBe(`${id}\tops-hook\twebhook\tdefault\n`);
    const t = await runCli(['channels', 'test', id], env);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^delivered in \d+ ms \(HTTP 200\)/);
    expect(JSON.parse(rx.requests.at(-1)!.body).alert.ruleId).toBe('vigil-test');
    rx.answer = 'permanent';
    const f = await runCli(['channels', 'test', id], env);
    expect(f.code).toBe(1);
    expect(f.stderr).toMatch(/not delivered \(permanent failure\): HTTP 400/);
    const missing = await runCli(['channels', 'test', 'nope'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/VIGIL_ERR_NOT_FOUND/);
  }, 60_000);
});
