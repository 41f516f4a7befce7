/**
 * @module repos/alerts-repo
 * Alerts, the signal ids folded into them, and their history. The record is stored whole as JSON; the
 * columns beside it are what lists filter and sort on.
 */
import { severityRank, type AlertHistoryEntry } from '@vigil/contracts';
import type { AlertRecord } from '@vigil/core';
import type { SqlDb } from '../db/sql-db.ts';

/** Filters of a list (all optional). */
export interface AlertFilter {
  states?: string[];
  minSeverity?: string;
  ruleId?: string;
  tag?: string;
  assignee?: string;
  /** The alert's group holds this `host.name`. */
  host?: string;
  /** The alert's group holds this `source.ip`. */
  source?: string;
  lastSeenFrom?: number;
  lastSeenTo?: number;
  limit: number;
  /** `updated_at:id` of the last alert of the previous page. */
  after?: { updatedAt: number; id: string };
}

/** Storage of alerts. */
export class AlertsRepo {
  constructor(private readonly db: SqlDb) {}

  /** The same repo inside a transaction. */
  with(db: SqlDb): AlertsRepo {
    return new AlertsRepo(db);
  }

  /** True when the signal was folded already. */
  async hasSignal(tenantId: string, signalId: string): Promise<boolean> {
    return !!(await this.db.get('SELECT 1 AS x FROM alert_signals WHERE tenant_id = $1 AND signal_id = $2', [tenantId, signalId]));
  }

  async addSignal(tenantId: string, signalId: string, alertId: string): Promise<void> {
    await this.db.run('INSERT INTO alert_signals (tenant_id, signal_id, alert_id) VALUES ($1, $2, $3)', [tenantId, signalId, alertId]);
  }

  /** The alert of a rule and group that is not resolved, if any. */
  async findUnresolved(tenantId: string, ruleId: string, groupKey: string): Promise<AlertRecord | undefined> {
    const row = await this.db.get<{ doc: string }>("SELECT doc FROM alerts WHERE tenant_id = $1 AND rule_id = $2 AND group_key = $3 AND state <> 'resolved' ORDER BY updated_at DESC LIMIT 1", [tenantId, ruleId, groupKey]);
    return row ? (JSON.parse(row.doc) as AlertRecord) : undefined;
  }

  async get(tenantId: string, id: string): Promise<AlertRecord | undefined> {
    const row = await this.db.get<{ doc: string }>('SELECT doc FROM alerts WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return row ? (JSON.parse(row.doc) as AlertRecord) : undefined;
  }

  /** Inserts or replaces an alert. */
  async save(a: AlertRecord): Promise<void> {
    const params = [a.id, a.tenantId, a.ruleId, a.groupKey, a.state, severityRank(a.severity), `|${a.tags.join('|')}|`, a.assignee, Date.parse(a.lastSeen), Date.parse(a.updatedAt), JSON.stringify(a)];
    await this.db.run(
      `INSERT INTO alerts (id, tenant_id, rule_id, group_key, state, severity, tags, assignee, last_seen, updated_at, doc) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, severity = excluded.severity, tags = excluded.tags, assignee = excluded.assignee, last_seen = excluded.last_seen, updated_at = excluded.updated_at, doc = excluded.doc`,
      params,
    );
  }

  async addHistory(tenantId: string, alertId: string, e: AlertHistoryEntry): Promise<void> {
    await this.db.run('INSERT INTO alert_history (tenant_id, alert_id, at, actor, action, text) VALUES ($1, $2, $3, $4, $5, $6)', [tenantId, alertId, Date.parse(e.at), e.actor, e.action, e.text]);
  }

  async history(tenantId: string, alertId: string): Promise<AlertHistoryEntry[]> {
    const rows = await this.db.all<{ at: number; actor: string; action: AlertHistoryEntry['action']; text: string | null }>('SELECT at, actor, action, text FROM alert_history WHERE tenant_id = $1 AND alert_id = $2 ORDER BY seq', [tenantId, alertId]);
    return rows.map((r) => ({ at: new Date(Number(r.at)).toISOString(), actor: r.actor, action: r.action, text: r.text }));
  }

  /** SQL reading one field of the stored alert's group as text (the field name is a constant, never input). */
  private groupField(field: 'host.name' | 'source.ip'): string {
    return this.db.dialect === 'postgres' ? `(doc::jsonb -> 'group' ->> '${field}')` : `CAST(json_extract(doc, '$.group."${field}"') AS TEXT)`;
  }

  /** Alerts not resolved, counted per state and severity rank. */
  async countUnresolved(tenantId: string): Promise<{ state: string; severity: number; n: number }[]> {
    const rows = await this.db.all<{ state: string; severity: number; n: number | string }>("SELECT state, severity, COUNT(*) AS n FROM alerts WHERE tenant_id = $1 AND state <> 'resolved' GROUP BY state, severity", [tenantId]);
    return rows.map((r) => ({ state: r.state, severity: Number(r.severity), n: Number(r.n) }));
  }

  /** Per rule: alerts raised, how many are not resolved, and the newest last-seen time (ms). */
  async ruleStats(tenantId: string): Promise<{ ruleId: string; alerts: number; open: number; lastSeen: number }[]> {
    const rows = await this.db.all<{ rule_id: string; alerts: number | string; open: number | string; last_seen: number | string }>(
      "SELECT rule_id, COUNT(*) AS alerts, SUM(CASE WHEN state <> 'resolved' THEN 1 ELSE 0 END) AS open, MAX(last_seen) AS last_seen FROM alerts WHERE tenant_id = $1 GROUP BY rule_id",
      [tenantId],
    );
    return rows.map((r) => ({ ruleId: r.rule_id, alerts: Number(r.alerts), open: Number(r.open), lastSeen: Number(r.last_seen) }));
  }

  /** A page of alerts, newest activity first. */
  async list(tenantId: string, f: AlertFilter): Promise<AlertRecord[]> {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [tenantId];
    const p = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.states?.length) where.push(`state IN (${f.states.map(p).join(', ')})`);
    if (f.minSeverity) where.push(`severity >= ${p(severityRank(f.minSeverity))}`);
    if (f.ruleId) where.push(`rule_id = ${p(f.ruleId)}`);
    if (f.tag) where.push(`tags LIKE ${p(`%|${f.tag.replace(/[%_\\]/g, '')}|%`)}`);
    if (f.assignee) where.push(`assignee = ${p(f.assignee)}`);
    if (f.host) where.push(`${this.groupField('host.name')} = ${p(f.host)}`);
    if (f.source) where.push(`${this.groupField('source.ip')} = ${p(f.source)}`);
    if (f.lastSeenFrom !== undefined) where.push(`last_seen >= ${p(f.lastSeenFrom)}`);
    if (f.lastSeenTo !== undefined) where.push(`last_seen < ${p(f.lastSeenTo)}`);
    if (f.after) where.push(`(updated_at < ${p(f.after.updatedAt)} OR (updated_at = ${p(f.after.updatedAt)} AND id < ${p(f.after.id)}))`);
    const rows = await this.db.all<{ doc: string }>(`SELECT doc FROM alerts WHERE ${where.join(' AND ')} ORDER BY updated_at DESC, id DESC LIMIT ${p(f.limit)}`, params);
    return rows.map((r) => JSON.parse(r.doc) as AlertRecord);
  }
}
