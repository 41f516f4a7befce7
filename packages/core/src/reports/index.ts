/**
 * @module reports
 * Digest reports (pure): what a period's digest says, its Markdown, and when schedules send it.
 */
export * from './digest.ts';
export * from './report-schedule.ts';
