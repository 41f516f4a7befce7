/**
 * @module auth/permissions
 * Roles, API key scopes and what each may do. A route names the permission it needs; a principal has
 * it through its role (sessions) or its scopes (API keys). `platform_owner` is the owner of the
 * installation (the bootstrap admin): an owner in every tenant plus the `platform` permission (manage
 * tenants). An API key never holds `platform` and acts at most with its creator's current role.
 */

import { ROLES, SCOPES, type Role, type Scope } from '@vigil/contracts';

// The lists live in contracts so the API schemas and the web app share them.
export { ROLES, SCOPES, type Role, type Scope };

/** Permissions are named like scopes (ingest events, read data, change data, administer the tenant), plus `platform` (manage tenants). */
export type Permission = Scope | 'platform';

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  platform_owner: ['ingest', 'read', 'write', 'admin', 'platform'],
  owner: ['ingest', 'read', 'write', 'admin'],
  admin: ['ingest', 'read', 'write', 'admin'],
  analyst: ['ingest', 'read', 'write'],
  viewer: ['read'],
};

/** Who is calling: a logged-in user or an API key, always within one tenant. */
export interface Principal {
  kind: 'user' | 'apikey';
  tenantId: string;
  /** User id or API key id. */
  id: string;
  /** Username or key name, for the audit log. */
  name: string;
  /** The client address of this request (set by the auth hook), for the audit log. */
  ip?: string;
  /** A user's role; for an API key, the role ceiling (its creator's current role). */
  role?: Role;
  scopes?: readonly Scope[];
  /** For an API key: the user who created it (null: the CLI or bootstrap). */
  creatorId?: string | null;
  /** The tenant the user belongs to (differs from tenantId while a platform owner works in another tenant). */
  homeTenantId?: string;
  mustChangePassword?: boolean;
  sessionId?: string;
  csrfToken?: string;
}

/** True when the principal holds the permission. */
export function can(p: Principal, perm: Permission): boolean {
  if (p.kind === 'user') return !!p.role && ROLE_PERMISSIONS[p.role].includes(perm);
  // A key needs the scope and its creator's role must allow it too; `platform` is never a key's.
  return perm !== 'platform' && !!p.scopes?.includes(perm) && (!p.role || ROLE_PERMISSIONS[p.role].includes(perm));
}

/** True when the text is a role. */
export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/** Rank of a role; a user may only grant roles at or below their own. */
export function roleRank(r: Role): number {
  return ROLES.length - ROLES.indexOf(r);
}

/** True when the role holds the permission. */
export function roleCan(role: Role, perm: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(perm);
}

/** The scopes of a key that its creator's role still allows (a demoted creator cuts the key down). */
export function effectiveScopes(scopes: readonly Scope[], ceiling: Role | undefined): Scope[] {
  return ceiling ? scopes.filter((s) => ROLE_PERMISSIONS[ceiling].includes(s)) : [...scopes];
}
