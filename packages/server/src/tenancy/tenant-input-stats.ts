/**
 * @module tenancy/tenant-input-stats
 * Per-tenant, per-input counters (received, emitted, dropped, failed, parse failures): what
 * `/api/v1/inputs` shows a tenant, so no tenant sees another's traffic. Socket-level losses that
 * happen before a sender is routed to a tenant stay in the installation-wide metrics only.
 */
import type { Input } from '@vigil/contracts';

type Stage = 'received' | 'emitted' | 'dropped' | 'failed' | 'parseFailures';
type Row = Record<Stage, number>;

/** Counters by tenant, then input. */
export class TenantInputStats {
  private readonly byTenant = new Map<string, Map<Input, Row>>();

  /** Adds `n` to one counter. */
  add(tenantId: string, input: Input, stage: Stage, n: number): void {
    if (!n) return;
    let t = this.byTenant.get(tenantId);
    if (!t) this.byTenant.set(tenantId, (t = new Map()));
    let r = t.get(input);
    if (!r) t.set(input, (r = { received: 0, emitted: 0, dropped: 0, failed: 0, parseFailures: 0 }));
    r[stage] += n;
  }

  /** One tenant's counters, in the shape of `/api/v1/inputs`. */
  snapshot(tenantId: string): Array<{ name: Input } & Row> {
    return [...(this.byTenant.get(tenantId) ?? [])].map(([name, r]) => ({ name, ...r }));
  }
}
