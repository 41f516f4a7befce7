/**
 * @module snmp/trap-credentials
 * Communities and v3 users that may send traps, per tenant. Secrets are sealed at rest (SecretBox,
 * bound to their row id) and never leave through the API after creation. The trap receiver reads the
 * decrypted set of a tenant from memory (`forTenant`, synchronous on the hot path); a change reloads
 * that tenant and tells the listeners.
 */
import { VigilError } from '@vigil/contracts';
import type { SqlDb } from '../db/sql-db.ts';
import type { SecretBox } from '../auth/secret-box.ts';
import { parseV3User, publicV3User, type V3User } from './snmp-security.ts';

/** What the receiver needs of one tenant. */
export interface TenantTrapCredentials {
  communities: readonly string[];
  users: readonly V3User[];
  /** Bumped on every change, so receivers know to rebuild. */
  version: number;
}

/** A community as the API shows it (the secret is not in it). */
export interface PublicCommunity {
  id: string;
  name: string;
  createdAt: string;
}

/** A v3 user as the API shows it (keys are not in it). */
export interface PublicTrapUser {
  id: string;
  name: string;
  level: string;
  authProtocol?: string;
  privProtocol?: string;
  createdAt: string;
}

const EMPTY: TenantTrapCredentials = { communities: [], users: [], version: 0 };

/** Stores and caches trap credentials. */
export class TrapCredentials {
  private readonly cache = new Map<string, TenantTrapCredentials>();
  private version = 0;

  constructor(private readonly db: SqlDb, private readonly box: SecretBox, private readonly newId: () => string, private readonly now: () => number = Date.now) {}

  /** Loads every tenant's credentials (start-up). */
  async load(): Promise<void> {
    const tenants = new Set<string>();
    for (const r of await this.db.all<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM snmp_communities UNION SELECT DISTINCT tenant_id FROM snmp_users')) tenants.add(r.tenant_id);
    for (const t of tenants) await this.reload(t);
  }

  /** The decrypted credentials of a tenant (empty when it has none). */
  forTenant(tenantId: string): TenantTrapCredentials {
    return this.cache.get(tenantId) ?? EMPTY;
  }

  private async reload(tenantId: string): Promise<void> {
    const communities = (await this.db.all<{ id: string; secret: string }>('SELECT id, secret FROM snmp_communities WHERE tenant_id = $1', [tenantId])).map((r) => this.box.open(r.secret, r.id));
    const users = (await this.db.all<{ id: string; secret: string }>('SELECT id, secret FROM snmp_users WHERE tenant_id = $1', [tenantId])).map((r) => JSON.parse(this.box.open(r.secret, r.id)) as V3User);
    this.cache.set(tenantId, { communities, users, version: ++this.version });
  }

  async listCommunities(tenantId: string): Promise<PublicCommunity[]> {
    const rows = await this.db.all<{ id: string; name: string; created_at: number }>('SELECT id, name, created_at FROM snmp_communities WHERE tenant_id = $1 ORDER BY name', [tenantId]);
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: new Date(Number(r.created_at)).toISOString() }));
  }

  /** Adds a community; `name` is a label for people, `community` the secret string. */
  async addCommunity(tenantId: string, body: unknown): Promise<PublicCommunity> {
    const b = (body ?? {}) as Record<string, unknown>;
    const community = typeof b.community === 'string' ? b.community : '';
    if (!community || community.length > 64) throw new VigilError('VIGIL_ERR_VALIDATION', 'community must be a string of 1-64 characters.', { field: 'community' });
    const name = typeof b.name === 'string' && b.name.trim() ? b.name.trim().slice(0, 100) : `community-${(await this.listCommunities(tenantId)).length + 1}`;
    if (this.forTenant(tenantId).communities.includes(community)) throw new VigilError('VIGIL_ERR_CONFLICT', 'This community is already accepted for this tenant.');
    if ((await this.listCommunities(tenantId)).some((c) => c.name === name)) throw new VigilError('VIGIL_ERR_CONFLICT', `A community named "${name}" exists.`);
    const id = this.newId();
    const at = this.now();
    await this.db.run('INSERT INTO snmp_communities (id, tenant_id, name, secret, created_at) VALUES ($1, $2, $3, $4, $5)', [id, tenantId, name, this.box.seal(community, id), at]);
    await this.reload(tenantId);
    return { id, name, createdAt: new Date(at).toISOString() };
  }

  async deleteCommunity(tenantId: string, id: string): Promise<void> {
    const { changes } = await this.db.run('DELETE FROM snmp_communities WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    if (!changes) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No such community.');
    await this.reload(tenantId);
  }

  async listUsers(tenantId: string): Promise<PublicTrapUser[]> {
    const rows = await this.db.all<{ id: string; name: string; level: string; auth_protocol: string | null; priv_protocol: string | null; created_at: number }>('SELECT id, name, level, auth_protocol, priv_protocol, created_at FROM snmp_users WHERE tenant_id = $1 ORDER BY name', [tenantId]);
    return rows.map((r) => ({ id: r.id, name: r.name, level: r.level, ...(r.auth_protocol ? { authProtocol: r.auth_protocol } : {}), ...(r.priv_protocol ? { privProtocol: r.priv_protocol } : {}), createdAt: new Date(Number(r.created_at)).toISOString() }));
  }

  /** Adds a v3 user (name unique per tenant). */
  async addUser(tenantId: string, body: unknown): Promise<PublicTrapUser> {
    const u = parseV3User(body);
    if ((await this.listUsers(tenantId)).some((x) => x.name === u.name)) throw new VigilError('VIGIL_ERR_CONFLICT', `An SNMPv3 user named "${u.name}" exists.`);
    const id = this.newId();
    const at = this.now();
    await this.db.run('INSERT INTO snmp_users (id, tenant_id, name, level, auth_protocol, priv_protocol, secret, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [id, tenantId, u.name, u.level, u.authProtocol ?? null, u.privProtocol ?? null, this.box.seal(JSON.stringify(u), id), at]);
    await this.reload(tenantId);
    return { id, ...publicV3User(u), createdAt: new Date(at).toISOString() };
  }

  async deleteUser(tenantId: string, id: string): Promise<void> {
    const { changes } = await this.db.run('DELETE FROM snmp_users WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    if (!changes) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No such SNMPv3 user.');
    await this.reload(tenantId);
  }
}
