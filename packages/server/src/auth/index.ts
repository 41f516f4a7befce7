/** @module auth */
export * from './permissions.ts';
export * from './secrets.ts';
export * from './passwords.ts';
export * from './api-key-service.ts';
export * from './auth-service.ts';
export * from './user-service.ts';
