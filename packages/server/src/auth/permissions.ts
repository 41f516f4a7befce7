/**
 * @module auth/permissions
 * Roles, API key scopes and what each may do. A route names the permission it needs; a principal has
 * it through its role (sessions) or its scopes (API keys).
 */

import { ROLES, SCOPES, type Role, type Scope } from '@vigil/contracts';

// The lists live in contracts so the API schemas and the web app share them.
export { ROLES, SCOPES, type Role, type Scope };

/** Permissions are named like scopes: ingest events, read data, change data, administer the tenant. */
export type Permission = Scope;

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
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
  role?: Role;
  scopes?: readonly Scope[];
  mustChangePassword?: boolean;
  sessionId?: string;
  csrfToken?: string;
}

/** True when the principal holds the permission. */
export function can(p: Principal, perm: Permission): boolean {
  if (p.kind === 'user') return !!p.role && ROLE_PERMISSIONS[p.role].includes(perm);
  return !!p.scopes?.includes(perm);
}

/** True when the text is a role. */
export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/** Rank of a role; a user may only grant roles at or below their own. */
export function roleRank(r: Role): number {
  return ROLES.length - ROLES.indexOf(r);
}
