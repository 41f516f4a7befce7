/**
 * @module tenancy/tenant-service
 * Tenant management for the platform owner (HTTP) and the operator (CLI): add, list, rename,
 * disable/enable and set quotas. Keeps every tenant in memory for the hot path (quotas, routing);
 * changes made here refresh it at once, changes made by another process (the CLI) within `refreshMs`.
 */
import { VigilError, type Tenant as ApiTenant } from '@vigil/contracts';
import type { TenantsRepo, Tenant, TenantPatch } from '../repos/tenants-repo.ts';
import type { UsersRepo } from '../repos/users-repo.ts';
import type { ActorRef, AuditRecorder } from '../repos/audit-recorder.ts';

const SLUG_RE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The API view of a tenant. */
export function publicTenant(t: Tenant, usage?: { events: number; rejected: number }): ApiTenant {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    disabled: t.disabled,
    quotas: { maxEventsPerDay: t.maxEventsPerDay, retentionDays: t.retentionDays },
    ...(usage ? { usageToday: usage } : {}),
    createdAt: new Date(t.createdAt).toISOString(),
  };
}

function checkSlug(v: unknown): string {
  if (typeof v !== 'string' || !SLUG_RE.test(v)) throw new VigilError('VIGIL_ERR_VALIDATION', 'slug must be 1-63 characters of a-z, 0-9 and -, starting with a letter or digit', { field: 'slug' });
  return v;
}

function checkName(v: unknown): string {
  if (typeof v !== 'string' || !v.trim() || v.length > 200) throw new VigilError('VIGIL_ERR_VALIDATION', 'name must be 1-200 characters', { field: 'name' });
  return v.trim();
}

function checkLimit(v: unknown, field: string, min: number, max: number): number | null {
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new VigilError('VIGIL_ERR_VALIDATION', `${field} must be null (no limit) or an integer from ${min} to ${max}`, { field });
  return v;
}

/** Parses the quota fields of a request body (absent fields stay undefined). */
export function parseQuotas(b: { maxEventsPerDay?: unknown; retentionDays?: unknown }): { maxEventsPerDay?: number | null; retentionDays?: number | null } {
  return {
    ...(b.maxEventsPerDay !== undefined ? { maxEventsPerDay: checkLimit(b.maxEventsPerDay, 'maxEventsPerDay', 0, 1e12) } : {}),
    ...(b.retentionDays !== undefined ? { retentionDays: checkLimit(b.retentionDays, 'retentionDays', 1, 36500) } : {}),
  };
}

/** What the audit log keeps of a tenant. */
function auditView(t: Tenant): Record<string, unknown> {
  return { id: t.id, slug: t.slug, name: t.name, disabled: t.disabled, maxEventsPerDay: t.maxEventsPerDay, retentionDays: t.retentionDays };
}

/** Tenants: management and the in-memory view the hot path reads. */
export class TenantService {
  private byIdMap = new Map<string, Tenant>();
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners: Array<() => void> = [];

  constructor(private readonly repo: TenantsRepo, private readonly users: UsersRepo, private readonly audit?: AuditRecorder) {}

  /** Loads every tenant; with `refreshMs`, reloads periodically to see changes made from the CLI. */
  async load(refreshMs?: number): Promise<void> {
    await this.reload();
    if (refreshMs && !this.timer) {
      this.timer = setInterval(() => void this.reload().catch(() => undefined), refreshMs);
      this.timer.unref();
    }
  }

  private async reload(): Promise<void> {
    const before = this.byIdMap;
    this.byIdMap = new Map((await this.repo.list()).map((t) => [t.id, t]));
    const changed = before.size !== this.byIdMap.size || [...this.byIdMap.values()].some((t) => JSON.stringify(t) !== JSON.stringify(before.get(t.id)));
    if (changed) for (const l of this.listeners) l();
  }

  /** Calls `fn` whenever a tenant changes (keys and caches re-check). */
  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** A tenant from memory (hot path; no I/O). */
  cached(id: string): Tenant | undefined {
    return this.byIdMap.get(id);
  }

  /** Every tenant from memory. */
  all(): Tenant[] {
    return [...this.byIdMap.values()];
  }

  async list(): Promise<Tenant[]> {
    return this.repo.list();
  }

  /** A tenant by id or slug. */
  async get(ref: string): Promise<Tenant> {
    const t = (await this.repo.byId(ref)) ?? (await this.repo.bySlug(ref));
    if (!t) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No tenant "${ref}".`);
    return t;
  }

  async create(input: { slug: unknown; name?: unknown; maxEventsPerDay?: unknown; retentionDays?: unknown }, actor?: ActorRef): Promise<Tenant> {
    const slug = checkSlug(input.slug);
    const name = input.name === undefined ? slug : checkName(input.name);
    const quotas = parseQuotas(input);
    if (await this.repo.bySlug(slug)) throw new VigilError('VIGIL_ERR_CONFLICT', `Tenant "${slug}" already exists.`);
    const t = await this.repo.create(slug, name, quotas);
    await this.reload();
    // Recorded in the new tenant's own log, where its admins will look.
    if (actor) await this.audit?.record(t.id, { actor, action: 'tenant.create', targetType: 'tenant', targetId: t.id, after: auditView(t) });
    return t;
  }

  /** Renames, disables/enables or sets quotas. A tenant holding an active platform owner is never disabled. */
  async update(ref: string, input: { slug?: unknown; name?: unknown; disabled?: unknown; maxEventsPerDay?: unknown; retentionDays?: unknown }, actor?: ActorRef): Promise<Tenant> {
    const t = await this.get(ref);
    const patch: TenantPatch = { ...parseQuotas(input) };
    if (input.slug !== undefined) {
      patch.slug = checkSlug(input.slug);
      const other = await this.repo.bySlug(patch.slug);
      if (other && other.id !== t.id) throw new VigilError('VIGIL_ERR_CONFLICT', `Tenant "${patch.slug}" already exists.`);
    }
    if (input.name !== undefined) patch.name = checkName(input.name);
    if (input.disabled !== undefined) {
      if (typeof input.disabled !== 'boolean') throw new VigilError('VIGIL_ERR_VALIDATION', 'disabled must be true or false', { field: 'disabled' });
      if (input.disabled && (await this.users.list(t.id)).some((u) => u.role === 'platform_owner' && !u.disabled)) {
        throw new VigilError('VIGIL_ERR_CONFLICT', `Tenant "${t.slug}" holds the platform owner and cannot be disabled.`);
      }
      patch.disabled = input.disabled;
    }
    await this.repo.update(t.id, patch);
    await this.reload();
    const after = await this.get(t.id);
    if (actor) await this.audit?.record(t.id, { actor, action: 'tenant.update', targetType: 'tenant', targetId: t.id, before: auditView(t), after: auditView(after) });
    return after;
  }
}
