/** @module reports — digest report schedules, the digest's sources, sending and the timer. */
export * from './report-schedules-repo.ts';
export * from './report-service.ts';
export * from './report-scheduler.ts';
