/**
 * @module notify/route-tree-repo
 * One routing tree per tenant (the JSON as the API took it), with who changed it when.
 */
import type { RouteNode } from '@vigil/contracts';
import type { SqlDb } from '../db/sql-db.ts';

/** A stored tree. */
export interface StoredRouteTree {
  tree: RouteNode;
  updatedBy: string;
  updatedAt: number;
}

/** Storage of routing trees. */
export class RouteTreeRepo {
  constructor(private readonly db: SqlDb) {}

  /** The tenant's tree, or null when none is set. */
  async get(tenantId: string): Promise<StoredRouteTree | null> {
    const r = await this.db.get<{ tree: string; updated_by: string; updated_at: number }>('SELECT tree, updated_by, updated_at FROM notify_routes WHERE tenant_id = $1', [tenantId]);
    return r ? { tree: JSON.parse(r.tree) as RouteNode, updatedBy: r.updated_by, updatedAt: Number(r.updated_at) } : null;
  }

  /** Sets the tenant's tree. */
  async put(tenantId: string, tree: RouteNode, by: string, at: number): Promise<void> {
    await this.db.run('INSERT INTO notify_routes (tenant_id, tree, updated_by, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id) DO UPDATE SET tree = excluded.tree, updated_by = excluded.updated_by, updated_at = excluded.updated_at', [tenantId, JSON.stringify(tree), by, at]);
  }

  /** Removes the tenant's tree; answers whether there was one. */
  async delete(tenantId: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM notify_routes WHERE tenant_id = $1', [tenantId])).changes > 0;
  }

  /** Ids of the tenants that have a tree. */
  async tenants(): Promise<string[]> {
    return (await this.db.all<{ tenant_id: string }>('SELECT tenant_id FROM notify_routes ORDER BY tenant_id')).map((r) => r.tenant_id);
  }
}
