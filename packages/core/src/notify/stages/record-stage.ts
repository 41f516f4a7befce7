/**
 * @module notify/stages/record-stage
 * The last stage: builds the notification the dedup stage decided on and the receiver's new log
 * entry (Alertmanager's `SetNotifiesStage`). The server stores both in one transaction with the
 * queued delivery, so what the log says was sent is what the queue will deliver.
 */
import { countStates, mostSevere, type Notification } from '../notification.ts';
import type { FlushContext, PipelineAlert, Stage } from '../stage.ts';

/** The alert a notification leads with: the change that caused it. */
function leadOf(ctx: FlushContext, alerts: readonly PipelineAlert[]): PipelineAlert['alert'] {
  const log = ctx.log;
  const pick = (f: (a: PipelineAlert) => boolean) => mostSevere(alerts.filter(f).map((a) => a.alert));
  const lead =
    ctx.kind === 'firing' ? pick((a) => a.state === 'open' && !log?.firing.includes(a.id))
    : ctx.kind === 'resolved' ? pick((a) => a.state === 'resolved' && !log?.resolved.includes(a.id))
    : ctx.kind === 'acknowledged' ? pick((a) => a.state === 'acknowledged' && !!log?.firing.includes(a.id))
    : pick((a) => a.state === 'open');
  return lead ?? alerts[0]!.alert;
}

/** The record stage. */
export function recordStage(): Stage {
  return {
    name: 'record',
    run(ctx, alerts) {
      const list = alerts.map((a) => a.alert);
      const notification: Notification = {
        tenantId: ctx.tenantId, receiver: ctx.receiver, kind: ctx.kind!, route: ctx.route.path, groupKey: ctx.groupKey, groupLabels: ctx.groupLabels,
        lead: leadOf(ctx, alerts), alerts: list, counts: countStates(list),
      };
      const ids = (state: string) => alerts.filter((a) => a.state === state).map((a) => a.id);
      ctx.notification = notification;
      ctx.entry = { firing: ids('open'), acked: ids('acknowledged'), resolved: ids('resolved'), at: ctx.now };
      return alerts;
    },
  };
}
