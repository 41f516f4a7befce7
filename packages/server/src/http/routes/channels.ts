/**
 * @module http/routes/channels
 * Notification channels of the caller's tenant: viewers read (secrets masked), admins write, test,
 * read the delivery log and resend dead letters.
 */
import { VigilError, channelsApi } from '@vigil/contracts';
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';
import type { ChannelService } from '../../notify/channel-service.ts';

/** Registers /api/v1/channels*. */
export async function channelRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  const channels = (): ChannelService => {
    if (!ctx.channels) throw new VigilError('VIGIL_ERR_UNAVAILABLE', 'Notification channels are not available in this process.');
    return ctx.channels;
  };

  app.get('/api/v1/channels', { config: { perm: 'read' }, schema: channelsApi.list }, async (req) => ({ channels: await channels().list(principalOf(req).tenantId) }));

  app.post('/api/v1/channels', { config: { perm: 'admin' }, schema: channelsApi.create }, async (req, reply) => {
    const p = principalOf(req);
    if (!req.body.type) throw new VigilError('VIGIL_ERR_VALIDATION', 'type is required', { field: 'type' });
    const c = await channels().create(p.tenantId, req.body, p);
    return reply.status(201).send(c);
  });

  app.get('/api/v1/channels/:id', { config: { perm: 'read' }, schema: channelsApi.get }, async (req) => channels().get(principalOf(req).tenantId, req.params.id));

  app.put('/api/v1/channels/:id', { config: { perm: 'admin' }, schema: channelsApi.update }, async (req) => {
    const p = principalOf(req);
    return channels().update(p.tenantId, req.params.id, req.body, p);
  });

  app.delete('/api/v1/channels/:id', { config: { perm: 'admin' }, schema: channelsApi.remove }, async (req) => {
    const p = principalOf(req);
    await channels().remove(p.tenantId, req.params.id, p);
    return { ok: true };
  });

  app.post('/api/v1/channels/:id/test', { config: { perm: 'admin' }, schema: channelsApi.test }, async (req) => {
    const { deliveryId, result } = await channels().test(principalOf(req).tenantId, req.params.id);
    return { deliveryId, ...result };
  });

  app.get('/api/v1/channels/:id/deliveries', { config: { perm: 'admin' }, schema: channelsApi.deliveries }, async (req) => ({ deliveries: await channels().deliveries(principalOf(req).tenantId, req.params.id, req.query.limit, req.query.status) }));

  app.post('/api/v1/channels/:id/deliveries/:deliveryId/resend', { config: { perm: 'admin' }, schema: channelsApi.resend }, async (req) => {
    const p = principalOf(req);
    return channels().resend(p.tenantId, req.params.id, req.params.deliveryId, p);
  });
}
