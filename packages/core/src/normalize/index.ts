/** @module normalize */
export * from './flatten.ts';
export * from './event-limits.ts';
export * from './timestamp.ts';
export * from './severity-map.ts';
export * from './finalize-event.ts';
export * from './normalize-json.ts';
