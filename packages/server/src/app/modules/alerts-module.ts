/**
 * @module app/modules/alerts-module
 * Alerts: the AlertService, which the detector delivers signals to (`alertSink`) and the API serves.
 */
import { AlertService } from '../../alerts/alert-service.ts';
import { AuditRepo } from '../../repos/audit-repo.ts';
import type { RuntimeModule } from '../runtime-module.ts';

/** The alerts module. */
export function alertsModule(): RuntimeModule {
  return {
    name: 'alerts',
    needs: [],
    provides: ['alerts', 'alertSink'],
    async init(s) {
      const alerts = new AlertService(s.db, s.bus, s.newId, s.now, s.log, new AuditRepo(s.db, { now: s.now, newId: s.newId }));
      Object.assign(s, { alerts, alertSink: alerts });
    },
    // After the detector stopped (reverse start order) and before the store drains: its alert events.
    async stop(s) {
      await s.alerts?.settle();
    },
  };
}
