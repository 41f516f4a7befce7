/**
 * @module api/silences
 * Contracts of `/api/v1/silences`: a silence mutes the notifications of every alert its query
 * matches between its start and end. Silences are never deleted: expiring one ends it now, and
 * expired ones stay listed (who silenced what, when and why).
 */
import Type, { type Static } from 'typebox';
import { IdParams, IsoTime, StringEnum, operation } from './common.ts';

/** Size limits of a silence. */
export const SILENCE_LIMITS = { match: 10_000, comment: 2000, duration: 32, maxDurationMs: 366 * 86_400_000 } as const;

/** Where a silence is in its life at the time of the answer. */
export const SILENCE_STATES = ['pending', 'active', 'expired'] as const;
export type SilenceState = (typeof SILENCE_STATES)[number];

/** A silence. */
export const Silence = Type.Object({
  id: Type.String(),
  match: Type.String({ description: 'Query over alert fields; matching alerts send nothing while the silence is active' }),
  startsAt: IsoTime,
  endsAt: IsoTime,
  createdBy: Type.String(),
  comment: Type.String(),
  createdAt: IsoTime,
  state: StringEnum(SILENCE_STATES),
});
export type Silence = Static<typeof Silence>;

/** `POST /silences` body: `endsAt` or `duration` (from `startsAt`, default now). */
export const CreateSilenceBody = Type.Object({
  match: Type.String({ minLength: 1, maxLength: SILENCE_LIMITS.match }),
  startsAt: Type.Optional(Type.String({ format: 'date-time', description: 'Default: now' })),
  endsAt: Type.Optional(Type.String({ format: 'date-time' })),
  duration: Type.Optional(Type.String({ maxLength: SILENCE_LIMITS.duration, description: 'e.g. 2h; used when endsAt is absent' })),
  comment: Type.Optional(Type.String({ maxLength: SILENCE_LIMITS.comment })),
});
export type CreateSilenceBody = Static<typeof CreateSilenceBody>;

/** `GET /silences` query. */
export const SilenceListQuery = Type.Object({
  state: Type.Optional(StringEnum(SILENCE_STATES, { description: 'Only silences in this state' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});

/** The operations of `/api/v1/silences`. */
export const silencesApi = {
  list: operation({ tags: ['routing'], summary: 'Silences, newest first (expired ones too)', querystring: SilenceListQuery, response: { 200: Type.Object({ silences: Type.Array(Silence) }) } }),
  create: operation({ tags: ['routing'], summary: 'Silence the alerts a query matches for a while', body: CreateSilenceBody, response: { 201: Silence } }),
  get: operation({ tags: ['routing'], summary: 'One silence', params: IdParams, response: { 200: Silence } }),
  expire: operation({ tags: ['routing'], summary: 'End a silence now (it stays listed as expired)', params: IdParams, response: { 200: Silence }, errors: [409] }),
};
