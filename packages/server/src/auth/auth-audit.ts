/**
 * @module auth/auth-audit
 * Writes authentication failures to the audit log with the client address: failed logins, lockouts,
 * throttled attempts and refused API keys. Failures that name no tenant (an unknown username or key)
 * go to the platform owner's tenant. Repeats of the same failure (action, actor, address) within a
 * minute are written once, so a password-spraying or key-guessing flood cannot fill the database.
 */
import type { AuditRepo } from '../repos/audit-repo.ts';
import type { Logger } from '../log/logger.ts';
import type { AuthEvent } from './auth-service.ts';
import type { KeyRejection } from './api-key-service.ts';

const REPEAT_MS = 60_000;
const MAX_REMEMBERED = 10_000;

/** The audit trail of authentication failures. */
export class AuthAudit {
  private readonly recent = new Map<string, number>();

  constructor(private readonly audit: AuditRepo, private readonly platformTenant: () => Promise<string | undefined>, private readonly log: Logger, private readonly now: () => number = Date.now) {}

  private write(tenantId: string | null, e: { actor: string; action: string; target?: string; details?: unknown; ip?: string }): void {
    const key = `${e.action}\u0000${e.actor}\u0000${e.ip ?? ''}`;
    const t = this.now();
    if ((this.recent.get(key) ?? -Infinity) + REPEAT_MS > t) return;
    if (this.recent.size > MAX_REMEMBERED) this.recent.clear();
    this.recent.set(key, t);
    void (async () => {
      const tenant = tenantId ?? (await this.platformTenant());
      if (tenant) await this.audit.record(tenant, e);
    })().catch((err) => this.log.error({ err }, 'could not write the audit log'));
  }

  /** A failed, throttled or locked-out login. */
  login(e: AuthEvent): void {
    this.log.info({ username: e.username, ip: e.ip, reason: e.reason, action: e.action }, e.action === 'auth.login_failed' ? 'login failed' : e.action === 'auth.lockout' ? 'login locked out' : 'login throttled');
    this.write(e.tenantId, { actor: e.username, action: e.action, details: { reason: e.reason }, ip: e.ip });
  }

  /** A refused API key (the key id only, never the secret). */
  apiKey(r: KeyRejection): void {
    this.log.info({ keyId: r.keyId, ip: r.ip, reason: r.reason }, 'api key refused');
    this.write(r.tenantId, { actor: r.keyId ? `apikey:${r.keyId}` : 'apikey:?', action: 'auth.apikey_refused', target: r.keyId ?? undefined, details: { reason: r.reason }, ip: r.ip });
  }
}
