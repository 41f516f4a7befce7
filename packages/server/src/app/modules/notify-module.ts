/**
 * @module app/modules/notify-module
 * Notifications: consumes the `alerts` topic and sends newly opened alerts to each tenant's default
 * channels (the minimal dispatcher, until routing trees land). Needs the alerts module before it, to
 * add the rule's author to messages.
 */
import { loadSecretBox } from '../../auth/secret-box.ts';
import { createChannelService, DefaultDispatcher, type ChannelAlert } from '../../notify/index.ts';
import { need, type RuntimeModule } from '../runtime-module.ts';

/** The notify module. */
export function notifyModule(): RuntimeModule {
  let off: (() => void) | undefined;
  return {
    name: 'notify',
    needs: ['alerts'],
    provides: ['notifier'],
    async init(s) {
      const alerts = need(s, 'alerts');
      const channels = createChannelService({ db: s.db, box: loadSecretBox(s.config.data_dir), publicUrl: s.config.public_url ?? null, now: s.now, newId: s.newId });
      const log = s.log.child({ component: 'notify' });
      s.notifier = new DefaultDispatcher({
        channels,
        enrich: async (a) => ({ ...a, source: (await alerts.get(a.tenantId, a.id)).alert.source ?? null }) as ChannelAlert,
        onError: (err, a) => log.error({ err, alertId: a.id }, 'notification failed'),
      });
    },
    async start(s) {
      // Not awaited by publish, and dropping (counted) when 10,000 alerts queue: notifications never hold detection back.
      off = s.bus.subscribe('alerts', 'notify', need(s, 'notifier').handle, { overflow: 'drop' });
    },
    async stop(s) {
      off?.();
      await s.notifier?.idle();
    },
  };
}
