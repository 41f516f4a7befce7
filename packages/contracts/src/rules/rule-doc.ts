/**
 * @module rules/rule-doc
 * A detection rule as users write it: the brief's YAML, or the same object as JSON through the API.
 * Durations are strings in the shared grammar (`30s`, `10m`, `14d`); queries are the query language.
 */
import type { Severity } from '../severity.ts';

/** Fields whose values split events into independent groups (e.g. `[source.ip]`). Missing = one group. */
export type GroupBy = string[];

/** `threshold`: at least `count` matching events of one group inside any window of length `window`. */
export interface ThresholdBlock {
  count: number;
  window: string;
  group_by?: GroupBy;
}

/** `value_count`: at least `count` distinct values of `field` in one group inside any window (port scans). */
export interface ValueCountBlock {
  field: string;
  count: number;
  window: string;
  group_by?: GroupBy;
}

/** One step of a sequence: a query, matched by `count` events (default 1). */
export interface SequenceStep {
  query: string;
  count?: number;
}

/** `sequence`: the steps in order of event time, all inside one window, per group. */
export interface SequenceBlock {
  steps: SequenceStep[];
  window: string;
  group_by?: GroupBy;
}

/** `absence`: a group seen before sends nothing for `window`. */
export interface AbsenceBlock {
  window: string;
  group_by?: GroupBy;
}

/** `new_terms`: a value (or combination of `fields`) not seen in the preceding `history`. */
export interface NewTermsBlock {
  fields: string[];
  history: string;
}

/** Comparison operators of `metric`. */
export const METRIC_OPS = ['>', '<', '>=', '<='] as const;
export type MetricOp = (typeof METRIC_OPS)[number];

/** `metric`: a numeric field stays `op value` for at least `for`, per group. */
export interface MetricBlock {
  field: string;
  op: MetricOp;
  value: number;
  for: string;
  group_by?: GroupBy;
}

/** `match` (the plain kind, block optional): one signal per matching event, or per group with `suppress`. */
export interface MatchBlock {
  group_by?: GroupBy;
}

/** `suppress`: at most one signal per rule and group in each aligned period of `window`. */
export interface SuppressBlock {
  window: string;
}

/** `severity_from`: the severity is raised from a field (its value, or looked up in `map`). */
export interface SeverityFromBlock {
  field: string;
  map?: Record<string, Severity>;
}

/** Where a rule came from when it was imported (shown with its alerts; Sigma's DRL-1.1 wants the author). */
export interface RuleSource {
  format: 'sigma';
  /** The rule's id in its own format (a Sigma UUID). */
  id?: string;
  author?: string;
  references?: string[];
  status?: string;
  license?: string;
  /** File the rule was imported from. */
  file?: string;
}

/** A detection rule document. Exactly one kind block, or none for a plain match. */
export interface RuleDoc {
  /** Slug, unique per tenant: lower-case letters, digits and `-`, 1-100 characters. */
  id: string;
  /** Alert title; `{{field}}` placeholders take the triggering event's values. */
  title: string;
  description?: string;
  severity: Severity;
  /** ATT&CK and free tags (`attack.t1110`). */
  tags?: string[];
  /** Which events the rule looks at (the query language); empty = all. */
  query?: string;
  /** Default true. */
  enabled?: boolean;
  /** How far behind the newest event time (or the clock) an event may arrive and still count (default 1m). */
  allowed_lateness?: string;
  suppress?: SuppressBlock;
  severity_from?: SeverityFromBlock;
  /** Set by imports (Sigma): where the rule came from. */
  source?: RuleSource;
  match?: MatchBlock;
  threshold?: ThresholdBlock;
  value_count?: ValueCountBlock;
  sequence?: SequenceBlock;
  absence?: AbsenceBlock;
  new_terms?: NewTermsBlock;
  metric?: MetricBlock;
  /** Every step within the window, in any order (Sigma's unordered `temporal` correlation). */
  temporal?: SequenceBlock;
  aggregate?: AggregateBlock;
}

/** `aggregate`: count, distinct values, sum or average per aligned window and group, compared when the window closes. */
export interface AggregateBlock {
  function: 'count' | 'distinct' | 'sum' | 'avg';
  /** The field counted (distinct) or added up (sum, avg); not for count. */
  field?: string;
  op: '>' | '>=' | '<' | '<=' | '==' | '!=';
  value: number;
  window: string;
  group_by?: string[];
}

/** A located problem found while compiling a rule (`path` like `threshold.window`, `''` = the document). */
export interface RuleProblem {
  code: 'VIGIL_ERR_RULE_INVALID' | 'VIGIL_ERR_QUERY_SYNTAX' | 'VIGIL_ERR_MALFORMED_BODY';
  path: string;
  message: string;
  /** 1-based line and column for YAML syntax errors and query errors where known. */
  line?: number;
  column?: number;
}
