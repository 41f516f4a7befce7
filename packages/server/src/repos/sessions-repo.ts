/**
 * @module repos/sessions-repo
 * Login sessions. Only the SHA-256 of the cookie token is stored. `tenant_id` is the tenant the
 * session acts in: the user's own, or another one a platform owner switched to.
 */
import type { SqlDb } from '../db/sql-db.ts';

export interface Session {
  id: string;
  tenantId: string;
  userId: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

interface SessionRow {
  id: string;
  tenant_id: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

/** Storage of sessions. */
export class SessionsRepo {
  constructor(private readonly db: SqlDb) {}

  async create(s: Session): Promise<void> {
    await this.db.run('INSERT INTO sessions (id, tenant_id, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [s.id, s.tenantId, s.userId, s.csrfToken, s.createdAt, s.expiresAt]);
  }

  async byId(id: string): Promise<Session | undefined> {
    const r = await this.db.get<SessionRow>('SELECT * FROM sessions WHERE id = $1', [id]);
    return r && { id: r.id, tenantId: r.tenant_id, userId: r.user_id, csrfToken: r.csrf_token, createdAt: Number(r.created_at), expiresAt: Number(r.expires_at) };
  }

  /** A session with the state authentication needs in one query: whether its acting tenant and its user's own tenant are disabled. */
  async forAuth(id: string): Promise<{ session: Session; actingTenantDisabled: boolean; homeTenantDisabled: boolean } | undefined> {
    const r = await this.db.get<SessionRow & { acting_disabled: number; home_disabled: number }>(
      'SELECT s.*, ta.disabled AS acting_disabled, th.disabled AS home_disabled FROM sessions s JOIN tenants ta ON ta.id = s.tenant_id JOIN users u ON u.id = s.user_id JOIN tenants th ON th.id = u.tenant_id WHERE s.id = $1',
      [id],
    );
    if (!r) return undefined;
    return {
      session: { id: r.id, tenantId: r.tenant_id, userId: r.user_id, csrfToken: r.csrf_token, createdAt: Number(r.created_at), expiresAt: Number(r.expires_at) },
      actingTenantDisabled: !!Number(r.acting_disabled),
      homeTenantDisabled: !!Number(r.home_disabled),
    };
  }

  /** Moves a session to another tenant (a platform owner switching). */
  async setTenant(id: string, tenantId: string): Promise<void> {
    await this.db.run('UPDATE sessions SET tenant_id = $2 WHERE id = $1', [id, tenantId]);
  }

  async touch(id: string, expiresAt: number): Promise<void> {
    await this.db.run('UPDATE sessions SET expires_at = $2 WHERE id = $1', [id, expiresAt]);
  }

  async delete(id: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE id = $1', [id]);
  }

  async deleteForUser(userId: string, exceptId?: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE user_id = $1 AND id <> $2', [userId, exceptId ?? '']);
  }

  async deleteExpired(now: number): Promise<number> {
    return (await this.db.run('DELETE FROM sessions WHERE expires_at < $1', [now])).changes;
  }
}
