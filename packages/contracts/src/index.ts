/**
 * @module @vigil/contracts
 * Schemas and types shared by every Vigil package. Depends on nothing but TypeBox (the API schemas).
 */
export * from './event.ts';
export * from './severity.ts';
export * from './errors.ts';
export * from './fields.ts';
export * from './tenant-event.ts';
export * from './alert-event.ts';
export * from './incident-event.ts';
export * from './topics.ts';
export * from './roles.ts';
export * from './api/index.ts';
export * from './duration.ts';
export * from './rules/index.ts';
