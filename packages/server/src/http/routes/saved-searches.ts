/**
 * @module http/routes/saved-searches
 * The caller's saved searches.
 */
import type { ApiApp } from '../api-app.ts';
import { SAVED_SEARCH_LIMITS, VigilError, savedSearchesApi } from '@vigil/contracts';
import { parseQuery } from '@vigil/core';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';

/** Registers /api/v1/saved-searches*. */
export async function savedSearchRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  const userOnly = (req: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(req);
    if (p.kind !== 'user') throw new VigilError('VIGIL_ERR_FORBIDDEN', 'Saved searches belong to users; log in to use them.');
    return p;
  };
  app.get('/api/v1/saved-searches', { config: { perm: 'read' }, schema: savedSearchesApi.list }, async (req) => {
    const p = userOnly(req);
    return { savedSearches: await ctx.savedSearches.list(p.tenantId, p.id) };
  });
  app.post('/api/v1/saved-searches', {
    config: { perm: 'read' },
    schema: savedSearchesApi.create,
  }, async (req, reply) => {
    const p = userOnly(req);
    const b = req.body;
    if (!b.name.trim()) throw new VigilError('VIGIL_ERR_VALIDATION', 'name is required', { field: 'name' });
    if (b.query.trim()) parseQuery(b.query);
    // The schema bounds each search; this bounds how many one user keeps.
    if ((await ctx.savedSearches.list(p.tenantId, p.id)).length >= SAVED_SEARCH_LIMITS.perUser) {
      throw new VigilError('VIGIL_ERR_CONFLICT', `You have ${SAVED_SEARCH_LIMITS.perUser} saved searches, the most one user may keep; delete some first.`, { limit: SAVED_SEARCH_LIMITS.perUser });
    }
    return reply.status(201).send(await ctx.savedSearches.create(p.tenantId, p.id, b));
  });
  app.delete('/api/v1/saved-searches/:id', { config: { perm: 'read' }, schema: savedSearchesApi.delete }, async (req) => {
    const p = userOnly(req);
    if (!(await ctx.savedSearches.delete(p.tenantId, p.id, req.params.id))) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No such saved search.');
    return { ok: true };
  });
}
