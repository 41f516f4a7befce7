/**
 * @module notify/inhibit-rule
 * Inhibit rules: while a *source* alert (open or acknowledged) exists, *target* alerts with the same
 * values in every `equal` field send nothing — a critical "host down" mutes that host's warnings. An
 * alert never inhibits itself. A missing field counts as the empty value, as in Alertmanager.
 */
import { compileAlertMatch, fieldText, type AlertMatcher } from './alert-doc.ts';
import { ConfigProblems, problemPath } from './config-problems.ts';
import type { MuteCandidate, Muter } from './muter.ts';

/** An inhibit rule as stored. */
export interface InhibitRuleSpec {
  id: string;
  name: string;
  source_match: string;
  target_match: string;
  equal?: string[];
  enabled?: boolean;
}

/** A compiled inhibit rule. */
export interface CompiledInhibitRule {
  id: string;
  source: AlertMatcher;
  target: AlertMatcher;
  equal: string[];
}

/** Validates and compiles a rule, collecting problems (the matches' query errors name the field). */
export function compileInhibitRule(spec: InhibitRuleSpec, problems = new ConfigProblems(), path = ''): CompiledInhibitRule {
  const none: AlertMatcher = () => false;
  const source = problems.check(problemPath(path, 'source_match'), () => compileAlertMatch(spec.source_match)) ?? none;
  const target = problems.check(problemPath(path, 'target_match'), () => compileAlertMatch(spec.target_match)) ?? none;
  if (!spec.source_match?.trim()) problems.add(problemPath(path, 'source_match'), 'is required (an empty query would make every alert a source)');
  if (!spec.target_match?.trim()) problems.add(problemPath(path, 'target_match'), 'is required (an empty query would mute every alert)');
  return { id: spec.id, source, target, equal: [...(spec.equal ?? [])] };
}

/** The values of the `equal` fields of an alert, as one key. */
const equalKey = (a: MuteCandidate, equal: readonly string[]): string => JSON.stringify(equal.map((f) => fieldText(a.doc, f)));

/**
 * The muter of a tenant's inhibit rules over the alerts that can inhibit now (open or acknowledged).
 * The sources are indexed once, so asking about many targets costs one lookup per rule each.
 */
export function inhibitor(rules: readonly CompiledInhibitRule[], alerts: Iterable<MuteCandidate>): Muter {
  const index = rules.map(() => new Map<string, Set<string>>());
  for (const a of alerts) {
    if (a.state === 'resolved') continue;
    rules.forEach((r, i) => {
      if (!r.source(a.doc)) return;
      const key = equalKey(a, r.equal);
      const ids = index[i]!.get(key) ?? new Set<string>();
      ids.add(a.id);
      index[i]!.set(key, ids);
    });
  }
  return {
    kind: 'inhibit_rule',
    mutedBy(alert) {
      for (let i = 0; i < rules.length; i++) {
        const r = rules[i]!;
        if (!index[i]!.size || !r.target(alert.doc)) continue;
        const ids = index[i]!.get(equalKey(alert, r.equal));
        if (ids && (ids.size > 1 || !ids.has(alert.id))) return r.id;
      }
      return null;
    },
  };
}
