/**
 * @module http/routes/auth
 * Login, logout, who am I, switching tenants (platform owner) and changing one's own password.
 */
import type { ApiApp } from '../api-app.ts';
import { VigilError, authApi } from '@vigil/contracts';
import type { HttpContext } from '../context.ts';
import { SESSION_COOKIE, principalOf } from '../plugins/auth.ts';
import { publicUser } from '../../repos/users-repo.ts';
import { publicTenant } from '../../tenancy/tenant-service.ts';

/** Registers /api/v1/auth/*. */
export async function authRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  const secure = (ctx.config.public_url ?? '').startsWith('https://');
  app.post('/api/v1/auth/login', {
    config: { public: true, rateLimit: { max: ctx.config['auth.login_rate_limit'], timeWindow: 60_000 } },
    schema: authApi.login,
  }, async (req, reply) => {
    const body = req.body;
    // Failures are logged and audited (with the client address) by the auth service's event hook.
    const r = await ctx.auth.login(body.username, body.password, req.ip, body.tenant);
    void reply.setCookie(SESSION_COOKIE, r.token, { path: '/', httpOnly: true, sameSite: 'strict', secure, expires: new Date(r.expiresAt) });
    await ctx.audit.record(r.user.tenantId, { actor: r.user.username, action: 'auth.login', ip: req.ip });
    return { user: publicUser(r.user), csrfToken: r.csrfToken };
  });
  app.post('/api/v1/auth/logout', { config: { allowPasswordChange: true }, schema: authApi.logout }, async (req, reply) => {
    const p = principalOf(req);
    if (p.sessionId) await ctx.auth.logout(p.sessionId);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
  app.get('/api/v1/auth/me', { config: { allowPasswordChange: true }, schema: authApi.me }, async (req) => {
    const p = principalOf(req);
    const t = ctx.tenants.cached(p.tenantId) ?? (await ctx.tenants.get(p.tenantId));
    const tenant = { id: t.id, slug: t.slug, name: t.name };
    if (p.kind === 'apikey') return { apiKey: { id: p.id, name: p.name, scopes: [...(p.scopes ?? [])], tenantId: p.tenantId }, tenant };
    return { user: publicUser(await ctx.users.get(p.homeTenantId ?? p.tenantId, p.id)), tenant, csrfToken: p.csrfToken };
  });
  // The browser's first-load probe: public and always 200, so being signed out is an answer, not an
  // error status the browser logs as a failed request. It reads only the session cookie.
  app.get('/api/v1/auth/session', { config: { public: true }, schema: authApi.session }, async (req, reply) => {
    void reply.header('Cache-Control', 'no-store');
    const token = req.cookies?.[SESSION_COOKIE];
    const p = token ? await ctx.auth.fromSession(token) : null;
    if (!p) return { authenticated: false };
    const t = ctx.tenants.cached(p.tenantId) ?? (await ctx.tenants.get(p.tenantId));
    return { authenticated: true, user: publicUser(await ctx.users.get(p.homeTenantId ?? p.tenantId, p.id)), tenant: { id: t.id, slug: t.slug, name: t.name }, csrfToken: p.csrfToken };
  });
  app.post('/api/v1/auth/tenant', { config: { perm: 'platform' }, schema: authApi.switchTenant }, async (req) => {
    const p = principalOf(req);
    const t = await ctx.tenants.get(req.body.tenant);
    await ctx.auth.switchTenant(p, t.id);
    await ctx.audit.record(t.id, { actor: p.name, action: 'auth.tenant_switch', target: t.id, details: { slug: t.slug }, ip: req.ip });
    return { tenant: publicTenant(t) };
  });
  app.post('/api/v1/auth/password', {
    config: { allowPasswordChange: true },
    schema: authApi.changePassword,
  }, async (req) => {
    const p = principalOf(req);
    if (p.kind !== 'user') throw new VigilError('VIGIL_ERR_FORBIDDEN', 'API keys have no password.');
    const b = req.body;
    const home = p.homeTenantId ?? p.tenantId;
    try {
      await ctx.auth.changePassword(p, b.currentPassword, b.newPassword);
    } catch (err) {
      if ((err as VigilError).code === 'VIGIL_ERR_BAD_CREDENTIALS') await ctx.audit.record(home, { actor: p.name, action: 'auth.password_change_failed', details: { reason: 'wrong current password' }, ip: req.ip });
      throw err;
    }
    await ctx.audit.record(home, { actor: p.name, action: 'auth.password_change', ip: req.ip });
    return { ok: true };
  });
}
