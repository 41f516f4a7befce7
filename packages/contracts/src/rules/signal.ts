/**
 * @module rules/signal
 * What the detection engine emits: one signal per rule, group and window; the server turns signals into
 * alerts (folding repeats with the same rule and group).
 */
import type { FieldValue } from '../event.ts';
import type { Severity } from '../severity.ts';
import type { RuleSource } from './rule-doc.ts';

/** A detection: the evidence for one rule, group and window. */
export interface Signal {
  /** Deterministic: a hash of rule id, group key and window start, so a restart can dedupe. */
  id: string;
  ruleId: string;
  kind: string;
  title: string;
  severity: Severity;
  tags: string[];
  /** Canonical JSON of the group values (`["10.0.0.1"]`; `[]` without group_by). */
  groupKey: string;
  /** The group values by field name. */
  group: Record<string, FieldValue>;
  /** Start of the window (or suppression period) the signal stands for, ISO 8601. */
  windowStart: string;
  firstTime: string;
  lastTime: string;
  /** Events counted as evidence when the signal fired. */
  count: number;
  /** Up to 10 ids of evidence events. */
  sampleEventIds: string[];
  /** For sequences: the ids of the events that matched the steps, in step order. */
  eventIds?: string[];
  /** The rule's provenance when imported (a Sigma rule's author and references). */
  source?: RuleSource;
}
