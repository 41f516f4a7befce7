/**
 * @module api/common
 * Building blocks of the HTTP API contracts: the error body every failure answers, `{ok: true}`,
 * `:id` path parameters, and the `ApiOperation` shape each resource file exports per operation.
 *
 * @example
 * export const listThings = operation({ tags: ['things'], summary: 'List things', response: { 200: ThingList } });
 */
import Type, { type Static, type TSchema } from 'typebox';
import { ERRORS, type ErrorCode } from '../errors.ts';

/** A string schema limited to the given values (OpenAPI shows an `enum`). */
export function StringEnum<const T extends readonly string[]>(values: T, options: Record<string, unknown> = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** The schema or `null`. */
export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

/** An ISO 8601 timestamp as the API writes it (`2026-11-20T10:00:00.000Z`). */
export const IsoTime = Type.String({ format: 'date-time', description: 'ISO 8601 time (UTC)' });

/** `$id` of the shared error schema (`{error: {code, message, details?}}`), referenced by every operation. */
export const ERROR_SCHEMA_ID = 'VigilError';

/** The body of every error answer. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: StringEnum(Object.keys(ERRORS) as ErrorCode[], { description: 'Stable code (catalogue: packages/contracts/src/errors.ts)' }),
      message: Type.String({ description: 'What went wrong and what to do, fit to show a person' }),
      details: Type.Optional(Type.Unknown({ description: 'Where: field, param, line, column, index…' })),
    }),
  },
  { $id: ERROR_SCHEMA_ID, title: 'Error' },
);

/** `{ok: true}`: the answer of an action with nothing else to say. */
export const Ok = Type.Object({ ok: Type.Boolean({ description: 'Always true' }) });
export type Ok = Static<typeof Ok>;

/** The `:id` of a resource in the path. */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
export type IdParams = Static<typeof IdParams>;

/** A response body that is not JSON (text, CSV, NDJSON, SSE), described per content type. */
export function Content(types: Record<string, TSchema>, description: string) {
  return { description, content: Object.fromEntries(Object.entries(types).map(([t, schema]) => [t, { schema }])) };
}

/**
 * One HTTP operation's contract as Fastify and OpenAPI read it: request parts (`body`, `querystring`,
 * `params`) and success responses by status. Error responses (the shared error body for 400, 401,
 * 403, 404, 413, 415, 429, 500 as they apply) and the permission marks are added by the server from
 * the route's own config, so they cannot drift from what is enforced; `errors` names extra statuses.
 */
export interface ApiOperation {
  tags: readonly string[];
  summary: string;
  description?: string;
  body?: unknown;
  querystring?: TSchema;
  params?: TSchema;
  response: Record<number, unknown>;
  /** Further error statuses the operation answers (e.g. 409, 503), beside the ones derived from the route. */
  errors?: readonly number[];
}

/** Declares an operation, keeping its exact schema types for the Fastify type provider. */
export function operation<const T extends ApiOperation>(op: T): T {
  return op;
}
