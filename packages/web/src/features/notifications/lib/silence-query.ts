/**
 * @module silence-query
 * "Silence this alert": a query that matches the alert's rule and its labels (the rule's group
 * values, e.g. `host.name`, `source.ip`), so later alerts of the same rule and group are silenced too.
 */
import type { Alert } from '@vigil/contracts';
import { addFilter } from '../../../lib/query-text.ts';

/** `rule.id:"…" AND <each group field>:"…"`. */
export function silenceQuery(alert: Pick<Alert, 'ruleId' | 'group'>): string {
  let q = addFilter('', 'rule.id', alert.ruleId);
  for (const [field, value] of Object.entries(alert.group ?? {})) q = addFilter(q, field, value);
  return q;
}

/** The silences page with the create form open and pre-filled for an alert. */
export function silenceFromAlertUrl(alert: Pick<Alert, 'id' | 'ruleId' | 'group' | 'title'>): string {
  return `/silences?${new URLSearchParams({ new: '1', match: silenceQuery(alert), comment: `Silenced from alert ${alert.title}` })}`;
}
