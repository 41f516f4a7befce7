/**
 * @module api/parsers
 * Contracts of `/api/v1/parsers*`: the registered parsers, and trying lines against them.
 */
import Type, { type Static } from 'typebox';
import { operation } from './common.ts';
import { ExtractionRuleBody } from './extraction-rules.ts';

/** A registered parser. */
export const ParserInfo = Type.Object({ name: Type.String(), stage: Type.String({ description: 'envelope or body' }), datasets: Type.Array(Type.String()) });
export type ParserInfo = Static<typeof ParserInfo>;

/** `GET /parsers` answer. */
export const ParserList = Type.Object({ parsers: Type.Array(ParserInfo) });
export type ParserList = Static<typeof ParserList>;

/** `POST /parsers/test` body. */
export const ParserTestBody = Type.Object({
  lines: Type.Array(Type.String(), { maxItems: 1000 }),
  parser: Type.Optional(Type.String({ maxLength: 100, description: 'A parser name, or auto (default)' })),
  rules: Type.Optional(Type.Array(ExtractionRuleBody, { maxItems: 50, description: 'Inline extraction rules tried after the saved ones' })),
  useSavedRules: Type.Optional(Type.Boolean({ default: true })),
});
export type ParserTestBody = Static<typeof ParserTestBody>;

/** What one sample line would become. */
export const ParserTestResult = Type.Object({
  index: Type.Integer(),
  parser: Type.Union([Type.String(), Type.Null()]),
  ok: Type.Boolean(),
  rules: Type.Array(Type.String(), { description: 'Extraction rules that matched' }),
  fields: Type.Unsafe<Record<string, unknown>>({ description: 'The flat fields the line would get (as an event)' }),
});

/** `POST /parsers/test` answer. */
export const ParserTestResponse = Type.Object({ results: Type.Array(ParserTestResult) });
export type ParserTestResponse = Static<typeof ParserTestResponse>;

/** The operations of `/api/v1/parsers`. */
export const parsersApi = {
  list: operation({ tags: ['parsers'], summary: 'Registered parsers', response: { 200: ParserList } }),
  test: operation({
    tags: ['parsers'],
    summary: 'Parse sample lines and show the fields of each, after the saved extraction rules and any inline `rules` (nothing is stored)',
    body: ParserTestBody,
    response: { 200: ParserTestResponse },
  }),
};
