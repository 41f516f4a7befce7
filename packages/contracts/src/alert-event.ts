/**
 * @module alert-event
 * The message of the `alerts` topic: an alert as the detection engine raises and folds it.
 *
 * Repeats of the same rule and group fold into the open alert (count, last seen, samples grow), so one
 * alert id is published several times over its life; consumers keep the latest by `id`.
 */
import type { Severity } from './severity.ts';

/** Alert states, in lifecycle order. */
export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** An alert: one rule firing for one group (e.g. one source IP). Times are ISO 8601 like `@timestamp`. */
export interface AlertEvent {
  id: string;
  tenantId: string;
  ruleId: string;
  ruleTitle: string;
  /** The rule's group-by values, joined into one stable key (empty when the rule has no group-by). */
  groupKey: string;
  severity: Severity;
  /** ATT&CK and free tags, e.g. `attack.t1110`. */
  tags: string[];
  /** Matches folded into this alert. */
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** Ids of some of the events that made it (bounded; the first ones). */
  sampleEventIds: string[];
  state: AlertState;
  /** The rule's group-by fields and values (e.g. `{"source.ip": "203.0.113.9"}`): what routes, inhibit rules and silences match besides the fields above. */
  group?: Record<string, unknown>;
  /** Where the rule came from (a rule pack, a Sigma file); its `author` is named in notifications. */
  source?: { author?: string | null; [key: string]: unknown } | null;
  /** What this message announces: a newly opened alert, a repeat folded in, or a person's change. */
  action?: AlertChange;
}

/** What an `alerts` topic message announces (the alert history's action). */
export type AlertChange = 'opened' | 'folded' | 'acknowledged' | 'resolved' | 'assigned' | 'note';
