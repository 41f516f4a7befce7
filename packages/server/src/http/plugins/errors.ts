/**
 * @module http/plugins/errors
 * The one place that turns errors into HTTP answers: VigilError codes map to their status via the
 * catalogue; framework errors are translated to coded ones; nothing leaks a stack.
 */
import type { FastifyInstance, FastifyError } from 'fastify';
import { VigilError, isVigilError, type ErrorCode } from '@vigil/contracts';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'VIGIL_ERR_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'VIGIL_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VIGIL_ERR_MALFORMED_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VIGIL_ERR_MALFORMED_BODY',
  FST_ERR_VALIDATION: 'VIGIL_ERR_VALIDATION',
};

/** Translates any thrown value to a VigilError. */
export function toVigilError(err: unknown): VigilError {
  if (isVigilError(err)) return err;
  const fe = err as FastifyError & { statusCode?: number };
  if (fe?.code && FASTIFY_CODES[fe.code]) return new VigilError(FASTIFY_CODES[fe.code]!, fe.message);
  if (fe?.statusCode === 429) return new VigilError('VIGIL_ERR_RATE_LIMITED', fe.message);
  if (fe?.statusCode === 413) return new VigilError('VIGIL_ERR_PAYLOAD_TOO_LARGE', fe.message);
  if (fe?.statusCode === 415) return new VigilError('VIGIL_ERR_UNSUPPORTED_MEDIA_TYPE', fe.message);
  if (fe?.validation) return new VigilError('VIGIL_ERR_VALIDATION', fe.message, fe.validation);
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return new VigilError('VIGIL_ERR_BAD_REQUEST', fe.message);
  return new VigilError('VIGIL_ERR_INTERNAL');
}

/** Registers the error and not-found handlers. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const ve = toVigilError(err);
    if (ve.status >= 500) req.log.error({ err }, 'request failed');
    const retry = (ve.details as { retryAfter?: number } | undefined)?.retryAfter;
    if (retry) reply.header('Retry-After', String(retry));
    void reply.status(ve.status).send(ve.toBody());
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send(new VigilError('VIGIL_ERR_NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}.`).toBody());
  });
}
