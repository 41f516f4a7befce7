/**
 * @module http/routes/api-keys
 * API keys of the caller's tenant: create (shown once), list, revoke, rotate with overlap.
 */
import type { FastifyInstance } from 'fastify';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';
import { publicKey } from '../../auth/api-key-service.ts';

/** Registers /api/v1/api-keys*. */
export async function apiKeyRoutes(app: FastifyInstance, ctx: HttpContext): Promise<void> {
  app.get('/api/v1/api-keys', { config: { perm: 'admin' }, schema: { tags: ['api-keys'], summary: 'List API keys' } }, async (req) => {
    const p = principalOf(req);
    return { apiKeys: (await ctx.apiKeys.list(p.tenantId)).map(publicKey) };
  });
  app.post('/api/v1/api-keys', {
    config: { perm: 'admin' },
    schema: { tags: ['api-keys'], summary: 'Create an API key; the key is in the answer only', body: { type: 'object', properties: { name: { type: 'string' }, scopes: { type: 'array', items: { type: 'string', enum: ['ingest', 'read', 'write', 'admin'] } }, expiresAt: { type: 'string' } }, required: ['name', 'scopes'] } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const { key, record } = await ctx.apiKeys.create(p.tenantId, req.body as { name: unknown; scopes: unknown }, p.id);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'apikey.create', target: record.id, details: { name: record.name, scopes: record.scopes }, ip: req.ip });
    return reply.status(201).send({ ...publicKey(record), key });
  });
  app.delete('/api/v1/api-keys/:id', { config: { perm: 'admin' }, schema: { tags: ['api-keys'], summary: 'Revoke an API key' } }, async (req) => {
    const p = principalOf(req);
    const id = (req.params as { id: string }).id;
    await ctx.apiKeys.revoke(p.tenantId, id);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'apikey.revoke', target: id, ip: req.ip });
    return { ok: true };
  });
  app.post('/api/v1/api-keys/:id/rotate', {
    config: { perm: 'admin' },
    schema: { tags: ['api-keys'], summary: 'Rotate: a new secret; the old one works for overlapSeconds (default 3600)', body: { type: 'object', properties: { overlapSeconds: { type: 'integer' } } } },
  }, async (req) => {
    const p = principalOf(req);
    const id = (req.params as { id: string }).id;
    const overlap = (req.body as { overlapSeconds?: number } | undefined)?.overlapSeconds;
    const { key, record } = await ctx.apiKeys.rotate(p.tenantId, id, overlap ?? 3600);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'apikey.rotate', target: id, details: { overlapSeconds: overlap ?? 3600 }, ip: req.ip });
    return { ...publicKey(record), key };
  });
}
