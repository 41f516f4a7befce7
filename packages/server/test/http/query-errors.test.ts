/**
 * Queries that could only ever match nothing answer 400 with a coded error and a hint (issue 15
 * item 7), on every search endpoint of a real server; well-formed neighbours still answer 200.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestServer, Client, type TestServer } from '../support/server.ts';

let srv: TestServer;
let admin: Client;

beforeAll(async () => {
  srv = await startTestServer();
  admin = new Client(srv.url);
  expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
});
afterAll(async () => srv?.close());

const CASES: Array<[string, RegExp]> = [
  ['source.ip:10.0.0.0/33', /0 to 32/],
  ['source.ip:300.1.1.1', /holds addresses/],
  ['_exists_:user.name', /use user\.name:\*/],
  ['_missing_:user.name', /NOT user\.name:\*/],
  ['vigil.severity:urgent', /use one of info, low, medium, high, critical/],
  ['destination.port:[100 TO 10]', /lower bound first/],
  ['event.dataset:sshd && user.name:root', /use AND/],
  ['-user.name:root', /use NOT/],
];

describe('queries that would silently match nothing', () => {
  it.each(CASES)('%s answers 400 VIGIL_ERR_QUERY_SYNTAX with a hint', async (q, hint) => {
    for (const path of ['/api/v1/events', '/api/v1/events/histogram', '/api/v1/events/top?field=host.name&', '/api/v1/events/fields']) {
      const sep = path.endsWith('&') ? '' : '?';
      const r = await admin.req('GET', `${path}${sep}q=${encodeURIComponent(q)}`);
      expect({ path, status: r.status, code: r.body.error?.code }).toEqual({ path, status: 400, code: 'VIGIL_ERR_QUERY_SYNTAX' });
      expect(r.body.error.details.hint).toMatch(hint);
    }
  });

  it('keeps the valid spellings working', async () => {
    for (const q of ['source.ip:10.0.0.0/8', 'source.ip:10.1.*', 'user.name:*', 'NOT user.name:*', 'note:"10.0.0.0/33"', 'user.name|i:ROOT', 'tags:(a AND b)']) {
      const r = await admin.req('GET', `/api/v1/events?q=${encodeURIComponent(q)}`);
      expect({ q, status: r.status }).toEqual({ q, status: 200 });
    }
  });
});
