/**
 * @module api/saved-searches
 * Contracts of `/api/v1/saved-searches`: a user's saved searches, with size limits.
 */
import Type, { type Static } from 'typebox';
import { IdParams, IsoTime, Nullable, Ok, operation } from './common.ts';

/** Size limits of a saved search (also the schema's, so the OpenAPI document states them). */
export const SAVED_SEARCH_LIMITS = { name: 200, query: 10_000, time: 64, columns: 100, column: 256, perUser: 500 } as const;

/** A saved search. */
export const SavedSearch = Type.Object({
  id: Type.String(),
  name: Type.String(),
  query: Type.String(),
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  columns: Nullable(Type.Array(Type.String())),
  createdAt: IsoTime,
});
export type SavedSearch = Static<typeof SavedSearch>;

/** `GET /saved-searches` answer. */
export const SavedSearchList = Type.Object({ savedSearches: Type.Array(SavedSearch) });
export type SavedSearchList = Static<typeof SavedSearchList>;

/** `POST /saved-searches` body. */
export const CreateSavedSearchBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: SAVED_SEARCH_LIMITS.name }),
  query: Type.String({ maxLength: SAVED_SEARCH_LIMITS.query }),
  from: Type.Optional(Type.String({ maxLength: SAVED_SEARCH_LIMITS.time })),
  to: Type.Optional(Type.String({ maxLength: SAVED_SEARCH_LIMITS.time })),
  columns: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: SAVED_SEARCH_LIMITS.column }), { maxItems: SAVED_SEARCH_LIMITS.columns })),
});
export type CreateSavedSearchBody = Static<typeof CreateSavedSearchBody>;

/** The operations of `/api/v1/saved-searches`. */
export const savedSearchesApi = {
  list: operation({ tags: ['search'], summary: 'Your saved searches', response: { 200: SavedSearchList } }),
  create: operation({ tags: ['search'], summary: `Save a search (at most ${SAVED_SEARCH_LIMITS.perUser} per user)`, body: CreateSavedSearchBody, response: { 201: SavedSearch }, errors: [409] }),
  delete: operation({ tags: ['search'], summary: 'Delete a saved search', params: IdParams, response: { 200: Ok } }),
};
