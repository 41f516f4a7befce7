/**
 * @module repos/extraction-rules-repo
 * Stored extraction rules of a tenant, in apply order.
 */
import type { SqlDb } from '../db/sql-db.ts';
import { SYSTEM_REPO_DEPS, type RepoDeps } from './repo-deps.ts';

export interface StoredExtractionRule {
  id: string;
  name: string;
  pattern: string;
  query: string;
  field: string;
  library: Record<string, string>;
  overwrite: boolean;
  enabled: boolean;
  position: number;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  name: string;
  pattern: string;
  query: string;
  field: string;
  library: string | Record<string, string> | null;
  overwrite: number;
  enabled: number;
  position: number;
  created_at: number;
  updated_at: number;
}

const toRule = (r: Row): StoredExtractionRule => ({
  id: r.id,
  name: r.name,
  pattern: r.pattern,
  query: r.query,
  field: r.field,
  library: typeof r.library === 'string' ? (JSON.parse(r.library) as Record<string, string>) : (r.library ?? {}),
  overwrite: !!r.overwrite,
  enabled: !!r.enabled,
  position: Number(r.position),
  createdAt: new Date(Number(r.created_at)).toISOString(),
  updatedAt: new Date(Number(r.updated_at)).toISOString(),
});

export type ExtractionRuleInput = Pick<StoredExtractionRule, 'name' | 'pattern' | 'query' | 'field' | 'library' | 'overwrite' | 'enabled' | 'position'>;

/** Storage of extraction rules. */
export class ExtractionRulesRepo {
  constructor(private readonly db: SqlDb, private readonly deps: RepoDeps = SYSTEM_REPO_DEPS) {}

  async list(tenantId: string): Promise<StoredExtractionRule[]> {
    return (await this.db.all<Row>('SELECT * FROM extraction_rules WHERE tenant_id = $1 ORDER BY position, created_at', [tenantId])).map(toRule);
  }

  async get(tenantId: string, id: string): Promise<StoredExtractionRule | undefined> {
    const r = await this.db.get<Row>('SELECT * FROM extraction_rules WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return r && toRule(r);
  }

  async byName(tenantId: string, name: string): Promise<StoredExtractionRule | undefined> {
    const r = await this.db.get<Row>('SELECT * FROM extraction_rules WHERE tenant_id = $1 AND name = $2', [tenantId, name]);
    return r && toRule(r);
  }

  async create(tenantId: string, r: ExtractionRuleInput): Promise<StoredExtractionRule> {
    const id = this.deps.newId();
    const now = this.deps.now();
    await this.db.run('INSERT INTO extraction_rules (id, tenant_id, name, pattern, query, field, library, overwrite, enabled, position, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)', [id, tenantId, r.name, r.pattern, r.query, r.field, JSON.stringify(r.library), r.overwrite ? 1 : 0, r.enabled ? 1 : 0, r.position, now]);
    return (await this.get(tenantId, id))!;
  }

  async update(tenantId: string, id: string, r: ExtractionRuleInput): Promise<StoredExtractionRule | undefined> {
    await this.db.run('UPDATE extraction_rules SET name = $3, pattern = $4, query = $5, field = $6, library = $7, overwrite = $8, enabled = $9, position = $10, updated_at = $11 WHERE tenant_id = $1 AND id = $2', [tenantId, id, r.name, r.pattern, r.query, r.field, JSON.stringify(r.library), r.overwrite ? 1 : 0, r.enabled ? 1 : 0, r.position, this.deps.now()]);
    return this.get(tenantId, id);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM extraction_rules WHERE tenant_id = $1 AND id = $2', [tenantId, id])).changes > 0;
  }

  /** Tenants that have at least one enabled rule (loaded at start). */
  async tenantsWithRules(): Promise<string[]> {
    return (await this.db.all<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM extraction_rules WHERE enabled = 1')).map((r) => r.tenant_id);
  }
}
