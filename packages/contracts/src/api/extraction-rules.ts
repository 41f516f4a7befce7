/**
 * @module api/extraction-rules
 * Contracts of `/api/v1/extraction-rules`: the tenant's custom extraction rules (grok on RE2, scoped by a query).
 */
import Type, { type Static } from 'typebox';
import { IdParams, IsoTime, Ok, operation } from './common.ts';

/** An extraction rule as written by a client (`POST`, `PUT`, and inline in `/parsers/test`). */
export const ExtractionRuleBody = Type.Object({
  name: Type.String({ maxLength: 100, description: '1-100 letters, digits, _ . -' }),
  pattern: Type.String({ maxLength: 8192, description: 'Grok pattern, e.g. user=%{USERNAME:user.name}' }),
  query: Type.Optional(Type.String({ maxLength: 10_000, description: 'Events the rule applies to; empty = all' })),
  field: Type.Optional(Type.String({ maxLength: 200, description: 'Field the pattern runs on (default message)' })),
  library: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 8192 }), { description: 'Named patterns the pattern may reference' })),
  overwrite: Type.Optional(Type.Boolean({ description: 'Captured fields replace existing ones' })),
  enabled: Type.Optional(Type.Boolean()),
  position: Type.Optional(Type.Integer({ description: 'Apply order (ascending)' })),
});
export type ExtractionRuleBody = Static<typeof ExtractionRuleBody>;

/** A stored extraction rule. */
export const ExtractionRule = Type.Object({
  id: Type.String(),
  name: Type.String(),
  pattern: Type.String(),
  query: Type.String(),
  field: Type.String(),
  library: Type.Record(Type.String(), Type.String()),
  overwrite: Type.Boolean(),
  enabled: Type.Boolean(),
  position: Type.Integer(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type ExtractionRule = Static<typeof ExtractionRule>;

/** `GET /extraction-rules` answer, in apply order. */
export const ExtractionRuleList = Type.Object({ rules: Type.Array(ExtractionRule) });
export type ExtractionRuleList = Static<typeof ExtractionRuleList>;

/** The operations of `/api/v1/extraction-rules`. */
export const extractionRulesApi = {
  list: operation({ tags: ['parsers'], summary: 'Custom extraction rules (grok on RE2, scoped by a query), in apply order', response: { 200: ExtractionRuleList } }),
  create: operation({ tags: ['parsers'], summary: 'Add an extraction rule', body: ExtractionRuleBody, response: { 201: ExtractionRule }, errors: [409] }),
  replace: operation({ tags: ['parsers'], summary: 'Replace an extraction rule', params: IdParams, body: ExtractionRuleBody, response: { 200: ExtractionRule }, errors: [409] }),
  delete: operation({ tags: ['parsers'], summary: 'Delete an extraction rule', params: IdParams, response: { 200: Ok } }),
};
