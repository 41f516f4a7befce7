/**
 * @module auth/user-service
 * Managing a tenant's users: add, change role, disable, reset password. Nobody — user or API key —
 * grants a role above their own or touches a user who outranks them (a key's rank is its creator's
 * current role); the last owner of a tenant and the last platform owner cannot be demoted or disabled.
 * Usernames are unique within a tenant only, so a name taken in another tenant is no conflict and
 * reveals nothing.
 */
import { VigilError } from '@vigil/contracts';
import type { UsersRepo, User } from '../repos/users-repo.ts';
import type { SessionsRepo } from '../repos/sessions-repo.ts';
import { publicUser } from '../repos/users-repo.ts';
import type { AuditRecorder } from '../repos/audit-recorder.ts';
import { hashPassword, checkPasswordPolicy } from './passwords.ts';
import { isRole, roleRank, type Principal, type Role, ROLES } from './permissions.ts';

const USERNAME_RE = /^[A-Za-z0-9._@-]{2,64}$/;

/** User administration within a tenant. */
export class UserService {
  /**
   * @param onChange called after a role, disabled state or password changes, so cached API keys made by
   * that user are re-checked at once.
   */
  constructor(private readonly users: UsersRepo, private readonly sessions: SessionsRepo, private readonly onChange: () => void = () => undefined, private readonly audit?: AuditRecorder) {}

  /** Records a change made through the API (the CLI audits its own, with the local account). */
  private async audited(tenantId: string, actor: Principal | null, action: string, id: string, before?: User, after?: User): Promise<void> {
    if (!actor) return;
    await this.audit?.record(tenantId, { actor, action: `user.${action}`, targetType: 'user', targetId: id, ...(before ? { before: publicUser(before) } : {}), ...(after ? { after: publicUser(after) } : {}) });
  }

  /** Throws unless the actor may act on (or grant) `role`. A null actor is the CLI: the operator of the installation. */
  private assertMayGrant(actor: Principal | null, role: Role): void {
    if (!actor) return;
    const mine = actor.role;
    if (!mine || roleRank(role) > roleRank(mine)) {
      throw new VigilError('VIGIL_ERR_FORBIDDEN', actor.kind === 'apikey' ? `This API key acts at most as ${mine ?? 'nobody'} and cannot act on the ${role} role.` : `A ${mine} cannot act on the ${role} role.`);
    }
  }

  async create(tenantId: string, input: { username: unknown; password: unknown; role: unknown; mustChangePassword?: boolean }, actor: Principal | null): Promise<User> {
    if (typeof input.username !== 'string' || !USERNAME_RE.test(input.username)) {
      throw new VigilError('VIGIL_ERR_VALIDATION', 'username must be 2-64 characters of letters, digits, . _ @ -', { field: 'username' });
    }
    if (!isRole(input.role)) throw new VigilError('VIGIL_ERR_VALIDATION', `role must be one of ${ROLES.join(', ')}`, { field: 'role' });
    checkPasswordPolicy(input.password);
    this.assertMayGrant(actor, input.role);
    if ((await this.users.byUsername(input.username, tenantId)).length) throw new VigilError('VIGIL_ERR_CONFLICT', `User ${input.username} already exists in this tenant.`);
    const u = await this.users.create({ tenantId, username: input.username, passwordHash: await hashPassword(input.password), role: input.role, mustChangePassword: input.mustChangePassword ?? false });
    await this.audited(tenantId, actor, 'create', u.id, undefined, u);
    return u;
  }

  async get(tenantId: string, id: string): Promise<User> {
    const u = await this.users.byId(tenantId, id);
    if (!u) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No user ${id}.`);
    return u;
  }

  /** A user of the tenant by name. */
  async byName(tenantId: string, username: string): Promise<User> {
    const u = (await this.users.byUsername(username, tenantId))[0];
    if (!u) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No user "${username}" in this tenant.`);
    return u;
  }

  async update(tenantId: string, id: string, patch: { role?: unknown; disabled?: unknown }, actor: Principal | null): Promise<User> {
    const u = await this.get(tenantId, id);
    if (patch.role !== undefined && !isRole(patch.role)) throw new VigilError('VIGIL_ERR_VALIDATION', `role must be one of ${ROLES.join(', ')}`, { field: 'role' });
    if (patch.disabled !== undefined && typeof patch.disabled !== 'boolean') throw new VigilError('VIGIL_ERR_VALIDATION', 'disabled must be true or false', { field: 'disabled' });
    const role = patch.role as Role | undefined;
    if (role) this.assertMayGrant(actor, role);
    this.assertMayGrant(actor, u.role);
    const isOwner = u.role === 'owner' || u.role === 'platform_owner';
    const losesOwner = isOwner && ((role && role !== 'owner' && role !== 'platform_owner') || patch.disabled === true);
    if (losesOwner && (await this.users.countOwners(tenantId)) <= 1) throw new VigilError('VIGIL_ERR_CONFLICT', 'The last owner cannot be demoted or disabled.');
    const losesPlatform = u.role === 'platform_owner' && ((role && role !== 'platform_owner') || patch.disabled === true);
    if (losesPlatform && (await this.users.countPlatformOwners()) <= 1) throw new VigilError('VIGIL_ERR_CONFLICT', 'The last platform owner cannot be demoted or disabled.');
    await this.users.update(tenantId, id, { role, disabled: patch.disabled as boolean | undefined });
    if (patch.disabled === true) await this.sessions.deleteForUser(id);
    this.onChange();
    const after = await this.get(tenantId, id);
    await this.audited(tenantId, actor, 'update', id, u, after);
    return after;
  }

  /** An admin sets a new password; the user must change it at next login. */
  async resetPassword(tenantId: string, id: string, password: unknown, actor: Principal | null): Promise<void> {
    const u = await this.get(tenantId, id);
    this.assertMayGrant(actor, u.role);
    checkPasswordPolicy(password);
    await this.users.update(tenantId, id, { passwordHash: await hashPassword(password), mustChangePassword: true });
    await this.sessions.deleteForUser(id);
    this.onChange();
    // The password itself never reaches the log: only that it was reset.
    await this.audited(tenantId, actor, 'password_reset', id, u, await this.get(tenantId, id));
  }

  async list(tenantId: string): Promise<User[]> {
    return this.users.list(tenantId);
  }
}
