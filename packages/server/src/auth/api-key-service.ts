/**
 * @module auth/api-key-service
 * API keys: `vgl_<id>_<secret>`. Shown once at creation or rotation; stored as SHA-256 of the secret.
 * Verified keys are cached briefly so ingest does not hit the database per request; revoking or
 * rotating in this process clears the cache at once.
 */
import { VigilError, type ApiKey as PublicApiKey } from '@vigil/contracts';
import type { ApiKeysRepo, ApiKey } from '../repos/api-keys-repo.ts';
import { SCOPES, type Principal, type Scope } from './permissions.ts';
import { randomToken, safeEqual, sha256 } from './secrets.ts';

const KEY_RE = /^vgl_([A-Za-z0-9]{16})_([A-Za-z0-9_-]{32,64})$/;
const CACHE_MS = 5_000;
const TOUCH_MS = 60_000;

/** The list view of a key (never the secret). */
export function publicKey(k: ApiKey): PublicApiKey {
  const iso = (v: number | null) => (v === null ? null : new Date(v).toISOString());
  return { id: k.id, name: k.name, scopes: k.scopes, prefix: `vgl_${k.id}`, createdAt: new Date(k.createdAt).toISOString(), rotatedAt: iso(k.rotatedAt), lastUsedAt: iso(k.lastUsedAt), expiresAt: iso(k.expiresAt), revokedAt: iso(k.revokedAt) };
}

/** Validates a scopes list from a request. */
export function parseScopes(v: unknown): Scope[] {
  const list = typeof v === 'string' ? v.split(',').map((s) => s.trim()) : v;
  if (!Array.isArray(list) || !list.length || list.some((s) => !(SCOPES as readonly string[]).includes(s))) {
    throw new VigilError('VIGIL_ERR_VALIDATION', `scopes must be a non-empty list of ${SCOPES.join(', ')}`, { field: 'scopes' });
  }
  return [...new Set(list as Scope[])];
}

function newKeyId(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomToken(24);
  let out = '';
  for (let i = 0; out.length < 16; i++) out += alphabet[bytes.charCodeAt(i % bytes.length) % alphabet.length]! ;
  return out;
}

/** Creating, verifying, listing, revoking and rotating API keys. */
export class ApiKeyService {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();
  private readonly touched = new Map<string, number>();

  constructor(private readonly repo: ApiKeysRepo, private readonly now: () => number = Date.now) {}

  /** Creates a key; answers it with its secret (shown once). */
  async create(tenantId: string, input: { name: unknown; scopes: unknown; expiresAt?: unknown }, createdBy: string | null): Promise<{ key: string; record: ApiKey }> {
    if (typeof input.name !== 'string' || !input.name.trim() || input.name.length > 200) throw new VigilError('VIGIL_ERR_VALIDATION', 'name is required (1-200 characters)', { field: 'name' });
    const scopes = parseScopes(input.scopes);
    let expiresAt: number | null = null;
    if (input.expiresAt !== undefined && input.expiresAt !== null) {
      expiresAt = Date.parse(String(input.expiresAt));
      if (!Number.isFinite(expiresAt)) throw new VigilError('VIGIL_ERR_VALIDATION', 'expiresAt must be an ISO 8601 time', { field: 'expiresAt' });
    }
    const id = newKeyId();
    const secret = randomToken(32);
    const record = await this.repo.create({ id, tenantId, name: input.name.trim(), scopes, secretHash: sha256(secret), createdBy, expiresAt });
    return { key: `vgl_${id}_${secret}`, record };
  }

  /** The principal of a presented key; throws VIGIL_ERR_BAD_API_KEY when it is not valid now. */
  async verify(presented: string): Promise<Principal> {
    const now = this.now();
    const hit = this.cache.get(presented);
    if (hit && hit.until > now) return hit.principal;
    const m = KEY_RE.exec(presented);
    if (!m) throw new VigilError('VIGIL_ERR_BAD_API_KEY', 'The API key is malformed: expected vgl_<id>_<secret>.');
    const k = await this.repo.byIdAnyTenant(m[1]!);
    const h = sha256(m[2]!);
    const current = !!k && safeEqual(k.secretHash, h);
    const previous = !!k && !!k.prevSecretHash && k.prevValidUntil !== null && k.prevValidUntil > now && safeEqual(k.prevSecretHash, h);
    if (!k || (!current && !previous) || k.revokedAt !== null || (k.expiresAt !== null && k.expiresAt <= now)) {
      throw new VigilError('VIGIL_ERR_BAD_API_KEY');
    }
    const principal: Principal = { kind: 'apikey', tenantId: k.tenantId, id: k.id, name: `apikey:${k.name}`, scopes: k.scopes };
    const until = Math.min(now + CACHE_MS, k.expiresAt ?? Infinity, previous && !current ? k.prevValidUntil! : Infinity);
    this.cache.set(presented, { principal, until });
    if (this.cache.size > 10_000) this.cache.clear();
    if ((this.touched.get(k.id) ?? 0) + TOUCH_MS < now) {
      this.touched.set(k.id, now);
      void this.repo.touch(k.id, now).catch(() => undefined);
    }
    return principal;
  }

  async list(tenantId: string): Promise<ApiKey[]> {
    return this.repo.list(tenantId);
  }

  async revoke(tenantId: string, id: string): Promise<void> {
    if (!(await this.repo.revoke(tenantId, id, this.now()))) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No active API key ${id}.`);
    this.cache.clear();
  }

  /** Issues a new secret; the old one keeps working for `overlapSeconds` (default 1 h). */
  async rotate(tenantId: string, id: string, overlapSeconds = 3600): Promise<{ key: string; record: ApiKey }> {
    if (!Number.isInteger(overlapSeconds) || overlapSeconds < 0 || overlapSeconds > 30 * 86400) throw new VigilError('VIGIL_ERR_VALIDATION', 'overlapSeconds must be an integer from 0 to 2592000', { field: 'overlapSeconds' });
    const secret = randomToken(32);
    const now = this.now();
    if (!(await this.repo.rotate(tenantId, id, sha256(secret), now + overlapSeconds * 1000, now))) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No active API key ${id}.`);
    this.cache.clear();
    return { key: `vgl_${id}_${secret}`, record: (await this.repo.byId(tenantId, id))! };
  }
}
