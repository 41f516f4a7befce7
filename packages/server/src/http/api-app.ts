/**
 * @module http/api-app
 * The Fastify instance route groups receive: typed by the TypeBox provider, so a handler's
 * `req.body`, `req.query`, `req.params` and its answer are the static types of the contract schemas
 * (`@vigil/contracts` `api/`) that Fastify validates and serializes with.
 */
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';

/** A Fastify instance whose routes are typed by their TypeBox contract schemas. */
export type ApiApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;
