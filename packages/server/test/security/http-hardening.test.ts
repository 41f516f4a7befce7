/**
 * Issue 14 item 9 (the HTTP items) and issue 15 items 7 and 9, against a real server on a real socket
 * with a real SQLite file: the OpenAPI document marks public routes and states permissions, CSV export
 * neutralises formulas (= + - @ TAB CR), the CSP allows no inline script, authenticated answers are
 * `no-store`, an over-long URL gets a coded 431, saved searches are bounded, the docs page is Vigil's
 * and shows the `Bearer <api key>` placeholder, and ingest edge cases answer coded errors.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestServer, Client, type TestServer } from '../support/server.ts';
import { csvCell } from '../../src/http/routes/events.ts';

let srv: TestServer;
let admin: Client;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  srv = await startTestServer();
  admin = new Client(srv.url);
  expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
});
afterAll(async () => srv?.close());

const ingest = (raw: string, type: string) => new Client(srv.url).req('POST', '/api/v1/ingest', { raw, type, headers: bearer(srv.boot.ingestKey) });

/** Splits RFC 4180 CSV into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('OpenAPI access marks', () => {
  it('marks login and ops routes public (security: []) and states each operation\'s permission', async () => {
    const doc = (await new Client(srv.url).req('GET', '/api/openapi.json')).body;
    for (const [path, method] of [['/api/v1/auth/login', 'post'], ['/api/v1/auth/session', 'get'], ['/healthz', 'get'], ['/readyz', 'get'], ['/metrics', 'get']] as const) {
      expect(doc.paths[path][method].security, path).toEqual([]);
    }
    expect(doc.paths['/api/v1/events'].get['x-vigil-permission']).toBe('read');
    expect(doc.paths['/api/v1/events'].get.description).toContain('**Permission**: `read`');
    expect(doc.paths['/api/v1/api-keys'].post['x-vigil-permission']).toBe('admin');
    expect(doc.paths['/api/v1/auth/me'].get['x-vigil-permission']).toBe('authenticated');
  });
});

describe('CSV export', () => {
  it('prefixes cells starting with = + - @ TAB or CR so spreadsheets keep them as text', async () => {
    const payloads = ['=HYPERLINK("http://evil","x")', '+1+cmd|calc', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1', 'plain text'];
    const r = await ingest(JSON.stringify(payloads.map((message) => ({ message, 'event.dataset': 'csv.formula' }))), 'application/json');
    expect(r.status).toBe(202);
    const csv = await admin.req('GET', '/api/v1/events/export?q=event.dataset:csv.formula&from=-1h&format=csv&fields=message');
    expect(csv.status).toBe(200);
    const cells = parseCsv(csv.body as string).slice(1).map((row) => row[0]!);
    expect(cells.sort()).toEqual(payloads.map((p) => (p === 'plain text' ? p : `'${p}`)).sort());
  });

  it('quotes what it neutralises', () => {
    expect(csvCell('\tx')).toBe(`"'\tx"`);
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('=a,b')).toBe(`"'=a,b"`);
    expect(csvCell('ok')).toBe('ok');
    expect(csvCell(-5)).toBe(`"'-5"`);
  });
});

describe('response headers', () => {
  it('sends a CSP without inline scripts', async () => {
    const r = await fetch(`${srv.url}/`);
    const csp = r.headers.get('content-security-policy')!;
    const script = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'))!;
    expect(script).toBe("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('marks authenticated JSON Cache-Control: no-store (answers and errors), not public ops', async () => {
    const ok = await admin.req('GET', '/api/v1/events?limit=1');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const key = await new Client(srv.url).req('GET', '/api/v1/inputs', { headers: bearer(srv.boot.ingestKey) });
    expect(key.headers.get('cache-control')).toBe('no-store');
    const denied = await new Client(srv.url).req('GET', '/api/v1/users');
    expect(denied.status).toBe(401);
    expect(denied.headers.get('cache-control')).toBe('no-store');
    expect((await admin.req('GET', '/api/v1/auth/me')).headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${srv.url}/healthz`)).headers.get('cache-control')).toBeNull();
  });
});

describe('oversized URL', () => {
  it('answers a URL over 16 KB with a coded 431, not the framework\'s body', async () => {
    const r = await fetch(`${srv.url}/api/v1/events?q=${'a'.repeat(17 * 1024)}`, { headers: { cookie: admin.cookie } });
    expect(r.status).toBe(431);
    const body = (await r.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('VIGIL_ERR_HEADERS_TOO_LARGE');
    expect(body.error.message).toMatch(/16 KB/);
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
  });
});

describe('saved searches are bounded', () => {
  it('refuses an oversized name, query, column list or column with a coded 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'n'.repeat(201), query: '' }, 'name'],
      [{ name: 'q', query: 'a'.repeat(10_001) }, 'query'],
      [{ name: 'c', query: '', columns: Array.from({ length: 101 }, (_, i) => `f${i}`) }, 'columns'],
      [{ name: 'c1', query: '', columns: ['x'.repeat(257)] }, 'columns[0]'],
      [{ name: 't', query: '', from: 'x'.repeat(65) }, 'from'],
    ];
    for (const [body, field] of cases) {
      const r = await admin.req('POST', '/api/v1/saved-searches', { body });
      expect(r.status, field).toBe(400);
      expect(r.body.error.code).toBe('VIGIL_ERR_VALIDATION');
      expect(r.body.error.details.field).toBe(field);
      expect(r.body.error.message).toMatch(new RegExp(`^${field.replace(/[[\]]/g, '\\$&')} must`));
    }
    expect((await admin.req('POST', '/api/v1/saved-searches', { body: { name: 'n'.repeat(200), query: 'a'.repeat(100) } })).status).toBe(201);
  });
});

describe('API docs page', () => {
  it('shows Vigil, not the framework, and keeps the Bearer <api key> placeholder as text', async () => {
    const page = await (await fetch(`${srv.url}/api/docs/`)).text();
    expect(page).toContain('<title>Vigil API</title>');
    const init = await (await fetch(`${srv.url}/api/docs/static/swagger-initializer.js`)).text();
    const logo = /data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(init);
    expect(Buffer.from(logo![1]!, 'base64').toString()).toContain('#1c7ed6');
    expect(init.toLowerCase()).not.toContain('fastify');
    const doc = (await new Client(srv.url).req('GET', '/api/openapi.json')).body;
    expect(doc.info.description).toContain('`Authorization: Bearer <api key>`');
  });
});

describe('ingest edge cases', () => {
  it('answers a lone JSON scalar, {} or [] with a coded 400 and stores nothing', async () => {
    const count = async () => (await admin.req('GET', '/api/v1/events?limit=10000&from=-30d')).body.events.length as number;
    const before = await count();
    for (const body of ['42', '"just text"', 'true', 'null', '{}', '[]']) {
      const r = await ingest(body, 'application/json');
      expect(r.status, body).toBe(400);
      // A scalar is wrapped into a one-element batch by the schema's type coercion, then refused as an event.
      expect(['VIGIL_ERR_VALIDATION', 'VIGIL_ERR_EVENT_INVALID'], body).toContain(r.body.error.code);
      expect(r.body.error.message, body).toMatch(/^(body must|No event was accepted)/);
    }
    expect(await count()).toBe(before);
  });

  it('answers 400 when no element of a batch is acceptable, 202 as soon as one is', async () => {
    const none = await ingest('[42, {}, "x"]', 'application/json');
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('VIGIL_ERR_EVENT_INVALID');
    expect(none.body.error.details.rejected.map((x: { index: number }) => x.index)).toEqual([0, 1, 2]);
    const some = await ingest('[42, {"message": "edge ok"}]', 'application/json');
    expect(some.status).toBe(202);
    expect(some.body).toMatchObject({ accepted: 1, rejected: [{ index: 0 }] });
  });

  it('answers a wrong Content-Type with a 415 that lists what is accepted', async () => {
    const r = await ingest('<xml/>', 'application/xml');
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('VIGIL_ERR_UNSUPPORTED_MEDIA_TYPE');
    expect(r.body.error.message).toContain('application/xml');
    for (const t of ['application/json', 'application/x-ndjson', 'text/plain']) expect(r.body.error.message).toContain(t);
    expect(r.body.error.details.accepted).toEqual(expect.arrayContaining(['application/json', 'application/x-ndjson', 'text/plain']));
    const users = await admin.req('POST', '/api/v1/users', { raw: 'a=b', type: 'application/x-www-form-urlencoded' });
    expect(users.status).toBe(415);
    expect(users.body.error.message).toMatch(/use application\/json\.$/);
    const text = await admin.req('POST', '/api/v1/users', { raw: 'username=x', type: 'text/plain' });
    expect(text.status).toBe(415);
    expect(text.body.error).toMatchObject({ code: 'VIGIL_ERR_UNSUPPORTED_MEDIA_TYPE', details: { accepted: ['application/json'] } });
  });
});

describe('optional bodies', () => {
  it('lets a body whose fields are all optional be left out', async () => {
    const created = await admin.req('POST', '/api/v1/api-keys', { body: { name: 'rotate-me', scopes: ['read'] } });
    const r = await fetch(`${srv.url}/api/v1/api-keys/${created.body.id}/rotate`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { key: string }).key).toMatch(/^vgl_/);
  });
});

describe('schema validation errors', () => {
  it('name the field and the rule in a coded 400', async () => {
    const r = await admin.req('POST', '/api/v1/api-keys', { body: { name: 'x', scopes: ['root'] } });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'VIGIL_ERR_VALIDATION', message: 'scopes[0] must be one of: ingest, read, write, admin.', details: { field: 'scopes[0]', in: 'body', rule: 'enum' } });
    const missing = await admin.req('POST', '/api/v1/users', { body: { username: 'x', role: 'viewer' } });
    expect(missing.body.error).toMatchObject({ message: 'password is required.', details: { field: 'password' } });
    const q = await admin.req('GET', '/api/v1/events?limit=0');
    expect(q.body.error).toMatchObject({ code: 'VIGIL_ERR_VALIDATION', message: 'query parameter limit must be >= 1.', details: { param: 'limit', in: 'querystring' } });
  });
});
