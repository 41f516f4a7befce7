export * from './time-range.ts';
