/**
 * @module agents/host-service
 * The fleet as the API shows it: hosts with their status (from the last time heard of, `hostStatus`
 * in core), headline metrics, open alerts and snapshot; tags, revoke, delete and the metrics read.
 */
import { VigilError, type Host, type HostHeadline, type HostDetail, type HostSummary, type MetricsResponse } from '@vigil/contracts';
import { hostStatus, parseTime, type HostStatusThresholds } from '@vigil/core';
import type { MetricStore } from '../timeseries/metric-store.ts';
import type { HostRecord, HostsRepo } from './hosts-repo.ts';
import type { HostPresence } from './host-presence.ts';
import type { AgentAuth } from './agent-auth.ts';
import { HOST_SOURCE } from './batch-service.ts';

/** Most points per series in one answer; a larger range gets a wider step. */
const MAX_POINTS = 1000;
const HEADLINE = ['cpu.load_pct', 'memory.used_pct', 'load.1m', 'disk.used_pct', 'system.uptime_s'];
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

const iso = (v: number | null | undefined) => (v === null || v === undefined ? null : new Date(v).toISOString());

/** Hosts for the API. */
export class HostService {
  constructor(
    private readonly deps: { hosts: HostsRepo; presence: HostPresence; metricStore: MetricStore; auth: AgentAuth; now: () => number; thresholds: HostStatusThresholds; metricsIntervalMs: number },
  ) {}

  /** The contract view of a host, its status decided now. */
  publicHost(h: HostRecord): Host {
    const seen = Math.max(h.lastSeenAt ?? 0, this.deps.presence.lastSeen(h.id) ?? 0) || null;
    return {
      id: h.id,
      name: h.name,
      machineId: h.machineId,
      status: hostStatus(seen, h.revokedAt !== null, this.deps.now(), this.deps.thresholds),
      lastSeenAt: iso(seen),
      enrolledAt: new Date(h.enrolledAt).toISOString(),
      os: h.os,
      agentVersion: h.agentVersion,
      tags: h.tags,
      hostGroup: h.hostGroup,
      address: h.address,
      skewMs: h.skewMs,
      bufferedBatches: h.bufferedBatches,
      credentialRotatedAt: iso(h.credentialRotatedAt),
      revokedAt: iso(h.revokedAt),
      snapshotAt: iso(h.snapshotAt),
    };
  }

  private async headline(tenantId: string, hostId: string): Promise<HostHeadline> {
    const out: HostHeadline = {};
    for (const l of await this.deps.metricStore.latest(tenantId, HOST_SOURCE, hostId, HEADLINE)) {
      if (l.name === 'cpu.load_pct') out.cpuPct = l.value;
      else if (l.name === 'memory.used_pct') out.memoryPct = l.value;
      else if (l.name === 'load.1m') out.load1 = l.value;
      else if (l.name === 'system.uptime_s') out.uptimeS = l.value;
      else if (l.name === 'disk.used_pct') out.diskMaxPct = Math.max(out.diskMaxPct ?? 0, l.value);
    }
    return out;
  }

  private async alertCounter(tenantId: string): Promise<(h: HostRecord) => number> {
    const groups = (await this.deps.hosts.openAlertGroups(tenantId)).map((g) => {
      try {
        const v = JSON.parse(g) as unknown;
        return Array.isArray(v) ? v.map(String) : [];
      } catch {
        return [];
      }
    });
    return (h) => groups.filter((g) => g.includes(h.id) || g.includes(h.name)).length;
  }

  async list(tenantId: string): Promise<HostSummary[]> {
    const hosts = await this.deps.hosts.list(tenantId);
    const alerts = await this.alertCounter(tenantId);
    const out: HostSummary[] = [];
    for (const h of hosts) out.push({ ...this.publicHost(h), latest: await this.headline(tenantId, h.id), openAlerts: alerts(h) });
    return out;
  }

  async get(tenantId: string, id: string): Promise<HostDetail> {
    const h = await this.deps.hosts.get(tenantId, id);
    const metrics = (await this.deps.metricStore.latest(tenantId, HOST_SOURCE, id)).map((l) => ({ name: l.name, labels: l.labels, ts: new Date(l.ts).toISOString(), value: l.value }));
    const snap = await this.deps.hosts.snapshot(id);
    const snapshot = Object.fromEntries(Object.entries(snap).map(([k, v]) => [k, { takenAt: new Date(v.takenAt).toISOString(), data: v.data }]));
    return { ...this.publicHost(h), latest: await this.headline(tenantId, id), openAlerts: (await this.alertCounter(tenantId))(h), metrics, snapshot };
  }

  async setTags(tenantId: string, id: string, tags: readonly string[]): Promise<Host> {
    const clean = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
    await this.deps.hosts.setTags(tenantId, id, clean);
    this.deps.auth.forget(id);
    return this.publicHost(await this.deps.hosts.get(tenantId, id));
  }

  /** Revokes a host: its next request answers 401 VIGIL_ERR_AGENT_REVOKED. */
  async revoke(tenantId: string, id: string): Promise<Host> {
    const h = await this.deps.hosts.get(tenantId, id);
    if (h.revokedAt === null) await this.deps.hosts.revoke(tenantId, id, this.deps.now());
    this.deps.auth.forget(id);
    return this.publicHost(await this.deps.hosts.get(tenantId, id));
  }

  /** Deletes a host with its metrics and snapshot. */
  async delete(tenantId: string, id: string): Promise<void> {
    await this.deps.hosts.delete(tenantId, id);
    this.deps.auth.forget(id);
    this.deps.presence.forget(id);
    await this.deps.metricStore.deleteSource(tenantId, HOST_SOURCE, id);
  }

  /** Metric series of a host: `names` comma-separated, `from`/`to` times, `step` a bucket width, `label` k=v filters. */
  async metrics(tenantId: string, id: string, q: { name?: string; from?: string; to?: string; step?: string; label?: string }): Promise<MetricsResponse> {
    await this.deps.hosts.get(tenantId, id);
    const now = this.deps.now();
    const from = parseTime(q.from ?? '-1h', now, 'from');
    const to = parseTime(q.to ?? 'now', now, 'to') + 1;
    if (to <= from) throw new VigilError('VIGIL_ERR_BAD_TIME', 'to must be after from.', { param: 'to' });
    const minStep = Math.ceil((to - from) / MAX_POINTS / 1000) * 1000;
    let step = minStep;
    if (q.step !== undefined && q.step !== '') {
      const m = /^(\d+)(ms|s|m|h|d)?$/.exec(q.step.trim());
      if (!m) throw new VigilError('VIGIL_ERR_BAD_TIME', `step "${q.step}" is not an interval: use e.g. 0 (raw), 30s, 5m, 1h.`, { param: 'step' });
      step = Number(m[1]) * UNITS[m[2] ?? 's']!;
      if (step > 0 && step < minStep) step = minStep;
      if (step === 0 && (to - from) / this.deps.metricsIntervalMs > MAX_POINTS) step = minStep;
    }
    let labels: Record<string, string> | undefined;
    if (q.label) {
      labels = {};
      for (const part of q.label.split(',')) {
        const i = part.indexOf('=');
        if (i <= 0) throw new VigilError('VIGIL_ERR_VALIDATION', `label "${part}" must be key=value, e.g. mount=/.`, { param: 'label' });
        labels[part.slice(0, i).trim()] = part.slice(i + 1).trim();
      }
    }
    const names = q.name ? q.name.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    const series = await this.deps.metricStore.query({ tenantId, sourceKind: HOST_SOURCE, sourceId: id, names, labels, from, to, step });
    return { from: new Date(from).toISOString(), to: new Date(to - 1).toISOString(), step, series };
  }
}
