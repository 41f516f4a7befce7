/**
 * @module detection/rule-units
 * Which rules run together. A unit is a rule alone, or rules sharing evidence (`RuleKind.share`): same
 * kind and share key, filter, group_by and allowed lateness. The rule set names the candidates once
 * (`shareFamilies`); whether they share depends on the state: only rules that started together — or
 * shared when checkpointed — join, so a new or changed rule starts from empty state exactly as it would
 * alone, and a rule leaving a unit takes its own part with it.
 */
import type { CompiledRule } from './compile-rule.ts';
import { NO_DEADLINE, newRuleState, type EngineState, type GroupSlot, type RuleState, type ShareLink } from './engine-state.ts';
import type { RuleKind } from './rule-kind.ts';

/** Indexes of rules (two or more) that gather identical evidence and so may share it. */
export function shareFamilies(rules: readonly CompiledRule[], latenessMs: readonly number[]): number[][] {
  const byKey = new Map<string, number[]>();
  rules.forEach((r, i) => {
    if (!r.kind.shareKey || !r.kind.share) return;
    const key = JSON.stringify([r.kind.name, r.kind.shareKey(r.config), r.filter, r.groupBy, latenessMs[i]]);
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  });
  return [...byKey.values()].filter((l) => l.length > 1);
}

/** One unit of an evaluation: the kind and config it runs, its rules (indexes into the set) and their state. */
export interface UnitPlan {
  readonly kind: RuleKind;
  readonly config: unknown;
  readonly members: readonly number[];
  readonly state: RuleState;
}

/**
 * Brings the state in line with the rules (new rules start empty, changed ones restart, removed ones
 * go) and answers the units, rules alone included, each rule in exactly one.
 */
export function planUnits(rules: readonly CompiledRule[], families: readonly (readonly number[])[], state: EngineState): UnitPlan[] {
  const fresh = new Set<RuleState>();
  const ids = new Set<string>();
  const states = rules.map((rule) => {
    ids.add(rule.id);
    let rs = state.rules.get(rule.id);
    if (!rs || rs.fingerprint !== rule.fingerprint) {
      rs = newRuleState(rule.fingerprint);
      state.rules.set(rule.id, rs);
      fresh.add(rs);
    }
    return rs;
  });
  for (const id of [...state.rules.keys()]) if (!ids.has(id)) state.rules.delete(id);

  const plans: UnitPlan[] = [];
  const inUnit = new Set<number>();
  for (const family of families) {
    // Lineages: rules that started together now, or that shared (or were checkpointed sharing) one unit.
    const lineages = new Map<string, number[]>();
    for (const i of family) {
      const rs = states[i]!;
      const lineage = fresh.has(rs) ? 'new' : rs.share ? `u:${rs.share.tag}` : rs.tag !== undefined ? `u:${rs.tag}` : `alone:${i}`;
      const list = lineages.get(lineage);
      if (list) list.push(i);
      else lineages.set(lineage, [i]);
    }
    for (const [lineage, members] of lineages) {
      if (members.length < 2) continue;
      const link = shareOf(rules, members, states, lineage === 'new' ? `u${state.units++}` : lineage.slice(2));
      const rs = states[members[0]!]!;
      plans.push({ kind: link.unit.kind, config: link.unit.config, members, state: rs });
      for (const i of members) inUnit.add(i);
    }
  }
  rules.forEach((rule, i) => {
    if (inUnit.has(i)) return;
    const rs = states[i]!;
    if (rs.share) alone(rule, rs);
    rs.tag = undefined;
    plans.push({ kind: rule.kind, config: rule.config, members: [i], state: rs });
  });
  return plans;
}

/** The link of rules `members` sharing one evidence: kept when they already share exactly so, else joined from their own parts. */
function shareOf(rules: readonly CompiledRule[], members: readonly number[], states: readonly RuleState[], tag: string): ShareLink {
  const first = states[members[0]!]!.share;
  if (first && first.ids.length === members.length && members.every((i, m) => states[i]!.share === first && first.ids[m] === rules[i]!.id)) return first;
  const kind = rules[members[0]!]!.kind;
  const unit = kind.share!(members.map((i) => rules[i]!.config));
  const link: ShareLink = { tag, ids: members.map((i) => rules[i]!.id), unit };
  // Each rule's own groups (its part when it shared before), joined key by key.
  const own = members.map((i) => ownGroups(rules[i]!.id, states[i]!));
  const keys = new Set<string>();
  for (const g of own) for (const k of g.keys()) keys.add(k);
  const shared = newRuleState('');
  for (const k of keys) {
    const s = unit.join(own.map((g) => g.get(k)));
    if (s !== undefined) shared.groups.set(k, { k, s, d: NO_DEADLINE, u: 1 });
  }
  reschedule(shared, unit.kind, unit.config);
  for (const i of members) {
    const rs = states[i]!;
    rs.groups = shared.groups;
    rs.timers = shared.timers;
    rs.share = link;
    rs.tag = undefined;
  }
  return link;
}

/** A rule's own group states by key: as it holds them, or its part of the unit it shares. */
function ownGroups(id: string, rs: RuleState): Map<string, unknown> {
  const share = rs.share;
  const out = new Map<string, unknown>();
  const m = share ? share.ids.indexOf(id) : -1;
  for (const [k, g] of rs.groups) out.set(k, share ? share.unit.part(g.s, m) : g.s);
  return out;
}

/** Gives a rule leaving its unit its own groups and timers again (copies: the rest of the unit may go on). */
function alone(rule: CompiledRule, rs: RuleState): void {
  const own = ownGroups(rule.id, rs);
  const next = newRuleState(rs.fingerprint);
  for (const [k, s] of own) next.groups.set(k, { k, s: structuredClone(s), d: NO_DEADLINE, u: 1 });
  reschedule(next, rule.kind, rule.config);
  rs.groups = next.groups;
  rs.timers = next.timers;
  rs.share = undefined;
}

/** Queues every group's deadline afresh. */
function reschedule(rs: RuleState, kind: RuleKind, config: unknown): void {
  for (const slot of rs.groups.values() as Iterable<GroupSlot>) {
    const d = kind.deadline(config, slot.s);
    slot.d = d ?? NO_DEADLINE;
    if (d !== null) rs.timers.push(d, slot);
  }
}
