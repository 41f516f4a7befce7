/**
 * Rate limits: ingest per key and login per address answer 429 with Retry-After.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestServer, Client, type TestServer } from '../support/server.ts';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ VIGIL_INGEST_RATE_LIMIT: '3', VIGIL_AUTH_LOGIN_RATE_LIMIT: '2' });
});
afterAll(async () => srv?.close());

describe('rate limits', () => {
  it('limits ingest per API key', async () => {
    const c = new Client(srv.url);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await c.req('POST', '/api/v1/ingest', { raw: `line ${i}`, type: 'text/plain', headers: { authorization: `Bearer ${srv.boot.ingestKey}` } })).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    const r = await c.req('POST', '/api/v1/ingest', { raw: 'x', type: 'text/plain', headers: { authorization: `Bearer ${srv.boot.ingestKey}` } });
    expect(r.body.error.code).toBe('VIGIL_ERR_RATE_LIMITED');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits login attempts per address', async () => {
    const c = new Client(srv.url);
    await c.login('admin', 'nope-nope-nope');
    await c.login('admin', 'nope-nope-nope');
    const r = await c.login('admin', 'nope-nope-nope');
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('VIGIL_ERR_RATE_LIMITED');
  });
});
