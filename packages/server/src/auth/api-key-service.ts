/**
 * @module auth/api-key-service
 * API keys: `vgl_<id>_<secret>`. Shown once at creation or rotation; stored as SHA-256 of the secret.
 *
 * A key acts with at most the role of the user who made it: its scopes are cut to what that user's
 * role allows *now*, and a key whose creator is disabled (or whose tenant is) stops working. Keys made
 * from the CLI or at bootstrap have no creator and act with their scopes under an owner's ceiling.
 * Verified keys are cached briefly so ingest does not hit the database per request; every change to a
 * key, a user or a tenant in this process clears the cache at once (`invalidate`).
 */
import type { ActorRef, AuditRecorder } from '../repos/audit-recorder.ts';
import { VigilError, type ApiKey as PublicApiKey } from '@vigil/contracts';
import type { ApiKeysRepo, ApiKey } from '../repos/api-keys-repo.ts';
import { SCOPES, effectiveScopes, roleCan, type Principal, type Role, type Scope } from './permissions.ts';
import { randomToken, safeEqual, sha256 } from './secrets.ts';

const KEY_RE = /^vgl_([A-Za-z0-9]{16})_([A-Za-z0-9_-]{32,64})$/;
const CACHE_MS = 5_000;
const TOUCH_MS = 60_000;

/** Why a presented key was refused, for the audit log (never the secret). */
export interface KeyRejection {
  keyId: string | null;
  tenantId: string | null;
  reason: 'malformed' | 'unknown' | 'wrong_secret' | 'revoked' | 'expired' | 'creator_disabled' | 'tenant_disabled';
  ip?: string;
}

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
  for (let i = 0; out.length < 16; i++) out += alphabet[bytes.charCodeAt(i % bytes.length) % alphabet.length]!;
  return out;
}

/** Who creates a key: a user (by id and current role) or the CLI (null). */
export type KeyCreator = { userId: string; role: Role } | null;

/** The creator of a key made by this principal: a key's own creator when a key makes a key. */
export function creatorOf(p: Principal): KeyCreator {
  if (p.kind === 'user') return { userId: p.id, role: p.role! };
  return p.creatorId ? { userId: p.creatorId, role: p.role! } : null;
}

/** Creating, verifying, listing, revoking and rotating API keys. */
export class ApiKeyService {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly repo: ApiKeysRepo,
    private readonly now: () => number = Date.now,
    private readonly onReject?: (r: KeyRejection) => void,
    private readonly audit?: AuditRecorder,
  ) {}

  /** Creates a key; answers it with its secret (shown once). Nobody mints a scope their role lacks. */
  async create(tenantId: string, input: { name: unknown; scopes: unknown; expiresAt?: unknown }, creator: KeyCreator, actor?: ActorRef): Promise<{ key: string; record: ApiKey }> {
    if (typeof input.name !== 'string' || !input.name.trim() || input.name.length > 200) throw new VigilError('VIGIL_ERR_VALIDATION', 'name is required (1-200 characters)', { field: 'name' });
    const scopes = parseScopes(input.scopes);
    const over = creator ? scopes.filter((s) => !roleCan(creator.role, s)) : [];
    if (over.length) throw new VigilError('VIGIL_ERR_FORBIDDEN', `A ${creator!.role} cannot create a key with the ${over.join(', ')} scope.`);
    let expiresAt: number | null = null;
    if (input.expiresAt !== undefined && input.expiresAt !== null) {
      expiresAt = Date.parse(String(input.expiresAt));
      if (!Number.isFinite(expiresAt)) throw new VigilError('VIGIL_ERR_VALIDATION', 'expiresAt must be an ISO 8601 time', { field: 'expiresAt' });
    }
    const id = newKeyId();
    const secret = randomToken(32);
    const record = await this.repo.create({ id, tenantId, name: input.name.trim(), scopes, secretHash: sha256(secret), createdBy: creator?.userId ?? null, expiresAt });
    if (actor) await this.audit?.record(tenantId, { actor, action: 'apikey.create', targetType: 'apikey', targetId: id, after: publicKey(record) });
    return { key: `vgl_${id}_${secret}`, record };
  }

  /** The principal of a presented key; throws VIGIL_ERR_BAD_API_KEY when it is not valid now. */
  async verify(presented: string, ip?: string): Promise<Principal> {
    const now = this.now();
    const hit = this.cache.get(presented);
    if (hit && hit.until > now) return hit.principal;
    const m = KEY_RE.exec(presented);
    if (!m) return this.reject({ keyId: null, tenantId: null, reason: 'malformed', ip }, 'The API key is malformed: expected vgl_<id>_<secret>.');
    const found = await this.repo.forAuth(m[1]!);
    if (!found) return this.reject({ keyId: m[1]!, tenantId: null, reason: 'unknown', ip });
    const { key: k, creator, tenantDisabled } = found;
    const h = sha256(m[2]!);
    const current = safeEqual(k.secretHash, h);
    const previous = !!k.prevSecretHash && k.prevValidUntil !== null && k.prevValidUntil > now && safeEqual(k.prevSecretHash, h);
    const base = { keyId: k.id, tenantId: k.tenantId, ip };
    if (!current && !previous) return this.reject({ ...base, reason: 'wrong_secret' });
    if (k.revokedAt !== null) return this.reject({ ...base, reason: 'revoked' });
    if (k.expiresAt !== null && k.expiresAt <= now) return this.reject({ ...base, reason: 'expired' });
    if (tenantDisabled) return this.reject({ ...base, reason: 'tenant_disabled' }, 'The tenant of this API key is disabled.');
    if (creator?.disabled) return this.reject({ ...base, reason: 'creator_disabled' }, 'The user who created this API key is disabled.');
    const ceiling: Role = creator?.role ?? 'owner';
    const principal: Principal = { kind: 'apikey', tenantId: k.tenantId, id: k.id, name: `apikey:${k.name}`, scopes: effectiveScopes(k.scopes, ceiling), role: ceiling, creatorId: k.createdBy };
    const until = Math.min(now + CACHE_MS, k.expiresAt ?? Infinity, previous && !current ? k.prevValidUntil! : Infinity);
    this.cache.set(presented, { principal, until });
    if (this.cache.size > 10_000) this.cache.clear();
    if ((this.touched.get(k.id) ?? 0) + TOUCH_MS < now) {
      this.touched.set(k.id, now);
      void this.repo.touch(k.id, now).catch(() => undefined);
    }
    return principal;
  }

  private reject(r: KeyRejection, message?: string): never {
    this.onReject?.(r);
    throw new VigilError('VIGIL_ERR_BAD_API_KEY', message);
  }

  /** Forgets every verified key: a user, key or tenant changed. */
  invalidate(): void {
    this.cache.clear();
  }

  /** The tenant's keys, newest first. */
  async list(tenantId: string): Promise<ApiKey[]> {
    return this.repo.list(tenantId);
  }

  /** Revokes a key at once. */
  async revoke(tenantId: string, id: string, actor?: ActorRef): Promise<void> {
    const before = await this.repo.byId(tenantId, id);
    if (!(await this.repo.revoke(tenantId, id, this.now()))) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No active API key ${id}.`);
    this.cache.clear();
    if (actor) await this.audit?.record(tenantId, { actor, action: 'apikey.revoke', targetType: 'apikey', targetId: id, ...(before ? { before: publicKey(before) } : {}), after: publicKey((await this.repo.byId(tenantId, id))!) });
  }

  /**
   * Issues a new secret; the old one keeps working for `overlapSeconds` (default 1 h). The rotator
   * becomes the key's creator: whoever holds the new secret acts at most with the rotator's role, so an
   * admin cannot rotate an owner's key to borrow the owner's ceiling.
   */
  async rotate(tenantId: string, id: string, overlapSeconds: number, rotator: KeyCreator, actor?: ActorRef): Promise<{ key: string; record: ApiKey }> {
    if (!Number.isInteger(overlapSeconds) || overlapSeconds < 0 || overlapSeconds > 30 * 86400) throw new VigilError('VIGIL_ERR_VALIDATION', 'overlapSeconds must be an integer from 0 to 2592000', { field: 'overlapSeconds' });
    const secret = randomToken(32);
    const now = this.now();
    if (!(await this.repo.rotate(tenantId, id, sha256(secret), now + overlapSeconds * 1000, now, rotator?.userId ?? null))) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No active API key ${id}.`);
    this.cache.clear();
    const record = (await this.repo.byId(tenantId, id))!;
    if (actor) await this.audit?.record(tenantId, { actor, action: 'apikey.rotate', targetType: 'apikey', targetId: id, after: publicKey(record), details: { overlapSeconds } });
    return { key: `vgl_${id}_${secret}`, record };
  }
}
