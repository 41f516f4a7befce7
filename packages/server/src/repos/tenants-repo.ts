/**
 * @module repos/tenants-repo
 * Tenants: every other row belongs to one. A tenant has a unique slug, can be disabled, and carries
 * its quotas (NULL = no daily limit / the global retention).
 */
import type { SqlDb } from '../db/sql-db.ts';
import { SYSTEM_REPO_DEPS, type RepoDeps } from './repo-deps.ts';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  disabled: boolean;
  /** Events accepted per UTC day; null = unlimited. */
  maxEventsPerDay: number | null;
  /** Days events are kept; null = the global `retention.days`. */
  retentionDays: number | null;
  createdAt: number;
}

/** What can change on a tenant. */
export interface TenantPatch {
  slug?: string;
  name?: string;
  disabled?: boolean;
  maxEventsPerDay?: number | null;
  retentionDays?: number | null;
}

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  disabled: number | null;
  max_events_per_day: number | string | null;
  retention_days: number | null;
  created_at: number;
}

const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const toTenant = (r: TenantRow): Tenant => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  disabled: !!Number(r.disabled ?? 0),
  maxEventsPerDay: numOrNull(r.max_events_per_day),
  retentionDays: numOrNull(r.retention_days),
  createdAt: Number(r.created_at),
});

/** Storage of tenants and their daily usage. */
export class TenantsRepo {
  constructor(private readonly db: SqlDb, private readonly deps: RepoDeps = SYSTEM_REPO_DEPS) {}

  async create(slug: string, name: string, quotas: { maxEventsPerDay?: number | null; retentionDays?: number | null } = {}): Promise<Tenant> {
    const id = this.deps.newId();
    const now = this.deps.now();
    await this.db.run('INSERT INTO tenants (id, slug, name, created_at, updated_at, max_events_per_day, retention_days) VALUES ($1, $2, $3, $4, $4, $5, $6)', [id, slug, name, now, quotas.maxEventsPerDay ?? null, quotas.retentionDays ?? null]);
    return (await this.byId(id))!;
  }

  async bySlug(slug: string): Promise<Tenant | undefined> {
    const r = await this.db.get<TenantRow>('SELECT * FROM tenants WHERE slug = $1', [slug]);
    return r && toTenant(r);
  }

  async byId(id: string): Promise<Tenant | undefined> {
    const r = await this.db.get<TenantRow>('SELECT * FROM tenants WHERE id = $1', [id]);
    return r && toTenant(r);
  }

  async list(): Promise<Tenant[]> {
    return (await this.db.all<TenantRow>('SELECT * FROM tenants ORDER BY slug')).map(toTenant);
  }

  async update(id: string, patch: TenantPatch): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    const add = (col: string, v: unknown) => {
      params.push(v);
      sets.push(`${col} = $${params.length}`);
    };
    if (patch.slug !== undefined) add('slug', patch.slug);
    if (patch.name !== undefined) add('name', patch.name);
    if (patch.disabled !== undefined) add('disabled', patch.disabled ? 1 : 0);
    if (patch.maxEventsPerDay !== undefined) add('max_events_per_day', patch.maxEventsPerDay);
    if (patch.retentionDays !== undefined) add('retention_days', patch.retentionDays);
    if (!sets.length) return;
    add('updated_at', this.deps.now());
    await this.db.run(`UPDATE tenants SET ${sets.join(', ')} WHERE id = $1`, params);
  }

  async count(): Promise<number> {
    const r = await this.db.get<{ n: number }>('SELECT count(*) AS n FROM tenants');
    return Number(r?.n ?? 0);
  }

  /** Usage counters of one UTC day (`YYYY-MM-DD`), by tenant id. */
  async usage(day: string): Promise<Map<string, { events: number; rejected: number }>> {
    const rows = await this.db.all<{ tenant_id: string; events: number; rejected: number }>('SELECT tenant_id, events, rejected FROM tenant_usage WHERE day = $1', [day]);
    return new Map(rows.map((r) => [r.tenant_id, { events: Number(r.events), rejected: Number(r.rejected) }]));
  }

  /** Adds to a tenant's counters of one day. */
  async addUsage(tenantId: string, day: string, events: number, rejected: number): Promise<void> {
    await this.db.run(
      'INSERT INTO tenant_usage (tenant_id, day, events, rejected) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, day) DO UPDATE SET events = tenant_usage.events + $3, rejected = tenant_usage.rejected + $4',
      [tenantId, day, events, rejected],
    );
  }
}
