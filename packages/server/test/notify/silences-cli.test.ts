/**
 * `vigil silences add|list|expire` (the real CLI process) against a real server.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestServer, Client, type TestServer } from '../support/server.ts';
import { runCli } from '../support/process.ts';

let srv: TestServer;
let key = '';

beforeAll(async () => {
  srv = await startTestServer();
  const admin = new Client(srv.url);
  await admin.login('admin', 'correct-horse-battery');
  key = (await admin.req('POST', '/api/v1/api-keys', { body: { name: 'ops', scopes: ['read', 'write'] } })).body.key;
}, 180_000);
afterAll(async () => srv?.close());

describe('vigil silences', () => {
  it('adds a silence for a while, lists it, expires it', async () => {
    const env = { VIGIL_URL: srv.url, VIGIL_API_KEY: key };
    const add = await runCli(['silences', 'add', '--match', 'host.name:web-1', '--for', '2h', '--comment', 'kernel update'], env);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    const [, id, until] = /^silence (\S+) active until (\S+)\n$/.exec(add.stdout)!;
    expect(Date.parse(until!) - Date.now()).toBeGreaterThan(2 * 3_600_000 - 60_000);
    const list = await runCli(['silences', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^${id}\\tactive\\t\\S+\\t${until}\\tapikey:ops\\thost\\.name:web-1\\t# kernel update\\n$`));
    const exp = await runCli(['silences', 'expire', id!], env);
    expect(exp.code).toBe(0);
    expect(exp.stdout).toMatch(new RegExp(`^silence ${id} expired at `));
    const all = JSON.parse((await runCli(['silences', 'list', '--all', '--json'], env)).stdout);
    expect(all).toMatchObject([{ id, match: 'host.name:web-1', state: 'expired', comment: 'kernel update' }]);
    const again = await runCli(['silences', 'expire', id!], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/VIGIL_ERR_CONFLICT/);
  }, 180_000);
});
