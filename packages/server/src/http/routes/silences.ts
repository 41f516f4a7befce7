/**
 * @module http/routes/silences
 * Silences of the caller's tenant: viewers read; analysts and above silence and expire (muting
 * noise is an operator's everyday action, like acknowledging).
 */
import { silencesApi } from '@vigil/contracts';
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';
import { routingOf } from './routing.ts';

/** Registers /api/v1/silences*. */
export async function silenceRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  app.get('/api/v1/silences', { config: { perm: 'read' }, schema: silencesApi.list }, async (req) => ({ silences: await routingOf(ctx).listSilences(principalOf(req).tenantId, req.query.state, req.query.limit) }));

  app.post('/api/v1/silences', { config: { perm: 'write' }, schema: silencesApi.create }, async (req, reply) => {
    const p = principalOf(req);
    const s = await routingOf(ctx).createSilence(p.tenantId, req.body, p);
    return reply.status(201).send(s);
  });

  app.get('/api/v1/silences/:id', { config: { perm: 'read' }, schema: silencesApi.get }, async (req) => routingOf(ctx).silence(principalOf(req).tenantId, req.params.id));

  app.post('/api/v1/silences/:id/expire', { config: { perm: 'write' }, schema: silencesApi.expire }, async (req) => {
    const p = principalOf(req);
    const s = await routingOf(ctx).expireSilence(p.tenantId, req.params.id, p);
    return s;
  });
}
