/**
 * @module notify/named-doc-repo
 * Storage shared by the routing objects that are a name plus a JSON document per tenant: time
 * intervals, inhibit rules and escalation policies (one table each, the same columns).
 */
import { VigilError } from '@vigil/contracts';
import type { SqlDb } from '../db/sql-db.ts';
import { SYSTEM_REPO_DEPS, type RepoDeps } from '../repos/repo-deps.ts';

/** A stored named document. */
export interface NamedDoc<D> {
  id: string;
  tenantId: string;
  name: string;
  doc: D;
  createdAt: number;
  updatedAt: number;
}

/** The tables this repo serves. */
export type NamedDocTable = 'time_intervals' | 'inhibit_rules' | 'escalation_policies';

interface Row { id: string; tenant_id: string; name: string; doc: string; created_at: number; updated_at: number }

/** Storage of one kind of named document. */
export class NamedDocRepo<D> {
  /** `what` names one of them in errors ("time interval"). */
  constructor(private readonly db: SqlDb, private readonly table: NamedDocTable, private readonly what: string, private readonly deps: RepoDeps = SYSTEM_REPO_DEPS) {}

  private toDoc(r: Row): NamedDoc<D> {
    return { id: r.id, tenantId: r.tenant_id, name: r.name, doc: JSON.parse(r.doc) as D, createdAt: Number(r.created_at), updatedAt: Number(r.updated_at) };
  }

  private async assertFreeName(tenantId: string, name: string, except?: string): Promise<void> {
    const r = await this.db.get<{ id: string }>(`SELECT id FROM ${this.table} WHERE tenant_id = $1 AND name = $2`, [tenantId, name]);
    if (r && r.id !== except) throw new VigilError('VIGIL_ERR_CONFLICT', `A ${this.what} named "${name}" exists.`, { field: 'name' });
  }

  /** The tenant's documents by name. */
  async list(tenantId: string): Promise<NamedDoc<D>[]> {
    return (await this.db.all<Row>(`SELECT * FROM ${this.table} WHERE tenant_id = $1 ORDER BY name`, [tenantId])).map((r) => this.toDoc(r));
  }

  /** One document, or `VIGIL_ERR_NOT_FOUND`. */
  async get(tenantId: string, id: string): Promise<NamedDoc<D>> {
    const r = await this.db.get<Row>(`SELECT * FROM ${this.table} WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    if (!r) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No such ${this.what}.`, { id });
    return this.toDoc(r);
  }

  /** Adds one. */
  async create(tenantId: string, name: string, doc: D): Promise<NamedDoc<D>> {
    await this.assertFreeName(tenantId, name);
    const id = this.deps.newId();
    const now = this.deps.now();
    await this.db.run(`INSERT INTO ${this.table} (id, tenant_id, name, doc, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`, [id, tenantId, name, JSON.stringify(doc), now]);
    return this.get(tenantId, id);
  }

  /** Replaces one's name and document. */
  async update(tenantId: string, id: string, name: string, doc: D): Promise<NamedDoc<D>> {
    await this.get(tenantId, id);
    await this.assertFreeName(tenantId, name, id);
    await this.db.run(`UPDATE ${this.table} SET name = $1, doc = $2, updated_at = $3 WHERE tenant_id = $4 AND id = $5`, [name, JSON.stringify(doc), this.deps.now(), tenantId, id]);
    return this.get(tenantId, id);
  }

  /** Deletes one. */
  async delete(tenantId: string, id: string): Promise<void> {
    await this.get(tenantId, id);
    await this.db.run(`DELETE FROM ${this.table} WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }
}
