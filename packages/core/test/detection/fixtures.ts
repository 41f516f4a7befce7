/**
 * Shared test fixtures: one rule of each kind over a small event vocabulary, and an event maker.
 */
import type { VigilEvent } from '@vigil/contracts';
import { BUILTIN_RULE_KINDS, compileRule, type CompiledRule } from '../../src/detection/index.ts';

/** 2026-01-01T00:00:00Z. */
export const T0 = Date.UTC(2026, 0, 1);

/** An event at `T0 + sec` seconds with the given fields. */
export function ev(id: string, sec: number, fields: Record<string, unknown> = {}): VigilEvent {
  return { id, '@timestamp': new Date(T0 + sec * 1000).toISOString(), 'event.ingested': new Date(T0).toISOString(), message: String(fields.message ?? 'x'), ...fields } as VigilEvent;
}

/** Compiles a rule or fails the test with its problems. */
export function rule(doc: unknown): CompiledRule {
  const r = compileRule(doc, BUILTIN_RULE_KINDS);
  if (!r.ok) throw new Error(`rule does not compile: ${JSON.stringify(r.errors)}`);
  return r.rule;
}

const base = { severity: 'medium', allowed_lateness: '1m' };

/** One rule per kind (and suppress variants) over the property tests' vocabulary. */
export const PROPERTY_RULES: Record<string, unknown> = {
  'match-plain': { ...base, id: 'match-plain', title: 'login {{user.name}}', query: 'event.dataset:sshd AND event.outcome:success' },
  'match-suppress': { ...base, id: 'match-suppress', title: 'nginx from {{source.ip}}', query: 'event.dataset:nginx', match: { group_by: ['source.ip'] }, suppress: { window: '2m' } },
  threshold: { ...base, id: 'threshold', title: 'failures from {{source.ip}}', query: 'event.outcome:failure', threshold: { count: 3, window: '1m', group_by: ['source.ip'] } },
  'threshold-suppress': { ...base, id: 'threshold-suppress', title: 'busy {{host.name}}', threshold: { count: 4, window: '30s', group_by: ['host.name'] }, suppress: { window: '5m' } },
  'threshold-global': { ...base, id: 'threshold-global', title: 'many sshd', query: 'event.dataset:sshd', threshold: { count: 6, window: '20s' } },
  value_count: { ...base, id: 'value-count', title: 'scan from {{source.ip}}', value_count: { field: 'destination.port', count: 3, window: '2m', group_by: ['source.ip'] } },
  sequence: { ...base, id: 'sequence', title: 'success after failures for {{user.name}}', query: 'event.dataset:sshd', sequence: { steps: [{ query: 'event.outcome:failure', count: 2 }, { query: 'event.outcome:success' }], window: '2m', group_by: ['user.name'] } },
  'sequence-3': { ...base, id: 'sequence-3', title: 'three steps', sequence: { steps: [{ query: 'event.dataset:nginx' }, { query: 'event.outcome:failure' }, { query: 'destination.port:22' }], window: '90s', group_by: ['host.name'] }, suppress: { window: '3m' } },
  absence: { ...base, id: 'absence', title: '{{host.name}} went silent', query: 'event.dataset:nginx', absence: { window: '3m', group_by: ['host.name'] } },
  new_terms: { ...base, id: 'new-terms', title: 'new source {{source.ip}} for {{user.name}}', new_terms: { fields: ['user.name', 'source.ip'], history: '3m' } },
  metric: { ...base, id: 'metric', title: 'cpu high on {{host.name}}', metric: { field: 'system.cpu.pct', op: '>', value: 30, for: '20s', group_by: ['host.name'] } },
  temporal: { ...base, id: 'temporal', title: 'failures and a success for {{user.name}}', query: 'event.dataset:sshd', temporal: { steps: [{ query: 'event.outcome:failure', count: 2 }, { query: 'event.outcome:success' }], window: '2m', group_by: ['user.name'] } },
  'aggregate-sum': { ...base, id: 'aggregate-sum', title: 'cpu sum on {{host.name}}', aggregate: { function: 'sum', field: 'system.cpu.pct', op: '>=', value: 150, window: '1m', group_by: ['host.name'] } },
  'aggregate-count-lt': { ...base, id: 'aggregate-count-lt', title: 'few failures from {{source.ip}}', query: 'event.outcome:failure', aggregate: { function: 'count', op: '<', value: 3, window: '2m', group_by: ['source.ip'] } },
  'aggregate-distinct-eq': { ...base, id: 'aggregate-distinct-eq', title: 'two ports from {{source.ip}}', aggregate: { function: 'distinct', field: 'destination.port', op: '==', value: 2, window: '90s', group_by: ['source.ip'] } },
  'aggregate-avg': { ...base, id: 'aggregate-avg', title: 'cpu avg on {{host.name}}', aggregate: { function: 'avg', field: 'system.cpu.pct', op: '>', value: 50, window: '30s', group_by: ['host.name'] } },
};

/**
 * Rules and twins that gather the same evidence (same filter, group_by, lateness and kept value) with
 * other counts, windows or suppression (windowed kinds) or other titles (match): the engine runs each
 * family as one unit (RuleKind.share).
 */
export const SHARING_RULES: Record<string, unknown> = {
  'match-plain': PROPERTY_RULES['match-plain'],
  'match-plain-twin': { ...base, id: 'match-plain-twin', title: 'login of {{user.name}}', severity: 'high', query: 'event.dataset:sshd AND event.outcome:success' },
  'match-suppress': PROPERTY_RULES['match-suppress'],
  'match-suppress-twin': { ...base, id: 'match-suppress-twin', title: 'nginx again from {{source.ip}}', query: 'event.dataset:nginx', match: { group_by: ['source.ip'] }, suppress: { window: '2m' } },
  threshold: PROPERTY_RULES.threshold,
  'threshold-twin': { ...base, id: 'threshold-twin', title: 'failures from {{source.ip}}', query: 'event.outcome:failure', threshold: { count: 2, window: '90s', group_by: ['source.ip'] }, suppress: { window: '3m' } },
  'threshold-triplet': { ...base, id: 'threshold-triplet', title: 'failures from {{source.ip}}', query: 'event.outcome:failure', threshold: { count: 5, window: '4m', group_by: ['source.ip'] } },
  'threshold-global': PROPERTY_RULES['threshold-global'],
  'threshold-global-twin': { ...base, id: 'threshold-global-twin', title: 'many sshd', query: 'event.dataset:sshd', threshold: { count: 1, window: '10s' }, suppress: { window: '1m' } },
  value_count: PROPERTY_RULES.value_count,
  'value-count-twin': { ...base, id: 'value-count-twin', title: 'scan from {{source.ip}}', value_count: { field: 'destination.port', count: 2, window: '1m', group_by: ['source.ip'] } },
  sequence: PROPERTY_RULES.sequence,
  'sequence-twin': { ...base, id: 'sequence-twin', title: 'success after a failure for {{user.name}}', query: 'event.dataset:sshd', sequence: { steps: [{ query: 'event.outcome:failure' }, { query: 'event.outcome:success' }], window: '3m', group_by: ['user.name'] }, suppress: { window: '4m' } },
  temporal: PROPERTY_RULES.temporal,
  'temporal-twin': { ...base, id: 'temporal-twin', title: 'failures and a success for {{user.name}}', query: 'event.dataset:sshd', temporal: { steps: [{ query: 'event.outcome:failure', count: 3 }, { query: 'event.outcome:success' }], window: '1m', group_by: ['user.name'] } },
};

/** All property rules compiled. */
export function propertyRules(): CompiledRule[] {
  return Object.values(PROPERTY_RULES).map(rule);
}
