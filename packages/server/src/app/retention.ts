/**
 * @module app/retention
 * The background job that deletes old events and expired sessions, hourly (and once shortly after
 * start). Each tenant keeps events for its own `retentionDays`, or the global `retention.days`: one
 * pass deletes what every tenant has given up (PostgreSQL drops whole day partitions there), then
 * tenants with a shorter retention are trimmed one by one.
 */
import type { EventStore } from '../storage/event-store.ts';
import type { SessionsRepo } from '../repos/sessions-repo.ts';
import type { Logger } from '../log/logger.ts';

const DAY = 86_400_000;

/** A tenant's retention: its id and days (null: the global days). */
export interface TenantRetention {
  id: string;
  retentionDays: number | null;
}

/** The passes one run makes: a global cutoff for everyone, then per-tenant cutoffs that are earlier. */
export function retentionPlan(globalDays: number, tenants: readonly TenantRetention[], now: number): { all: number; perTenant: Array<{ tenantId: string; cutoff: number }> } {
  const days = tenants.map((t) => t.retentionDays ?? globalDays);
  const longest = Math.max(globalDays, ...days);
  return {
    all: now - longest * DAY,
    perTenant: tenants.filter((_, i) => days[i]! < longest).map((t) => ({ tenantId: t.id, cutoff: now - (t.retentionDays ?? globalDays) * DAY })),
  };
}

/** Starts the job; answers a handle that stops it. */
export function startRetention(deps: { store: EventStore; sessions: SessionsRepo; days: number; tenants?: () => readonly TenantRetention[]; log: Logger; everyMs?: number; now?: () => number }): { stop(): void; runOnce(): Promise<number> } {
  const now = deps.now ?? Date.now;
  let running = false;
  const runOnce = async (): Promise<number> => {
    if (running) return 0;
    running = true;
    try {
      const plan = retentionPlan(deps.days, deps.tenants?.() ?? [], now());
      let deleted = await deps.store.deleteBefore(plan.all);
      for (const t of plan.perTenant) deleted += await deps.store.deleteBefore(t.cutoff, t.tenantId);
      await deps.sessions.deleteExpired(now());
      if (deleted) deps.log.info({ deleted, days: deps.days, tenantsTrimmed: plan.perTenant.length }, 'retention: deleted old events');
      return deleted;
    } catch (err) {
      deps.log.error({ err }, 'retention run failed');
      return 0;
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void runOnce(), 10_000);
  const timer = setInterval(() => void runOnce(), deps.everyMs ?? 3_600_000);
  first.unref();
  timer.unref();
  return { stop: () => (clearTimeout(first), clearInterval(timer)), runOnce };
}
