/**
 * @module reports/report-service
 * Digest reports: schedules (CRUD, audited), the digest of a period (gathered from `DigestSources`,
 * computed by core `buildDigest`), and sending it to channels through the channel service's send
 * path, as a message whose facts are the digest's and whose JSON (webhooks) carries the whole digest.
 */
import { VigilError, type Digest, type ReportCadence, type ReportDelivery, type ReportSchedule, type ReportScheduleBody, type CountedValue } from '@vigil/contracts';
import { buildDigest, checkTimezone, digestFacts, nextRunAt, periodOf, type DigestAlert, type DigestIncident } from '@vigil/core';
import type { AuditRecorder, ActorRef } from '../repos/audit-recorder.ts';
import type { ChannelAlert } from '../notify/notifier.ts';
import type { ReportSchedulesRepo, StoredSchedule } from './report-schedules-repo.ts';

/** Where a digest's numbers come from (wired to the stores by the reports module). */
export interface DigestSources {
  tenantName(tenantId: string): Promise<string>;
  /** Alerts last seen in [from, to). */
  alerts(tenantId: string, from: number, to: number): Promise<DigestAlert[]>;
  /** Incidents unresolved, or changed since `since`. */
  incidents(tenantId: string, since: number): Promise<DigestIncident[]>;
  /** The most frequent values of a field among events in [from, to). */
  top(tenantId: string, field: string, from: number, to: number, limit: number): Promise<CountedValue[]>;
  /** Events stored in [from, to). */
  events(tenantId: string, from: number, to: number): Promise<number>;
  /** Events refused by the daily quota over the UTC days that overlap [from, to). */
  quotaRejected(tenantId: string, from: number, to: number): Promise<number>;
  /** Input counters since the server started. */
  inputs(tenantId: string): { name: string; received: number; dropped: number; failed: number; parseFailures: number }[];
}

/** The part of the channel service a report uses. */
export interface ReportChannels {
  get(tenantId: string, id: string): Promise<unknown>;
  sendTo(tenantId: string, id: string, alert: ChannelAlert): Promise<{ deliveryId: string; result: { ok: boolean; reason?: string } }>;
}

/** What the report service needs. */
export interface ReportServiceDeps {
  repo: ReportSchedulesRepo;
  sources: DigestSources;
  channels: ReportChannels;
  newId: () => string;
  now: () => number;
  publicUrl: string | null;
  audit?: AuditRecorder;
}

/** The API view of a stored schedule. */
function view(s: StoredSchedule): ReportSchedule {
  const out: Partial<StoredSchedule> = { ...s };
  delete out.tenantId;
  return out as ReportSchedule;
}

/** Digest schedules and sends. */
export class ReportService {
  constructor(private readonly deps: ReportServiceDeps) {}

  async list(tenantId: string): Promise<ReportSchedule[]> {
    return (await this.deps.repo.list(tenantId)).map(view);
  }

  async get(tenantId: string, id: string): Promise<ReportSchedule> {
    return view(await this.deps.repo.get(tenantId, id));
  }

  private async checkChannels(tenantId: string, ids: readonly string[]): Promise<void> {
    for (const [n, id] of ids.entries()) {
      try {
        await this.deps.channels.get(tenantId, id);
      } catch {
        throw new VigilError('VIGIL_ERR_VALIDATION', `channelIds[${n}]: no channel "${id}" in this tenant.`, { field: `channelIds[${n}]` });
      }
    }
  }

  /** A schedule from a body (validated), keeping id, times and last run of `base`. */
  private async build(tenantId: string, body: ReportScheduleBody, base?: StoredSchedule): Promise<StoredSchedule> {
    await this.checkChannels(tenantId, body.channelIds);
    const timing = { cadence: body.cadence, timeOfDay: body.timeOfDay ?? '08:00', timezone: checkTimezone(body.timezone?.trim() || 'UTC'), weekday: body.weekday ?? 'monday' };
    const now = this.deps.now();
    const enabled = body.enabled ?? true;
    return {
      id: base?.id ?? this.deps.newId(),
      tenantId,
      name: body.name.trim(),
      enabled,
      ...timing,
      channelIds: [...new Set(body.channelIds)],
      lastRunAt: base?.lastRunAt ?? null,
      nextRunAt: enabled ? new Date(nextRunAt(timing, now)).toISOString() : null,
      lastDeliveries: base?.lastDeliveries ?? [],
      createdAt: base?.createdAt ?? new Date(now).toISOString(),
      updatedAt: new Date(now).toISOString(),
    };
  }

  async create(tenantId: string, body: ReportScheduleBody, actor: ActorRef): Promise<ReportSchedule> {
    const s = await this.build(tenantId, body);
    await this.deps.repo.save(s);
    await this.deps.audit?.record(tenantId, { actor, action: 'report.create', targetType: 'report', targetId: s.id, after: view(s) });
    return view(s);
  }

  async update(tenantId: string, id: string, body: ReportScheduleBody, actor: ActorRef): Promise<ReportSchedule> {
    const before = await this.deps.repo.get(tenantId, id);
    const s = await this.build(tenantId, body, before);
    await this.deps.repo.save(s);
    await this.deps.audit?.record(tenantId, { actor, action: 'report.update', targetType: 'report', targetId: id, before: view(before), after: view(s) });
    return view(s);
  }

  async remove(tenantId: string, id: string, actor: ActorRef): Promise<void> {
    const before = await this.deps.repo.get(tenantId, id);
    await this.deps.repo.delete(tenantId, id);
    await this.deps.audit?.record(tenantId, { actor, action: 'report.delete', targetType: 'report', targetId: id, before: view(before) });
  }

  /** The digest of the period of `cadence` ending at `at` (default now). */
  async digest(tenantId: string, cadence: ReportCadence, at = this.deps.now()): Promise<Digest> {
    const { from, to } = periodOf(cadence, at);
    const src = this.deps.sources;
    const [tenant, alerts, incidents, topHosts, topSourceIps, events, quotaRejected] = await Promise.all([
      src.tenantName(tenantId),
      src.alerts(tenantId, from, to),
      src.incidents(tenantId, from),
      src.top(tenantId, 'host.name', from, to, 10),
      src.top(tenantId, 'source.ip', from, to, 10),
      src.events(tenantId, from, to),
      src.quotaRejected(tenantId, from, to),
    ]);
    return buildDigest({ tenant, cadence, from, to, alerts, incidents, topHosts, topSourceIps, events, quotaRejected, inputs: src.inputs(tenantId) });
  }

  /** The digest as a channel message: the digest's facts, a link to the incidents page, the whole digest in `report`. */
  private message(tenantId: string, d: Digest): ChannelAlert {
    const base = this.deps.publicUrl?.replace(/\/+$/, '');
    const msg: ChannelAlert = {
      id: `digest-${this.deps.newId()}`,
      tenantId,
      ruleId: `vigil-digest-${d.cadence}`,
      ruleTitle: d.title,
      groupKey: '',
      severity: 'info',
      tags: ['digest', d.cadence],
      count: d.alerts.total,
      firstSeen: d.from,
      lastSeen: d.to,
      sampleEventIds: [],
      state: 'open',
      message: { facts: digestFacts(d), link: base ? `${base}/incidents` : null },
    };
    return Object.assign(msg, { report: d });
  }

  /** Sends one digest to each channel (every channel tried, failures answered, never thrown). */
  private async deliver(tenantId: string, d: Digest, channelIds: readonly string[]): Promise<ReportDelivery[]> {
    const out: ReportDelivery[] = [];
    for (const channelId of channelIds) {
      try {
        const r = await this.deps.channels.sendTo(tenantId, channelId, this.message(tenantId, d));
        out.push({ channelId, ok: r.result.ok, deliveryId: r.deliveryId, reason: r.result.ok ? null : (r.result.reason ?? 'failed') });
      } catch (err) {
        out.push({ channelId, ok: false, deliveryId: null, reason: (err as Error).message });
      }
    }
    return out;
  }

  /** Computes and sends a digest now: a schedule's, or an ad-hoc one to the given channels. */
  async sendNow(tenantId: string, body: { scheduleId?: string; cadence?: ReportCadence; channelIds?: string[] }, actor: ActorRef): Promise<{ digest: Digest; deliveries: ReportDelivery[] }> {
    const schedule = body.scheduleId ? await this.deps.repo.get(tenantId, body.scheduleId) : undefined;
    const channelIds = body.channelIds ?? schedule?.channelIds;
    if (!channelIds?.length) throw new VigilError('VIGIL_ERR_VALIDATION', 'Name a scheduleId or channelIds to send to.', { field: 'channelIds' });
    if (body.channelIds) await this.checkChannels(tenantId, body.channelIds);
    const digest = await this.digest(tenantId, body.cadence ?? schedule?.cadence ?? 'daily');
    const deliveries = await this.deliver(tenantId, digest, channelIds);
    await this.deps.audit?.record(tenantId, { actor, action: 'report.send', targetType: 'report', targetId: schedule?.id ?? null, details: { cadence: digest.cadence, from: digest.from, to: digest.to, deliveries } });
    return { digest, deliveries };
  }

  /** Runs one due schedule (the scheduler): sends, then records the run and the next one. */
  async runScheduled(s: StoredSchedule): Promise<ReportDelivery[]> {
    const now = this.deps.now();
    const { from, to } = periodOf(s.cadence, now);
    let deliveries: ReportDelivery[];
    try {
      deliveries = await this.deliver(s.tenantId, await this.digest(s.tenantId, s.cadence, now), s.channelIds);
    } catch (err) {
      // A digest that cannot be computed (store down) is recorded as failed; the next run is still set, so it is not retried in a loop.
      deliveries = s.channelIds.map((channelId) => ({ channelId, ok: false, deliveryId: null, reason: `the digest could not be computed: ${(err as Error).message}` }));
    }
    // A schedule changed or deleted while it ran keeps the change; only the run is recorded.
    const current = await this.deps.repo.get(s.tenantId, s.id).catch(() => undefined);
    if (current) await this.deps.repo.save({ ...current, lastRunAt: new Date(now).toISOString(), lastDeliveries: deliveries, nextRunAt: current.enabled ? new Date(nextRunAt(current, now)).toISOString() : null });
    await this.deps.audit?.record(s.tenantId, { actor: 'vigil', action: 'report.send', targetType: 'report', targetId: s.id, details: { scheduled: true, cadence: s.cadence, from: new Date(from).toISOString(), to: new Date(to).toISOString(), deliveries } });
    return deliveries;
  }

  /** Schedules due at `now`. */
  due(now: number): Promise<StoredSchedule[]> {
    return this.deps.repo.due(now);
  }
}
