/**
 * The OpenAPI document against a real server: every operation carries its contract (request and
 * response schemas, the shared error answers) and says who may call it, from the same route config
 * the auth hook enforces.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { RouteOptions } from 'fastify';
import { startTestServer, Client, type TestServer } from '../support/server.ts';
import { completeRouteSchema } from '../../src/http/plugins/openapi.ts';

interface Operation {
  summary?: string;
  tags?: string[];
  description?: string;
  security?: unknown[];
  'x-vigil-permission'?: string;
  parameters?: { in: string; name: string; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** Operations that take no body by design (POST with nothing to send). */
const NO_BODY = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/agents/rotate', 'POST /api/v1/hosts/{id}/revoke', 'POST /api/v1/devices/{id}/poll', 'POST /api/v1/rules/{id}/enable', 'POST /api/v1/rules/{id}/disable', 'POST /api/v1/channels/{id}/test', 'POST /api/v1/channels/{id}/deliveries/{deliveryId}/resend', 'POST /api/v1/silences/{id}/expire', 'POST /api/v1/alert-links/{id}/{action}']);
/** The public operations (no authentication); every other one must state its permission. */
const PUBLIC = new Set(['GET /healthz', 'GET /readyz', 'GET /metrics', 'POST /api/v1/auth/login', 'GET /api/v1/auth/session', 'POST /api/v1/agents/enroll', 'GET /api/v1/agents/bundle', 'GET /api/v1/agents/bundle/info', 'GET /api/v1/agents/bundle/signature', 'GET /api/v1/agents/bundle/sbom', 'GET /api/v1/alert-links/{id}/{action}', 'POST /api/v1/alert-links/{id}/{action}']);
/** Operations a host agent calls with its credential (not a user or API key). */
const AGENT = new Set(['POST /api/v1/agents/batches', 'POST /api/v1/agents/heartbeat', 'GET /api/v1/agents/commands', 'POST /api/v1/agents/commands/{id}/result', 'POST /api/v1/agents/rotate']);

let srv: TestServer;
let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };
const ops: [string, Operation][] = [];

beforeAll(async () => {
  srv = await startTestServer();
  const r = await new Client(srv.url).req('GET', '/api/openapi.json');
  expect(r.status).toBe(200);
  doc = r.body;
  for (const [path, methods] of Object.entries(doc.paths)) for (const [m, op] of Object.entries(methods)) ops.push([`${m.toUpperCase()} ${path}`, op]);
});
afterAll(async () => srv?.close());

describe('the OpenAPI document', () => {
  it('lists every API route', () => {
    expect(ops.length).toBeGreaterThan(30);
    expect(doc.components.schemas.VigilError).toBeDefined();
  });

  it('gives every operation a summary, a tag and a schema for each success response', () => {
    const missing = ops.filter(([, op]) => {
      const ok = Object.entries(op.responses).filter(([s]) => s.startsWith('2'));
      return !op.summary || !op.tags?.length || !ok.length || ok.some(([, r]) => !r.content || Object.values(r.content).some((c) => !c.schema));
    });
    expect(missing.map(([k]) => k)).toEqual([]);
  });

  it('gives every body a request schema, and every path parameter and query parameter a schema', () => {
    const bad = ops.filter(([key, op]) => {
      const method = key.split(' ')[0]!;
      const hasBody = !!op.requestBody && Object.values(op.requestBody.content).every((c) => !!c.schema);
      if (['POST', 'PUT', 'PATCH'].includes(method) && !hasBody && !NO_BODY.has(key)) return true;
      const pathParams = [...key.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path' && p.schema).map((p) => p.name);
      if (pathParams.some((p) => !declared.includes(p))) return true;
      return (op.parameters ?? []).some((p) => !p.schema);
    });
    expect(bad.map(([k]) => k)).toEqual([]);
  });

  it('documents the error answers with the shared error schema', () => {
    const bad = ops.filter(([key, op]) => {
      const errs = Object.entries(op.responses).filter(([s]) => /^[45]/.test(s));
      if (!op.responses['500']) return true;
      if ((op.requestBody || op.parameters?.length) && !op.responses['400']) return true;
      // Agent routes have no permissions beyond the credential: 401, never 403.
      if (!PUBLIC.has(key) && (!op.responses['401'] || (!AGENT.has(key) && !op.responses['403']))) return true;
      if (AGENT.has(key) && op.responses['403']) return true;
      // /readyz answers its own readiness body with 503; every other error is the coded error body.
      return errs.some(([s, r]) => !(key === 'GET /readyz' && s === '503') && JSON.stringify(r.content?.['application/json']?.schema) !== JSON.stringify({ $ref: '#/components/schemas/VigilError' }));
    });
    expect(bad.map(([k]) => k)).toEqual([]);
  });

  it('marks public operations with security [] and states the permission of every other one', () => {
    for (const [key, op] of ops) {
      if (PUBLIC.has(key)) {
        expect(op.security, key).toEqual([]);
        expect(op['x-vigil-permission'], key).toBeUndefined();
      } else if (AGENT.has(key)) {
        expect(op.security, key).toEqual([{ agentCredential: [] }]);
        expect(op['x-vigil-permission'], key).toBe('agent');
        expect(op.description, key).toMatch(/\*\*Agent\*\*/);
      } else {
        expect(op.security, key).toBeUndefined();
        expect(op['x-vigil-permission'], key).toMatch(/^(ingest|read|write|admin|platform|authenticated)$/);
        expect(op.description, key).toMatch(/\*\*Permission\*\*/);
      }
    }
    const perm = (k: string) => ops.find(([key]) => key === k)![1]['x-vigil-permission'];
    expect(perm('POST /api/v1/ingest')).toBe('ingest');
    expect(perm('GET /api/v1/events')).toBe('read');
    expect(perm('POST /api/v1/extraction-rules')).toBe('write');
    expect(perm('POST /api/v1/users')).toBe('admin');
  });

  it('states the size limits of saved searches', () => {
    const schema = (doc.paths['/api/v1/saved-searches']!.post!.requestBody!.content['application/json']!.schema as { properties: Record<string, { maxLength?: number; maxItems?: number }> }).properties;
    expect(schema.name!.maxLength).toBeGreaterThan(0);
    expect(schema.query!.maxLength).toBeGreaterThan(0);
    expect(schema.columns!.maxItems).toBeGreaterThan(0);
  });
});

describe('a route without a contract', () => {
  it('stops start-up, naming the route', () => {
    const route = { method: 'GET', url: '/api/v1/things', schema: { tags: ['things'], summary: 'Things' }, config: { perm: 'read' }, handler: async () => ({}) } as unknown as RouteOptions;
    expect(() => completeRouteSchema(route)).toThrow(/GET \/api\/v1\/things has no response schema/);
  });
});
