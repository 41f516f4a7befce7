/**
 * @module agents/batch-service
 * One agent batch: events, metrics, log lines and snapshot sections from one host, accepted at most
 * once per batch id. Order of work makes a replay safe: metrics (idempotent per series and time) and
 * snapshot sections (replaced) first, then the events (the only part a second copy would double), then
 * the batch id. A request that repeats a batch still in flight waits for the first and answers
 * `duplicate`. A batch that would store no event (metrics and snapshot sections only, the bulk of a
 * fleet's traffic) is not looked up nor recorded: storing it twice changes nothing. Identity is the
 * server's: `host.name`, `host.id` and `agent.id` come from the credential, whatever the agent wrote,
 * so a host can only ever speak for itself.
 */
import { VigilError, type AgentBatchBody, type AgentBatchResult, type FieldValue } from '@vigil/contracts';
import { metricEvents } from '@vigil/core';
import type { IngestService, IngestItem } from '../pipeline/ingest-service.ts';
import type { MetricStore, MetricSample } from '../timeseries/metric-store.ts';
import type { AgentPrincipal } from './agent-auth.ts';
import type { HostsRepo } from './hosts-repo.ts';
import type { HostPresence } from './host-presence.ts';
import { WriteCoalescer } from './write-coalescer.ts';

/** The metrics-store source kind of host agents. */
export const HOST_SOURCE = 'host';

/** What the batch service works with. */
export interface BatchServiceDeps {
  hosts: HostsRepo;
  metricStore: MetricStore;
  ingest: IngestService;
  presence: HostPresence;
  now: () => number;
  /** Skew above this flags the batch's events (`vigil.clock_skew_ms`). */
  skewWarnMs: number;
  /** Skew above this rejects the batch (the agent keeps it buffered). */
  skewRejectMs: number;
  /** Also store metric samples as `agent.metrics` events for `metric` rules. */
  metricEvents: boolean;
  /** At most one set of metric events per host this often (ms; 0 = every batch). */
  metricEventsEveryMs: number;
}

/** The fields that name the sender, laid over whatever the agent sent. */
export function identityFields(p: AgentPrincipal): Record<string, FieldValue> {
  return { 'host.name': p.hostName, 'host.id': p.hostId, 'agent.id': p.hostId, 'agent.type': 'vigil-agent', ...(p.hostGroup ? { 'labels.host_group': p.hostGroup } : {}) };
}

/** Accepts agent batches. */
export class BatchService {
  private readonly inFlight = new Map<string, Promise<AgentBatchResult>>();
  /** When each host last had its metrics stored as events. */
  private readonly lastMetricEvents = new Map<string, number>();
  /** Metric points of many requests, written together. */
  private readonly points: WriteCoalescer<MetricSample>;
  /** Accepted batch ids of many requests, recorded together. */
  private readonly ids: WriteCoalescer<{ hostId: string; batchId: string; at: number }>;

  constructor(private readonly deps: BatchServiceDeps) {
    this.points = new WriteCoalescer((samples) => deps.metricStore.write(samples));
    this.ids = new WriteCoalescer((rows) => deps.hosts.recordBatches(rows));
  }

  /** Waits for coalesced writes (shutdown). */
  drain(): Promise<void> {
    return Promise.all([this.points.drain(), this.ids.drain()]).then(() => undefined);
  }

  /** Stores a batch once; a repeat answers `duplicate: true` and stores nothing. */
  async accept(p: AgentPrincipal, body: AgentBatchBody, address: string): Promise<AgentBatchResult> {
    const now = this.deps.now();
    const skewMs = now - body.sentAt;
    if (Math.abs(skewMs) > this.deps.skewRejectMs) {
      throw new VigilError('VIGIL_ERR_CLOCK_SKEW', `The agent's clock is ${Math.round(Math.abs(skewMs) / 1000)} s ${skewMs > 0 ? 'behind' : 'ahead of'} the server's (limit ${Math.round(this.deps.skewRejectMs / 1000)} s); fix the host's time (NTP). The batch stays in the agent's buffer.`, { skewMs });
    }
    this.deps.presence.touch(p.hostId, { at: now, address, skewMs });
    const key = `${p.hostId}\u0000${body.batchId}`;
    const running = this.inFlight.get(key);
    if (running) {
      const first = await running.catch(() => null);
      if (first) return { ...first, duplicate: true, accepted: { events: 0, lines: 0, metrics: 0, snapshot: 0 }, rejected: [] };
    }
    const work = this.store(p, body, skewMs, now).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  private async store(p: AgentPrincipal, body: AgentBatchBody, skewMs: number, now: number): Promise<AgentBatchResult> {
    const flagged = Math.abs(skewMs) > this.deps.skewWarnMs;
    const base = { skewMs, flagged, serverTime: now };
    // Only a batch that stores events needs its id: metric points are idempotent per (series, ts) and
    // snapshot sections are replaced. Its metric samples become events at most once a minute per host.
    const lastEvents = this.lastMetricEvents.get(p.hostId) ?? -Infinity;
    const withMetricEvents = this.deps.metricEvents && !!body.metrics?.length && now - lastEvents >= this.deps.metricEventsEveryMs;
    const once = withMetricEvents || !!body.events?.length || !!body.lines?.length;
    if (once && (await this.deps.hosts.batchSeen(p.hostId, body.batchId))) return { ...base, duplicate: true, accepted: { events: 0, lines: 0, metrics: 0, snapshot: 0 }, rejected: [] };
    const rejected: AgentBatchResult['rejected'] = [];

    const metrics = body.metrics ?? [];
    const samples: MetricSample[] = [];
    metrics.forEach((m, index) => {
      if (!Number.isFinite(m.value) || !Number.isFinite(m.ts)) rejected.push({ kind: 'metric', index, error: 'value and ts must be finite numbers' });
      else samples.push({ tenantId: p.tenantId, sourceKind: HOST_SOURCE, sourceId: p.hostId, name: m.name, labels: m.labels ?? {}, ts: Math.trunc(m.ts), value: m.value });
    });
    await this.points.add(samples);
    const snapshot = body.snapshot ?? [];
    if (snapshot.length) await this.deps.hosts.putSnapshot(p.hostId, snapshot);

    const id = identityFields(p);
    const skew: Record<string, FieldValue> = flagged ? { 'vigil.clock_skew_ms': Math.round(skewMs) } : {};
    const items: IngestItem[] = [];
    const kinds: { kind: 'event' | 'line' | null; index: number }[] = [];
    (body.events ?? []).forEach((e, index) => {
      const value: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(e)) if (!k.startsWith('vigil.') || k === 'vigil.severity') value[k] = v;
      items.push({ kind: 'json', value: { 'event.module': 'agent', ...value, ...id, ...skew } });
      kinds.push({ kind: 'event', index });
    });
    (body.lines ?? []).forEach((l, index) => {
      const fields: Record<string, FieldValue> = { ...id, ...skew, 'log.source': l.source ?? 'file' };
      if (l.file) fields['log.file.path'] = l.file;
      items.push({ kind: 'line', line: l.text, fields });
      kinds.push({ kind: 'line', index });
    });
    if (withMetricEvents && samples.length) {
      this.lastMetricEvents.set(p.hostId, now);
      for (const e of metricEvents(samples)) {
        items.push({ kind: 'json', value: { ...e, ...id, ...skew } });
        kinds.push({ kind: null, index: -1 });
      }
    }
    let accepted = { events: body.events?.length ?? 0, lines: body.lines?.length ?? 0 };
    if (items.length) {
      const r = await this.deps.ingest.ingest(p.tenantId, 'agent', items);
      for (const x of r.rejected) {
        const k = kinds[x.index]!;
        if (!k.kind) continue;
        rejected.push({ kind: k.kind, index: k.index, error: x.error });
        accepted = { ...accepted, [k.kind === 'event' ? 'events' : 'lines']: accepted[k.kind === 'event' ? 'events' : 'lines'] - 1 };
      }
    }
    if (once) await this.ids.add([{ hostId: p.hostId, batchId: body.batchId, at: now }]);
    return { ...base, duplicate: false, accepted: { ...accepted, metrics: samples.length, snapshot: snapshot.length }, rejected };
  }
}
