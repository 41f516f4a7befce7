/**
 * @module snmp/poll-scheduler
 * Polls every enabled device on its interval, with jitter (so devices added together do not poll in
 * lockstep), a per-device timeout, and a cap on concurrent polls. Each poll writes metrics to the
 * metrics store, records status and the interface table on the device, and turns an interface
 * oper-status change or a device becoming unreachable/reachable into an event.
 */
import type { FieldValue } from '@vigil/contracts';
import { pollMetrics, pollProfile, type OidTable, type PollState } from '@vigil/core';
import { isIP } from 'node:net';
import type { IngestService } from '../pipeline/ingest-service.ts';
import type { Logger } from '../log/logger.ts';
import type { MetricsRegistry } from '../metrics/registry.ts';
import type { MetricStore, MetricSample } from '../timeseries/metric-store.ts';
import type { Device, DevicesRepo } from './devices-repo.ts';
import { readDevice, pollError } from './snmp-client.ts';

/** The metrics-store source kind of polled devices. */
export const DEVICE_SOURCE = 'device';

/** What the scheduler works with. */
export interface PollSchedulerDeps {
  devices: DevicesRepo;
  store: MetricStore;
  ingest: IngestService;
  oids: () => OidTable;
  metrics: MetricsRegistry;
  log: Logger;
  concurrency: number;
  now?: () => number;
  random?: () => number;
}

interface Slot {
  device: Device;
  nextDue: number;
  running: boolean;
  state?: PollState;
  status: Device['status'];
}

/** What one poll did. */
export interface PollSummary {
  ok: boolean;
  error?: string;
  durationMs: number;
  samples: number;
}

const TICK_MS = 250;

/** The polling loop of one process. */
export class PollScheduler {
  private readonly slots = new Map<string, Slot>();
  private timer: NodeJS.Timeout | null = null;
  private running = 0;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly polls;
  private readonly seconds;

  constructor(private readonly deps: PollSchedulerDeps) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.polls = deps.metrics.counter('vigil_snmp_polls_total', 'SNMP device polls by outcome.');
    this.seconds = deps.metrics.histogram('vigil_snmp_poll_seconds', 'Time to poll one SNMP device.');
    deps.metrics.gauge('vigil_snmp_devices', 'SNMP devices being polled.', () => this.slots.size);
  }

  /** Loads the enabled devices and starts ticking. */
  async start(): Promise<void> {
    for (const d of await this.deps.devices.allEnabled()) this.upsert(d);
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** Adds or updates a device (after an API change); a disabled device is removed. */
  upsert(d: Device): void {
    if (!d.enabled) return this.remove(d.id);
    const have = this.slots.get(d.id);
    if (have) {
      const reset = have.device.address !== d.address || have.device.port !== d.port;
      have.device = d;
      if (reset) have.state = undefined;
      have.nextDue = Math.min(have.nextDue, this.now() + d.intervalS * 1000);
      return;
    }
    // First poll soon, spread over up to one interval (at most 5 s) so a restart does not burst.
    this.slots.set(d.id, { device: d, nextDue: this.now() + this.random() * Math.min(d.intervalS, 5) * 1000, running: false, status: d.status });
  }

  /** Stops polling a device. */
  remove(id: string): void {
    this.slots.delete(id);
  }

  private tick(): void {
    const now = this.now();
    for (const slot of this.slots.values()) {
      if (this.running >= this.deps.concurrency) break;
      if (slot.running || slot.nextDue > now) continue;
      const interval = slot.device.intervalS * 1000;
      // ±5 % jitter keeps devices with equal intervals from re-aligning.
      slot.nextDue = now + interval * (0.95 + this.random() * 0.1);
      const p = this.poll(slot).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
  }

  /** Polls a device now (the API's "poll now"), outside the schedule. */
  async pollNow(d: Device): Promise<PollSummary> {
    const slot = this.slots.get(d.id) ?? { device: d, nextDue: Infinity, running: false, status: d.status };
    return this.poll(slot);
  }

  private async poll(slot: Slot): Promise<PollSummary> {
    const d = slot.device;
    slot.running = true;
    this.running++;
    const started = this.now();
    try {
      const profile = pollProfile(d.profile) ?? pollProfile('interfaces')!;
      const credentials = await this.deps.devices.credentials(d.tenantId, d.id);
      const raw = await readDevice({ address: d.address, port: d.port, version: d.version, credentials, timeoutMs: d.timeoutMs }, this.deps.oids(), profile.scalars, profile.columns, d.customOids, this.now);
      if (!Object.keys(raw.scalars).length && !Object.keys(raw.columns).length) throw new Error('the device answered without any of the polled objects');
      const r = pollMetrics(raw, slot.state, d.customOids.map((c) => c.name));
      slot.state = r.state;
      const durationMs = this.now() - started;
      const base = { tenantId: d.tenantId, sourceKind: DEVICE_SOURCE, sourceId: d.id, ts: raw.ts };
      const samples: MetricSample[] = r.samples.map((s) => ({ ...base, name: s.name, labels: s.labels, value: s.value }));
      samples.push({ ...base, name: 'poll.up', labels: {}, value: 1 }, { ...base, name: 'poll.duration_ms', labels: {}, value: durationMs });
      await this.deps.store.write(samples);
      await this.deps.devices.recordPoll(d.tenantId, d.id, { status: 'up', at: raw.ts, sysName: r.system.name, sysDescr: r.system.descr, uptimeS: r.system.uptimeS, interfaces: r.interfaces });
      const events = r.changes.map((c) =>
        this.event(d, {
          'event.action': c.to === 'up' ? 'interface-up' : 'interface-down',
          'vigil.severity': c.to === 'up' ? 'info' : 'high',
          'snmp.interface.index': c.ifIndex,
          'snmp.interface.name': c.name,
          'snmp.interface.oper_status': c.to,
          'snmp.interface.previous_status': c.from,
          message: `Interface ${c.name} on ${d.name} changed from ${c.from} to ${c.to}`,
        }),
      );
      if (slot.status === 'down') events.push(this.event(d, { 'event.action': 'device-reachable', 'vigil.severity': 'info', message: `Device ${d.name} (${d.address}) answers SNMP again` }));
      slot.status = 'up';
      if (events.length) await this.deps.ingest.ingest(d.tenantId, 'snmp', events.map((value) => ({ kind: 'json', value })));
      this.polls.inc({ outcome: 'ok' });
      this.seconds.observe(durationMs / 1000);
      return { ok: true, durationMs, samples: samples.length };
    } catch (err) {
      const error = pollError(err);
      const at = this.now();
      this.polls.inc({ outcome: 'failed' });
      await this.deps.store.write([{ tenantId: d.tenantId, sourceKind: DEVICE_SOURCE, sourceId: d.id, name: 'poll.up', labels: {}, value: 0, ts: at }]).catch(() => undefined);
      await this.deps.devices.recordPoll(d.tenantId, d.id, { status: 'down', at, error }).catch((e) => this.deps.log.warn({ err: (e as Error).message, device: d.id }, 'could not record a failed poll'));
      if (slot.status !== 'down') {
        await this.deps.ingest
          .ingest(d.tenantId, 'snmp', [{ kind: 'json', value: this.event(d, { 'event.action': 'device-unreachable', 'event.outcome': 'failure', 'vigil.severity': 'high', 'error.message': error, message: `Device ${d.name} (${d.address}) does not answer SNMP: ${error}` }) }])
          .catch((e) => this.deps.log.warn({ err: (e as Error).message }, 'could not store a device event'));
      }
      slot.status = 'down';
      this.deps.log.debug({ device: d.id, error }, 'snmp poll failed');
      return { ok: false, error, durationMs: at - started, samples: 0 };
    } finally {
      slot.running = false;
      this.running--;
    }
  }

  private event(d: Device, f: Record<string, FieldValue>): Record<string, FieldValue> {
    return {
      'event.dataset': 'snmp.poll',
      'event.kind': 'event',
      'event.category': ['network'],
      'event.module': 'snmp',
      'host.name': d.sysName ?? d.name,
      ...(isIP(d.address) ? { 'observer.ip': d.address, 'host.ip': d.address } : { 'observer.hostname': d.address }),
      'snmp.device.id': d.id,
      'snmp.device.name': d.name,
      ...(d.tags.length ? { tags: d.tags } : {}),
      ...f,
    };
  }

  /** Stops ticking and waits for polls in flight. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.inFlight]);
  }
}
