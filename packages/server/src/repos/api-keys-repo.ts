/**
 * @module repos/api-keys-repo
 * API keys: only the SHA-256 of the secret is stored; after a rotation the previous secret stays valid
 * until `prev_valid_until` (the overlap period).
 */
import type { SqlDb } from '../db/sql-db.ts';
import type { Scope } from '../auth/permissions.ts';

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
  constructor(private readonly db: SqlDb) {}

  async create(k: { id: string; tenantId: string; name: string; scopes: readonly Scope[]; secretHash: string; createdBy: string | null; expiresAt: number | null }): Promise<ApiKey> {
    await this.db.run('INSERT INTO api_keys (id, tenant_id, name, scopes, secret_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [k.id, k.tenantId, k.name, k.scopes.join(','), k.secretHash, k.createdBy, Date.now(), k.expiresAt]);
    return (await this.byId(k.tenantId, k.id))!;
  }

  /** Lookup by id alone, for authenticating a presented key. */
  async byIdAnyTenant(id: string): Promise<ApiKey | undefined> {
    const r = await this.db.get<ApiKeyRow>('SELECT * FROM api_keys WHERE id = $1', [id]);
    return r && toKey(r);
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

  async rotate(tenantId: string, id: string, newHash: string, prevValidUntil: number, at: number): Promise<boolean> {
    return (await this.db.run('UPDATE api_keys SET prev_secret_hash = secret_hash, prev_valid_until = $4, secret_hash = $3, rotated_at = $5 WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL', [tenantId, id, newHash, prevValidUntil, at])).changes > 0;
  }

  async touch(id: string, at: number): Promise<void> {
    await this.db.run('UPDATE api_keys SET last_used_at = $2 WHERE id = $1', [id, at]);
  }
}
