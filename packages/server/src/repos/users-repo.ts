/**
 * @module repos/users-repo
 * Users of a tenant. Usernames are unique per tenant. Every read and write is tenant-scoped except
 * login's lookup by username and the session's lookup by user id.
 */
import type { User as PublicUser } from '@vigil/contracts';
import type { SqlDb } from '../db/sql-db.ts';
import { SYSTEM_REPO_DEPS, type RepoDeps } from './repo-deps.ts';
import type { Role } from '../auth/permissions.ts';

export interface User {
  id: string;
  tenantId: string;
  username: string;
  passwordHash: string;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  failedLogins: number;
  lockedUntil: number | null;
  createdAt: number;
  lastLoginAt: number | null;
}

interface UserRow {
  id: string;
  tenant_id: string;
  username: string;
  password_hash: string;
  role: string;
  disabled: number;
  must_change_password: number;
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
  last_login_at: number | null;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  tenantId: r.tenant_id,
  username: r.username,
  passwordHash: r.password_hash,
  role: r.role as Role,
  disabled: !!r.disabled,
  mustChangePassword: !!r.must_change_password,
  failedLogins: Number(r.failed_logins),
  lockedUntil: r.locked_until === null ? null : Number(r.locked_until),
  createdAt: Number(r.created_at),
  lastLoginAt: r.last_login_at === null ? null : Number(r.last_login_at),
});

/** The public view of a user (no hash). */
export function publicUser(u: User): PublicUser {
  return { id: u.id, tenantId: u.tenantId, username: u.username, role: u.role, disabled: u.disabled, mustChangePassword: u.mustChangePassword, createdAt: new Date(u.createdAt).toISOString(), lastLoginAt: u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : null };
}

/** Storage of users. */
export class UsersRepo {
  constructor(private readonly db: SqlDb, private readonly deps: RepoDeps = SYSTEM_REPO_DEPS) {}

  async create(u: { tenantId: string; username: string; passwordHash: string; role: Role; mustChangePassword: boolean }): Promise<User> {
    const id = this.deps.newId();
    await this.db.run('INSERT INTO users (id, tenant_id, username, password_hash, role, must_change_password, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [id, u.tenantId, u.username, u.passwordHash, u.role, u.mustChangePassword ? 1 : 0, this.deps.now()]);
    return (await this.byId(u.tenantId, id))!;
  }

  /** Login lookup: every user with this name, oldest first (one per tenant at most); `tenantId` narrows it. */
  async byUsername(username: string, tenantId?: string): Promise<User[]> {
    const rows = tenantId
      ? await this.db.all<UserRow>('SELECT * FROM users WHERE username = $1 AND tenant_id = $2', [username, tenantId])
      : await this.db.all<UserRow>('SELECT * FROM users WHERE username = $1 ORDER BY created_at LIMIT 20', [username]);
    return rows.map(toUser);
  }

  /** Session lookup: a user by id alone (a platform owner's session may act in another tenant). */
  async byIdAnyTenant(id: string): Promise<User | undefined> {
    const r = await this.db.get<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return r && toUser(r);
  }

  async byId(tenantId: string, id: string): Promise<User | undefined> {
    const r = await this.db.get<UserRow>('SELECT * FROM users WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return r && toUser(r);
  }

  async list(tenantId: string): Promise<User[]> {
    return (await this.db.all<UserRow>('SELECT * FROM users WHERE tenant_id = $1 ORDER BY username', [tenantId])).map(toUser);
  }

  async update(tenantId: string, id: string, patch: { role?: Role; disabled?: boolean; passwordHash?: string; mustChangePassword?: boolean }): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [tenantId, id];
    const add = (col: string, v: unknown) => {
      params.push(v);
      sets.push(`${col} = $${params.length}`);
    };
    if (patch.role !== undefined) add('role', patch.role);
    if (patch.disabled !== undefined) add('disabled', patch.disabled ? 1 : 0);
    if (patch.passwordHash !== undefined) add('password_hash', patch.passwordHash);
    if (patch.mustChangePassword !== undefined) add('must_change_password', patch.mustChangePassword ? 1 : 0);
    if (!sets.length) return;
    await this.db.run(`UPDATE users SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2`, params);
  }

  /** Records a successful login. (Failures are throttled in memory per account and address, see auth/login-throttle.) */
  async recordLogin(id: string): Promise<void> {
    await this.db.run('UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = $2 WHERE id = $1', [id, this.deps.now()]);
  }

  /** Active owners of a tenant (platform owners count). */
  async countOwners(tenantId: string): Promise<number> {
    const r = await this.db.get<{ n: number }>("SELECT count(*) AS n FROM users WHERE tenant_id = $1 AND role IN ('owner', 'platform_owner') AND disabled = 0", [tenantId]);
    return Number(r?.n ?? 0);
  }

  /** Active platform owners of the installation. */
  async countPlatformOwners(): Promise<number> {
    const r = await this.db.get<{ n: number }>("SELECT count(*) AS n FROM users WHERE role = 'platform_owner' AND disabled = 0");
    return Number(r?.n ?? 0);
  }
}
