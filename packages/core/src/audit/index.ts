/**
 * @module audit
 * What the audit log may hold (pure): secrets masked, size bounded.
 */
export * from './mask-secrets.ts';
