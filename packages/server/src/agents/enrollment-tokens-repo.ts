/**
 * @module agents/enrollment-tokens-repo
 * Enrollment tokens per tenant: only the secret's hash is stored. `consume` takes one use inside the
 * caller's transaction with a guarded UPDATE, so two hosts enrolling at once cannot both take the last use.
 */
import type { SqlDb } from '../db/sql-db.ts';

/** A token row. */
export interface TokenRecord {
  id: string;
  tenantId: string;
  name: string;
  secretHash: string;
  tags: string[];
  hostGroup: string | null;
  maxUses: number;
  uses: number;
  expiresAt: number;
  createdBy: string | null;
  createdAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toToken(r: Row): TokenRecord {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    name: r.name as string,
    secretHash: r.secret_hash as string,
    tags: JSON.parse(r.tags as string) as string[],
    hostGroup: (r.host_group as string | null) ?? null,
    maxUses: Number(r.max_uses),
    uses: Number(r.uses),
    expiresAt: Number(r.expires_at),
    createdBy: (r.created_by as string | null) ?? null,
    createdAt: Number(r.created_at),
    revokedAt: num(r.revoked_at),
    lastUsedAt: num(r.last_used_at),
  };
}

/** Storage of enrollment tokens. */
export class EnrollmentTokensRepo {
  constructor(private readonly db: SqlDb) {}

  async create(t: Omit<TokenRecord, 'uses' | 'revokedAt' | 'lastUsedAt'>): Promise<TokenRecord> {
    await this.db.run('INSERT INTO enrollment_tokens (id, tenant_id, name, secret_hash, tags, host_group, max_uses, expires_at, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [t.id, t.tenantId, t.name, t.secretHash, JSON.stringify(t.tags), t.hostGroup, t.maxUses, t.expiresAt, t.createdBy, t.createdAt]);
    return (await this.get(t.tenantId, t.id))!;
  }

  async get(tenantId: string, id: string): Promise<TokenRecord | undefined> {
    const r = await this.db.get<Row>('SELECT * FROM enrollment_tokens WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return r && toToken(r);
  }

  /** A token by id alone (enrollment: the token names its tenant). */
  async byId(db: SqlDb, id: string): Promise<TokenRecord | undefined> {
    const r = await db.get<Row>('SELECT * FROM enrollment_tokens WHERE id = $1', [id]);
    return r && toToken(r);
  }

  async list(tenantId: string): Promise<TokenRecord[]> {
    return (await this.db.all<Row>('SELECT * FROM enrollment_tokens WHERE tenant_id = $1 ORDER BY created_at DESC', [tenantId])).map(toToken);
  }

  async revoke(tenantId: string, id: string, at: number): Promise<boolean> {
    return (await this.db.run('UPDATE enrollment_tokens SET revoked_at = $3 WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL', [tenantId, id, at])).changes > 0;
  }

  /** Takes one use if one is left and the token is live; answers false otherwise. */
  async consume(db: SqlDb, id: string, at: number): Promise<boolean> {
    return (await db.run('UPDATE enrollment_tokens SET uses = uses + 1, last_used_at = $2 WHERE id = $1 AND uses < max_uses AND revoked_at IS NULL AND expires_at > $2', [id, at])).changes > 0;
  }
}
