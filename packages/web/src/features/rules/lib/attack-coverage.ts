/**
 * @module attack-coverage
 * Which ATT&CK tactics and techniques a set of rules covers, from their tags (`attack.credential_access`,
 * `attack.t1110.001`) as Sigma writes them. A technique sits under each tactic its rule names; one
 * whose rule names no tactic is listed apart.
 */
import type { Rule } from '@vigil/contracts';
import { tacticsOf, techniquesOf } from './rule-kind.ts';

/** The Enterprise ATT&CK tactics in kill-chain order: tag name, id, display name. */
export const TACTICS: readonly { tag: string; id: string; name: string }[] = [
  { tag: 'reconnaissance', id: 'TA0043', name: 'Reconnaissance' },
  { tag: 'resource_development', id: 'TA0042', name: 'Resource Development' },
  { tag: 'initial_access', id: 'TA0001', name: 'Initial Access' },
  { tag: 'execution', id: 'TA0002', name: 'Execution' },
  { tag: 'persistence', id: 'TA0003', name: 'Persistence' },
  { tag: 'privilege_escalation', id: 'TA0004', name: 'Privilege Escalation' },
  { tag: 'defense_evasion', id: 'TA0005', name: 'Defense Evasion' },
  { tag: 'credential_access', id: 'TA0006', name: 'Credential Access' },
  { tag: 'discovery', id: 'TA0007', name: 'Discovery' },
  { tag: 'lateral_movement', id: 'TA0008', name: 'Lateral Movement' },
  { tag: 'collection', id: 'TA0009', name: 'Collection' },
  { tag: 'command_and_control', id: 'TA0011', name: 'Command and Control' },
  { tag: 'exfiltration', id: 'TA0010', name: 'Exfiltration' },
  { tag: 'impact', id: 'TA0040', name: 'Impact' },
];

/** The tag of the column for techniques whose rules name no tactic. */
export const NO_TACTIC = 'no_tactic';

/** One tactic's column: its techniques (each with the rules that cover it) and every rule tagged with it. */
export interface TacticCoverage {
  tag: string;
  id: string;
  name: string;
  techniques: { id: string; rules: string[] }[];
  rules: string[];
}

/** The coverage of the given rules. */
export interface Coverage {
  tactics: TacticCoverage[];
  /** Tactics (of the 14) with at least one rule. */
  tacticsCovered: number;
  /** Distinct techniques and sub-techniques. */
  techniques: number;
  /** Rules that carry no ATT&CK tag at all. */
  untagged: string[];
}

/** The ATT&CK page of a technique id (`T1110.001` -> …/techniques/T1110/001/). */
export function techniqueUrl(id: string): string {
  return `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`;
}

/** Coverage of the rules (the caller picks which: usually the enabled ones). */
export function attackCoverage(rules: readonly Rule[]): Coverage {
  const columns = new Map<string, { techniques: Map<string, Set<string>>; rules: Set<string> }>();
  const col = (tag: string) => {
    let c = columns.get(tag);
    if (!c) columns.set(tag, (c = { techniques: new Map(), rules: new Set() }));
    return c;
  };
  const all = new Set<string>();
  const untagged: string[] = [];
  for (const r of rules) {
    const techniques = techniquesOf(r.doc.tags);
    const known = new Set(TACTICS.map((t) => t.tag));
    const tactics = tacticsOf(r.doc.tags).filter((t) => known.has(t));
    if (!techniques.length && !tactics.length) {
      untagged.push(r.id);
      continue;
    }
    for (const t of tactics.length ? tactics : [NO_TACTIC]) {
      const c = col(t);
      c.rules.add(r.id);
      for (const tech of techniques) {
        all.add(tech);
        let s = c.techniques.get(tech);
        if (!s) c.techniques.set(tech, (s = new Set()));
        s.add(r.id);
      }
    }
  }
  const shape = (tag: string, id: string, name: string): TacticCoverage => {
    const c = columns.get(tag);
    return {
      tag, id, name,
      techniques: [...(c?.techniques ?? new Map<string, Set<string>>())].map(([tid, rs]) => ({ id: tid, rules: [...rs].sort() })).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true })),
      rules: [...(c?.rules ?? [])].sort(),
    };
  };
  const tactics = TACTICS.map((t) => shape(t.tag, t.id, t.name));
  if (columns.has(NO_TACTIC)) tactics.push(shape(NO_TACTIC, '', 'No tactic tagged'));
  return { tactics, tacticsCovered: tactics.filter((t) => t.tag !== NO_TACTIC && t.rules.length > 0).length, techniques: all.size, untagged };
}
