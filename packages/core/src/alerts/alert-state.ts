/**
 * @module alerts/alert-state
 * The alert lifecycle as small pure functions, one per outcome (after Grafana's state package, without
 * the mutation): each takes an alert and answers the new alert and the history entry it writes.
 * A signal for a rule and group with an alert that is not resolved folds into it; after a resolve the
 * next signal opens a new alert.
 */
import { SEVERITIES, VigilError, severityRank, type AlertHistoryEntry, type Alert, type Signal } from '@vigil/contracts';

/** An alert with its tenant, as stored. */
export interface AlertRecord extends Alert {
  tenantId: string;
}

/** What a state change answers. */
export interface Outcome {
  alert: AlertRecord;
  entry: AlertHistoryEntry;
}

/** Sample event ids kept per alert (the first ones). */
export const MAX_SAMPLES = 10;

const iso = (ms: number): string => new Date(ms).toISOString();

function entry(at: number, actor: string, action: AlertHistoryEntry['action'], text: string | null = null): AlertHistoryEntry {
  return { at: iso(at), actor, action, text };
}

/** Opens an alert for a signal. */
export function openAlert(signal: Signal, ctx: { tenantId: string; id: string; now: number }): Outcome {
  return {
    alert: {
      id: ctx.id,
      tenantId: ctx.tenantId,
      ruleId: signal.ruleId,
      title: signal.title,
      groupKey: signal.groupKey,
      group: signal.group,
      severity: signal.severity,
      tags: signal.tags,
      state: 'open',
      count: signal.count,
      signals: 1,
      firstSeen: signal.firstTime,
      lastSeen: signal.lastTime,
      sampleEventIds: signal.sampleEventIds.slice(0, MAX_SAMPLES),
      assignee: null,
      source: signal.source ?? null,
      createdAt: iso(ctx.now),
      updatedAt: iso(ctx.now),
      acknowledgedAt: null,
      resolvedAt: null,
    },
    entry: entry(ctx.now, 'detector', 'opened', signal.title),
  };
}

/** Folds a repeat into an alert that is open or acknowledged: counts, times, samples, severity raised. */
export function foldSignal(alert: AlertRecord, signal: Signal, now: number): Outcome {
  if (alert.state === 'resolved') throw new VigilError('VIGIL_ERR_CONFLICT', 'A resolved alert takes no more signals; open a new one.');
  const samples = [...alert.sampleEventIds];
  for (const id of signal.sampleEventIds) if (samples.length < MAX_SAMPLES && !samples.includes(id)) samples.push(id);
  const severity = severityRank(signal.severity) > severityRank(alert.severity) ? signal.severity : alert.severity;
  return {
    alert: {
      ...alert,
      count: alert.count + signal.count,
      signals: alert.signals + 1,
      firstSeen: signal.firstTime < alert.firstSeen ? signal.firstTime : alert.firstSeen,
      lastSeen: signal.lastTime > alert.lastSeen ? signal.lastTime : alert.lastSeen,
      sampleEventIds: samples,
      severity,
      title: alert.title,
      updatedAt: iso(now),
    },
    entry: entry(now, 'detector', 'folded', `+${signal.count} (${signal.title})${severity !== alert.severity ? `; severity raised to ${severity}` : ''}`),
  };
}

/** open -> acknowledged. */
export function acknowledge(alert: AlertRecord, actor: string, now: number, note?: string): Outcome {
  if (alert.state !== 'open') throw new VigilError('VIGIL_ERR_CONFLICT', `The alert is ${alert.state}; only an open alert can be acknowledged.`, { state: alert.state });
  return { alert: { ...alert, state: 'acknowledged', acknowledgedAt: iso(now), updatedAt: iso(now) }, entry: entry(now, actor, 'acknowledged', note ?? null) };
}

/** open or acknowledged -> resolved. */
export function resolve(alert: AlertRecord, actor: string, now: number, note?: string): Outcome {
  if (alert.state === 'resolved') throw new VigilError('VIGIL_ERR_CONFLICT', 'The alert is already resolved.', { state: alert.state });
  return { alert: { ...alert, state: 'resolved', resolvedAt: iso(now), updatedAt: iso(now) }, entry: entry(now, actor, 'resolved', note ?? null) };
}

/** Sets or clears the assignee. */
export function assign(alert: AlertRecord, assignee: string | null, actor: string, now: number): Outcome {
  return { alert: { ...alert, assignee, updatedAt: iso(now) }, entry: entry(now, actor, 'assigned', assignee ?? 'unassigned') };
}

/** A note: history only. */
export function addNote(alert: AlertRecord, text: string, actor: string, now: number): Outcome {
  return { alert: { ...alert, updatedAt: iso(now) }, entry: entry(now, actor, 'note', text) };
}

/** Severities at or above `min`. */
export function severitiesFrom(min: string): string[] {
  const r = severityRank(min);
  return SEVERITIES.filter((s) => severityRank(s) >= r);
}
