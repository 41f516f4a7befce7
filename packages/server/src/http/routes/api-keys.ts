/**
 * @module http/routes/api-keys
 * API keys of the caller's tenant: create (shown once), list, revoke, rotate with overlap.
 */
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import { apiKeysApi } from '@vigil/contracts';
import { principalOf } from '../plugins/auth.ts';
import { publicKey, creatorOf } from '../../auth/api-key-service.ts';

/** Registers /api/v1/api-keys*. */
export async function apiKeyRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  app.get('/api/v1/api-keys', { config: { perm: 'admin' }, schema: apiKeysApi.list }, async (req) => {
    const p = principalOf(req);
    return { apiKeys: (await ctx.apiKeys.list(p.tenantId)).map(publicKey) };
  });
  app.post('/api/v1/api-keys', {
    config: { perm: 'admin' },
    schema: apiKeysApi.create,
  }, async (req, reply) => {
    const p = principalOf(req);
    const { key, record } = await ctx.apiKeys.create(p.tenantId, req.body, creatorOf(p), p);
    return reply.status(201).send({ ...publicKey(record), key });
  });
  app.delete('/api/v1/api-keys/:id', { config: { perm: 'admin' }, schema: apiKeysApi.revoke }, async (req) => {
    const p = principalOf(req);
    const id = req.params.id;
    await ctx.apiKeys.revoke(p.tenantId, id, p);
    return { ok: true };
  });
  app.post('/api/v1/api-keys/:id/rotate', {
    config: { perm: 'admin' },
    schema: apiKeysApi.rotate,
  }, async (req) => {
    const p = principalOf(req);
    const id = req.params.id;
    const overlap = req.body?.overlapSeconds;
    const { key, record } = await ctx.apiKeys.rotate(p.tenantId, id, overlap ?? 3600, creatorOf(p), p);
    return { ...publicKey(record), key };
  });
}
