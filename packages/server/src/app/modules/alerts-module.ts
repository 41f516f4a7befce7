/**
 * @module app/modules/alerts-module
 * Alerts: the AlertService, which the detector delivers signals to (`alertSink`) and the API serves.
 */
import { AlertService } from '../../alerts/alert-service.ts';
import type { RuntimeModule } from '../runtime-module.ts';

/** The alerts module. */
export function alertsModule(): RuntimeModule {
  return {
    name: 'alerts',
    needs: [],
    provides: ['alerts', 'alertSink'],
    async init(s) {
      const alerts = new AlertService(s.db, s.bus, s.newId, s.now, s.log);
      Object.assign(s, { alerts, alertSink: alerts });
    },
  };
}
