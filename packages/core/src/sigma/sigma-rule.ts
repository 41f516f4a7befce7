/**
 * @module sigma/sigma-rule
 * What the Sigma converter hands back for each document: a detection rule compiled to Vigil's
 * query AST, a correlation rule over other rules, or the reason a document did not convert.
 */
import type { ErrorCode } from '@vigil/contracts';
import type { QueryNode } from '../query/index.ts';
import type { SigmaLogsource } from './pipeline/pipeline.ts';

/** Where a document (or one of its parts) sits in its source. */
export interface SigmaLocation {
  file?: string;
  /** 1-based line. */
  line: number;
  /** Path inside the document, e.g. `detection.selection.Image|endswith`. */
  path?: string;
}

/** The descriptive fields every Sigma rule may carry (shown with its alerts; DRL-1.1 wants `author`). */
export interface SigmaMeta {
  id?: string;
  name?: string;
  title: string;
  description?: string;
  author?: string;
  references: string[];
  status?: string;
  level?: string;
  tags: string[];
  falsepositives: string[];
  date?: string;
  modified?: string;
}

/** A converted detection rule. */
export interface SigmaDetectionRule extends SigmaMeta {
  kind: 'detection';
  logsource: SigmaLogsource;
  /** The events of the log source AND the detection. */
  query: QueryNode;
  /** The detection alone (without the log source's events). */
  detection: QueryNode;
  /** `query` as query-language text (what the rule runs as a search, and shows). */
  queryText: string;
  /** Maps a Sigma field name of this rule's log source to Vigil's (for correlation `group-by`). */
  fieldOf(name: string): string | undefined;
  location: SigmaLocation;
}

/** The comparison in a correlation's `condition` (`gte: 100`). */
export interface SigmaCorrelationCondition {
  op: 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq';
  value: number;
  /** `value_count` / `value_sum` / `value_avg`: the field counted or summed (Sigma name). */
  field?: string;
}

/** Correlation kinds of Sigma v2 / v2.1. */
export type SigmaCorrelationType = 'event_count' | 'value_count' | 'temporal' | 'temporal_ordered' | 'value_sum' | 'value_avg';

/** A converted correlation rule (references other rules by name or id). */
export interface SigmaCorrelationRule extends SigmaMeta {
  kind: 'correlation';
  type: SigmaCorrelationType;
  /** Referenced rules, by their `name` or `id`, in order. */
  rules: string[];
  groupBy: string[];
  timespanMs: number;
  condition?: SigmaCorrelationCondition;
  /** alias -> (rule name or id -> field). */
  aliases: Record<string, Record<string, string>>;
  /** Whether the referenced rules also raise alerts of their own. */
  generate: boolean;
  location: SigmaLocation;
}

/** A document that did not convert, with why. */
export interface SigmaFailure {
  kind: 'failure';
  title?: string;
  id?: string;
  author?: string;
  /** `VIGIL_ERR_SIGMA_INVALID` (the rule is wrong) or `VIGIL_ERR_SIGMA_UNSUPPORTED` (Vigil cannot run it). */
  code: Extract<ErrorCode, 'VIGIL_ERR_SIGMA_INVALID' | 'VIGIL_ERR_SIGMA_UNSUPPORTED'>;
  reason: string;
  location: SigmaLocation;
}

/** One result per rule document of the input. */
export type SigmaResult = SigmaDetectionRule | SigmaCorrelationRule | SigmaFailure;
