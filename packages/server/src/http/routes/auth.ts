/**
 * @module http/routes/auth
 * Login, logout, who am I, and changing one's own password.
 */
import type { ApiApp } from '../api-app.ts';
import { VigilError, authApi } from '@vigil/contracts';
import type { HttpContext } from '../context.ts';
import { SESSION_COOKIE, principalOf } from '../plugins/auth.ts';
import { publicUser } from '../../repos/users-repo.ts';

/** Registers /api/v1/auth/*. */
export async function authRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  const secure = (ctx.config.public_url ?? '').startsWith('https://');
  app.post('/api/v1/auth/login', {
    config: { public: true, rateLimit: { max: ctx.config['auth.login_rate_limit'], timeWindow: 60_000 } },
    schema: authApi.login,
  }, async (req, reply) => {
    const body = req.body;
    try {
      const r = await ctx.auth.login(body.username, body.password);
      void reply.setCookie(SESSION_COOKIE, r.token, { path: '/', httpOnly: true, sameSite: 'strict', secure, expires: new Date(r.expiresAt) });
      await ctx.audit.record(r.user.tenantId, { actor: r.user.username, action: 'auth.login', ip: req.ip });
      return { user: publicUser(r.user), csrfToken: r.csrfToken };
    } catch (err) {
      req.log.info({ username: typeof body.username === 'string' ? body.username.slice(0, 64) : undefined, code: (err as VigilError).code }, 'login failed');
      throw err;
    }
  });
  app.post('/api/v1/auth/logout', { config: { allowPasswordChange: true }, schema: authApi.logout }, async (req, reply) => {
    const p = principalOf(req);
    if (p.sessionId) await ctx.auth.logout(p.sessionId);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
  app.get('/api/v1/auth/me', { config: { allowPasswordChange: true }, schema: authApi.me }, async (req) => {
    const p = principalOf(req);
    if (p.kind === 'apikey') return { apiKey: { id: p.id, name: p.name, scopes: [...(p.scopes ?? [])], tenantId: p.tenantId } };
    return { user: publicUser(await ctx.users.get(p.tenantId, p.id)), csrfToken: p.csrfToken };
  });
  app.post('/api/v1/auth/password', {
    config: { allowPasswordChange: true },
    schema: authApi.changePassword,
  }, async (req) => {
    const p = principalOf(req);
    if (p.kind !== 'user') throw new VigilError('VIGIL_ERR_FORBIDDEN', 'API keys have no password.');
    const b = req.body;
    await ctx.auth.changePassword(p, b.currentPassword, b.newPassword);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'auth.password_change', ip: req.ip });
    return { ok: true };
  });
}
