/**
 * @module incidents/incidents-repo
 * Incidents, the alerts each holds, and their timeline. The record is stored whole as JSON; the
 * columns beside it are what lists filter and sort on and what auto-grouping looks up. Both dialects
 * take the same SQL.
 */
import { severityRank, type IncidentTimelineEntry } from '@vigil/contracts';
import type { IncidentDelivery, IncidentRecord } from '@vigil/core';
import type { SqlDb } from '../db/sql-db.ts';

/** Filters of a list (all optional). */
export interface IncidentFilter {
  statuses?: string[];
  minSeverity?: string;
  owner?: string;
  alertId?: string;
  limit: number;
  /** `updated_at` and id of the last incident of the previous page. */
  after?: { updatedAt: number; id: string };
}

/** Storage of incidents. */
export class IncidentsRepo {
  constructor(private readonly db: SqlDb) {}

  /** The same repo inside a transaction. */
  with(db: SqlDb): IncidentsRepo {
    return new IncidentsRepo(db);
  }

  async get(tenantId: string, id: string): Promise<IncidentRecord | undefined> {
    const row = await this.db.get<{ doc: string }>('SELECT doc FROM incidents WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return row ? (JSON.parse(row.doc) as IncidentRecord) : undefined;
  }

  /** Inserts or replaces an incident and brings its alert links in line with `alertIds`. */
  async save(i: IncidentRecord, previous?: IncidentRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO incidents (id, tenant_id, status, severity, owner, group_rule_id, group_key, created_at, updated_at, doc) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, severity = excluded.severity, owner = excluded.owner, updated_at = excluded.updated_at, doc = excluded.doc`,
      [i.id, i.tenantId, i.status, severityRank(i.severity), i.owner, i.groupRuleId, i.groupKey, Date.parse(i.createdAt), Date.parse(i.updatedAt), JSON.stringify(i)],
    );
    const before = new Set(previous?.alertIds ?? []);
    const after = new Set(i.alertIds);
    for (const id of after) if (!before.has(id)) await this.db.run('INSERT INTO incident_alerts (tenant_id, incident_id, alert_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [i.tenantId, i.id, id]);
    for (const id of before) if (!after.has(id)) await this.db.run('DELETE FROM incident_alerts WHERE tenant_id = $1 AND incident_id = $2 AND alert_id = $3', [i.tenantId, i.id, id]);
  }

  async addTimeline(tenantId: string, incidentId: string, entries: readonly IncidentTimelineEntry[]): Promise<void> {
    for (const e of entries) {
      await this.db.run('INSERT INTO incident_timeline (tenant_id, incident_id, at, actor, action, text, data) VALUES ($1, $2, $3, $4, $5, $6, $7)', [tenantId, incidentId, Date.parse(e.at), e.actor, e.action, e.text, e.data ? JSON.stringify(e.data) : null]);
    }
  }

  /** The timeline, oldest first. */
  async timeline(tenantId: string, incidentId: string): Promise<IncidentTimelineEntry[]> {
    const rows = await this.db.all<{ at: number; actor: string; action: IncidentTimelineEntry['action']; text: string | null; data: string | null }>('SELECT at, actor, action, text, data FROM incident_timeline WHERE tenant_id = $1 AND incident_id = $2 ORDER BY seq', [tenantId, incidentId]);
    return rows.map((r) => ({ at: new Date(Number(r.at)).toISOString(), actor: r.actor, action: r.action, text: r.text, ...(r.data ? { data: JSON.parse(r.data) as Record<string, unknown> } : {}) }));
  }

  /** Notifications sent for the incident's alerts (test sends aside), oldest first, at most `limit`. */
  async deliveries(tenantId: string, incidentId: string, limit = 1000): Promise<IncidentDelivery[]> {
    const rows = await this.db.all<{ id: string; alert_id: string; channel_id: string; name: string | null; type: string | null; kind: string | null; status: IncidentDelivery['status']; attempts: number; last_status_code: number | null; created_at: number; delivered_at: number | null }>(
      `SELECT d.id, d.alert_id, d.channel_id, c.name, c.type, d.kind, d.status, d.attempts, d.last_status_code, d.created_at, d.delivered_at
       FROM incident_alerts ia JOIN channel_deliveries d ON d.tenant_id = ia.tenant_id AND d.alert_id = ia.alert_id
       LEFT JOIN channels c ON c.id = d.channel_id
       WHERE ia.tenant_id = $1 AND ia.incident_id = $2 AND (d.kind IS NULL OR d.kind <> 'test')
       ORDER BY d.created_at, d.id LIMIT $3`,
      [tenantId, incidentId, limit],
    );
    return rows.map((r) => ({
      id: r.id, alertId: r.alert_id, channelId: r.channel_id, channel: r.name, channelType: r.type, kind: r.kind, status: r.status, attempts: Number(r.attempts),
      lastStatusCode: r.last_status_code === null ? null : Number(r.last_status_code), createdAt: Number(r.created_at), deliveredAt: r.delivered_at === null ? null : Number(r.delivered_at),
    }));
  }

  /** Ids of the incidents that hold an alert. */
  async incidentsOfAlert(tenantId: string, alertId: string): Promise<string[]> {
    return (await this.db.all<{ incident_id: string }>('SELECT incident_id FROM incident_alerts WHERE tenant_id = $1 AND alert_id = $2', [tenantId, alertId])).map((r) => r.incident_id);
  }

  /** The newest unresolved incident a grouping rule opened for a key. */
  async openForGroup(tenantId: string, ruleId: string, groupKey: string): Promise<IncidentRecord | undefined> {
    const row = await this.db.get<{ doc: string }>("SELECT doc FROM incidents WHERE tenant_id = $1 AND group_rule_id = $2 AND group_key = $3 AND status <> 'resolved' ORDER BY created_at DESC, id DESC LIMIT 1", [tenantId, ruleId, groupKey]);
    return row ? (JSON.parse(row.doc) as IncidentRecord) : undefined;
  }

  /** Incidents not resolved, plus those created or resolved since `since` (digests). */
  async activeSince(tenantId: string, since: number): Promise<IncidentRecord[]> {
    const rows = await this.db.all<{ doc: string }>("SELECT doc FROM incidents WHERE tenant_id = $1 AND (status <> 'resolved' OR updated_at >= $2) ORDER BY updated_at DESC LIMIT 5000", [tenantId, since]);
    return rows.map((r) => JSON.parse(r.doc) as IncidentRecord);
  }

  /** A page of incidents, newest activity first. */
  async list(tenantId: string, f: IncidentFilter): Promise<IncidentRecord[]> {
    const where = ['i.tenant_id = $1'];
    const params: unknown[] = [tenantId];
    const p = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.statuses?.length) where.push(`i.status IN (${f.statuses.map(p).join(', ')})`);
    if (f.minSeverity) where.push(`i.severity >= ${p(severityRank(f.minSeverity))}`);
    if (f.owner) where.push(`i.owner = ${p(f.owner)}`);
    if (f.alertId) where.push(`EXISTS (SELECT 1 FROM incident_alerts a WHERE a.tenant_id = i.tenant_id AND a.incident_id = i.id AND a.alert_id = ${p(f.alertId)})`);
    if (f.after) where.push(`(i.updated_at < ${p(f.after.updatedAt)} OR (i.updated_at = ${p(f.after.updatedAt)} AND i.id < ${p(f.after.id)}))`);
    const rows = await this.db.all<{ doc: string }>(`SELECT i.doc FROM incidents i WHERE ${where.join(' AND ')} ORDER BY i.updated_at DESC, i.id DESC LIMIT ${p(f.limit)}`, params);
    return rows.map((r) => JSON.parse(r.doc) as IncidentRecord);
  }
}
