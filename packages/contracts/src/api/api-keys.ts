/**
 * @module api/api-keys
 * Contracts of `/api/v1/api-keys`: create (the secret is shown once), list, revoke, rotate.
 */
import Type, { type Static } from 'typebox';
import { SCOPES } from '../roles.ts';
import { IdParams, IsoTime, Nullable, Ok, StringEnum, operation } from './common.ts';

/** An API key as listed: never the secret. */
export const ApiKey = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scopes: Type.Array(StringEnum(SCOPES)),
  prefix: Type.String({ description: 'The public part of the key (`vgl_<id>`)' }),
  createdAt: IsoTime,
  rotatedAt: Nullable(IsoTime),
  lastUsedAt: Nullable(IsoTime),
  expiresAt: Nullable(IsoTime),
  revokedAt: Nullable(IsoTime),
});
export type ApiKey = Static<typeof ApiKey>;

/** A created or rotated key: `key` is the secret, in this answer only. */
export const CreatedApiKey = Type.Object({ ...ApiKey.properties, key: Type.String({ description: "The secret; shown once" }) });
export type CreatedApiKey = Static<typeof CreatedApiKey>;

/** `GET /api-keys` answer. */
export const ApiKeyList = Type.Object({ apiKeys: Type.Array(ApiKey) });
export type ApiKeyList = Static<typeof ApiKeyList>;

/** `POST /api-keys` body. */
export const CreateApiKeyBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  scopes: Type.Array(StringEnum(SCOPES), { minItems: 1, maxItems: SCOPES.length * 2 }),
  expiresAt: Type.Optional(Type.String({ maxLength: 64, description: 'ISO time; omitted = never' })),
});
export type CreateApiKeyBody = Static<typeof CreateApiKeyBody>;

/** `POST /api-keys/:id/rotate` body. */
export const RotateApiKeyBody = Type.Object({ overlapSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 * 86400, description: 'How long the old secret keeps working (default 3600)' })) });
export type RotateApiKeyBody = Static<typeof RotateApiKeyBody>;

/** The operations of `/api/v1/api-keys`. */
export const apiKeysApi = {
  list: operation({ tags: ['api-keys'], summary: 'List API keys', response: { 200: ApiKeyList } }),
  create: operation({ tags: ['api-keys'], summary: 'Create an API key; the key is in the answer only', body: CreateApiKeyBody, response: { 201: CreatedApiKey } }),
  revoke: operation({ tags: ['api-keys'], summary: 'Revoke an API key', params: IdParams, response: { 200: Ok } }),
  rotate: operation({ tags: ['api-keys'], summary: 'Rotate: a new secret; the old one works for overlapSeconds (default 3600)', params: IdParams, body: RotateApiKeyBody, response: { 200: CreatedApiKey } }),
};
