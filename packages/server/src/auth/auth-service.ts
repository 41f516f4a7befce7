/**
 * @module auth/auth-service
 * Login with argon2id passwords, lockout back-off after repeated failures, sessions with a CSRF
 * token, logout and password changes.
 */
import { VigilError } from '@vigil/contracts';
import type { UsersRepo, User } from '../repos/users-repo.ts';
import type { SessionsRepo } from '../repos/sessions-repo.ts';
import { hashPassword, verifyPassword, checkPasswordPolicy } from './passwords.ts';
import { randomToken, sha256, safeEqual } from './secrets.ts';
import type { Principal } from './permissions.ts';

/** Failures allowed before the lockout starts. */
const FREE_FAILURES = 5;
/** Lockout after the free failures: 30 s, doubling, at most 15 min. */
export function lockoutMs(failures: number): number {
  return failures < FREE_FAILURES ? 0 : Math.min(30_000 * 2 ** (failures - FREE_FAILURES), 15 * 60_000);
}

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | null = null;

export interface LoginResult {
  user: User;
  token: string;
  csrfToken: string;
  expiresAt: number;
}

/** Authentication of people. */
export class AuthService {
  constructor(
    private readonly users: UsersRepo,
    private readonly sessions: SessionsRepo,
    private readonly sessionTtlMs: number,
    private readonly now: () => number = Date.now,
    /** Called after a user changed their own password (the bootstrap file forgets the first one). */
    private readonly onPasswordChanged?: (user: User) => void,
  ) {}

  async login(username: unknown, password: unknown): Promise<LoginResult> {
    if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
      throw new VigilError('VIGIL_ERR_VALIDATION', 'username and password are required', { fields: ['username', 'password'] });
    }
    const now = this.now();
    const user = await this.users.byUsername(username);
    if (user?.lockedUntil && user.lockedUntil > now) {
      throw new VigilError('VIGIL_ERR_LOCKED_OUT', `Too many failed logins; try again in ${Math.ceil((user.lockedUntil - now) / 1000)} s.`, { retryAfter: Math.ceil((user.lockedUntil - now) / 1000) });
    }
    const ok = user ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await (dummyHash ??= hashPassword('dummy-password-x')), password), false);
    if (!user || !ok || user.disabled) {
      if (user) {
        const lock = lockoutMs(user.failedLogins + 1);
        await this.users.recordLogin(user.id, false, lock ? now + lock : null);
      }
      throw new VigilError('VIGIL_ERR_BAD_CREDENTIALS');
    }
    await this.users.recordLogin(user.id, true, null);
    const token = randomToken(32);
    const csrfToken = randomToken(24);
    const expiresAt = now + this.sessionTtlMs;
    await this.sessions.create({ id: sha256(token), tenantId: user.tenantId, userId: user.id, csrfToken, createdAt: now, expiresAt });
    return { user, token, csrfToken, expiresAt };
  }

  /** The principal of a session cookie, or null when it is unknown or expired. Sliding expiry. */
  async fromSession(token: string): Promise<Principal | null> {
    const id = sha256(token);
    const s = await this.sessions.byId(id);
    const now = this.now();
    if (!s || s.expiresAt <= now) return null;
    const user = await this.users.byId(s.tenantId, s.userId);
    if (!user || user.disabled) return null;
    if (s.expiresAt - now < this.sessionTtlMs - 60_000) await this.sessions.touch(id, now + this.sessionTtlMs);
    return { kind: 'user', tenantId: user.tenantId, id: user.id, name: user.username, role: user.role, mustChangePassword: user.mustChangePassword, sessionId: id, csrfToken: s.csrfToken };
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
    const user = await this.users.byId(p.tenantId, p.id);
    if (!user) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No such user.');
    if (typeof current !== 'string' || !(await verifyPassword(user.passwordHash, current))) {
      throw new VigilError('VIGIL_ERR_BAD_CREDENTIALS', 'The current password is wrong.');
    }
    checkPasswordPolicy(next);
    if (next === current) throw new VigilError('VIGIL_ERR_VALIDATION', 'The new password must differ from the current one.', { field: 'newPassword' });
    await this.users.update(p.tenantId, p.id, { passwordHash: await hashPassword(next), mustChangePassword: false });
    await this.sessions.deleteForUser(p.id, p.sessionId);
    this.onPasswordChanged?.(user);
  }
}
