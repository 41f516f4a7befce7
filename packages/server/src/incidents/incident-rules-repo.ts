/**
 * @module incidents/incident-rules-repo
 * A tenant's incident grouping rules, stored as their validated document.
 */
import { VigilError } from '@vigil/contracts';
import type { IncidentRuleDoc } from '@vigil/core';
import type { SqlDb } from '../db/sql-db.ts';

/** A stored rule with its times. */
export interface StoredIncidentRule extends IncidentRuleDoc {
  createdAt: string;
  updatedAt: string;
}

interface Row {
  doc: string;
  created_at: number;
  updated_at: number;
}

const fromRow = (r: Row): StoredIncidentRule => ({ ...(JSON.parse(r.doc) as IncidentRuleDoc), createdAt: new Date(Number(r.created_at)).toISOString(), updatedAt: new Date(Number(r.updated_at)).toISOString() });

/** Storage of incident rules. */
export class IncidentRulesRepo {
  constructor(private readonly db: SqlDb) {}

  /** The tenant's rules, oldest first (the order grouping tries them in). */
  async list(tenantId: string): Promise<StoredIncidentRule[]> {
    return (await this.db.all<Row>('SELECT doc, created_at, updated_at FROM incident_rules WHERE tenant_id = $1 ORDER BY created_at, id', [tenantId])).map(fromRow);
  }

  async get(tenantId: string, id: string): Promise<StoredIncidentRule> {
    const r = await this.db.get<Row>('SELECT doc, created_at, updated_at FROM incident_rules WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    if (!r) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No incident rule ${id}.`);
    return fromRow(r);
  }

  private async nameTaken(tenantId: string, name: string, except?: string): Promise<void> {
    const r = await this.db.get<{ id: string }>('SELECT id FROM incident_rules WHERE tenant_id = $1 AND name = $2', [tenantId, name]);
    if (r && r.id !== except) throw new VigilError('VIGIL_ERR_CONFLICT', `An incident rule named "${name}" exists.`, { field: 'name' });
  }

  async create(tenantId: string, doc: IncidentRuleDoc, now: number): Promise<StoredIncidentRule> {
    await this.nameTaken(tenantId, doc.name);
    await this.db.run('INSERT INTO incident_rules (id, tenant_id, name, doc, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)', [doc.id, tenantId, doc.name, JSON.stringify(doc), now]);
    return this.get(tenantId, doc.id);
  }

  async update(tenantId: string, doc: IncidentRuleDoc, now: number): Promise<StoredIncidentRule> {
    await this.get(tenantId, doc.id);
    await this.nameTaken(tenantId, doc.name, doc.id);
    await this.db.run('UPDATE incident_rules SET name = $1, doc = $2, updated_at = $3 WHERE tenant_id = $4 AND id = $5', [doc.name, JSON.stringify(doc), now, tenantId, doc.id]);
    return this.get(tenantId, doc.id);
  }

  async delete(tenantId: string, id: string): Promise<void> {
    await this.get(tenantId, id);
    await this.db.run('DELETE FROM incident_rules WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
  }
}
