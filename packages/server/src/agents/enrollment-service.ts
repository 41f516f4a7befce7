/**
 * @module agents/enrollment-service
 * Enrollment tokens (mint, list, revoke) and enrollment itself: a live token with a use left becomes
 * one host with its own credential, in one transaction. Tokens are per tenant and short-lived by
 * default (1 h, one use), unlike a fleet-wide shared secret: a leaked token enrolls at most its
 * remaining uses before it expires, and revoking it stops that at once.
 */
import { VigilError, parseDuration, type EnrollmentToken, type EnrollBody, type AgentConfig } from '@vigil/contracts';
import type { SqlDb } from '../db/sql-db.ts';
import { safeEqual, sha256 } from '../auth/secrets.ts';
import type { EnrollmentTokensRepo, TokenRecord } from './enrollment-tokens-repo.ts';
import type { HostsRepo } from './hosts-repo.ts';
import { credentialText, newSecret, newTokenId, parseCredential, parseToken, tokenText } from './agent-secrets.ts';

/** Longest token lifetime. */
const MAX_TTL_MS = 30 * 86_400_000;

/** The list view of a token (never the secret). */
export function publicToken(t: TokenRecord, now: number): EnrollmentToken {
  const iso = (v: number | null) => (v === null ? null : new Date(v).toISOString());
  const status = t.revokedAt !== null ? 'revoked' : t.expiresAt <= now ? 'expired' : t.uses >= t.maxUses ? 'used_up' : 'active';
  return { id: t.id, name: t.name, prefix: `vgt_${t.id}`, tags: t.tags, hostGroup: t.hostGroup, maxUses: t.maxUses, uses: t.uses, status, expiresAt: new Date(t.expiresAt).toISOString(), createdAt: new Date(t.createdAt).toISOString(), createdBy: t.createdBy, revokedAt: iso(t.revokedAt), lastUsedAt: iso(t.lastUsedAt) };
}

/** What minting a token takes. */
export interface MintInput {
  name?: string;
  ttl?: string;
  uses?: number;
  tags?: readonly string[];
  hostGroup?: string;
}

/** Tokens and enrollment. */
export class EnrollmentService {
  constructor(
    private readonly db: SqlDb,
    private readonly tokens: EnrollmentTokensRepo,
    private readonly hosts: HostsRepo,
    private readonly deps: { now: () => number; newId: () => string; agentConfig: () => AgentConfig },
  ) {}

  /** Mints a token; answers it with its secret (shown once). */
  async mint(tenantId: string, input: MintInput, createdBy: string | null): Promise<{ token: string; record: TokenRecord }> {
    const ttl = input.ttl === undefined ? 3_600_000 : parseDuration(input.ttl);
    if (ttl === null || ttl <= 0 || ttl > MAX_TTL_MS) throw new VigilError('VIGIL_ERR_VALIDATION', 'ttl must be a duration from 1s to 30d, such as 1h or 7d.', { field: 'ttl' });
    const uses = input.uses ?? 1;
    if (!Number.isInteger(uses) || uses < 1 || uses > 100_000) throw new VigilError('VIGIL_ERR_VALIDATION', 'uses must be an integer from 1 to 100000.', { field: 'uses' });
    const tags = [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))];
    if (tags.length > 50 || tags.some((t) => t.length > 64)) throw new VigilError('VIGIL_ERR_VALIDATION', 'tags must be up to 50 texts of at most 64 characters.', { field: 'tags' });
    const hostGroup = input.hostGroup?.trim() || null;
    const id = newTokenId();
    const secret = newSecret();
    const now = this.deps.now();
    const name = input.name?.trim() || `token ${new Date(now).toISOString().slice(0, 16).replace('T', ' ')}`;
    const record = await this.tokens.create({ id, tenantId, name: name.slice(0, 200), secretHash: sha256(secret), tags, hostGroup, maxUses: uses, expiresAt: now + ttl, createdBy, createdAt: now });
    return { token: tokenText(id, secret), record };
  }

  async list(tenantId: string): Promise<TokenRecord[]> {
    return this.tokens.list(tenantId);
  }

  async revoke(tenantId: string, id: string): Promise<void> {
    if (!(await this.tokens.revoke(tenantId, id, this.deps.now()))) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No active enrollment token ${id}.`);
  }

  /**
   * Enrolls a host: checks the token (live, a use left), takes one use and creates the host with a
   * fresh credential, in one transaction. A host credential is never an enrollment token, so a revoked
   * host cannot enroll again with what it holds; its operator needs a new token.
   */
  async enroll(body: EnrollBody, address: string | null): Promise<{ hostId: string; tenantId: string; credential: string; config: AgentConfig }> {
    const bad = (message?: string): never => {
      throw new VigilError('VIGIL_ERR_BAD_ENROLLMENT_TOKEN', message);
    };
    if (parseCredential(body.token)) bad('That is a host credential, not an enrollment token: a host enrolls only with a token (vigil agents token create).');
    const parsed = parseToken(body.token);
    if (!parsed) bad('The enrollment token is malformed: expected vgt_<id>_<secret>.');
    const hostname = body.hostname.trim();
    if (!hostname || /[\s\u0000-\u001f]/.test(hostname)) throw new VigilError('VIGIL_ERR_VALIDATION', 'hostname must be a host name without spaces.', { field: 'hostname' });
    const now = this.deps.now();
    const hostId = this.deps.newId();
    const secret = newSecret();
    const tenantId = await this.db.tx(async (t) => {
      const tok = await this.tokens.byId(t, parsed!.id);
      if (!tok || !safeEqual(tok.secretHash, sha256(parsed!.secret))) return bad();
      if (tok.revokedAt !== null) return bad('The enrollment token was revoked.');
      if (tok.expiresAt <= now) return bad('The enrollment token expired; mint a new one (vigil agents token create).');
      if (!(await this.tokens.consume(t, tok.id, now))) return bad('The enrollment token has no uses left; mint a new one (vigil agents token create --uses N).');
      const os = Object.fromEntries(Object.entries(body.os ?? {}).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      await this.hosts.create(t, { id: hostId, tenantId: tok.tenantId, name: hostname, machineId: body.machineId ?? null, os, agentVersion: body.agentVersion ?? null, tags: tok.tags, hostGroup: tok.hostGroup, address, secretHash: sha256(secret), enrolledAt: now, tokenId: tok.id });
      return tok.tenantId;
    });
    return { hostId, tenantId, credential: credentialText(hostId, secret), config: this.deps.agentConfig() };
  }
}
