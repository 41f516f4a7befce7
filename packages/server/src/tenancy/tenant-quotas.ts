/**
 * @module tenancy/tenant-quotas
 * Per-tenant daily event quotas with counters. Counting is in memory (one Map lookup per request or
 * per syslog batch, never per event) and written to `tenant_usage` every few seconds and at stop, so
 * a restart keeps the day's count. A day is a UTC calendar day.
 */
import type { TenantsRepo } from '../repos/tenants-repo.ts';
import type { TenantService } from './tenant-service.ts';
import type { Counter, MetricsRegistry } from '../metrics/registry.ts';

interface Usage {
  events: number;
  rejected: number;
}

/** The UTC day (`YYYY-MM-DD`) of a time. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Daily quotas and usage counters of every tenant. */
export class TenantQuotas {
  private day = '';
  private usage = new Map<string, Usage>();
  private pending = new Map<string, Usage>();
  private pendingDay = '';
  private timer: NodeJS.Timeout | null = null;
  private readonly rejectedTotal: Counter;

  constructor(private readonly repo: TenantsRepo, private readonly tenants: TenantService, metrics: MetricsRegistry, private readonly now: () => number = Date.now) {
    this.rejectedTotal = metrics.counter('vigil_tenant_quota_rejected_events_total', 'Events refused (HTTP 429) or dropped (syslog) because their tenant reached its daily quota.');
  }

  /** Loads today's counters and starts writing them every `flushMs`. */
  async start(flushMs = 5_000): Promise<void> {
    this.day = utcDay(this.now());
    this.usage = await this.repo.usage(this.day);
    this.timer = setInterval(() => void this.flush().catch(() => undefined), flushMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  private roll(): void {
    const d = utcDay(this.now());
    if (d !== this.day) {
      this.day = d;
      this.usage = new Map();
    }
  }

  private bump(tenantId: string, events: number, rejected: number): void {
    if (this.pendingDay !== this.day) {
      // Deltas of the previous day are written under it before the new day starts counting.
      if (this.pending.size) void this.flush().catch(() => undefined);
      this.pendingDay = this.day;
    }
    for (const m of [this.usage, this.pending]) {
      const u = m.get(tenantId) ?? { events: 0, rejected: 0 };
      u.events += events;
      u.rejected += rejected;
      m.set(tenantId, u);
    }
    if (rejected) this.rejectedTotal.inc({ tenant: this.tenants.cached(tenantId)?.slug ?? tenantId }, rejected);
  }

  /** True when the tenant reached its quota for today (or is disabled). */
  isOver(tenantId: string): boolean {
    this.roll();
    const t = this.tenants.cached(tenantId);
    if (t?.disabled) return true;
    const max = t?.maxEventsPerDay ?? null;
    return max !== null && (this.usage.get(tenantId)?.events ?? 0) >= max;
  }

  /** How many of `n` events the tenant may still store today; the rest are counted as rejected. */
  admit(tenantId: string, n: number): number {
    this.roll();
    const t = this.tenants.cached(tenantId);
    const max = t?.disabled ? 0 : (t?.maxEventsPerDay ?? null);
    const used = this.usage.get(tenantId)?.events ?? 0;
    const ok = max === null ? n : Math.max(0, Math.min(n, max - used));
    this.bump(tenantId, ok, n - ok);
    return ok;
  }

  /** Counts events accepted outside `admit` (HTTP), or refused whole (HTTP 429). */
  record(tenantId: string, accepted: number, rejected = 0): void {
    this.roll();
    this.bump(tenantId, accepted, rejected);
  }

  /** Today's counters of a tenant. */
  today(tenantId: string): Usage {
    this.roll();
    const u = this.usage.get(tenantId);
    return { events: u?.events ?? 0, rejected: u?.rejected ?? 0 };
  }

  /** Writes the counted deltas. */
  async flush(): Promise<void> {
    const pending = this.pending;
    const day = this.pendingDay;
    this.pending = new Map();
    for (const [tenantId, u] of pending) await this.repo.addUsage(tenantId, day, u.events, u.rejected);
  }
}
