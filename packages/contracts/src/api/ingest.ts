/**
 * @module api/ingest
 * Contract of `POST /api/v1/ingest`: one JSON object, a JSON array, NDJSON or text lines.
 */
import Type, { type Static } from 'typebox';
import { operation } from './common.ts';

/** The content types ingest accepts, in the order the 415 answer lists them. */
export const INGEST_CONTENT_TYPES = ['application/json', 'application/x-ndjson', 'application/ndjson', 'text/plain'] as const;

/** Ingest bodies by content type. */
export const IngestBody = {
  content: {
    'application/json': {
      schema: Type.Unsafe<Record<string, unknown> | unknown[]>({
        type: ['object', 'array'],
        minProperties: 1,
        minItems: 1,
        description: 'One event object, or an array of events (a bad element is rejected by index; the others are stored)',
      }),
    },
    'application/x-ndjson': { schema: Type.String({ description: 'One JSON event per line; a malformed line is rejected by index' }) },
    'application/ndjson': { schema: Type.String({ description: 'As application/x-ndjson' }) },
    'text/plain': { schema: Type.String({ description: 'Log lines (syslog and the other registered formats are detected per line)' }) },
  },
};

/** An event the pipeline refused, by its position in the request. */
export const RejectedItem = Type.Object({ index: Type.Integer({ description: 'Array element or NDJSON line (0-based, blank lines skipped)' }), error: Type.String() });

/** `POST /ingest` answer (202): what was stored durably and what was refused. */
export const IngestResponse = Type.Object({ accepted: Type.Integer(), rejected: Type.Array(RejectedItem) });
export type IngestResponse = Static<typeof IngestResponse>;

/** The operations of `/api/v1/ingest`. */
export const ingestApi = {
  ingest: operation({
    tags: ['ingest'],
    summary: 'Ingest events (JSON object/array, NDJSON or text lines)',
    description: 'Answers 202 only after the accepted events are durable. A body with no acceptable event answers 400 with the rejections in `details`.',
    body: IngestBody,
    response: { 202: IngestResponse },
    errors: [503],
  }),
};
