/** @module bus */
export * from './bus.ts';
export * from './in-process-bus.ts';
