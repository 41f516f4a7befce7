/**
 * @module notify/stages/dedup-stage
 * Decides whether the receiver must hear about the group now, against what it was last told
 * (after Alertmanager's `DedupStage.needsUpdate`): a new open alert; an alert it knew about that
 * resolved or was acknowledged; or, when nothing changed, open alerts older than `repeat_interval`.
 * Resolved alerts it never heard of are left out; acknowledged alerts do not repeat.
 */
import type { LogEntry, PipelineAlert, Stage } from '../stage.ts';
import type { NotificationKind } from '../notification.ts';

/** Why the receiver must be told now, or null. */
export function needsUpdate(entry: LogEntry | undefined, alerts: readonly PipelineAlert[], now: number, repeatMs: number): NotificationKind | null {
  const firing = alerts.filter((a) => a.state === 'open');
  if (!entry) return firing.length ? 'firing' : null;
  const told = new Set([...entry.firing, ...entry.acked]);
  if (firing.some((a) => !entry.firing.includes(a.id))) return 'firing';
  if (alerts.some((a) => a.state === 'resolved' && told.has(a.id) && !entry.resolved.includes(a.id))) return 'resolved';
  if (alerts.some((a) => a.state === 'acknowledged' && entry.firing.includes(a.id))) return 'acknowledged';
  if (firing.length && now - entry.at >= repeatMs) return 'repeat';
  return null;
}

/** The dedup stage: passes the alerts the message names (resolved ones only when the receiver knew them) and sets `ctx.kind`. */
export function dedupStage(): Stage {
  return {
    name: 'dedup',
    run(ctx, alerts) {
      const kind = needsUpdate(ctx.log, alerts, ctx.now, ctx.route.repeatIntervalMs);
      if (!kind) return [];
      ctx.kind = kind;
      const told = new Set([...(ctx.log?.firing ?? []), ...(ctx.log?.acked ?? [])]);
      return alerts.filter((a) => a.state !== 'resolved' || told.has(a.id));
    },
  };
}
