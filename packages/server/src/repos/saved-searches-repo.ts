/**
 * @module repos/saved-searches-repo
 * Saved searches, per user.
 */
import type { SqlDb } from '../db/sql-db.ts';
import { SYSTEM_REPO_DEPS, type RepoDeps } from './repo-deps.ts';

export interface SavedSearch {
  id: string;
  name: string;
  query: string;
  from: string | null;
  to: string | null;
  columns: string[] | null;
  createdAt: string;
}

interface Row {
  id: string;
  name: string;
  query: string;
  range_from: string | null;
  range_to: string | null;
  columns: string | string[] | null;
  created_at: number;
}

const toSaved = (r: Row): SavedSearch => ({
  id: r.id,
  name: r.name,
  query: r.query,
  from: r.range_from,
  to: r.range_to,
  columns: typeof r.columns === 'string' ? (JSON.parse(r.columns) as string[]) : r.columns,
  createdAt: new Date(Number(r.created_at)).toISOString(),
});

/** Storage of saved searches. */
export class SavedSearchesRepo {
  constructor(private readonly db: SqlDb, private readonly deps: RepoDeps = SYSTEM_REPO_DEPS) {}

  async list(tenantId: string, userId: string): Promise<SavedSearch[]> {
    return (await this.db.all<Row>('SELECT * FROM saved_searches WHERE tenant_id = $1 AND user_id = $2 ORDER BY name', [tenantId, userId])).map(toSaved);
  }

  async create(tenantId: string, userId: string, s: { name: string; query: string; from?: string | null; to?: string | null; columns?: string[] | null }): Promise<SavedSearch> {
    const id = this.deps.newId();
    await this.db.run('INSERT INTO saved_searches (id, tenant_id, user_id, name, query, range_from, range_to, columns, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [id, tenantId, userId, s.name, s.query, s.from ?? null, s.to ?? null, s.columns ? JSON.stringify(s.columns) : null, this.deps.now()]);
    return toSaved((await this.db.get<Row>('SELECT * FROM saved_searches WHERE id = $1', [id]))!);
  }

  async delete(tenantId: string, userId: string, id: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM saved_searches WHERE tenant_id = $1 AND user_id = $2 AND id = $3', [tenantId, userId, id])).changes > 0;
  }
}
