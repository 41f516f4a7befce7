/**
 * @module api/stream
 * Contract of `GET /api/v1/stream`: live events as Server-Sent Events.
 */
import Type, { type Static } from 'typebox';
import { Content, operation } from './common.ts';

/** `GET /stream` query. */
export const StreamQuery = Type.Object({
  topics: Type.Optional(Type.String({ maxLength: 64, description: 'events,alerts,incidents (default events)' })),
  q: Type.Optional(Type.String({ maxLength: 65_536, description: 'Only events matching this query' })),
});
export type StreamQuery = Static<typeof StreamQuery>;

/** The operations of `/api/v1/stream`. */
export const streamApi = {
  stream: operation({
    tags: ['live'],
    summary: 'Live events as Server-Sent Events',
    description: 'Each event is an SSE message `event: event`, `id: <event id>`, `data: <event JSON>`; `event: ping` every 15 s.',
    querystring: StreamQuery,
    response: { 200: Content({ 'text/event-stream': Type.String() }, 'An endless Server-Sent Events stream') },
  }),
};
