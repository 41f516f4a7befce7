/**
 * @module notify/stage
 * Alertmanager's `Stage`: alerts in, alerts out, under a context. A flush of one group for one
 * receiver runs the stages in order; a stage that leaves no alerts ends the run. Stages read the
 * context and write their decisions into it (what was muted, what to send, the new log entry).
 */
import type { CompiledRoute } from './route-tree.ts';
import type { CompiledTimeInterval } from './time-interval.ts';
import type { NotifyAlert, AlertDoc } from './alert-doc.ts';
import type { Notification, NotificationKind } from './notification.ts';

/** An alert in the pipeline. */
export interface PipelineAlert {
  id: string;
  state: NotifyAlert['state'];
  doc: AlertDoc;
  alert: NotifyAlert;
}

/** What the receiver was last told about a group (Alertmanager's notification log entry). */
export interface LogEntry {
  /** Open alerts notified. */
  firing: string[];
  /** Acknowledged alerts notified. */
  acked: string[];
  /** Resolved alerts announced. */
  resolved: string[];
  /** When (epoch ms). */
  at: number;
}

/** The context of one flush of one group for one receiver. */
export interface FlushContext {
  readonly tenantId: string;
  readonly now: number;
  readonly route: CompiledRoute;
  readonly groupKey: string;
  readonly groupLabels: Record<string, string>;
  readonly receiver: string;
  readonly timeIntervals: ReadonlyMap<string, CompiledTimeInterval>;
  /** The receiver's last notification of this group, if any. */
  readonly log: LogEntry | undefined;
  /** Written by mute stages: which alerts were muted and by what. */
  muted: { id: string; state: string; kind: string; by: string }[];
  /** Written by the time mute stage: the route is outside its active time or inside a mute time. */
  timeMuted: string | null;
  /** Written by the dedup stage: why this flush sends. */
  kind?: NotificationKind;
  /** Written by the record stage: what to send, and the new log entry. */
  notification?: Notification;
  entry?: LogEntry;
}

/** One stage. */
export interface Stage {
  readonly name: string;
  run(ctx: FlushContext, alerts: readonly PipelineAlert[]): readonly PipelineAlert[];
}

/** Runs stages in order, stopping as soon as no alert is left (Alertmanager's `MultiStage`). */
export function multiStage(...stages: Stage[]): Stage {
  return {
    name: stages.map((s) => s.name).join(' -> '),
    run(ctx, alerts) {
      let out = alerts;
      for (const s of stages) {
        if (!out.length) return out;
        out = s.run(ctx, out);
      }
      return out;
    },
  };
}
