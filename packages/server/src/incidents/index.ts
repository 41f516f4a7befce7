/** @module incidents — incidents, their grouping rules and the alert grouper. */
export * from './incidents-repo.ts';
export * from './incident-rules-repo.ts';
export * from './incident-rule-service.ts';
export * from './incident-service.ts';
export * from './incident-grouper.ts';
