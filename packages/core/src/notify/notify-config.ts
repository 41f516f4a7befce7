/**
 * @module notify/notify-config
 * Compiles a tenant's stored routing objects (tree, silences, time intervals, inhibit rules,
 * escalation policies) into the dispatcher's `NotifyConfig`. Each object was validated when it was
 * saved; here a stored one that no longer compiles is left out rather than stopping the tenant's
 * notifications, and the problems are answered for the log.
 */
import type { RouteNode } from '@vigil/contracts';
import type { NotifyConfig } from './dispatcher.ts';
import { compileRouteTree } from './route-tree.ts';
import { compileSilence, type SilenceSpec } from './silence.ts';
import { compileTimeInterval, type CompiledTimeInterval, type TimeIntervalSpec } from './time-interval.ts';
import { compileInhibitRule, type InhibitRuleSpec } from './inhibit-rule.ts';
import { compileEscalationPolicy, type CompiledEscalationPolicy, type EscalationPolicySpec } from './escalation.ts';
import { ConfigProblems } from './config-problems.ts';

/** A tenant's stored routing objects. */
export interface NotifyConfigInput {
  tree: RouteNode;
  silences: readonly SilenceSpec[];
  timeIntervals: readonly TimeIntervalSpec[];
  inhibitRules: readonly InhibitRuleSpec[];
  escalationPolicies: readonly EscalationPolicySpec[];
}

/** The compiled config and what had to be left out (with why). */
export function compileNotifyConfig(input: NotifyConfigInput): { config: NotifyConfig; problems: string[] } {
  const problems: string[] = [];
  const timeIntervals = new Map<string, CompiledTimeInterval>();
  for (const t of input.timeIntervals) {
    const p = new ConfigProblems();
    const c = compileTimeInterval(t, p);
    if (p.list.length) problems.push(`time interval ${t.name}: ${p.list[0]!.path}: ${p.list[0]!.message}`);
    else timeIntervals.set(t.name, c);
  }
  const escalationPolicies = new Map<string, CompiledEscalationPolicy>();
  for (const e of input.escalationPolicies) {
    const p = new ConfigProblems();
    const c = compileEscalationPolicy(e, p);
    if (p.list.length) problems.push(`escalation policy ${e.name}: ${p.list[0]!.path}: ${p.list[0]!.message}`);
    else escalationPolicies.set(e.id, c);
  }
  const inhibitRules = input.inhibitRules.filter((r) => r.enabled !== false).flatMap((r) => {
    const p = new ConfigProblems();
    const c = compileInhibitRule(r, p);
    if (p.list.length) problems.push(`inhibit rule ${r.name}: ${p.list[0]!.path}: ${p.list[0]!.message}`);
    return p.list.length ? [] : [c];
  });
  // References are checked when the tree is saved; a stored tree is compiled without them so a
  // later change elsewhere cannot stop the tenant's notifications.
  const tree = compileRouteTree(input.tree);
  return { config: { tree, silences: input.silences.map(compileSilence), inhibitRules, timeIntervals, escalationPolicies }, problems };
}
