/**
 * @module app/modules/incidents-module
 * Incidents: the incident and grouping-rule services the API serves, and the grouper, a queued
 * consumer of the `alerts` topic (dropping, counted, when 10,000 alerts queue: grouping never holds
 * detection back) that files new alerts into incidents by the tenant's rules.
 */
import { AlertsRepo, AuditRepo, UsersRepo } from '../../repos/index.ts';
import { IncidentGrouper, IncidentRuleService, IncidentRulesRepo, IncidentService } from '../../incidents/index.ts';
import { need, type RuntimeModule } from '../runtime-module.ts';

/** The incidents module. */
export function incidentsModule(): RuntimeModule {
  let off: (() => void) | undefined;
  return {
    name: 'incidents',
    needs: ['alerts'],
    provides: ['incidents', 'incidentRules', 'grouper'],
    async init(s) {
      const audit = new AuditRepo(s.db, { now: s.now, newId: s.newId });
      const log = s.log.child({ component: 'incidents' });
      const events = s.store;
      const users = new UsersRepo(s.db);
      const incidents = new IncidentService({
        db: s.db, bus: s.bus, newId: s.newId, now: s.now, log, audit,
        ...(events ? { events } : {}),
        userExists: async (tenantId, username) => (await users.byUsername(username, tenantId)).some((u) => !u.disabled),
      });
      const incidentRules = new IncidentRuleService(new IncidentRulesRepo(s.db), s.newId, s.now, audit);
      const grouper = new IncidentGrouper({ incidents, rules: incidentRules, alerts: new AlertsRepo(s.db), ...(events ? { events } : {}), now: s.now, onError: (err, a) => log.error({ err, alertId: a.id }, 'could not group an alert into an incident') });
      Object.assign(s, { incidents, incidentRules, grouper });
    },
    async start(s) {
      off = s.bus.subscribe('alerts', 'incidents', need(s, 'grouper').handle, { overflow: 'drop' });
    },
    async stop() {
      off?.();
    },
  };
}
