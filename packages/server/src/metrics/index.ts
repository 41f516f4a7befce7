/** @module metrics */
export * from './registry.ts';
export * from './stage-counters.ts';
