/**
 * @module incidents/incident-service
 * Incidents as people and the grouper change them. Every change runs one pure function from core in a
 * transaction (the incident, its alert links and its timeline entries together), then is announced on
 * the `incidents` topic and recorded in the audit log with the incident before and after.
 */
import { VigilError, type Incident, type IncidentDetail, type IncidentEvent, type IncidentStatus, type IncidentTimelineEntry, type Postmortem, type PostmortemBody, type Severity, type FindingStatus, type VigilEvent } from '@vigil/contracts';
import {
  addAlerts,
  addFinding,
  addIncidentNote,
  changeStatus,
  createIncident,
  editDetails,
  postmortemMarkdown,
  removeAlerts,
  setOwner,
  setSeverity,
  updateFinding,
  withNotifications,
  writePostmortem,
  type IncidentAlertRef,
  type IncidentOutcome,
  type IncidentRecord,
} from '@vigil/core';
import type { SqlDb } from '../db/sql-db.ts';
import type { Bus } from '../bus/index.ts';
import type { Logger } from '../log/logger.ts';
import { AlertsRepo } from '../repos/alerts-repo.ts';
import { actorName, type ActorRef, type AuditRecorder } from '../repos/audit-recorder.ts';
import { IncidentsRepo, type IncidentFilter } from './incidents-repo.ts';

/** Reads stored events by id (the event store), to check evidence and read an alert's sample event. */
export interface EventLookup {
  get(tenantId: string, id: string): Promise<VigilEvent | null>;
}

/** What the incident service needs. */
export interface IncidentServiceDeps {
  db: SqlDb;
  bus: Bus;
  newId: () => string;
  now: () => number;
  log: Logger;
  audit?: AuditRecorder;
  /** When given, evidence event ids must name stored events. */
  events?: EventLookup;
  /** When given, an owner must be an enabled user of the tenant. */
  userExists?: (tenantId: string, username: string) => Promise<boolean>;
}

/** The incident as the API shows it. */
export function publicIncident(i: IncidentRecord): Incident {
  const out: Partial<IncidentRecord> = { ...i };
  delete out.tenantId;
  delete out.alertSeverities;
  return out as Incident;
}

/** Incidents of every tenant. */
export class IncidentService {
  private readonly repo: IncidentsRepo;
  private readonly alerts: AlertsRepo;

  constructor(private readonly deps: IncidentServiceDeps) {
    this.repo = new IncidentsRepo(deps.db);
    this.alerts = new AlertsRepo(deps.db);
  }

  /** A page of incidents, newest activity first. */
  async list(tenantId: string, f: IncidentFilter): Promise<Incident[]> {
    return (await this.repo.list(tenantId, f)).map(publicIncident);
  }

  /** The stored record (grouping and digests). */
  async record(tenantId: string, id: string): Promise<IncidentRecord> {
    const i = await this.repo.get(tenantId, id);
    if (!i) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No such incident.');
    return i;
  }

  /** Incidents unresolved, or changed since `since`. */
  activeSince(tenantId: string, since: number): Promise<IncidentRecord[]> {
    return this.repo.activeSince(tenantId, since);
  }

  async get(tenantId: string, id: string): Promise<IncidentDetail> {
    const i = await this.record(tenantId, id);
    return { incident: publicIncident(i), timeline: await this.timeline(tenantId, id) };
  }

  /** Alerts of the tenant by id, or a 400 naming the first unknown one. */
  private async alertRefs(tenantId: string, ids: readonly string[]): Promise<IncidentAlertRef[]> {
    const out: IncidentAlertRef[] = [];
    for (const [n, id] of ids.entries()) {
      const a = await this.alerts.get(tenantId, id);
      if (!a) throw new VigilError('VIGIL_ERR_VALIDATION', `alertIds[${n}]: no alert "${id}" in this tenant.`, { field: `alertIds[${n}]` });
      out.push({ id: a.id, severity: a.severity, title: a.title });
    }
    return out;
  }

  private async checkOwner(tenantId: string, owner: string | null | undefined): Promise<void> {
    if (owner && this.deps.userExists && !(await this.deps.userExists(tenantId, owner))) throw new VigilError('VIGIL_ERR_VALIDATION', `No user "${owner}" in this tenant.`, { field: 'owner' });
  }

  private async checkEvents(tenantId: string, ids: readonly string[] | undefined): Promise<void> {
    if (!ids || !this.deps.events) return;
    for (const [n, id] of ids.entries()) if (!(await this.deps.events.get(tenantId, id))) throw new VigilError('VIGIL_ERR_VALIDATION', `eventIds[${n}]: no stored event "${id}" in this tenant.`, { field: `eventIds[${n}]` });
  }

  /** Opens an incident (by hand, or by a grouping rule when `group` is given). */
  async create(
    tenantId: string,
    input: { title: string; description?: string; owner?: string | null; severity?: Severity; alertIds?: readonly string[] },
    actor: ActorRef,
    group?: { ruleId: string; key: string; alerts: IncidentAlertRef[] },
  ): Promise<IncidentDetail> {
    await this.checkOwner(tenantId, input.owner);
    const alerts = group ? group.alerts : await this.alertRefs(tenantId, input.alertIds ?? []);
    const out = createIncident({ ...input, alerts, groupRuleId: group?.ruleId ?? null, groupKey: group?.key ?? null }, { tenantId, id: this.deps.newId(), now: this.deps.now(), actor: actorName(actor) });
    await this.deps.db.tx(async (tx) => {
      const repo = this.repo.with(tx);
      await repo.save(out.incident);
      await repo.addTimeline(tenantId, out.incident.id, out.entries);
    });
    await this.announce(out, actor, 'incident.create', undefined);
    return this.get(tenantId, out.incident.id);
  }

  /** Runs one change in a transaction, then announces and audits it. */
  private async change(tenantId: string, id: string, actor: ActorRef, action: string, fn: (i: IncidentRecord) => IncidentOutcome | Promise<IncidentOutcome>): Promise<IncidentDetail> {
    let before: IncidentRecord | undefined;
    const out = await this.deps.db.tx(async (tx) => {
      const repo = this.repo.with(tx);
      const i = await repo.get(tenantId, id);
      if (!i) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No such incident.');
      before = i;
      const o = await fn(i);
      if (!o.entries.length) return o;
      await repo.save(o.incident, i);
      await repo.addTimeline(tenantId, id, o.entries);
      return o;
    });
    if (out.entries.length) await this.announce(out, actor, `incident.${action}`, before);
    return this.get(tenantId, id);
  }

  /** Publishes the change on the `incidents` topic and writes the audit entry; neither fails the change. */
  private async announce(out: IncidentOutcome, actor: ActorRef, action: string, before: IncidentRecord | undefined): Promise<void> {
    const i = out.incident;
    const msg: IncidentEvent = { id: i.id, tenantId: i.tenantId, title: i.title, status: i.status, severity: i.severity, owner: i.owner, alertCount: i.alertIds.length, action: out.entries[0]!.action, actor: actorName(actor), updatedAt: i.updatedAt };
    try {
      await this.deps.bus.publish('incidents', [msg]);
    } catch (err) {
      this.deps.log.error({ err }, 'could not announce an incident change');
    }
    await this.deps.audit?.record(i.tenantId, { actor, action, targetType: 'incident', targetId: i.id, ...(before ? { before: publicIncident(before) } : {}), after: publicIncident(i) });
  }

  /** Title, description, owner and severity (null: back to the alerts' highest). */
  async update(tenantId: string, id: string, patch: { title?: string; description?: string; owner?: string | null; severity?: Severity | null }, actor: ActorRef): Promise<IncidentDetail> {
    await this.checkOwner(tenantId, patch.owner);
    const who = actorName(actor);
    return this.change(tenantId, id, actor, 'update', (i) => {
      const now = this.deps.now();
      const steps: ((x: IncidentRecord) => IncidentOutcome)[] = [(x) => editDetails(x, patch, who, now)];
      if (patch.owner !== undefined) steps.push((x) => setOwner(x, patch.owner ?? null, who, now));
      if (patch.severity !== undefined) steps.push((x) => setSeverity(x, patch.severity ?? null, who, now));
      return steps.reduce<IncidentOutcome>((acc, step) => {
        const o = step(acc.incident);
        return { incident: o.incident, entries: [...acc.entries, ...o.entries] };
      }, { incident: i, entries: [] });
    });
  }

  setStatus(tenantId: string, id: string, status: IncidentStatus, actor: ActorRef, note?: string): Promise<IncidentDetail> {
    return this.change(tenantId, id, actor, 'status', (i) => changeStatus(i, status, actorName(actor), this.deps.now(), note));
  }

  async addAlerts(tenantId: string, id: string, alertIds: readonly string[], actor: ActorRef): Promise<IncidentDetail> {
    const refs = await this.alertRefs(tenantId, alertIds);
    return this.change(tenantId, id, actor, 'alerts_add', (i) => addAlerts(i, refs, actorName(actor), this.deps.now()));
  }

  /** Links alerts the grouper matched (already read, so no lookups). */
  joinAlerts(tenantId: string, id: string, refs: IncidentAlertRef[], actor: ActorRef): Promise<IncidentDetail> {
    return this.change(tenantId, id, actor, 'alerts_add', (i) => addAlerts(i, refs, actorName(actor), this.deps.now()));
  }

  removeAlerts(tenantId: string, id: string, alertIds: readonly string[], actor: ActorRef): Promise<IncidentDetail> {
    return this.change(tenantId, id, actor, 'alerts_remove', (i) => removeAlerts(i, alertIds, actorName(actor), this.deps.now()));
  }

  note(tenantId: string, id: string, text: string, actor: ActorRef): Promise<IncidentDetail> {
    return this.change(tenantId, id, actor, 'note', (i) => addIncidentNote(i, text, actorName(actor), this.deps.now()));
  }

  async addFinding(tenantId: string, id: string, input: { title: string; description?: string; status?: FindingStatus; eventIds?: string[] }, actor: ActorRef): Promise<IncidentDetail> {
    await this.checkEvents(tenantId, input.eventIds);
    return this.change(tenantId, id, actor, 'finding_add', (i) => addFinding(i, input, { id: this.deps.newId(), actor: actorName(actor), now: this.deps.now() }));
  }

  async updateFinding(tenantId: string, id: string, findingId: string, patch: { title?: string; description?: string; status?: FindingStatus; addEventIds?: string[]; removeEventIds?: string[] }, actor: ActorRef): Promise<IncidentDetail> {
    await this.checkEvents(tenantId, patch.addEventIds);
    return this.change(tenantId, id, actor, 'finding_update', (i) => updateFinding(i, findingId, patch, actorName(actor), this.deps.now()));
  }

  async writePostmortem(tenantId: string, id: string, patch: PostmortemBody, actor: ActorRef): Promise<Postmortem> {
    return (await this.change(tenantId, id, actor, 'postmortem', (i) => writePostmortem(i, patch, actorName(actor), this.deps.now()))).incident.postmortem;
  }

  /** The postmortem as Markdown. */
  async postmortemMarkdown(tenantId: string, id: string): Promise<string> {
    const i = await this.record(tenantId, id);
    return postmortemMarkdown(i, await this.timeline(tenantId, id));
  }

  /** Ids of the incidents that hold an alert. */
  incidentsOfAlert(tenantId: string, alertId: string): Promise<string[]> {
    return this.repo.incidentsOfAlert(tenantId, alertId);
  }

  /** The newest unresolved incident a grouping rule opened for a key. */
  openForGroup(tenantId: string, ruleId: string, key: string): Promise<IncidentRecord | undefined> {
    return this.repo.openForGroup(tenantId, ruleId, key);
  }

  /** The timeline: what was recorded, with the notifications sent for the incident's alerts merged in by time. */
  async timeline(tenantId: string, id: string): Promise<IncidentTimelineEntry[]> {
    return withNotifications(await this.repo.timeline(tenantId, id), await this.repo.deliveries(tenantId, id));
  }
}
