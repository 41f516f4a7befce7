/**
 * @module roles
 * Roles of users and scopes of API keys. Permissions are named like scopes: ingest events, read data,
 * change data, administer the tenant.
 */

/** Roles, most to least privileged. `platform_owner` owns the installation (manages tenants) and is an owner in every tenant. */
export const ROLES = ['platform_owner', 'owner', 'admin', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** API key scopes (and the permission names routes require). */
export const SCOPES = ['ingest', 'read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];
