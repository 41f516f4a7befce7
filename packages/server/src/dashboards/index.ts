/** @module dashboards — tenant dashboards and the built-in boards. */
export * from './builtin-boards.ts';
export * from './dashboard-service.ts';
