/** @module storage */
export * from './event-store.ts';
export * from './event-row.ts';
export { SqliteEventStore } from './sqlite-event-store.ts';
export { PostgresEventStore } from './postgres-event-store.ts';
