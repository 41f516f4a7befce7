/**
 * @module incidents/incident-state
 * The incident lifecycle as small pure functions, one per change (Grafana's state style, without the
 * mutation): each takes an incident and answers the new incident and the timeline entries it writes.
 *
 * Status: `open -> investigating -> contained -> resolved`. Containment may fail (contained ->
 * investigating), any unresolved incident may be resolved (a false positive), and a resolved one is
 * reopened to `open`. Severity is the highest of its alerts unless set by hand.
 */
import { VigilError, severityRank, type Finding, type FindingStatus, type Incident, type IncidentAction, type IncidentStatus, type IncidentTimelineEntry, type Postmortem, type PostmortemBody, type Severity } from '@vigil/contracts';

/** An incident as stored: its tenant and the severity of each linked alert (for the derived severity). */
export interface IncidentRecord extends Incident {
  tenantId: string;
  alertSeverities: Record<string, Severity>;
}

/** What a change answers. */
export interface IncidentOutcome {
  incident: IncidentRecord;
  entries: IncidentTimelineEntry[];
}

/** An alert as an incident needs it. */
export interface IncidentAlertRef {
  id: string;
  severity: Severity;
  title?: string;
}

/** Alerts one incident holds at most. */
export const MAX_INCIDENT_ALERTS = 5000;
/** Findings one incident holds at most. */
export const MAX_FINDINGS = 500;
/** Event ids one finding holds at most. */
export const MAX_FINDING_EVENTS = 500;
/** Severity of an incident with no alerts and none set. */
export const DEFAULT_INCIDENT_SEVERITY: Severity = 'medium';

const iso = (ms: number): string => new Date(ms).toISOString();

function entry(at: number, actor: string, action: IncidentAction, text: string | null, data?: Record<string, unknown>): IncidentTimelineEntry {
  return { at: iso(at), actor, action, text, ...(data ? { data } : {}) };
}

/** An empty postmortem. */
export function emptyPostmortem(): Postmortem {
  return { summary: '', impact: '', rootCause: '', contributingFactors: [], timeline: [], actions: [], updatedBy: null, updatedAt: null };
}

/** The highest severity of the alerts, or the default with none. */
function derivedSeverity(severities: Record<string, Severity>): Severity {
  let best: Severity | null = null;
  for (const s of Object.values(severities)) if (!best || severityRank(s) > severityRank(best)) best = s;
  return best ?? DEFAULT_INCIDENT_SEVERITY;
}

/** The incident with its severity recomputed (the override wins). */
function withSeverity(i: IncidentRecord): IncidentRecord {
  return { ...i, severity: i.severityOverride ?? derivedSeverity(i.alertSeverities) };
}

/** Opens an incident, optionally with alerts; `groupRuleId`/`groupKey` mark one opened by a grouping rule. */
export function createIncident(
  input: { title: string; description?: string; owner?: string | null; severity?: Severity | null; alerts?: readonly IncidentAlertRef[]; groupRuleId?: string | null; groupKey?: string | null },
  ctx: { tenantId: string; id: string; now: number; actor: string },
): IncidentOutcome {
  const alerts = dedupe(input.alerts ?? []);
  if (alerts.length > MAX_INCIDENT_ALERTS) throw new VigilError('VIGIL_ERR_VALIDATION', `An incident holds at most ${MAX_INCIDENT_ALERTS} alerts.`, { field: 'alertIds' });
  const t = iso(ctx.now);
  const incident = withSeverity({
    id: ctx.id,
    tenantId: ctx.tenantId,
    title: input.title,
    description: input.description ?? '',
    status: 'open',
    severity: DEFAULT_INCIDENT_SEVERITY,
    severityOverride: input.severity ?? null,
    owner: input.owner ?? null,
    alertIds: alerts.map((a) => a.id),
    alertSeverities: Object.fromEntries(alerts.map((a) => [a.id, a.severity])),
    groupRuleId: input.groupRuleId ?? null,
    groupKey: input.groupKey ?? null,
    lastAlertAt: alerts.length ? t : null,
    findings: [],
    postmortem: emptyPostmortem(),
    createdBy: ctx.actor,
    createdAt: t,
    updatedAt: t,
    investigatingAt: null,
    containedAt: null,
    resolvedAt: null,
  });
  const entries = [
    entry(ctx.now, ctx.actor, 'created', input.title, input.groupRuleId ? { groupRuleId: input.groupRuleId, groupKey: input.groupKey ?? null } : undefined),
    ...alerts.map((a) => entry(ctx.now, ctx.actor, 'alert_added', a.title ?? a.id, { alertId: a.id, severity: a.severity })),
    ...(incident.owner ? [entry(ctx.now, ctx.actor, 'owner', incident.owner, { from: null, to: incident.owner })] : []),
  ];
  return { incident, entries };
}

function dedupe(alerts: readonly IncidentAlertRef[]): IncidentAlertRef[] {
  const seen = new Set<string>();
  return alerts.filter((a) => !seen.has(a.id) && seen.add(a.id));
}

/** Links alerts; an alert already linked only refreshes its severity (a fold may have raised it). */
export function addAlerts(i: IncidentRecord, alerts: readonly IncidentAlertRef[], actor: string, now: number): IncidentOutcome {
  const severities = { ...i.alertSeverities };
  const ids = [...i.alertIds];
  const entries: IncidentTimelineEntry[] = [];
  for (const a of dedupe(alerts)) {
    if (!Object.hasOwn(severities, a.id)) {
      ids.push(a.id);
      entries.push(entry(now, actor, 'alert_added', a.title ?? a.id, { alertId: a.id, severity: a.severity }));
    }
    severities[a.id] = a.severity;
  }
  if (ids.length > MAX_INCIDENT_ALERTS) throw new VigilError('VIGIL_ERR_VALIDATION', `An incident holds at most ${MAX_INCIDENT_ALERTS} alerts.`, { field: 'alertIds' });
  const next = withSeverity({ ...i, alertIds: ids, alertSeverities: severities, lastAlertAt: entries.length ? iso(now) : i.lastAlertAt, updatedAt: iso(now) });
  if (next.severity !== i.severity) entries.push(entry(now, actor, 'severity', `${i.severity} -> ${next.severity}`, { from: i.severity, to: next.severity, derived: true }));
  return { incident: next, entries };
}

/** Unlinks alerts (ids it does not hold are ignored). */
export function removeAlerts(i: IncidentRecord, alertIds: readonly string[], actor: string, now: number): IncidentOutcome {
  const drop = new Set(alertIds.filter((id) => Object.hasOwn(i.alertSeverities, id)));
  const severities = Object.fromEntries(Object.entries(i.alertSeverities).filter(([id]) => !drop.has(id)));
  const next = withSeverity({ ...i, alertIds: i.alertIds.filter((id) => !drop.has(id)), alertSeverities: severities, updatedAt: iso(now) });
  const entries = [...drop].map((id) => entry(now, actor, 'alert_removed', id, { alertId: id }));
  if (next.severity !== i.severity) entries.push(entry(now, actor, 'severity', `${i.severity} -> ${next.severity}`, { from: i.severity, to: next.severity, derived: true }));
  return { incident: next, entries };
}

/** One status change: the states it may start from and the timestamps it sets. */
interface StatusChange {
  from: readonly IncidentStatus[];
  apply(i: IncidentRecord, at: string): IncidentRecord;
}

/** What each target status accepts (a registry, read by `changeStatus` and the docs). */
export const STATUS_CHANGES: Readonly<Record<IncidentStatus, StatusChange>> = {
  // Reopening clears the resolution; the earlier milestones stay as history.
  open: { from: ['resolved'], apply: (i) => ({ ...i, status: 'open', resolvedAt: null }) },
  investigating: { from: ['open', 'contained'], apply: (i, at) => ({ ...i, status: 'investigating', investigatingAt: i.investigatingAt ?? at }) },
  contained: { from: ['open', 'investigating'], apply: (i, at) => ({ ...i, status: 'contained', containedAt: at }) },
  resolved: { from: ['open', 'investigating', 'contained'], apply: (i, at) => ({ ...i, status: 'resolved', resolvedAt: at }) },
};

/** Moves the incident to `to`, or throws a 409 naming the states `to` may follow. */
export function changeStatus(i: IncidentRecord, to: IncidentStatus, actor: string, now: number, note?: string): IncidentOutcome {
  const change = STATUS_CHANGES[to];
  if (!change.from.includes(i.status)) {
    throw new VigilError('VIGIL_ERR_CONFLICT', i.status === to ? `The incident is already ${to}.` : `An incident that is ${i.status} cannot become ${to}; ${to} follows ${change.from.join(' or ')}.`, { status: i.status, to });
  }
  const next = { ...change.apply(i, iso(now)), updatedAt: iso(now) };
  const text = `${i.status} -> ${to}${note ? `: ${note}` : ''}`;
  return { incident: next, entries: [entry(now, actor, 'status', text, { from: i.status, to, ...(note ? { note } : {}) })] };
}

/** Sets or clears the owner. */
export function setOwner(i: IncidentRecord, owner: string | null, actor: string, now: number): IncidentOutcome {
  if (owner === i.owner) return { incident: i, entries: [] };
  return { incident: { ...i, owner, updatedAt: iso(now) }, entries: [entry(now, actor, 'owner', owner ?? 'unassigned', { from: i.owner, to: owner })] };
}

/** Sets the severity by hand, or (null) returns to the highest of the alerts. */
export function setSeverity(i: IncidentRecord, severity: Severity | null, actor: string, now: number): IncidentOutcome {
  if (severity === i.severityOverride) return { incident: i, entries: [] };
  const next = withSeverity({ ...i, severityOverride: severity, updatedAt: iso(now) });
  return { incident: next, entries: [entry(now, actor, 'severity', `${i.severity} -> ${next.severity}${severity ? ' (set)' : ' (from alerts)'}`, { from: i.severity, to: next.severity, override: severity })] };
}

/** Changes title or description. */
export function editDetails(i: IncidentRecord, patch: { title?: string; description?: string }, actor: string, now: number): IncidentOutcome {
  const changed: string[] = [];
  if (patch.title !== undefined && patch.title !== i.title) changed.push('title');
  if (patch.description !== undefined && patch.description !== i.description) changed.push('description');
  if (!changed.length) return { incident: i, entries: [] };
  const next = { ...i, title: patch.title ?? i.title, description: patch.description ?? i.description, updatedAt: iso(now) };
  return { incident: next, entries: [entry(now, actor, 'updated', `changed ${changed.join(' and ')}`, { fields: changed, ...(changed.includes('title') ? { from: i.title, to: next.title } : {}) })] };
}

/** A note: timeline only. */
export function addIncidentNote(i: IncidentRecord, text: string, actor: string, now: number): IncidentOutcome {
  return { incident: { ...i, updatedAt: iso(now) }, entries: [entry(now, actor, 'note', text)] };
}

function eventIds(ids: readonly string[]): string[] {
  const out = [...new Set(ids)];
  if (out.length > MAX_FINDING_EVENTS) throw new VigilError('VIGIL_ERR_VALIDATION', `A finding holds at most ${MAX_FINDING_EVENTS} events.`, { field: 'eventIds' });
  return out;
}

/** Adds a finding to the evidence ledger. */
export function addFinding(i: IncidentRecord, input: { title: string; description?: string; status?: FindingStatus; eventIds?: readonly string[] }, ctx: { id: string; actor: string; now: number }): IncidentOutcome {
  if (i.findings.length >= MAX_FINDINGS) throw new VigilError('VIGIL_ERR_VALIDATION', `An incident holds at most ${MAX_FINDINGS} findings.`);
  const t = iso(ctx.now);
  const f: Finding = { id: ctx.id, title: input.title, description: input.description ?? '', status: input.status ?? 'open', eventIds: eventIds(input.eventIds ?? []), createdBy: ctx.actor, createdAt: t, updatedAt: t };
  return { incident: { ...i, findings: [...i.findings, f], updatedAt: t }, entries: [entry(ctx.now, ctx.actor, 'finding_added', f.title, { findingId: f.id, status: f.status, eventIds: f.eventIds.length })] };
}

/** Changes a finding: status, text, attached events. */
export function updateFinding(
  i: IncidentRecord,
  findingId: string,
  patch: { title?: string; description?: string; status?: FindingStatus; addEventIds?: readonly string[]; removeEventIds?: readonly string[] },
  actor: string,
  now: number,
): IncidentOutcome {
  const f = i.findings.find((x) => x.id === findingId);
  if (!f) throw new VigilError('VIGIL_ERR_NOT_FOUND', `No finding ${findingId} in this incident.`);
  const drop = new Set(patch.removeEventIds ?? []);
  const next: Finding = {
    ...f,
    title: patch.title ?? f.title,
    description: patch.description ?? f.description,
    status: patch.status ?? f.status,
    eventIds: eventIds([...f.eventIds.filter((e) => !drop.has(e)), ...(patch.addEventIds ?? [])]),
    updatedAt: iso(now),
  };
  const what: string[] = [];
  if (next.status !== f.status) what.push(`${f.status} -> ${next.status}`);
  if (next.title !== f.title || next.description !== f.description) what.push('text changed');
  const added = next.eventIds.filter((e) => !f.eventIds.includes(e)).length;
  const removed = f.eventIds.filter((e) => !next.eventIds.includes(e)).length;
  if (added) what.push(`+${added} event${added === 1 ? '' : 's'}`);
  if (removed) what.push(`-${removed} event${removed === 1 ? '' : 's'}`);
  if (!what.length) return { incident: i, entries: [] };
  return {
    incident: { ...i, findings: i.findings.map((x) => (x.id === findingId ? next : x)), updatedAt: iso(now) },
    entries: [entry(now, actor, 'finding_updated', `${next.title}: ${what.join(', ')}`, { findingId, from: f.status, to: next.status })],
  };
}

/** Writes parts of the postmortem; omitted parts keep their value. */
export function writePostmortem(i: IncidentRecord, patch: PostmortemBody, actor: string, now: number): IncidentOutcome {
  const parts = (Object.keys(patch) as (keyof PostmortemBody)[]).filter((k) => patch[k] !== undefined);
  const pm: Postmortem = { ...i.postmortem, ...Object.fromEntries(parts.map((k) => [k, patch[k]])), updatedBy: actor, updatedAt: iso(now) };
  return { incident: { ...i, postmortem: pm, updatedAt: iso(now) }, entries: [entry(now, actor, 'postmortem', parts.length ? `edited ${parts.join(', ')}` : 'saved', { parts })] };
}

/** A timeline entry for a notification about the incident's alerts. */
export function notificationEntry(text: string, data: Record<string, unknown>, now: number): IncidentTimelineEntry {
  return entry(now, 'vigil', 'notification', text, data);
}

/** One delivery of a notification about one of an incident's alerts, as the delivery log holds it. */
export interface IncidentDelivery {
  id: string;
  alertId: string;
  channelId: string;
  /** The channel's name and type, or null when the channel was deleted since. */
  channel: string | null;
  channelType: string | null;
  /** Why it was sent (`firing`, `repeat`, `acknowledged`, `resolved`, `escalation`). */
  kind: string | null;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  /** When it was queued (the timeline's time for it). */
  createdAt: number;
  deliveredAt: number | null;
}

/** The timeline entry of a delivery: channel, status and time, e.g. `firing → "soc" (slack): delivered`. */
export function deliveryEntry(d: IncidentDelivery): IncidentTimelineEntry {
  const where = d.channel ? `"${d.channel}" (${d.channelType})` : 'a deleted channel';
  const tries = d.attempts > 1 ? ` after ${d.attempts} attempts` : '';
  // The error text stays in the channel's delivery log (admins): receivers' answers are not for every timeline reader.
  const code = d.lastStatusCode ? ` (${d.lastStatusCode})` : '';
  const status = d.status === 'delivered' ? `delivered${tries}` : d.status === 'failed' ? `failed${tries}${code}, kept as a dead letter` : d.attempts ? `retrying, attempt ${d.attempts} failed${code}` : 'queued';
  return notificationEntry(`${d.kind ?? 'firing'} → ${where}: ${status}`, {
    deliveryId: d.id, alertId: d.alertId, channelId: d.channelId, channel: d.channel, channelType: d.channelType, kind: d.kind, status: d.status,
    attempts: d.attempts, lastStatusCode: d.lastStatusCode, deliveredAt: d.deliveredAt === null ? null : new Date(d.deliveredAt).toISOString(),
  }, d.createdAt);
}

/** The recorded timeline with the notifications merged in by time (recorded entries first on a tie). */
export function withNotifications(timeline: readonly IncidentTimelineEntry[], deliveries: readonly IncidentDelivery[]): IncidentTimelineEntry[] {
  if (!deliveries.length) return [...timeline];
  const notes = deliveries.map(deliveryEntry);
  const out: IncidentTimelineEntry[] = [];
  let j = 0;
  for (const e of timeline) {
    while (j < notes.length && notes[j]!.at < e.at) out.push(notes[j++]!);
    out.push(e);
  }
  return out.concat(notes.slice(j));
}
