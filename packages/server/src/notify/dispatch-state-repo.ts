/**
 * @module notify/dispatch-state-repo
 * What a tenant's dispatcher must remember across a restart: the notification log (what each
 * receiver was last told about each group) and running escalations. Changes are written in the
 * transaction that queues the notifications they describe.
 */
import type { DispatchChanges, EscalationRecord, LogEntry, LogRecord } from '@vigil/core';
import type { SqlDb } from '../db/sql-db.ts';

/** Storage of dispatcher state. */
export class DispatchStateRepo {
  constructor(private readonly db: SqlDb) {}

  /** A tenant's notification log and running escalations. */
  async load(tenantId: string): Promise<{ log: LogRecord[]; escalations: EscalationRecord[] }> {
    const log = await this.db.all<{ group_key: string; receiver: string; entry: string }>('SELECT group_key, receiver, entry FROM notification_log WHERE tenant_id = $1', [tenantId]);
    const esc = await this.db.all<{ alert_id: string; policy_id: string; route: string; started_at: number; fired: number }>('SELECT alert_id, policy_id, route, started_at, fired FROM alert_escalations WHERE tenant_id = $1', [tenantId]);
    return {
      log: log.map((r) => ({ groupKey: r.group_key, receiver: r.receiver, entry: JSON.parse(r.entry) as LogEntry })),
      escalations: esc.map((r) => ({ alertId: r.alert_id, policyId: r.policy_id, route: r.route, startedAt: Number(r.started_at), fired: Number(r.fired) })),
    };
  }

  /** Applies a dispatcher's changes (inside the caller's transaction). */
  async apply(db: SqlDb, tenantId: string, c: DispatchChanges): Promise<void> {
    for (const r of c.log) {
      await db.run('INSERT INTO notification_log (tenant_id, group_key, receiver, entry, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, group_key, receiver) DO UPDATE SET entry = excluded.entry, at = excluded.at', [tenantId, r.groupKey, r.receiver, JSON.stringify(r.entry), r.entry.at]);
    }
    for (const r of c.logDeleted) await db.run('DELETE FROM notification_log WHERE tenant_id = $1 AND group_key = $2 AND receiver = $3', [tenantId, r.groupKey, r.receiver]);
    for (const e of c.escalations) {
      await db.run('INSERT INTO alert_escalations (tenant_id, alert_id, policy_id, route, started_at, fired) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, alert_id, policy_id) DO UPDATE SET route = excluded.route, fired = excluded.fired', [tenantId, e.alertId, e.policyId, e.route, e.startedAt, e.fired]);
    }
    for (const e of c.escalationsDeleted) await db.run('DELETE FROM alert_escalations WHERE tenant_id = $1 AND alert_id = $2 AND policy_id = $3', [tenantId, e.alertId, e.policyId]);
  }

  /** Forgets a tenant's state (its tree was removed). */
  async clear(tenantId: string): Promise<void> {
    await this.db.tx(async (db) => {
      await db.run('DELETE FROM notification_log WHERE tenant_id = $1', [tenantId]);
      await db.run('DELETE FROM alert_escalations WHERE tenant_id = $1', [tenantId]);
    });
  }
}
