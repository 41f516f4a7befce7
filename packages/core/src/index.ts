/**
 * @module @vigil/core
 * The pure domain: event model, parsers, query language, rule engine. No I/O; clock and ids are injected.
 */
export * from './ip/index.ts';
export * from './normalize/index.ts';
export * from './ingest/index.ts';
export * from './parsers/index.ts';
export * from './time/index.ts';
export * from './query/index.ts';
export * from './extraction/index.ts';
export * from './snmp/index.ts';
export * from './sigma/index.ts';
export * from './detection/index.ts';
export * from './alerts/index.ts';
export * from './notify/index.ts';
export * from './incidents/index.ts';
export * from './audit/index.ts';
export * from './reports/index.ts';
export * from './agents/index.ts';
