/**
 * @module detection/test-rules
 * `vigil rules test` and `POST /api/v1/rules/test` in one pure function: compile each rule document,
 * replay the events through each rule alone (so the timing is the rule's own), and answer per rule what
 * matched, the alerts it would raise, and the time taken to compile and to evaluate.
 */
import type { RuleProblem, VigilEvent } from '@vigil/contracts';
import { compileRule } from './compile-rule.ts';
import type { RuleKindRegistry } from './rule-kind.ts';
import { RuleReplay, sortByEventTime, type ReplayResult } from './rule-replay.ts';

/** One rule's answer. */
export interface TestedRule {
  /** The rule's id (when the document has one). */
  id?: string;
  title?: string;
  kind?: string;
  /** False when the rule did not compile (see `errors`). */
  ok: boolean;
  errors: RuleProblem[];
  compileMs: number;
  /** The replay, when the rule compiled. */
  replay?: ReplayResult;
}

/** Options of {@link testRules}. */
export interface TestRulesOptions {
  kinds: RuleKindRegistry;
  /** A monotonic clock in ms for timing. */
  clock: () => number;
  /**
   * The clock at the end of the replay (ms). Default: a year after the last event, as if the log went
   * quiet — every window closes, so timer-driven kinds (new_terms, metric, absence) show what they decide.
   */
  until?: number;
  /** Matching event ids kept per rule (default 1,000). */
  matchIds?: number;
  /** Alerts answered per rule (default 1,000). */
  maxAlerts?: number;
}

const YEAR_MS = 366 * 86_400_000;

/**
 * Runs each rule document over the events (sorted by event time first) and reports per rule.
 *
 * @example
 * const [r] = testRules([ruleDoc], events, { kinds: BUILTIN_RULE_KINDS, clock: () => performance.now() });
 * r.replay?.alerts; // what it would raise
 */
export function testRules(docs: readonly unknown[], events: readonly VigilEvent[], opts: TestRulesOptions): TestedRule[] {
  const sorted = sortByEventTime(events);
  let last = -Infinity;
  for (const e of sorted) {
    const t = Date.parse(e['@timestamp']);
    if (Number.isFinite(t) && t > last) last = t;
  }
  const until = opts.until ?? (Number.isFinite(last) ? last + YEAR_MS : 0);
  return docs.map((doc) => {
    const t0 = opts.clock();
    const c = compileRule(doc, opts.kinds);
    const compileMs = opts.clock() - t0;
    const named = (doc ?? {}) as { id?: unknown; title?: unknown };
    if (!c.ok) {
      return { ...(typeof named.id === 'string' ? { id: named.id } : {}), ...(typeof named.title === 'string' ? { title: named.title } : {}), ok: false, errors: c.errors, compileMs };
    }
    const replay = new RuleReplay(c.rule, { clock: opts.clock, matchIds: opts.matchIds ?? 1000, ...(opts.maxAlerts !== undefined ? { maxAlerts: opts.maxAlerts } : {}) });
    replay.push(sorted);
    return { id: c.rule.id, title: c.rule.doc.title, kind: c.rule.kind.name, ok: true, errors: [], compileMs, replay: replay.finish(until) };
  });
}
