/**
 * @module api/events
 * Contracts of `/api/v1/events*`: search pages with cursors, one event, histogram, top values,
 * field list and streamed export.
 */
import Type, { type Static } from 'typebox';
import type { VigilEvent } from '../event.ts';
import { Content, IdParams, IsoTime, Nullable, StringEnum, operation } from './common.ts';

/** An event as the API answers it, shown as the document's example. */
const EVENT_EXAMPLE = { id: '01JDQ7Z8K3V6N2M4P5R7T9W1XY', '@timestamp': '2026-11-20T10:00:00.000Z', 'event.ingested': '2026-11-20T10:00:00.120Z', message: 'Failed password for root from 192.0.2.4 port 2222 ssh2', 'event.dataset': 'sshd', 'event.outcome': 'failure', 'source.ip': '192.0.2.4', 'user.name': 'root', 'vigil.severity': 'medium' };

/**
 * A stored event: flat dotted ECS field names (see contracts/src/fields.ts); any field beyond the
 * four always present is allowed.
 */
export const Event = Type.Unsafe<VigilEvent>({
  title: 'Event',
  description: 'A flat object of dotted ECS field names; `id`, `@timestamp`, `event.ingested` and `message` are always present.',
  example: EVENT_EXAMPLE,
  // Deliberately no `type`/`properties`: the serializer then writes events with JSON.stringify.
  // Declared properties beside `additionalProperties: true` made it walk every key: 12x slower on a
  // 10,000-event page (461 ms against 39 ms), and a row missing a required field would fail the page.
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
export const EventsPage = Type.Object({
  // An array of Event, declared without `type`/`items` so the page is written by one JSON.stringify:
  // any array schema made the serializer loop per event (1.7-2x slower on 10,000 events).
  events: Type.Unsafe<VigilEvent[]>({ description: 'Array of Event (flat dotted ECS field names), newest first', example: [EVENT_EXAMPLE] }),
  nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page; null on the last page' })),
});
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
