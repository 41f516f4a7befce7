/** @module storage */
export * from './event-store.ts';
export * from './event-row.ts';
export { SqliteEventStore } from './sqlite-event-store.ts';
export { PostgresEventStore } from './postgres-event-store.ts';
export { SqliteEventLog } from './sqlite-event-log.ts';
export { SqliteLogTail } from './sqlite-log-tail.ts';
export { CommittedRow } from './committed-row.ts';
export { PostgresEventLog } from './postgres-event-log.ts';
export { PostgresLogTail } from './postgres-log-tail.ts';
export { SearchIndexerThread } from './search-indexer-handle.ts';
export { SearchIndexer } from './search-indexer.ts';
export { SqliteSearchIndexTarget } from './sqlite-search-index-target.ts';
export { PostgresSearchIndexTarget } from './postgres-search-index-target.ts';
