/**
 * @module repos/sessions-repo
 * Login sessions. Only the SHA-256 of the cookie token is stored.
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
