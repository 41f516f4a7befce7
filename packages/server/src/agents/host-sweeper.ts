/**
 * @module agents/host-sweeper
 * Turns host silence into events, like the SNMP poller's `device-unreachable`: every few seconds it
 * decides each host's status (`hostStatus` in core) and, when a host goes offline or comes back, stores
 * the new status and ingests one `agent.status` event (`host-offline`, `host-online`). The built-in
 * rule `agent-host-offline` alerts on the first. The stored status makes a restart emit nothing twice;
 * after a restart the server's own downtime does not count as the hosts' silence (a grace period of
 * `offlineAfterMs` from start).
 */
import type { FieldValue } from '@vigil/contracts';
import { hostStatus, statusTransition, type HostState, type HostStatusThresholds } from '@vigil/core';
import type { IngestService } from '../pipeline/ingest-service.ts';
import type { Logger } from '../log/logger.ts';
import type { HostRecord, HostsRepo } from './hosts-repo.ts';
import type { HostPresence } from './host-presence.ts';

/** What the sweeper works with. */
export interface HostSweeperDeps {
  hosts: HostsRepo;
  presence: HostPresence;
  ingest: IngestService;
  log: Logger;
  now: () => number;
  thresholds: HostStatusThresholds;
  /** Called with the hosts that may still send (not revoked, tenant enabled) on every sweep. */
  onSwept?: (valid: ReadonlySet<string>) => void;
}

/** The periodic status check of every host. */
export class HostSweeper {
  private timer: NodeJS.Timeout | null = null;
  private readonly startedAt: number;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: HostSweeperDeps) {
    this.startedAt = deps.now();
  }

  /** Checks every host once now; answers the transitions it stored. */
  async sweep(): Promise<{ hostId: string; action: string }[]> {
    const out: { hostId: string; action: string }[] = [];
    const now = this.deps.now();
    const byTenant = new Map<string, Record<string, FieldValue>[]>();
    const rows = await this.deps.hosts.sweepRows();
    // Credentials of hosts revoked (by any process) or of disabled tenants leave the auth cache.
    this.deps.onSwept?.(new Set(rows.filter((r) => !r.revoked && !r.tenantDisabled).map((r) => r.id)));
    for (const r of rows) {
      if (r.revoked) continue;
      const stored = r.status as HostState;
      const h = { id: r.id, lastSeenAt: r.lastSeenAt };
      let seen = Math.max(h.lastSeenAt ?? 0, this.deps.presence.lastSeen(h.id) ?? 0) || null;
      if (stored !== 'offline') seen = Math.max(seen ?? 0, this.startedAt);
      const status = hostStatus(seen, false, now, this.deps.thresholds);
      if (status === stored) continue;
      await this.deps.hosts.setStatus(h.id, status);
      const action = statusTransition(stored, status);
      if (!action) continue;
      out.push({ hostId: h.id, action });
      let list = byTenant.get(r.tenantId);
      if (!list) byTenant.set(r.tenantId, (list = []));
      // The whole row (name, address, tags) only for the few hosts that change.
      list.push(this.event(await this.deps.hosts.get(r.tenantId, r.id), action, seen, now));
    }
    for (const [tenantId, events] of byTenant) {
      await this.deps.ingest.ingest(tenantId, 'agent', events.map((value) => ({ kind: 'json', value }))).catch((err) => this.deps.log.warn({ err: (err as Error).message }, 'could not store host status events'));
    }
    return out;
  }

  private event(h: HostRecord, action: 'host-offline' | 'host-online', seen: number | null, now: number): Record<string, FieldValue> {
    const silentS = seen === null ? null : Math.round((now - seen) / 1000);
    return {
      '@timestamp': new Date(now).toISOString(),
      'event.dataset': 'agent.status',
      'event.module': 'agent',
      'event.kind': 'event',
      'event.category': ['host'],
      'event.action': action,
      'event.outcome': action === 'host-offline' ? 'failure' : 'success',
      'vigil.severity': action === 'host-offline' ? 'high' : 'info',
      'host.name': h.name,
      'host.id': h.id,
      'agent.id': h.id,
      'agent.type': 'vigil-agent',
      ...(h.address ? { 'host.ip': h.address } : {}),
      ...(h.tags.length ? { tags: h.tags } : {}),
      ...(h.hostGroup ? { 'labels.host_group': h.hostGroup } : {}),
      ...(seen !== null ? { 'agent.last_seen': new Date(seen).toISOString() } : {}),
      message: action === 'host-offline' ? `Host ${h.name} has sent nothing for ${silentS ?? '?'} s (agent stopped, host down or network cut)` : `Host ${h.name} is reporting again`,
    };
  }

  /** Sweeps every `ms`. */
  start(ms: number): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .then(() => undefined, (err) => this.deps.log.warn({ err: (err as Error).message }, 'host status sweep failed'))
        .finally(() => (this.running = null));
    }, ms);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
