/**
 * @module app/modules/live-module
 * The live stream hub: a queued consumer of `events` (a full queue drops, counted on /metrics) that
 * fans events out to SSE clients, each with its own bounded buffer.
 */
import { LiveHub } from '../../pipeline/live-hub.ts';
import type { RuntimeModule } from '../runtime-module.ts';

/** The live module. */
export function liveModule(): RuntimeModule {
  let off: (() => void) | null = null;
  return {
    name: 'live',
    needs: [],
    provides: ['live'],
    async init(s) {
      const live = new LiveHub();
      const offEvents = s.bus.subscribe('events', 'live', live.handle, { overflow: 'drop' });
      const offAlerts = s.bus.subscribe('alerts', 'live', live.handleAlerts, { overflow: 'drop' });
      const offIncidents = s.bus.subscribe('incidents', 'live', live.handleIncidents, { overflow: 'drop' });
      off = () => (offEvents(), offAlerts(), offIncidents());
      s.metrics.gauge('vigil_live_streams', 'Open live streams.', () => live.size);
      s.live = live;
    },
    async stop() {
      off?.();
    },
  };
}
