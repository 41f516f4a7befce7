/** @module ingest */
export * from './build-event.ts';
