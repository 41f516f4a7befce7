/**
 * @module http/plugins/auth
 * Authentication and authorization for every route. A route is public only when its config says
 * `public: true`; otherwise it names the permission it needs (`perm`). Callers are API keys
 * (`Authorization: Bearer`) or sessions (cookie `vigil_session`); cookie writes need `X-CSRF-Token`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { VigilError } from '@vigil/contracts';
import { can, type Permission, type Principal } from '../../auth/permissions.ts';
import type { AuthService } from '../../auth/auth-service.ts';
import type { ApiKeyService } from '../../auth/api-key-service.ts';
import type { AgentPrincipal } from '../../agents/agent-auth.ts';

export const SESSION_COOKIE = 'vigil_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No authentication at all. */
    public?: boolean;
    /** The permission the route needs. */
    perm?: Permission;
    /** Allowed even while the user must change their password. */
    allowPasswordChange?: boolean;
    /** Authenticated by a host agent's credential (`Bearer vga_…`), not by a user or API key. */
    agent?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    agentHost: AgentPrincipal | null;
  }
}

/** The host calling an agent route (set by the auth hook). */
export function agentOf(req: FastifyRequest): AgentPrincipal {
  if (!req.agentHost) throw new VigilError('VIGIL_ERR_BAD_AGENT_CREDENTIAL');
  return req.agentHost;
}

/** The caller of an authenticated route (set by the auth hook). */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new VigilError('VIGIL_ERR_UNAUTHENTICATED');
  return req.principal;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Installs the authentication hook. */
export function registerAuth(app: FastifyInstance, deps: { auth: AuthService; apiKeys: ApiKeyService; agents?: { verify(presented: string): Promise<AgentPrincipal> } }): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('agentHost', null);
  app.addHook('onRequest', async (req) => {
    const cfg = req.routeOptions.config;
    if (cfg?.public || !req.routeOptions.url) return;
    const header = req.headers.authorization;
    if (cfg?.agent) {
      // Agent routes take only a host credential: a user's session or API key is no host.
      const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
      if (!m || !deps.agents) throw new VigilError('VIGIL_ERR_BAD_AGENT_CREDENTIAL', 'Agent routes need "Authorization: Bearer vga_<host id>_<secret>".');
      req.agentHost = await deps.agents.verify(m[1]!);
      return;
    }
    let p: Principal | null = null;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw new VigilError('VIGIL_ERR_BAD_API_KEY', 'Authorization must be "Bearer <api key>".');
      p = await deps.apiKeys.verify(m[1]!, req.ip);
    } else {
      const token = req.cookies?.[SESSION_COOKIE];
      if (token) p = await deps.auth.fromSession(token);
      if (!p) throw new VigilError('VIGIL_ERR_UNAUTHENTICATED', 'Log in, or send an API key as "Authorization: Bearer <key>".');
      if (!SAFE.has(req.method) && !deps.auth.checkCsrf(p, req.headers['x-csrf-token'])) throw new VigilError('VIGIL_ERR_CSRF');
      if (p.mustChangePassword && !cfg?.allowPasswordChange) throw new VigilError('VIGIL_ERR_PASSWORD_CHANGE_REQUIRED', 'Change your password first: POST /api/v1/auth/password.');
    }
    // A copy per request: key principals are cached and shared between requests.
    req.principal = { ...p, ip: req.ip };
    const perm = cfg?.perm;
    if (perm && !can(p, perm)) {
      throw p.kind === 'apikey' ? new VigilError('VIGIL_ERR_MISSING_SCOPE', `This API key lacks the "${perm}" scope${p.scopes && p.role ? ` (or its creator, now ${p.role}, no longer has it)` : ''}.`) : new VigilError('VIGIL_ERR_FORBIDDEN', `Your role (${p.role}) cannot do this; it needs the "${perm}" permission.`);
    }
  });
}
