/**
 * @module notify/notification
 * What the pipeline decides to send: one notification to one receiver (a channel id) about one
 * group of alerts, with why it is sent now. The server queues it durably and a channel renders it
 * (the `lead` alert as the message, the rest as the group's summary).
 */
import { severityRank } from '@vigil/contracts';
import type { NotifyAlert } from './alert-doc.ts';

/** Why a notification is sent. */
export const NOTIFICATION_KINDS = ['firing', 'repeat', 'acknowledged', 'resolved', 'escalation'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One notification to one receiver. */
export interface Notification {
  tenantId: string;
  /** The channel id to send to. */
  receiver: string;
  kind: NotificationKind;
  /** The route's path in the tree (`''` = root). */
  route: string;
  groupKey: string;
  groupLabels: Record<string, string>;
  /** The alert the message is about (the newest change); the others are in `alerts`. */
  lead: NotifyAlert;
  /** Every alert of the group in this notification (open, acknowledged, and resolved ones being announced). */
  alerts: NotifyAlert[];
  counts: { firing: number; acknowledged: number; resolved: number };
  /** For kind `escalation`: the policy and step that sent it. */
  escalation?: { policyId: string; step: number; round: number };
}

/** The most severe alert, the newest on a tie. */
export function mostSevere(alerts: readonly NotifyAlert[]): NotifyAlert | undefined {
  let best: NotifyAlert | undefined;
  for (const a of alerts) {
    if (!best) best = a;
    else {
      const d = severityRank(a.severity) - severityRank(best.severity);
      if (d > 0 || (d === 0 && a.lastSeen > best.lastSeen)) best = a;
    }
  }
  return best;
}

/** The counts of a set of alerts by state. */
export function countStates(alerts: readonly NotifyAlert[]): Notification['counts'] {
  const c = { firing: 0, acknowledged: 0, resolved: 0 };
  for (const a of alerts) {
    if (a.state === 'open') c.firing++;
    else if (a.state === 'acknowledged') c.acknowledged++;
    else c.resolved++;
  }
  return c;
}
