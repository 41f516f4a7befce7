/**
 * @module repos/dashboards-repo
 * Dashboards per tenant (panels stored as JSON) and each user's home board.
 */
import type { Panel } from '@vigil/contracts';
import type { SqlDb } from '../db/sql-db.ts';
import { SYSTEM_REPO_DEPS, type RepoDeps } from './repo-deps.ts';

/** A stored board. */
export interface StoredDashboard {
  id: string;
  tenantId: string;
  ownerId: string;
  ownerName: string;
  name: string;
  description: string;
  shared: boolean;
  panels: Panel[];
  createdAt: number;
  updatedAt: number;
}

/** What a board is written from. */
export interface DashboardFields {
  name: string;
  description: string;
  shared: boolean;
  panels: Panel[];
}

interface Row {
  id: string;
  tenant_id: string;
  owner_id: string;
  owner_name: string;
  name: string;
  description: string;
  shared: number | boolean;
  panels: string;
  created_at: number | string;
  updated_at: number | string;
}

const toStored = (r: Row): StoredDashboard => ({
  id: r.id,
  tenantId: r.tenant_id,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  name: r.name,
  description: r.description,
  shared: Number(r.shared) === 1 || r.shared === true,
  panels: JSON.parse(r.panels) as Panel[],
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

/** Storage of dashboards and home boards. */
export class DashboardsRepo {
  constructor(private readonly db: SqlDb, private readonly deps: RepoDeps = SYSTEM_REPO_DEPS) {}

  /** The boards a user sees: shared ones of the tenant and their own, by name. */
  async listVisible(tenantId: string, userId: string): Promise<StoredDashboard[]> {
    return (await this.db.all<Row>('SELECT * FROM dashboards WHERE tenant_id = $1 AND (shared = 1 OR owner_id = $2) ORDER BY name, id', [tenantId, userId])).map(toStored);
  }

  /** How many boards the tenant holds (for the limit). */
  async count(tenantId: string): Promise<number> {
    const r = await this.db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM dashboards WHERE tenant_id = $1', [tenantId]);
    return Number(r?.n ?? 0);
  }

  async get(tenantId: string, id: string): Promise<StoredDashboard | undefined> {
    const r = await this.db.get<Row>('SELECT * FROM dashboards WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return r ? toStored(r) : undefined;
  }

  async create(tenantId: string, owner: { id: string; name: string }, f: DashboardFields): Promise<StoredDashboard> {
    const id = this.deps.newId();
    const now = this.deps.now();
    await this.db.run(
      'INSERT INTO dashboards (id, tenant_id, owner_id, owner_name, name, description, shared, panels, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [id, tenantId, owner.id, owner.name, f.name, f.description, f.shared ? 1 : 0, JSON.stringify(f.panels), now, now],
    );
    return (await this.get(tenantId, id))!;
  }

  /** Replaces a board's fields; undefined when it does not exist in the tenant. */
  async update(tenantId: string, id: string, f: DashboardFields): Promise<StoredDashboard | undefined> {
    const r = await this.db.run('UPDATE dashboards SET name = $3, description = $4, shared = $5, panels = $6, updated_at = $7 WHERE tenant_id = $1 AND id = $2', [tenantId, id, f.name, f.description, f.shared ? 1 : 0, JSON.stringify(f.panels), this.deps.now()]);
    return r.changes ? this.get(tenantId, id) : undefined;
  }

  /** Deletes a board and clears it as anyone's home. */
  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.db.tx(async (t) => {
      await t.run('DELETE FROM dashboard_homes WHERE tenant_id = $1 AND dashboard_id = $2', [tenantId, id]);
      return (await t.run('DELETE FROM dashboards WHERE tenant_id = $1 AND id = $2', [tenantId, id])).changes > 0;
    });
  }

  /** The user's home board id, if set. */
  async home(tenantId: string, userId: string): Promise<string | null> {
    return (await this.db.get<{ dashboard_id: string }>('SELECT dashboard_id FROM dashboard_homes WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId]))?.dashboard_id ?? null;
  }

  /** Sets (or with null clears) the user's home board. */
  async setHome(tenantId: string, userId: string, dashboardId: string | null): Promise<void> {
    if (dashboardId === null) {
      await this.db.run('DELETE FROM dashboard_homes WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId]);
      return;
    }
    await this.db.run('INSERT INTO dashboard_homes (tenant_id, user_id, dashboard_id) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, user_id) DO UPDATE SET dashboard_id = excluded.dashboard_id', [tenantId, userId, dashboardId]);
  }
}
