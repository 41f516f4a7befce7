/**
 * @module reports/report-schedules-repo
 * Digest schedules per tenant: the schedule as JSON, plus `next_run` (the scheduler's index) beside it.
 */
import { VigilError, type ReportSchedule } from '@vigil/contracts';
import type { SqlDb } from '../db/sql-db.ts';

/** A schedule as stored: the API record and its tenant. */
export interface StoredSchedule extends ReportSchedule {
  tenantId: string;
}

/** Storage of digest schedules. */
export class ReportSchedulesRepo {
  constructor(private readonly db: SqlDb) {}

  async list(tenantId: string): Promise<StoredSchedule[]> {
    return (await this.db.all<{ doc: string }>('SELECT doc FROM report_schedules WHERE tenant_id = $1 ORDER BY created_at, id', [tenantId])).map((r) => JSON.parse(r.doc) as StoredSchedule);
  }

  async get(tenantId: string, id: string): Promise<StoredSchedule> {
    const r = await this.db.get<{ doc: string }>('SELECT doc FROM report_schedules WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    if (!r) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No report schedule ${id}.`);
    return JSON.parse(r.doc) as StoredSchedule;
  }

  /** Enabled schedules whose next run is at or before `now`, oldest first. */
  async due(now: number, limit = 50): Promise<StoredSchedule[]> {
    return (await this.db.all<{ doc: string }>('SELECT doc FROM report_schedules WHERE enabled = 1 AND next_run <= $1 ORDER BY next_run LIMIT $2', [now, limit])).map((r) => JSON.parse(r.doc) as StoredSchedule);
  }

  /** Inserts or replaces a schedule; a name taken by another schedule of the tenant is a 409. */
  async save(s: StoredSchedule): Promise<void> {
    const other = await this.db.get<{ id: string }>('SELECT id FROM report_schedules WHERE tenant_id = $1 AND name = $2', [s.tenantId, s.name]);
    if (other && other.id !== s.id) throw new VigilError('VIGIL_ERR_CONFLICT', `A report schedule named "${s.name}" exists.`, { field: 'name' });
    await this.db.run(
      `INSERT INTO report_schedules (id, tenant_id, name, enabled, next_run, doc, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, enabled = excluded.enabled, next_run = excluded.next_run, doc = excluded.doc, updated_at = excluded.updated_at`,
      [s.id, s.tenantId, s.name, s.enabled ? 1 : 0, s.nextRunAt ? Date.parse(s.nextRunAt) : null, JSON.stringify(s), Date.parse(s.createdAt), Date.parse(s.updatedAt)],
    );
  }

  async delete(tenantId: string, id: string): Promise<void> {
    await this.get(tenantId, id);
    await this.db.run('DELETE FROM report_schedules WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
  }
}
