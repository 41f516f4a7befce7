/**
 * @module rule-kind
 * What kind of rule a document is (the one kind block it has, else a plain match) and its ATT&CK tags.
 */
import type { RuleDoc } from '@vigil/contracts';

/** The rule kinds, in the order the editor offers them. */
export const RULE_KINDS = ['match', 'threshold', 'value_count', 'sequence', 'absence', 'new_terms', 'metric'] as const;
export type RuleKindName = (typeof RULE_KINDS)[number];

/** The kind of a rule document: the kind block it holds, `match` when it holds none. */
export function ruleKind(doc: Partial<RuleDoc>): RuleKindName {
  for (const k of RULE_KINDS) if (k !== 'match' && doc[k] !== undefined) return k;
  return 'match';
}

/** ATT&CK technique ids in a rule's tags, upper-cased (`attack.t1110.001` -> `T1110.001`). */
export function techniquesOf(tags: readonly string[] | undefined): string[] {
  return (tags ?? []).map((t) => /^attack\.(t\d{4}(?:\.\d{3})?)$/i.exec(t)?.[1]?.toUpperCase()).filter((t): t is string => !!t);
}

/** ATT&CK tactic names in a rule's tags (`attack.credential_access` -> `credential_access`). */
export function tacticsOf(tags: readonly string[] | undefined): string[] {
  return (tags ?? []).map((t) => /^attack\.([a-z_-]+)$/i.exec(t)?.[1]?.toLowerCase().replace(/-/g, '_')).filter((t): t is string => !!t);
}
