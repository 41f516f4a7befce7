/**
 * @module app/modules/notify-module
 * Notifications: the channels, the routing objects, the durable delivery queue and the notify
 * service that follows the `alerts` topic through each tenant's routing tree (or, without one, to
 * its default channels). Needs the alerts module before it: it replays open alerts at start.
 */
import type { AlertEvent } from '@vigil/contracts';
import { loadSecretBox } from '../../auth/secret-box.ts';
import { alertEventOf } from '../../alerts/alert-service.ts';
import type { AlertService } from '../../alerts/alert-service.ts';
import { createNotifyStack } from '../../notify/index.ts';
import { StageCounters } from '../../metrics/stage-counters.ts';
import { AuditRepo } from '../../repos/index.ts';
import { need, type RuntimeModule } from '../runtime-module.ts';

/** Every open and acknowledged alert of a tenant, page by page. */
export async function unresolvedAlerts(alerts: AlertService, tenantId: string): Promise<AlertEvent[]> {
  const out: AlertEvent[] = [];
  let after: { updatedAt: number; id: string } | undefined;
  for (;;) {
    const page = await alerts.list(tenantId, { states: ['open', 'acknowledged'], limit: 500, ...(after ? { after } : {}) });
    out.push(...page.map((a) => alertEventOf(a)));
    if (page.length < 500) return out;
    const last = page[page.length - 1]!;
    after = { updatedAt: Date.parse(last.updatedAt), id: last.id };
  }
}

/** The notify module. */
export function notifyModule(): RuntimeModule {
  let off: (() => void) | undefined;
  return {
    name: 'notify',
    needs: ['alerts'],
    provides: ['notifier', 'channels', 'routing', 'alertLinks'],
    async init(s) {
      const alerts = need(s, 'alerts');
      const log = s.log.child({ component: 'notify' });
      const routed = new StageCounters(s.metrics, 'notify', 'transform');
      const delivered = new StageCounters(s.metrics, 'notify_delivery', 'sink');
      const latency = s.metrics.histogram('vigil_notify_delivery_seconds', 'From queued to delivered, per notification.');
      const stack = createNotifyStack({
        db: s.db, box: loadSecretBox(s.config.data_dir, s.config.secret_key), publicUrl: s.config.public_url ?? null, now: s.now, newId: s.newId,
        policy: { maxAttempts: s.config['notify.max_attempts'], baseMs: s.config['notify.retry_base'], maxMs: s.config['notify.retry_max'] },
        timeoutMs: s.config['notify.timeout'],
        unresolved: (tenantId) => unresolvedAlerts(alerts, tenantId),
        alertById: async (tenantId, id) => alertEventOf((await alerts.get(tenantId, id)).alert),
        onCount: (what, n) => routed.add(what === 'received' ? 'received' : 'emitted', n),
        onAttempt: (d, r, status) => {
          if (d.roundAttempts === 0) delivered.add('received');
          if (status === 'delivered') {
            delivered.add('emitted');
            latency.observe((s.now() - d.createdAt) / 1000);
          } else if (status === 'failed') delivered.add('failed');
          if (!r.ok) log.warn({ deliveryId: d.id, channelId: d.channelId, status, reason: r.reason }, 'notification attempt failed');
        },
        onError: (err, what) => log.error({ err }, `${what} failed`),
        audit: new AuditRepo(s.db, { now: s.now, newId: s.newId }),
      });
      Object.assign(s, { notifier: stack.notifier, channels: stack.channels, routing: stack.routing, alertLinks: stack.links });
    },
    async start(s) {
      const notifier = need(s, 'notifier');
      await notifier.start();
      // Not awaited by publish, and dropping (counted) when 10,000 alerts queue: notifications never hold detection back.
      off = s.bus.subscribe('alerts', 'notify', notifier.handle, { overflow: 'drop' });
    },
    async stop(s) {
      off?.();
      await s.notifier?.stop();
    },
  };
}
