/**
 * @module repos/api-keys-repo
 * API keys: only the SHA-256 of the secret is stored; after a rotation the previous secret stays valid
 * until `prev_valid_until` (the overlap period).
 */
import type { SqlDb } from '../db/sql-db.ts';
import { SYSTEM_REPO_DEPS, type RepoDeps } from './repo-deps.ts';
import type { Role, Scope } from '../auth/permissions.ts';

export interface ApiKey {
  id: string;
  tenantId: string;
  name: string;
  scopes: Scope[];
  secretHash: string;
  prevSecretHash: string | null;
  prevValidUntil: number | null;
  createdBy: string | null;
  createdAt: number;
  rotatedAt: number | null;
  lastUsedAt: number | null;
  expiresAt: number | null;
  revokedAt: number | null;
}

interface ApiKeyRow {
  id: string;
  tenant_id: string;
  name: string;
  scopes: string;
  secret_hash: string;
  prev_secret_hash: string | null;
  prev_valid_until: number | null;
  created_by: string | null;
  created_at: number;
  rotated_at: number | null;
  last_used_at: number | null;
  expires_at: number | null;
  revoked_at: number | null;
}

const num = (v: number | null) => (v === null ? null : Number(v));
const toKey = (r: ApiKeyRow): ApiKey => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  scopes: r.scopes.split(',').filter(Boolean) as Scope[],
  secretHash: r.secret_hash,
  prevSecretHash: r.prev_secret_hash,
  prevValidUntil: num(r.prev_valid_until),
  createdBy: r.created_by,
  createdAt: Number(r.created_at),
  rotatedAt: num(r.rotated_at),
  lastUsedAt: num(r.last_used_at),
  expiresAt: num(r.expires_at),
  revokedAt: num(r.revoked_at),
});

/** Storage of API keys. */
export class ApiKeysRepo {
  constructor(private readonly db: SqlDb, private readonly deps: RepoDeps = SYSTEM_REPO_DEPS) {}

  async create(k: { id: string; tenantId: string; name: string; scopes: readonly Scope[]; secretHash: string; createdBy: string | null; expiresAt: number | null }): Promise<ApiKey> {
    await this.db.run('INSERT INTO api_keys (id, tenant_id, name, scopes, secret_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [k.id, k.tenantId, k.name, k.scopes.join(','), k.secretHash, k.createdBy, this.deps.now(), k.expiresAt]);
    return (await this.byId(k.tenantId, k.id))!;
  }

  /** Lookup by id alone, for authenticating a presented key: the key, its tenant's state and its creator's current role. */
  async forAuth(id: string): Promise<{ key: ApiKey; tenantDisabled: boolean; creator: { role: Role; disabled: boolean } | null } | undefined> {
    const r = await this.db.get<ApiKeyRow & { tenant_disabled: number; creator_role: string | null; creator_disabled: number | null }>(
      'SELECT k.*, t.disabled AS tenant_disabled, u.role AS creator_role, u.disabled AS creator_disabled FROM api_keys k JOIN tenants t ON t.id = k.tenant_id LEFT JOIN users u ON u.id = k.created_by WHERE k.id = $1',
      [id],
    );
    if (!r) return undefined;
    // A creator that no longer exists (deleted) is treated as disabled.
    const creator = r.created_by === null ? null : { role: (r.creator_role ?? 'viewer') as Role, disabled: r.creator_role === null || !!Number(r.creator_disabled) };
    return { key: toKey(r), tenantDisabled: !!Number(r.tenant_disabled), creator };
  }

  async byId(tenantId: string, id: string): Promise<ApiKey | undefined> {
    const r = await this.db.get<ApiKeyRow>('SELECT * FROM api_keys WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return r && toKey(r);
  }

  async list(tenantId: string): Promise<ApiKey[]> {
    return (await this.db.all<ApiKeyRow>('SELECT * FROM api_keys WHERE tenant_id = $1 ORDER BY created_at DESC', [tenantId])).map(toKey);
  }

  async revoke(tenantId: string, id: string, at: number): Promise<boolean> {
    return (await this.db.run('UPDATE api_keys SET revoked_at = $3 WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL', [tenantId, id, at])).changes > 0;
  }

  async rotate(tenantId: string, id: string, newHash: string, prevValidUntil: number, at: number, createdBy: string | null): Promise<boolean> {
    return (await this.db.run('UPDATE api_keys SET prev_secret_hash = secret_hash, prev_valid_until = $4, secret_hash = $3, rotated_at = $5, created_by = $6 WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL', [tenantId, id, newHash, prevValidUntil, at, createdBy])).changes > 0;
  }

  async touch(id: string, at: number): Promise<void> {
    await this.db.run('UPDATE api_keys SET last_used_at = $2 WHERE id = $1', [id, at]);
  }
}
