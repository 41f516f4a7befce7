/** @module repos */
export * from './tenants-repo.ts';
export * from './users-repo.ts';
export * from './sessions-repo.ts';
export * from './api-keys-repo.ts';
export * from './saved-searches-repo.ts';
export * from './audit-repo.ts';
export * from './extraction-rules-repo.ts';
