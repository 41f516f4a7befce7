/**
 * @module rules/rule-lab
 * Trying rules without raising anything: `test` runs a rule over sample lines, JSON events or recent
 * stored events (the same core function as `vigil rules test`); `backtest` runs it over stored history —
 * candidates selected by the rule's filter through the query->SQL compiler, read oldest first in pages,
 * replayed in event-time order through the engine. Neither writes alerts.
 */
import { VigilError, type FieldValue, type RuleBacktestBody, type RuleBacktestReport, type RuleTestBody, type RuleTestReport, type VigilEvent } from '@vigil/contracts';
import { BUILTIN_RULE_KINDS, RuleReplay, buildEvent, compileRule, parseQuery, parseTime, printQuery, testRules, type QueryNode, type RawItem, type ReplayResult } from '@vigil/core';
import type { EventStore } from '../storage/event-store.ts';
import type { RuleService } from './rule-service.ts';
import { ruleDocsOfText, type RuleTextFailure } from './rule-text.ts';

/** What the lab needs. */
export interface RuleLabDeps {
  rules: RuleService;
  store: EventStore;
  /** Applies the tenant's extraction rules to parsed fields (as ingest does). */
  extract?: (tenantId: string, fields: Record<string, FieldValue | undefined>) => void;
  now: () => number;
  newId: () => string;
  /** Monotonic clock for timings (default `performance.now`). */
  clock?: () => number;
}

/** Alerts are stored as events; rules never run over them (as in live detection). */
const NOT_ALERTS: QueryNode = { type: 'not', child: { type: 'term', field: 'vigil.input', value: 'detection' } };
/** Events read per store page in a backtest. */
const PAGE = 2000;
/** Terms a new_terms rule learns from before a backtest's range (newest first). */
const SEED_LIMIT = 100_000;

type Format = 'vigil' | 'sigma';

function failureProblem(f: RuleTextFailure) {
  return { code: f.code, message: f.message, ...(f.path ? { path: f.path } : {}), ...(f.line ? { line: f.line } : {}) };
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** Tests and backtests of rules. */
export class RuleLab {
  private readonly clock: () => number;

  constructor(private readonly deps: RuleLabDeps) {
    this.clock = deps.clock ?? (() => performance.now());
  }

  /** The rule documents of a body: `rule` (JSON or YAML text) or a stored rule's `id`. */
  private async docsOf(tenantId: string, body: { rule?: unknown; id?: string }): Promise<{ format: Format; docs: unknown[]; failures: RuleTextFailure[] }> {
    if ((body.rule === undefined) === (body.id === undefined)) throw new VigilError('VIGIL_ERR_VALIDATION', 'Give exactly one of "rule" (the rule as JSON or YAML text) and "id" (a stored rule).', { field: 'rule' });
    if (body.id !== undefined) {
      const r = await this.deps.rules.get(tenantId, body.id);
      return { format: r.doc.source?.format === 'sigma' ? 'sigma' : 'vigil', docs: [r.doc], failures: [] };
    }
    if (typeof body.rule === 'string') {
      const t = ruleDocsOfText(body.rule);
      if (!t.docs.length && !t.failures.length) throw new VigilError('VIGIL_ERR_VALIDATION', '"rule" holds no rule.', { field: 'rule' });
      return t;
    }
    return { format: 'vigil', docs: [body.rule], failures: [] };
  }

  /** Runs the rule(s) over sample lines, JSON events or recent stored events. */
  async test(tenantId: string, body: RuleTestBody): Promise<RuleTestReport> {
    const started = this.clock();
    const { format, docs, failures } = await this.docsOf(tenantId, body);
    const sources = [body.lines, body.events, body.recent].filter((x) => x !== undefined).length;
    if (sources !== 1) throw new VigilError('VIGIL_ERR_VALIDATION', 'Give exactly one of "lines", "events" and "recent".', { field: 'lines' });
    const t0 = this.clock();
    const rejected: { index: number; error: string }[] = [];
    let events: VigilEvent[];
    if (body.recent) {
      events = await this.recent(tenantId, docs, body.recent);
    } else {
      const now = this.deps.now();
      const ctx = { receivedAt: now, input: 'http' as const, newId: this.deps.newId, extract: this.deps.extract ? (f: Record<string, FieldValue | undefined>) => this.deps.extract!(tenantId, f) : undefined };
      const items: RawItem[] = body.lines ? body.lines.map((line) => ({ kind: 'line', line })) : body.events!.map((value) => ({ kind: 'json', value }));
      events = [];
      items.forEach((item, index) => {
        const e = buildEvent(item, ctx);
        if (typeof e === 'string') rejected.push({ index, error: e });
        else events.push(e);
      });
    }
    const parseMs = this.clock() - t0;
    const datasets: Record<string, number> = {};
    for (const e of events) {
      const d = typeof e['event.dataset'] === 'string' ? e['event.dataset'] : 'unknown';
      datasets[d] = (datasets[d] ?? 0) + 1;
    }
    const results = testRules(docs, events, { kinds: BUILTIN_RULE_KINDS, clock: this.clock, matchIds: 1000 });
    return {
      events: { total: events.length, rejected, datasets, sample: events.slice(0, body.showEvents ?? 100) },
      rules: [
        ...results.map((r) => ({
          ...(r.id !== undefined ? { id: r.id } : {}),
          ...(r.title !== undefined ? { title: r.title } : {}),
          ...(r.kind !== undefined ? { kind: r.kind } : {}),
          format,
          ok: r.ok,
          errors: r.errors.map((e) => ({ code: e.code, message: e.message, ...(e.path ? { path: e.path } : {}), ...(e.line ? { line: e.line } : {}) })),
          timing: { compileMs: round(r.compileMs), evaluateMs: round(r.replay?.evaluateMs ?? 0) },
          ...replayFields(r.replay),
          matchedEventIds: r.replay?.matchedIds ?? [],
        })),
        ...failures.map((f) => ({ ...(f.title ? { title: f.title } : {}), format, ok: false, errors: [failureProblem(f)], timing: { compileMs: 0, evaluateMs: 0 }, ...replayFields(undefined), matchedEventIds: [] })),
      ],
      timing: { parseMs: round(parseMs), totalMs: round(this.clock() - started) },
    };
  }

  /** The newest stored events of a range (default: the last hour, matching the rules' own filters), oldest first. */
  private async recent(tenantId: string, docs: unknown[], r: NonNullable<RuleTestBody['recent']>): Promise<VigilEvent[]> {
    const now = this.deps.now();
    const from = parseTime(r.from ?? '-1h', now, 'recent.from');
    const to = r.to ? parseTime(r.to, now, 'recent.to') : undefined;
    if (to !== undefined && from >= to) throw new VigilError('VIGIL_ERR_BAD_TIME', '"recent.from" must be before "recent.to".', { field: 'recent.from' });
    let query: QueryNode | null;
    if (r.q?.trim()) query = parseQuery(r.q);
    else {
      const filters = docs.flatMap((d) => {
        const c = compileRule(d, BUILTIN_RULE_KINDS);
        return c.ok ? [c.rule.filter] : [];
      });
      query = filters.length === 0 ? null : filters.length === 1 ? filters[0]! : { type: 'or', children: filters };
    }
    const page = await this.deps.store.search({ tenantId, query: query ? { type: 'and', children: [query, NOT_ALERTS] } : NOT_ALERTS, from, ...(to !== undefined ? { to } : {}), limit: r.limit ?? 1000 });
    return page.events.reverse();
  }

  /** Runs the rule(s) over stored history and answers what they would have raised. Writes nothing. */
  async backtest(tenantId: string, body: RuleBacktestBody): Promise<RuleBacktestReport> {
    const started = this.clock();
    const now = this.deps.now();
    const from = parseTime(body.from, now, 'from');
    const to = body.to ? parseTime(body.to, now, 'to') : now;
    if (from >= to) throw new VigilError('VIGIL_ERR_BAD_TIME', '"from" must be before "to".', { field: 'from' });
    const maxEvents = body.maxEvents ?? 100_000;
    const { format, docs, failures } = await this.docsOf(tenantId, body);
    const rules: RuleBacktestReport['rules'] = [];
    for (const doc of docs) {
      const c0 = this.clock();
      const c = compileRule(doc, BUILTIN_RULE_KINDS);
      const compileMs = this.clock() - c0;
      if (!c.ok) {
        const named = (doc ?? {}) as { id?: unknown; title?: unknown };
        rules.push({ ...(typeof named.id === 'string' ? { id: named.id } : {}), ...(typeof named.title === 'string' ? { title: named.title } : {}), format, ok: false, errors: c.errors.map((e) => ({ code: e.code, message: e.message, ...(e.path ? { path: e.path } : {}), ...(e.line ? { line: e.line } : {}) })), scanned: 0, ...replayFields(undefined), truncated: false, coveredTo: null, timing: { compileMs: round(compileMs), selectMs: 0, evaluateMs: 0 } });
        continue;
      }
      const rule = c.rule;
      const replay = new RuleReplay(rule, { clock: this.clock });
      const query: QueryNode = { type: 'and', children: [rule.filter, NOT_ALERTS] };
      let cursor: { ts: number; id: string } | undefined;
      let scanned = 0;
      let selectMs = 0;
      // A new_terms rule knows what it saw over its history before `from`, as it would have live.
      const history = rule.kind.history?.(rule.config);
      let seeded: number | undefined;
      if (history) {
        const s0 = this.clock();
        const terms = await this.deps.store.terms({ tenantId, query, from: from - history.ms, to: from, fields: history.fields, limit: SEED_LIMIT });
        selectMs += this.clock() - s0;
        seeded = replay.seed(terms);
      }
      let last: number | null = null;
      let more = false;
      for (;;) {
        const s0 = this.clock();
        const page = await this.deps.store.search({ tenantId, query, from, to, limit: Math.min(PAGE, maxEvents - scanned), order: 'asc', ...(cursor ? { cursor } : {}) });
        selectMs += this.clock() - s0;
        replay.push(page.events);
        scanned += page.events.length;
        if (page.events.length) last = Date.parse(page.events[page.events.length - 1]!['@timestamp']);
        if (!page.nextCursor) break;
        if (scanned >= maxEvents) {
          more = true;
          break;
        }
        cursor = page.nextCursor;
      }
      // A cut range ends at its last event read: the clock goes no further than the history seen.
      const r = replay.finish(more && last !== null ? last : to);
      let printed: string | undefined;
      try {
        printed = printQuery(rule.filter);
      } catch {
        printed = undefined; // a filter the query language cannot write (a field name it cannot spell)
      }
      rules.push({
        id: rule.id,
        title: rule.doc.title,
        kind: rule.kind.name,
        format,
        ok: true,
        errors: [],
        ...(printed !== undefined ? { query: printed } : {}),
        scanned,
        ...(seeded !== undefined ? { seededTerms: seeded } : {}),
        ...replayFields(r),
        truncated: more,
        ...(more ? { note: `Stopped after ${scanned} candidate events (maxEvents), at ${new Date(last!).toISOString()}; raise maxEvents or narrow the range for the rest.` } : {}),
        coveredTo: more && last !== null ? new Date(last).toISOString() : new Date(to).toISOString(),
        timing: { compileMs: round(compileMs), selectMs: round(selectMs), evaluateMs: round(r.evaluateMs) },
      });
    }
    for (const f of failures) rules.push({ ...(f.title ? { title: f.title } : {}), format, ok: false, errors: [failureProblem(f)], scanned: 0, ...replayFields(undefined), truncated: false, coveredTo: null, timing: { compileMs: 0, selectMs: 0, evaluateMs: 0 } });
    return {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      rules,
      totals: rules.reduce((t, r) => ({ scanned: t.scanned + r.scanned, matched: t.matched + r.matched, signals: t.signals + r.signals, alerts: t.alerts + r.alertsTotal }), { scanned: 0, matched: 0, signals: 0, alerts: 0 }),
      timing: { totalMs: round(this.clock() - started) },
    };
  }
}

/** The counters and alerts of a replay (zeros when the rule did not run). */
function replayFields(r: ReplayResult | undefined) {
  return { matched: r?.matched ?? 0, tooLate: r?.tooLate ?? 0, missingGroup: r?.missingGroup ?? 0, signals: r?.signals ?? 0, alerts: r?.alerts ?? [], alertsTotal: r?.alertsTotal ?? 0 };
}
