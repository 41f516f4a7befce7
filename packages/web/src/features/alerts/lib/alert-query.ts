/**
 * @module alert-query
 * "Open as search": the events behind an alert are those its rule's query matches, in the alert's
 * group (e.g. `source.ip:"203.0.113.9"`), between first and last seen — widened by the rule's window,
 * since a threshold counts events from before the moment it fired.
 */
import type { Alert, RuleDoc } from '@vigil/contracts';
import { addFilter } from '../../../lib/query-text.ts';
import type { TimeRange } from '../../../lib/time.ts';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A duration like `10m` in ms (0 when it is not one). */
export function durationMs(text: unknown): number {
  const m = typeof text === 'string' ? /^(\d+)(ms|s|m|h|d|w)$/.exec(text.trim()) : null;
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : 0;
}

/** The window of a rule's kind block (threshold, value_count, sequence, absence), 0 for none. */
export function ruleWindowMs(doc: RuleDoc | undefined): number {
  if (!doc) return 0;
  const blocks = [doc.threshold, doc.value_count, doc.sequence, doc.absence] as ({ window?: string } | undefined)[];
  return Math.max(0, ...blocks.map((b) => durationMs(b?.window)));
}

/** The query that finds an alert's events: the rule's query AND each group value. */
export function alertQuery(alert: Pick<Alert, 'group'>, doc: RuleDoc | undefined): string {
  const base = doc?.query?.trim() ?? '';
  let q = base && base !== '*' ? base : '';
  // A base query with a top-level OR gets parentheses from addFilter; a lone query keeps its own text.
  for (const [field, value] of Object.entries(alert.group ?? {})) q = addFilter(q, field, value);
  return q;
}

/** The time range of an alert's events: first seen minus the rule's window, to a second after last seen. */
export function alertRange(alert: Pick<Alert, 'firstSeen' | 'lastSeen'>, doc: RuleDoc | undefined): TimeRange {
  const from = Date.parse(alert.firstSeen) - ruleWindowMs(doc) - 1000;
  const to = Date.parse(alert.lastSeen) + 1000;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** The search page URL of an alert's events. */
export function alertSearchUrl(alert: Pick<Alert, 'group' | 'firstSeen' | 'lastSeen'>, doc: RuleDoc | undefined): string {
  const r = alertRange(alert, doc);
  return `/search?${new URLSearchParams({ q: alertQuery(alert, doc), from: r.from, to: r.to })}`;
}
