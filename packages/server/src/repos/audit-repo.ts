/**
 * @module repos/audit-repo
 * The audit log: who did what to which object, per tenant. Secrets never enter it.
 */
import type { SqlDb } from '../db/sql-db.ts';
import { SYSTEM_REPO_DEPS, type RepoDeps } from './repo-deps.ts';

export interface AuditEntry {
  id: string;
  actor: string;
  action: string;
  target: string | null;
  details: unknown;
  ip: string | null;
  createdAt: string;
}

/** Storage of audit entries. */
export class AuditRepo {
  constructor(private readonly db: SqlDb, private readonly deps: RepoDeps = SYSTEM_REPO_DEPS) {}

  async record(tenantId: string, e: { actor: string; action: string; target?: string; details?: unknown; ip?: string }): Promise<void> {
    await this.db.run('INSERT INTO audit_log (id, tenant_id, actor, action, target, details, ip, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [this.deps.newId(), tenantId, e.actor, e.action, e.target ?? null, e.details === undefined ? null : JSON.stringify(e.details), e.ip ?? null, this.deps.now()]);
  }

  async list(tenantId: string, limit: number, before?: number): Promise<AuditEntry[]> {
    const rows = await this.db.all<{ id: string; actor: string; action: string; target: string | null; details: unknown; ip: string | null; created_at: number }>(
      'SELECT * FROM audit_log WHERE tenant_id = $1 AND created_at < $2 ORDER BY created_at DESC, id DESC LIMIT $3',
      [tenantId, before ?? Number.MAX_SAFE_INTEGER, limit],
    );
    return rows.map((r) => ({ id: r.id, actor: r.actor, action: r.action, target: r.target, details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details, ip: r.ip, createdAt: new Date(Number(r.created_at)).toISOString() }));
  }
}
