/** @module bus */
export * from './bus.ts';
export * from './in-process-bus.ts';
export * from './consumer-queue.ts';
export * from './event-log.ts';
export * from './commit-signal.ts';
export * from './log-follower.ts';
export * from './bus-metrics.ts';
