/**
 * @module api/events
 * Contracts of `/api/v1/events*`: search pages with cursors, one event, histogram, top values,
 * field list and streamed export.
 */
import Type, { type Static } from 'typebox';
import type { VigilEvent } from '../event.ts';
import { Content, IdParams, IsoTime, Nullable, StringEnum, operation } from './common.ts';

/**
 * A stored event: flat dotted ECS field names (see contracts/src/fields.ts); any field beyond the
 * four always present is allowed.
 */
export const Event = Type.Unsafe<VigilEvent>({
  type: 'object',
  title: 'Event',
  // Not `required`: a stored row missing a field must still serialize, never fail the whole page.
  properties: { id: Type.String(), '@timestamp': IsoTime, 'event.ingested': IsoTime, message: Type.String() },
  additionalProperties: true,
});

/** Query text, time range: the filter every search operation takes. */
const range = {
  q: Type.Optional(Type.String({ maxLength: 65_536, description: 'Query (docs/query-language.md); empty matches all' })),
  from: Type.Optional(Type.String({ maxLength: 64, description: 'ISO time, epoch ms or relative (-15m)' })),
  to: Type.Optional(Type.String({ maxLength: 64, description: 'ISO time, epoch ms or relative (now)' })),
};

/** `GET /events` query. */
export const SearchQuery = Type.Object({
  ...range,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 512, description: 'nextCursor of the previous page, unchanged' })),
});
export type SearchQuery = Static<typeof SearchQuery>;

/** A page of search results, newest first. */
export const EventsPage = Type.Object({ events: Type.Array(Event), nextCursor: Nullable(Type.String()) });
export type EventsPage = Static<typeof EventsPage>;

/** `GET /events/histogram` query. */
export const HistogramQuery = Type.Object({ ...range, interval: Type.Optional(Type.String({ maxLength: 16, description: 'e.g. 1m; default picks ~60 buckets' })) });
export type HistogramQuery = Static<typeof HistogramQuery>;

/** Event counts per interval. */
export const HistogramResponse = Type.Object({
  interval: Type.String({ description: 'Bucket length, e.g. 60s' }),
  intervalMs: Type.Integer(),
  buckets: Type.Array(Type.Object({ ts: IsoTime, count: Type.Integer() })),
});
export type HistogramResponse = Static<typeof HistogramResponse>;

/** `GET /events/top` query. */
export const TopQuery = Type.Object({
  ...range,
  field: Type.String({ minLength: 1, maxLength: 256, description: 'e.g. source.ip' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 10 })),
});
export type TopQuery = Static<typeof TopQuery>;

/** The most frequent values of a field. */
export const TopResponse = Type.Object({
  field: Type.String(),
  values: Type.Array(Type.Object({ value: Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]), count: Type.Integer() })),
});
export type TopResponse = Static<typeof TopResponse>;

/** `GET /events/fields` query. */
export const FieldsQuery = Type.Object(range);

/** A field seen in the sampled events, with its type and how many of them hold it. */
export const FieldInfo = Type.Object({ name: Type.String(), type: Type.String(), count: Type.Integer() });
export type FieldInfo = Static<typeof FieldInfo>;

/** Field names in the newest matching events. */
export const FieldsResponse = Type.Object({ fields: Type.Array(FieldInfo) });
export type FieldsResponse = Static<typeof FieldsResponse>;

/** `GET /events/export` query. */
export const ExportQuery = Type.Object({
  ...range,
  format: Type.Optional(StringEnum(['csv', 'ndjson'] as const, { default: 'ndjson' })),
  fields: Type.Optional(Type.String({ maxLength: 8192, description: 'CSV columns, comma-separated' })),
});
export type ExportQuery = Static<typeof ExportQuery>;

/** The operations of `/api/v1/events`. */
export const eventsApi = {
  search: operation({ tags: ['search'], summary: 'Search events, newest first', querystring: SearchQuery, response: { 200: EventsPage } }),
  histogram: operation({ tags: ['search'], summary: 'Event counts per interval', querystring: HistogramQuery, response: { 200: HistogramResponse } }),
  top: operation({ tags: ['search'], summary: 'Most frequent values of a field', querystring: TopQuery, response: { 200: TopResponse } }),
  fields: operation({ tags: ['search'], summary: 'Field names in the newest matching events', querystring: FieldsQuery, response: { 200: FieldsResponse } }),
  export: operation({
    tags: ['search'],
    summary: 'Export matching events (streamed)',
    description: 'CSV cells starting with = + - @ TAB or CR are prefixed with \' so spreadsheets do not run them as formulas.',
    querystring: ExportQuery,
    response: { 200: Content({ 'text/csv': Type.String(), 'application/x-ndjson': Type.String() }, 'The events, one per line') },
  }),
  get: operation({ tags: ['search'], summary: 'One event by id', params: IdParams, response: { 200: Event } }),
};
