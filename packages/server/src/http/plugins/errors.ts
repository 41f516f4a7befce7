/**
 * @module http/plugins/errors
 * The one place that turns errors into HTTP answers: VigilError codes map to their status via the
 * catalogue; framework errors (schema validation, content types, oversized headers) are translated to
 * coded ones that say what to fix; nothing leaks a stack.
 */
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyError, FastifyRequest } from 'fastify';
import { VigilError, isVigilError, type ErrorCode } from '@vigil/contracts';
import { storageUnavailable } from '../../storage/storage-errors.ts';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'VIGIL_ERR_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'VIGIL_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VIGIL_ERR_MALFORMED_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VIGIL_ERR_MALFORMED_BODY',
  FST_ERR_VALIDATION: 'VIGIL_ERR_VALIDATION',
};

/** One Ajv error as Fastify hands it over. */
interface AjvError {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** `/scopes/0` -> `scopes[0]`; `/a/b` -> `a.b`. */
function pathOf(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  return parts.reduce((out, p) => (/^\d+$/.test(p) ? `${out}[${p}]` : out ? `${out}.${p}` : p), '');
}

const PART_NAMES: Record<string, string> = { body: 'body', querystring: 'query parameter', params: 'path parameter', headers: 'header' };

/** A coded 400 naming the field (body) or parameter (query, path) that failed its schema, and why. */
export function validationError(errors: readonly AjvError[], part: string): VigilError {
  const e = errors[0]!;
  const name = pathOf(e.instancePath, e.keyword === 'required' ? String(e.params.missingProperty) : e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : undefined);
  const where = name ? `${part === 'body' ? '' : `${PART_NAMES[part] ?? part} `}${name}` : (PART_NAMES[part] ?? part);
  const p = e.params;
  const why =
    e.keyword === 'required' ? 'is required'
    : e.keyword === 'enum' ? `must be one of: ${(p.allowedValues as unknown[]).join(', ')}`
    : e.keyword === 'type' ? `must be ${String(p.type).split(',').map((t) => (t === 'object' || t === 'array' ? `an ${t}` : `a ${t}`)).join(' or ')}`
    : e.keyword === 'maxLength' ? `must be at most ${String(p.limit)} characters`
    : e.keyword === 'minLength' ? (p.limit === 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters`)
    : e.keyword === 'maxItems' ? `must have at most ${String(p.limit)} items`
    : e.keyword === 'minItems' || e.keyword === 'minProperties' ? (p.limit === 1 ? 'must not be empty' : `must have at least ${String(p.limit)} items`)
    : e.keyword === 'minimum' || e.keyword === 'maximum' ? `must be ${e.keyword === 'minimum' ? '>=' : '<='} ${String(p.limit)}`
    : e.keyword === 'additionalProperties' ? 'is not a known property'
    : (e.message ?? 'is not valid');
  const key = part === 'body' ? 'field' : 'param';
  return new VigilError('VIGIL_ERR_VALIDATION', `${where} ${why}.`, { [key]: name || part, in: part, rule: e.keyword });
}

/** The content types a route accepts: its body schema's `content` keys, else JSON. */
export function acceptedTypes(req: FastifyRequest): string[] {
  const body = (req.routeOptions.schema as { body?: { content?: Record<string, unknown> } } | undefined)?.body;
  return body?.content ? Object.keys(body.content) : ['application/json'];
}

/** The 415 for a request whose Content-Type the route does not take, listing the ones it does. */
export function unsupportedMediaType(req: FastifyRequest): VigilError {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  const accepted = acceptedTypes(req);
  return new VigilError('VIGIL_ERR_UNSUPPORTED_MEDIA_TYPE', `Content-Type ${type || '(none)'} is not accepted here: use ${accepted.join(', ')}.`, { accepted });
}

/** Translates any thrown value to a VigilError. */
export function toVigilError(err: unknown, req?: FastifyRequest): VigilError {
  if (isVigilError(err)) return err;
  const outage = storageUnavailable(err);
  if (outage) return outage;
  const fe = err as FastifyError & { statusCode?: number; validationContext?: string };
  if (fe?.validation) return validationError(fe.validation as unknown as AjvError[], fe.validationContext ?? 'body');
  if ((fe?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe?.statusCode === 415) && req) return unsupportedMediaType(req);
  if (fe?.code && FASTIFY_CODES[fe.code]) return new VigilError(FASTIFY_CODES[fe.code]!, fe.message);
  if (fe?.statusCode === 429) return new VigilError('VIGIL_ERR_RATE_LIMITED', fe.message);
  if (fe?.statusCode === 413) return new VigilError('VIGIL_ERR_PAYLOAD_TOO_LARGE', fe.message);
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return new VigilError('VIGIL_ERR_BAD_REQUEST', fe.message);
  return new VigilError('VIGIL_ERR_INTERNAL');
}

/**
 * Answers requests Node's HTTP parser refused before Fastify saw them (a URL or headers over the
 * 16 KB limit, a malformed request line) with a coded JSON error instead of the framework's body.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return void socket.destroy();
  const ve =
    err.code === 'HPE_HEADER_OVERFLOW' ? new VigilError('VIGIL_ERR_HEADERS_TOO_LARGE', 'The URL and headers exceed 16 KB: send long queries in fewer characters, or use a narrower search.')
    : new VigilError('VIGIL_ERR_BAD_REQUEST', 'The request is not valid HTTP.');
  const body = JSON.stringify(ve.toBody());
  socket.end(`HTTP/1.1 ${ve.status} ${ve.status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`);
}

/** Registers the error and not-found handlers. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const ve = toVigilError(err, req);
    if (ve.status >= 500) req.log.error({ err }, 'request failed');
    const retry = (ve.details as { retryAfter?: number } | undefined)?.retryAfter;
    if (retry) reply.header('Retry-After', String(retry));
    void reply.status(ve.status).send(ve.toBody());
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send(new VigilError('VIGIL_ERR_NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}.`).toBody());
  });
}
