/**
 * @module detection/registry
 * The built-in rule kinds: adding one is a folder under `kinds/` plus one line here. The registry is a
 * value handed to `compileRule` and the engine, never a global, so tests and the server can extend it.
 */
import type { RuleKind, RuleKindRegistry } from './rule-kind.ts';
import { matchKind } from './kinds/match/index.ts';
import { thresholdKind } from './kinds/threshold/index.ts';
import { valueCountKind } from './kinds/value-count/index.ts';
import { sequenceKind } from './kinds/sequence/index.ts';
import { absenceKind } from './kinds/absence/index.ts';
import { newTermsKind } from './kinds/new-terms/index.ts';
import { metricKind } from './kinds/metric/index.ts';
import { temporalKind } from './kinds/temporal/index.ts';
import { aggregateKind } from './kinds/aggregate/index.ts';

/** Every built-in rule kind by name. */
export const BUILTIN_RULE_KINDS: RuleKindRegistry = new Map<string, RuleKind>(
  [matchKind as RuleKind, thresholdKind, valueCountKind, sequenceKind, absenceKind as RuleKind, newTermsKind as RuleKind, metricKind as RuleKind, temporalKind, aggregateKind as RuleKind].map((k) => [k.name, k]),
);
