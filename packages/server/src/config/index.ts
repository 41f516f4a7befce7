/** @module config */
export * from './schema.ts';
export * from './load.ts';
export * from './duration.ts';
export * from './checks.ts';
