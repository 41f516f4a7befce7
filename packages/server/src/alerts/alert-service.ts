/**
 * @module alerts/alert-service
 * Signals become alerts here, and people act on them. `applySignals` folds a batch in one transaction,
 * ignoring signal ids it has seen (the detector's replay after a crash), then announces every changed
 * alert on the `alerts` topic and writes each new or state-changed alert as an event (`event.kind:
 * alert`), so alerts are searchable and reach the live stream like any event.
 */
import { SEVERITIES, VigilError, type AlertBulkBody, type AlertBulkResult, type AlertChange, type AlertEvent, type AlertHistoryEntry, type AlertSummary, type SeverityCounts, type Signal, type TenantEvent, type VigilEvent } from '@vigil/contracts';
import { acknowledge, addNote, assignAlert, foldSignal, openAlert, resolveAlert, type AlertRecord, type Outcome } from '@vigil/core';
import type { SqlDb } from '../db/sql-db.ts';
import type { Bus } from '../bus/index.ts';
import type { Logger } from '../log/logger.ts';
import { AlertsRepo, type AlertFilter } from '../repos/alerts-repo.ts';
import type { AlertSink } from '../detection/alert-sink.ts';
import { actorName, type ActorRef, type AuditRecorder } from '../repos/audit-recorder.ts';

/** The `alerts` topic message of an alert. */
export function alertEventOf(a: AlertRecord, action?: AlertChange): AlertEvent {
  return { id: a.id, tenantId: a.tenantId, ruleId: a.ruleId, ruleTitle: a.title, groupKey: a.groupKey, severity: a.severity, tags: a.tags, count: a.count, firstSeen: a.firstSeen, lastSeen: a.lastSeen, sampleEventIds: a.sampleEventIds, state: a.state, group: a.group, source: a.source ?? null, ...(action ? { action } : {}) };
}

/** What the audit log keeps of an alert: its state and who holds it (counts and samples change without anyone acting). */
function auditView(a: AlertRecord): Record<string, unknown> {
  return { id: a.id, ruleId: a.ruleId, title: a.title, severity: a.severity, state: a.state, assignee: a.assignee, acknowledgedAt: a.acknowledgedAt, resolvedAt: a.resolvedAt };
}

/** An alert as a searchable event. */
function asEvent(a: AlertRecord, action: string, newId: () => string, now: number): VigilEvent {
  const t = new Date(now).toISOString();
  const e: Record<string, unknown> = {
    id: newId(),
    '@timestamp': t,
    'event.ingested': t,
    message: a.title,
    'event.kind': 'alert',
    'event.dataset': 'vigil.alert',
    'event.action': `alert-${action}`,
    'vigil.input': 'detection',
    'vigil.severity': a.severity,
    'vigil.alert.id': a.id,
    'vigil.alert.state': a.state,
    'vigil.alert.count': a.count,
    'rule.id': a.ruleId,
    'rule.name': a.title,
    tags: a.tags,
  };
  for (const [k, v] of Object.entries(a.group)) if (v !== null && v !== undefined && !Object.hasOwn(e, k)) e[k] = v;
  if (a.source?.author) e['rule.author'] = a.source.author;
  return e as unknown as VigilEvent;
}

/** Longest a transaction of `applySignals` runs before it commits and lets the event loop turn. */
const SIGNAL_SLICE_MS = 10;

/** Alert-event writes on their way to the store at once; one more waits for the oldest (bounded memory). */
const MAX_EVENT_WRITES = 8;

/** Alerts: the detector's sink and the API's service. */
export class AlertService implements AlertSink {
  private readonly repo: AlertsRepo;
  /** Alert events published to the store and not yet durable (see `announce`). */
  private readonly eventWrites = new Set<Promise<void>>();

  constructor(
    private readonly db: SqlDb,
    private readonly bus: Bus,
    private readonly newId: () => string,
    private readonly now: () => number,
    private readonly log: Logger,
    private readonly audit?: AuditRecorder,
  ) {
    this.repo = new AlertsRepo(db);
  }

  /**
   * Folds signals into alerts. A flood (thousands of signals after a big ingest) runs as several short
   * transactions with a turn of the event loop between them, each at most `SIGNAL_SLICE_MS`: one
   * transaction for all of them held SQLite's write lock and the event loop for hundreds of ms.
   * Signals are idempotent (`alert_signals`), so a crash between two slices loses and doubles nothing:
   * the detector replays from its checkpoint and the applied ones are skipped.
   */
  async applySignals(tenantId: string, signals: Signal[]): Promise<void> {
    let i = 0;
    while (i < signals.length) {
      if (i > 0) await new Promise((r) => setImmediate(r));
      const changed: { alert: AlertRecord; action: AlertHistoryEntry['action'] }[] = [];
      await this.db.tx(async (tx) => {
        const repo = this.repo.with(tx);
        const start = performance.now();
        do {
          const s = signals[i++]!;
          if (await repo.hasSignal(tenantId, s.id)) continue;
          const open = await repo.findUnresolved(tenantId, s.ruleId, s.groupKey);
          const out = open ? foldSignal(open, s, this.now()) : openAlert(s, { tenantId, id: this.newId(), now: this.now() });
          await repo.save(out.alert);
          await repo.addSignal(tenantId, s.id, out.alert.id);
          await repo.addHistory(tenantId, out.alert.id, out.entry);
          changed.push({ alert: out.alert, action: out.entry.action });
        } while (i < signals.length && performance.now() - start < SIGNAL_SLICE_MS);
      });
      await this.announce(changed);
    }
  }

  /**
   * Publishes changes after they are durable: `alerts` topic always, an event when an alert opened or
   * changed state. The event (the alert's searchable copy) is not waited for: it joins the store's
   * queue behind whatever ingest is waiting there (seconds on a saturated PostgreSQL), and the detector
   * waited with it. Waiting protected nothing: the alert is already committed, and after a crash before
   * its event is written the replay skips the applied signal either way. At most MAX_EVENT_WRITES are in
   * flight; `settle` waits for them (the module's stop, before the store drains).
   */
  private async announce(changed: { alert: AlertRecord; action: AlertHistoryEntry['action'] }[]): Promise<void> {
    if (!changed.length) return;
    try {
      await this.bus.publish('alerts', changed.map((c) => alertEventOf(c.alert, c.action)));
      const events: TenantEvent[] = changed.filter((c) => c.action !== 'folded' && c.action !== 'note').map((c) => ({ tenantId: c.alert.tenantId, event: asEvent(c.alert, c.action, this.newId, this.now()) }));
      if (events.length) await this.writeEvents(events);
    } catch (err) {
      // The alert is stored; a lost announcement is logged, never a reason to fail the detector's batch.
      this.log.error({ err }, 'could not announce alert changes');
    }
  }

  private async writeEvents(events: TenantEvent[]): Promise<void> {
    while (this.eventWrites.size >= MAX_EVENT_WRITES) await Promise.race(this.eventWrites);
    const write: Promise<void> = this.bus.publish('events', events).then(
      () => undefined,
      (err: unknown) => this.log.error({ err, alerts: events.length }, 'could not store alert events'),
    );
    this.eventWrites.add(write);
    void write.finally(() => this.eventWrites.delete(write));
  }

  /** Waits until every alert event published so far is durable (or failed, logged). */
  async settle(): Promise<void> {
    while (this.eventWrites.size) await Promise.all(this.eventWrites);
  }

  /** A page of a tenant's alerts. */
  list(tenantId: string, f: AlertFilter): Promise<AlertRecord[]> {
    return this.repo.list(tenantId, f);
  }

  /** Alerts not resolved, per state and severity. */
  async summary(tenantId: string): Promise<AlertSummary> {
    const zero = (): SeverityCounts => ({ info: 0, low: 0, medium: 0, high: 0, critical: 0 });
    const out: AlertSummary = { open: zero(), acknowledged: zero(), openTotal: 0, acknowledgedTotal: 0 };
    for (const r of await this.repo.countUnresolved(tenantId)) {
      const sev = SEVERITIES[r.severity];
      if (!sev || (r.state !== 'open' && r.state !== 'acknowledged')) continue;
      out[r.state][sev] += r.n;
      if (r.state === 'open') out.openTotal += r.n;
      else out.acknowledgedTotal += r.n;
    }
    return out;
  }

  /** Per rule: alerts raised, alerts not resolved, and when it last fired. */
  async ruleStats(tenantId: string): Promise<Map<string, { alerts: number; open: number; lastFired: string }>> {
    return new Map((await this.repo.ruleStats(tenantId)).map((r) => [r.ruleId, { alerts: r.alerts, open: r.open, lastFired: new Date(r.lastSeen).toISOString() }]));
  }

  /** One action on many alerts; each alert changes (or fails) on its own, so one conflict never stops the rest. */
  async bulk(tenantId: string, body: AlertBulkBody, actor: ActorRef): Promise<AlertBulkResult> {
    const results: AlertBulkResult['results'] = [];
    for (const id of [...new Set(body.ids)]) {
      try {
        const a =
          body.action === 'ack' ? await this.acknowledge(tenantId, id, actor, body.note)
          : body.action === 'resolve' ? await this.resolve(tenantId, id, actor, body.note)
          : await this.assign(tenantId, id, body.assignee ?? null, actor);
        results.push({ id, ok: true, state: a.state });
      } catch (err) {
        if (!(err instanceof VigilError)) throw err;
        results.push({ id, ok: false, error: { code: err.code, message: err.message } });
      }
    }
    const ok = results.filter((r) => r.ok).length;
    return { results, ok, failed: results.length - ok };
  }

  async get(tenantId: string, id: string): Promise<{ alert: AlertRecord; history: AlertHistoryEntry[] }> {
    const alert = await this.repo.get(tenantId, id);
    if (!alert) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No such alert.');
    return { alert, history: await this.repo.history(tenantId, id) };
  }

  /** Runs one person's change in a transaction, then announces it and records it in the audit log. */
  private async change(tenantId: string, id: string, actor: ActorRef, action: string, fn: (a: AlertRecord) => Outcome): Promise<AlertRecord> {
    let before: AlertRecord | undefined;
    const out = await this.db.tx(async (tx) => {
      const repo = this.repo.with(tx);
      const a = await repo.get(tenantId, id);
      if (!a) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No such alert.');
      before = a;
      const o = fn(a);
      await repo.save(o.alert);
      await repo.addHistory(tenantId, id, o.entry);
      return o;
    });
    await this.announce([{ alert: out.alert, action: out.entry.action }]);
    await this.audit?.record(tenantId, { actor, action: `alert.${action}`, targetType: 'alert', targetId: id, before: auditView(before!), after: auditView(out.alert), ...(out.entry.text ? { details: { text: out.entry.text } } : {}) });
    return out.alert;
  }

  acknowledge(tenantId: string, id: string, actor: ActorRef, note?: string): Promise<AlertRecord> {
    return this.change(tenantId, id, actor, 'ack', (a) => acknowledge(a, actorName(actor), this.now(), note));
  }

  resolve(tenantId: string, id: string, actor: ActorRef, note?: string): Promise<AlertRecord> {
    return this.change(tenantId, id, actor, 'resolve', (a) => resolveAlert(a, actorName(actor), this.now(), note));
  }

  assign(tenantId: string, id: string, assignee: string | null, actor: ActorRef): Promise<AlertRecord> {
    return this.change(tenantId, id, actor, 'assign', (a) => assignAlert(a, assignee, actorName(actor), this.now()));
  }

  note(tenantId: string, id: string, text: string, actor: ActorRef): Promise<AlertRecord> {
    return this.change(tenantId, id, actor, 'note', (a) => addNote(a, text, actorName(actor), this.now()));
  }
}
