/**
 * @module http/plugins/openapi
 * The OpenAPI document and its UI, generated from the routes' contract schemas
 * (`@vigil/contracts` `api/`). Each route's own config is the single source of what the document says
 * about access: a public route gets `security: []`, every other one its permission as
 * `x-vigil-permission` and a line in its description, and each operation gets the error answers that
 * apply to it (all sharing one `VigilError` schema), so the document cannot drift from enforcement.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions, preValidationHookHandler } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ERROR_SCHEMA_ID, ErrorResponse } from '@vigil/contracts';
import { unsupportedMediaType } from './errors.ts';

/** The Vigil mark shown by the API docs page instead of the framework's. */
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1c7ed6"/><path d="M6 16c3-6 7-9 10-9s7 3 10 9c-3 6-7 9-10 9s-7-3-10-9z" fill="none" stroke="#fff" stroke-width="2.5"/><circle cx="16" cy="16" r="4" fill="#fff"/></svg>';

/** What each error status means, as the document describes it. */
const ERROR_MEANING: Record<number, string> = {
  400: 'Invalid request (VIGIL_ERR_VALIDATION names the field; query, time and cursor errors have their own codes)',
  401: 'Not authenticated (VIGIL_ERR_UNAUTHENTICATED, VIGIL_ERR_BAD_API_KEY, VIGIL_ERR_BAD_CREDENTIALS; agent routes: VIGIL_ERR_BAD_AGENT_CREDENTIAL, VIGIL_ERR_AGENT_REVOKED — the agent stops)',
  403: 'Not allowed (VIGIL_ERR_FORBIDDEN, VIGIL_ERR_MISSING_SCOPE, VIGIL_ERR_CSRF, VIGIL_ERR_PASSWORD_CHANGE_REQUIRED)',
  404: 'Not found in your tenant (VIGIL_ERR_NOT_FOUND)',
  409: 'Conflicts with an existing one (VIGIL_ERR_CONFLICT)',
  413: 'Body too large (VIGIL_ERR_PAYLOAD_TOO_LARGE)',
  415: 'Content-Type not accepted; the message lists the accepted ones (VIGIL_ERR_UNSUPPORTED_MEDIA_TYPE)',
  429: 'Rate limited or locked out; see Retry-After (VIGIL_ERR_RATE_LIMITED, VIGIL_ERR_LOCKED_OUT)',
  500: 'Internal error (VIGIL_ERR_INTERNAL)',
  503: 'Unavailable or shutting down (VIGIL_ERR_UNAVAILABLE, VIGIL_ERR_SHUTTING_DOWN)',
};

/** How the document names a success answer that gives no description of its own. */
const SUCCESS_MEANING: Record<string, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted: the events are durable', 204: 'No content' };

type Schema = Record<string, unknown> & { response?: Record<string, unknown>; errors?: readonly number[]; description?: string };

/** The error statuses an operation can answer, derived from its schema and its route config. */
export function errorStatuses(schema: Schema, route: Pick<RouteOptions, 'url' | 'config'>): number[] {
  const cfg = (route.config ?? {}) as { public?: boolean; agent?: boolean; rateLimit?: unknown };
  const out = new Set<number>([500, ...(schema.errors ?? [])]);
  if (schema.body || schema.querystring || schema.params) out.add(400);
  if (cfg.agent) out.add(401);
  else if (!cfg.public) out.add(401).add(403);
  if (schema.params || route.url.includes(':')) out.add(404);
  if (schema.body) out.add(413).add(415);
  if (cfg.rateLimit) out.add(429);
  return [...out].sort((a, b) => a - b);
}

/**
 * Completes one route's schema for validation, serialization and the document: error responses,
 * security and permission marks. Throws at start-up when an API route declares no response, so no
 * operation can be added without its contract.
 */
export function completeRouteSchema(route: RouteOptions): void {
  const url = route.url;
  const schema = route.schema as Schema | undefined;
  if (schema?.hide) return;
  if (!url.startsWith('/api/') && !['/healthz', '/readyz', '/metrics'].includes(url)) return;
  if (!schema?.response) throw new Error(`Route ${String(route.method)} ${url} has no response schema: declare its operation in packages/contracts/src/api/.`);
  const cfg = (route.config ?? {}) as { public?: boolean; perm?: string; agent?: boolean };
  const response: Record<string, unknown> = {};
  // A copy with a description, so the shared contract schema object itself is never changed.
  for (const [status, r] of Object.entries(schema.response)) response[status] = (r as { description?: string }).description || !SUCCESS_MEANING[status] ? r : { ...(r as object), description: SUCCESS_MEANING[status] };
  for (const status of errorStatuses(schema, route)) response[status] ??= { $ref: `${ERROR_SCHEMA_ID}#`, description: ERROR_MEANING[status] };
  const access = cfg.public
    ? { security: [], description: [schema.description, '**Public**: no authentication.'].filter(Boolean).join('\n\n') }
    : cfg.agent
      ? { security: [{ agentCredential: [] }], 'x-vigil-permission': 'agent', description: [schema.description, '**Agent**: a host credential (`Authorization: Bearer vga_<host id>_<secret>`) from enrollment; acts for that host only.'].filter(Boolean).join('\n\n') }
      : {
        'x-vigil-permission': cfg.perm ?? 'authenticated',
        description: [schema.description, permissionText(cfg.perm)].filter(Boolean).join('\n\n'),
      };
  route.schema = { ...schema, ...access, response };
  // A JSON-only body sent as text (the text parser is global for ingest) is a 415, not a schema error.
  if (schema.body && !(schema.body as { content?: unknown }).content) {
    // A body whose every field is optional may be left out (`POST …/rotate` with no body), as before contracts.
    const optional = !((schema.body as { required?: unknown[] }).required?.length);
    route.preValidation = [...[route.preValidation ?? []].flat(), optional ? optionalJsonBody : jsonBodyOnly];
  }
}

/** Refuses a body that is not `application/json` on a route whose contract takes JSON only. */
const jsonBodyOnly: preValidationHookHandler = (req: FastifyRequest, _reply, done) => {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (req.body !== undefined && type !== 'application/json') return done(unsupportedMediaType(req));
  done();
};

/** As `jsonBodyOnly`, and an absent body reads as `{}`. */
const optionalJsonBody: preValidationHookHandler = function (req, reply, done) {
  if (req.body === undefined) req.body = {};
  else return jsonBodyOnly.call(this, req, reply, done);
  done();
};

/** The description line stating an operation's permission. */
function permissionText(perm: string | undefined): string {
  if (!perm) return '**Permission**: any signed-in user or API key.';
  // No API key holds `platform`: only the platform owner's session manages tenants.
  if (perm === 'platform') return '**Permission**: `platform` (the platform owner, signed in; no API key has it).';
  return `**Permission**: \`${perm}\` (a role that has it, or an API key with the \`${perm}\` scope).`;
}

/** Registers the shared error schema, the schema completion hook, `/api/openapi.json` and the docs UI at `/api/docs`. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  app.addSchema(ErrorResponse);
  app.addHook('onRoute', completeRouteSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Vigil API',
        version: '1',
        // Markdown: the placeholder sits in a code span so the UI does not read it as an HTML tag.
        description: 'Self-hosted security monitoring. Authenticate with a session cookie (`POST /api/v1/auth/login`, then send `X-CSRF-Token` on writes) or `Authorization: Bearer <api key>`. Each operation states the permission it needs (`x-vigil-permission`). Errors: `{"error": {"code": "VIGIL_ERR_…", "message": "…"}}`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'vigil_session' }, agentCredential: { type: 'http', scheme: 'bearer', description: 'A host agent credential vga_<host id>_<secret> (agent routes only)' } } },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { url: '/api/openapi.json' } as never,
    staticCSP: false,
    logo: { type: 'image/svg+xml', content: LOGO, href: '/' },
    theme: { title: 'Vigil API', favicon: [{ filename: 'favicon.svg', rel: 'icon', type: 'image/svg+xml', sizes: 'any', content: LOGO }] },
  });
}
