/**
 * @module repos/tenants-repo
 * Tenants: every other row belongs to one.
 */
import type { SqlDb } from '../db/sql-db.ts';
import { newId } from '../app/ids.ts';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  createdAt: number;
}

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  created_at: number;
}

const toTenant = (r: TenantRow): Tenant => ({ id: r.id, slug: r.slug, name: r.name, createdAt: Number(r.created_at) });

/** Storage of tenants. */
export class TenantsRepo {
  constructor(private readonly db: SqlDb) {}

  async create(slug: string, name: string): Promise<Tenant> {
    const t = { id: newId(), slug, name, createdAt: Date.now() };
    await this.db.run('INSERT INTO tenants (id, slug, name, created_at) VALUES ($1, $2, $3, $4)', [t.id, t.slug, t.name, t.createdAt]);
    return t;
  }

  async bySlug(slug: string): Promise<Tenant | undefined> {
    const r = await this.db.get<TenantRow>('SELECT * FROM tenants WHERE slug = $1', [slug]);
    return r && toTenant(r);
  }

  async byId(id: string): Promise<Tenant | undefined> {
    const r = await this.db.get<TenantRow>('SELECT * FROM tenants WHERE id = $1', [id]);
    return r && toTenant(r);
  }

  async count(): Promise<number> {
    const r = await this.db.get<{ n: number }>('SELECT count(*) AS n FROM tenants');
    return Number(r?.n ?? 0);
  }
}
