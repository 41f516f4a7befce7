/**
 * @module auth/auth-service
 * Login with argon2id passwords, throttling per (account, address) and per address, sessions with a
 * CSRF token and an absolute lifetime, switching tenants (platform owners), logout and password changes.
 *
 * Existing and unknown usernames take the same path: one argon2 verification (against a dummy hash
 * when no user has the name), the same throttle, the same answer.
 */
import { VigilError } from '@vigil/contracts';
import type { UsersRepo, User } from '../repos/users-repo.ts';
import type { SessionsRepo } from '../repos/sessions-repo.ts';
import type { TenantsRepo } from '../repos/tenants-repo.ts';
import { hashPassword, verifyPassword, checkPasswordPolicy } from './passwords.ts';
import { randomToken, sha256, safeEqual } from './secrets.ts';
import { LoginThrottle } from './login-throttle.ts';
import type { Principal } from './permissions.ts';

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | null = null;

export interface LoginResult {
  user: User;
  token: string;
  csrfToken: string;
  expiresAt: number;
}

/** An authentication event for the audit log (never a password). */
export interface AuthEvent {
  action: 'auth.login_failed' | 'auth.lockout' | 'auth.throttled';
  username: string;
  ip: string;
  /** The tenant of the named user when one exists; null for unknown names. */
  tenantId: string | null;
  reason: string;
}

export interface AuthServiceOptions {
  /** How long a session lasts without use. */
  sessionTtlMs: number;
  /** How long a session lasts at most, used or not. */
  sessionMaxAgeMs: number;
  now?: () => number;
  throttle?: LoginThrottle;
  onEvent?: (e: AuthEvent) => void;
  /** Called after a user changed their own password (the bootstrap file forgets the first one). */
  onPasswordChanged?: (user: User) => void;
}

/** Authentication of people. */
export class AuthService {
  private readonly now: () => number;
  readonly throttle: LoginThrottle;

  constructor(
    private readonly users: UsersRepo,
    private readonly sessions: SessionsRepo,
    private readonly tenants: TenantsRepo,
    private readonly opts: AuthServiceOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.throttle = opts.throttle ?? new LoginThrottle();
  }

  /** Logs in by username (and tenant slug, optional: a name may exist in several tenants). */
  async login(username: unknown, password: unknown, ip: string, tenant?: unknown): Promise<LoginResult> {
    if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
      throw new VigilError('VIGIL_ERR_VALIDATION', 'username and password are required', { fields: ['username', 'password'] });
    }
    if (tenant !== undefined && tenant !== null && tenant !== '' && typeof tenant !== 'string') throw new VigilError('VIGIL_ERR_VALIDATION', 'tenant must be a tenant slug', { field: 'tenant' });
    const name = username.slice(0, 128);
    const now = this.now();
    const wait = this.throttle.retryAfter(name, ip, now);
    if (wait > 0) {
      this.opts.onEvent?.({ action: 'auth.throttled', username: name, ip, tenantId: null, reason: 'throttled' });
      throw new VigilError('VIGIL_ERR_LOCKED_OUT', `Too many failed logins from this address; try again in ${wait} s.`, { retryAfter: wait });
    }
    const tenantId = tenant ? (await this.tenants.bySlug(tenant as string))?.id ?? '\u0000none' : undefined;
    const candidates = await this.users.byUsername(username, tenantId);
    let user: User | undefined;
    if (!candidates.length) await verifyPassword(await (dummyHash ??= hashPassword('dummy-password-x')), password);
    // One name in several tenants: the password picks the user (each tenant's password differs).
    for (const c of candidates) if (await verifyPassword(c.passwordHash, password)) { user = c; break; }
    const homeDisabled = user ? (await this.tenants.byId(user.tenantId))?.disabled ?? true : false;
    if (!user || user.disabled || (homeDisabled && user.role !== 'platform_owner')) {
      const reason = !candidates.length ? 'unknown_user' : !user ? 'wrong_password' : user.disabled ? 'user_disabled' : 'tenant_disabled';
      const who = user?.tenantId ?? candidates[0]?.tenantId ?? null;
      this.opts.onEvent?.({ action: 'auth.login_failed', username: name, ip, tenantId: who, reason });
      if (this.throttle.fail(name, ip, now)) this.opts.onEvent?.({ action: 'auth.lockout', username: name, ip, tenantId: who, reason: 'too many failures' });
      throw new VigilError('VIGIL_ERR_BAD_CREDENTIALS');
    }
    this.throttle.succeed(name, ip);
    await this.users.recordLogin(user.id);
    const token = randomToken(32);
    const csrfToken = randomToken(24);
    const expiresAt = Math.min(now + this.opts.sessionTtlMs, now + this.opts.sessionMaxAgeMs);
    await this.sessions.create({ id: sha256(token), tenantId: user.tenantId, userId: user.id, csrfToken, createdAt: now, expiresAt });
    return { user, token, csrfToken, expiresAt };
  }

  /**
   * The principal of a session cookie, or null when it is unknown, expired (idle or past its absolute
   * lifetime), its user is disabled, or its tenant is.
   */
  async fromSession(token: string): Promise<Principal | null> {
    const id = sha256(token);
    const found = await this.sessions.forAuth(id);
    const now = this.now();
    if (!found) return null;
    const s = found.session;
    const hardEnd = s.createdAt + this.opts.sessionMaxAgeMs;
    if (s.expiresAt <= now || hardEnd <= now) {
      await this.sessions.delete(id);
      return null;
    }
    const user = await this.users.byIdAnyTenant(s.userId);
    if (!user || user.disabled) return null;
    const platform = user.role === 'platform_owner';
    // Only a platform owner acts outside their own tenant, and only they keep working in a disabled one.
    if (!platform && (s.tenantId !== user.tenantId || found.homeTenantDisabled || found.actingTenantDisabled)) return null;
    if (s.expiresAt - now < this.opts.sessionTtlMs - 60_000) await this.sessions.touch(id, Math.min(now + this.opts.sessionTtlMs, hardEnd));
    return { kind: 'user', tenantId: s.tenantId, homeTenantId: user.tenantId, id: user.id, name: user.username, role: user.role, mustChangePassword: user.mustChangePassword, sessionId: id, csrfToken: s.csrfToken };
  }

  /** Moves a platform owner's session to another tenant. */
  async switchTenant(p: Principal, tenantId: string): Promise<void> {
    if (p.kind !== 'user' || p.role !== 'platform_owner' || !p.sessionId) throw new VigilError('VIGIL_ERR_FORBIDDEN', 'Only the platform owner switches tenants.');
    await this.sessions.setTenant(p.sessionId, tenantId);
  }

  /** True when the header carries the session's CSRF token. */
  checkCsrf(p: Principal, header: unknown): boolean {
    return typeof header === 'string' && !!p.csrfToken && safeEqual(header, p.csrfToken);
  }

  async logout(sessionId: string): Promise<void> {
    await this.sessions.delete(sessionId);
  }

  /** Changes the caller's own password after checking the current one; ends their other sessions. */
  async changePassword(p: Principal, current: unknown, next: unknown): Promise<void> {
    const home = p.homeTenantId ?? p.tenantId;
    const user = await this.users.byId(home, p.id);
    if (!user) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No such user.');
    if (typeof current !== 'string' || !(await verifyPassword(user.passwordHash, current))) {
      throw new VigilError('VIGIL_ERR_BAD_CREDENTIALS', 'The current password is wrong.');
    }
    checkPasswordPolicy(next);
    if (next === current) throw new VigilError('VIGIL_ERR_VALIDATION', 'The new password must differ from the current one.', { field: 'newPassword' });
    await this.users.update(home, p.id, { passwordHash: await hashPassword(next), mustChangePassword: false });
    await this.sessions.deleteForUser(p.id, p.sessionId);
    this.opts.onPasswordChanged?.(user);
  }
}
