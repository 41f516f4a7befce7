/**
 * @module incidents/incident-grouper
 * Auto-grouping: a queued consumer of the `alerts` topic. For each alert that is not resolved it
 * refreshes the severity in incidents that already hold it; otherwise the tenant's incident rules are
 * tried in order and the first that takes the alert either joins it to the open incident of the same
 * key (within the rule's window) or opens a new incident. Batches are handled one at a time, so two
 * alerts of one key never open two incidents. The decisions are core's; the clock is injected.
 */
import type { AlertEvent, VigilEvent } from '@vigil/contracts';
import { alertFields, decideGrouping, incidentKeyOf, ruleTakes, type AlertRecord } from '@vigil/core';
import type { AlertsRepo } from '../repos/alerts-repo.ts';
import type { IncidentService, EventLookup } from './incident-service.ts';
import type { IncidentRuleService } from './incident-rule-service.ts';

/** The actor of automatic changes in timelines and the audit log. */
export const GROUPER_ACTOR = 'vigil';

/** What the grouper needs. */
export interface IncidentGrouperDeps {
  incidents: IncidentService;
  rules: IncidentRuleService;
  alerts: AlertsRepo;
  /** Reads an alert's first sample event, so rules can group by fields the detection rule did not group by. */
  events?: EventLookup;
  now: () => number;
  onError: (err: unknown, alert: AlertEvent) => void;
}

/** Groups alerts into incidents by the tenant's rules. */
export class IncidentGrouper {
  constructor(private readonly deps: IncidentGrouperDeps) {}

  /** The `alerts` topic handler. */
  readonly handle = async (batch: readonly AlertEvent[]): Promise<void> => {
    for (const a of batch) {
      if (a.state === 'resolved') continue;
      try {
        await this.group(a);
      } catch (err) {
        this.deps.onError(err, a);
      }
    }
  };

  /** Groups one alert; answers the incident id it joined or opened, if any. */
  async group(a: AlertEvent): Promise<string | undefined> {
    const { incidents } = this.deps;
    const held = await incidents.incidentsOfAlert(a.tenantId, a.id);
    if (held.length) {
      for (const id of held) {
        const i = await incidents.record(a.tenantId, id);
        if (i.status !== 'resolved' && i.alertSeverities[a.id] !== a.severity) await incidents.joinAlerts(a.tenantId, id, [{ id: a.id, severity: a.severity, title: a.ruleTitle }], GROUPER_ACTOR);
      }
      return held[0];
    }
    const rules = await this.deps.rules.rulesFor(a.tenantId);
    if (!rules.length) return undefined;
    const alert = await this.deps.alerts.get(a.tenantId, a.id);
    if (!alert) return undefined;
    const fields = alertFields(alert, await this.sampleFields(alert));
    for (const rule of rules) {
      if (!ruleTakes(rule, fields)) continue;
      const key = incidentKeyOf(rule, fields);
      if (key === null) continue;
      const candidate = await incidents.openForGroup(a.tenantId, rule.doc.id, key);
      const d = decideGrouping(rule, fields, key, candidate, this.deps.now());
      const ref = { id: alert.id, severity: alert.severity, title: alert.title };
      if (d.action === 'join') {
        await incidents.joinAlerts(a.tenantId, d.incidentId, [ref], GROUPER_ACTOR);
        return d.incidentId;
      }
      return (await incidents.create(a.tenantId, { title: d.title }, GROUPER_ACTOR, { ruleId: rule.doc.id, key: d.groupKey, alerts: [ref] })).incident.id;
    }
    return undefined;
  }

  private async sampleFields(alert: AlertRecord): Promise<VigilEvent | Record<string, never>> {
    const id = alert.sampleEventIds[0];
    if (!id || !this.deps.events) return {};
    return (await this.deps.events.get(alert.tenantId, id).catch(() => null)) ?? {};
  }
}
