/**
 * @module api/rules
 * Contracts of `/api/v1/rules`: detection rules (the brief's YAML as JSON, or the YAML itself with
 * `Content-Type: application/yaml`), enable/disable, versions, imports of Vigil or Sigma YAML, tests on
 * sample lines or events, and backtests over stored history.
 */
import Type, { type Static } from 'typebox';
import type { RuleDoc } from '../rules/rule-doc.ts';
import type { VigilEvent } from '../event.ts';
import { SEVERITIES } from '../severity.ts';
import { IdParams, IsoTime, Nullable, StringEnum, operation } from './common.ts';

/** A rule document (validated by the rule compiler, which names the path of every problem). */
export const RuleDocSchema = Type.Unsafe<RuleDoc>({ type: 'object', additionalProperties: true, description: 'The rule (docs/rules.md)' });

/** How often a rule fired (from its alerts; in the list answer). */
export const RuleStats = Type.Object({
  alerts: Type.Integer({ description: 'Alerts the rule raised' }),
  open: Type.Integer({ description: 'Of those, not resolved' }),
  lastFired: Nullable(IsoTime),
});
export type RuleStats = Static<typeof RuleStats>;

/** A rule of the tenant. */
export const Rule = Type.Object({
  id: Type.String(),
  doc: RuleDocSchema,
  enabled: Type.Boolean(),
  builtin: Type.Boolean({ description: 'Part of the built-in pack: can be switched off, not edited' }),
  version: Type.Integer(),
  updatedBy: Type.String(),
  updatedAt: IsoTime,
  stats: Type.Optional(RuleStats),
});
export type Rule = Static<typeof Rule>;

export const RuleList = Type.Object({ rules: Type.Array(Rule) });
export type RuleList = Static<typeof RuleList>;

/** One version of a rule. */
export const RuleVersion = Type.Object({ version: Type.Integer(), change: Type.String(), doc: Nullable(RuleDocSchema), changedBy: Type.String(), changedAt: IsoTime });
export type RuleVersion = Static<typeof RuleVersion>;
export const RuleVersionList = Type.Object({ versions: Type.Array(RuleVersion) });
export type RuleVersionList = Static<typeof RuleVersionList>;

/** One document of an import. */
export const RuleImportResult = Type.Object({
  id: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  format: StringEnum(['vigil', 'sigma'] as const),
  status: StringEnum(['created', 'updated', 'unchanged', 'failed'] as const),
  errors: Type.Array(Type.Object({ code: Type.String(), message: Type.String(), line: Type.Optional(Type.Integer()), path: Type.Optional(Type.String()) })),
});
export type RuleImportResult = Static<typeof RuleImportResult>;
export const RuleImportReport = Type.Object({ results: Type.Array(RuleImportResult), created: Type.Integer(), updated: Type.Integer(), failed: Type.Integer() });
export type RuleImportReport = Static<typeof RuleImportReport>;

/** YAML text of one rule or many documents. */
const YamlText = Type.String({ description: 'YAML (Vigil or Sigma rules, one or many documents)' });

/** A body that is a rule as JSON, or its YAML (`Content-Type: application/yaml`). */
const RuleBody = {
  content: {
    'application/json': { schema: RuleDocSchema },
    'application/yaml': { schema: YamlText },
    'application/x-yaml': { schema: YamlText },
    'text/yaml': { schema: YamlText },
  },
};

/** An import body: YAML text. */
const ImportBody = {
  content: {
    'application/yaml': { schema: YamlText },
    'application/x-yaml': { schema: YamlText },
    'text/yaml': { schema: YamlText },
    'text/plain': { schema: YamlText },
  },
};

/** The rule to test or backtest: a document (JSON), its YAML text (Vigil or Sigma), or a stored rule's id. */
const RuleChoice = {
  rule: Type.Optional(Type.Union([RuleDocSchema, Type.String({ maxLength: 1_000_000, description: 'Vigil or Sigma YAML (one or many documents)' })], { description: 'The rule as JSON, or its YAML text (Vigil or Sigma); or give `id`' })),
  id: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'A stored rule (built-in or own) instead of `rule`' })),
};

/** `POST /rules/test` body: a rule and exactly one source of events. */
export const RuleTestBody = Type.Object({
  ...RuleChoice,
  lines: Type.Optional(Type.Array(Type.String({ maxLength: 65_536 }), { maxItems: 10_000, description: 'Raw log lines, parsed as ingest parses text/plain' })),
  events: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()), { maxItems: 10_000, description: 'JSON events, normalized as ingest does' })),
  recent: Type.Optional(
    Type.Object(
      {
        q: Type.Optional(Type.String({ maxLength: 65_536, description: 'Query selecting the stored events; default: the rule\'s own filter' })),
        from: Type.Optional(Type.String({ maxLength: 64, description: 'ISO time, epoch ms or relative (default -1h)' })),
        to: Type.Optional(Type.String({ maxLength: 64, description: 'ISO time, epoch ms or relative (default now)' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1000, description: 'The newest this many events of the range' })),
      },
      { additionalProperties: false, description: 'Stored events of this tenant instead of lines or events' },
    ),
  ),
  showEvents: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, default: 100, description: 'Parsed events to include in the answer' })),
}, { additionalProperties: false });
export type RuleTestBody = Static<typeof RuleTestBody>;

/** An alert a test or backtest would have raised (never stored). */
export const WouldBeAlert = Type.Object({
  ruleId: Type.String(),
  title: Type.String(),
  severity: StringEnum(SEVERITIES),
  groupKey: Type.String({ description: 'The group values as canonical JSON, e.g. ["203.0.113.9"]' }),
  group: Type.Record(Type.String(), Type.Unknown()),
  count: Type.Integer({ description: 'Matching events folded into the alert' }),
  signals: Type.Integer({ description: 'Detections folded into the alert' }),
  firstSeen: IsoTime,
  lastSeen: IsoTime,
  sampleEventIds: Type.Array(Type.String()),
});
export type WouldBeAlert = Static<typeof WouldBeAlert>;

/** A rule that did not compile or convert, with its located problems. */
const RuleProblems = Type.Array(Type.Object({ code: Type.String(), message: Type.String(), path: Type.Optional(Type.String()), line: Type.Optional(Type.Integer()) }));

/** One rule's test result. */
export const RuleTestResult = Type.Object({
  id: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  kind: Type.Optional(Type.String()),
  format: StringEnum(['vigil', 'sigma'] as const),
  ok: Type.Boolean({ description: 'False when the rule did not compile (see errors)' }),
  errors: RuleProblems,
  timing: Type.Object({ compileMs: Type.Number(), evaluateMs: Type.Number() }),
  matched: Type.Integer({ description: 'Events matching the rule\'s filter' }),
  matchedEventIds: Type.Array(Type.String(), { description: 'The first 1,000 matching event ids' }),
  tooLate: Type.Integer({ description: 'Matching events older than the allowed lateness when they came' }),
  missingGroup: Type.Integer({ description: 'Matching events without a group_by field' }),
  signals: Type.Integer(),
  alerts: Type.Array(WouldBeAlert, { description: 'One per group, repeats folded, oldest first (at most 1,000)' }),
  alertsTotal: Type.Integer(),
});

/** `POST /rules/test` answer. */
export const RuleTestReport = Type.Object({
  events: Type.Object({
    total: Type.Integer({ description: 'Events the rules ran over' }),
    rejected: Type.Array(Type.Object({ index: Type.Integer(), error: Type.String() })),
    datasets: Type.Record(Type.String(), Type.Integer(), { description: 'Events per event.dataset' }),
    sample: Type.Unsafe<VigilEvent[]>({ description: 'The first `showEvents` parsed events (Event objects)' }),
  }),
  rules: Type.Array(RuleTestResult),
  timing: Type.Object({ parseMs: Type.Number(), totalMs: Type.Number() }),
});
export type RuleTestReport = Static<typeof RuleTestReport>;

/** `POST /rules/backtest` body. */
export const RuleBacktestBody = Type.Object({
  ...RuleChoice,
  from: Type.String({ maxLength: 64, description: 'Start of the history: ISO time, epoch ms or relative (-7d)' }),
  to: Type.Optional(Type.String({ maxLength: 64, description: 'End (exclusive; default now)' })),
  maxEvents: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 100_000, description: 'Candidate events read per rule, oldest first; the rest of the range is left out (truncated)' })),
}, { additionalProperties: false });
export type RuleBacktestBody = Static<typeof RuleBacktestBody>;

/** One rule's backtest. */
export const RuleBacktestResult = Type.Object({
  id: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  kind: Type.Optional(Type.String()),
  format: StringEnum(['vigil', 'sigma'] as const),
  ok: Type.Boolean(),
  errors: RuleProblems,
  query: Type.Optional(Type.String({ description: 'The candidate filter as query text (run through the SQL compiler)' })),
  scanned: Type.Integer({ description: 'Candidate events read from the store' }),
  seededTerms: Type.Optional(Type.Integer({ description: 'new_terms: terms seen over the rule\'s history before `from`, learned before the replay' })),
  matched: Type.Integer(),
  tooLate: Type.Integer(),
  missingGroup: Type.Integer(),
  signals: Type.Integer(),
  alerts: Type.Array(WouldBeAlert),
  alertsTotal: Type.Integer(),
  truncated: Type.Boolean({ description: 'True when maxEvents cut the range' }),
  note: Type.Optional(Type.String({ description: 'Why the answer is partial, when it is' })),
  coveredTo: Nullable(IsoTime),
  timing: Type.Object({ compileMs: Type.Number(), selectMs: Type.Number({ description: 'Reading candidates from the store' }), evaluateMs: Type.Number() }),
});

/** `POST /rules/backtest` answer. */
export const RuleBacktestReport = Type.Object({
  from: IsoTime,
  to: IsoTime,
  rules: Type.Array(RuleBacktestResult),
  totals: Type.Object({ scanned: Type.Integer(), matched: Type.Integer(), signals: Type.Integer(), alerts: Type.Integer() }),
  timing: Type.Object({ totalMs: Type.Number() }),
});
export type RuleBacktestReport = Static<typeof RuleBacktestReport>;

/** One problem found by validation, located in the YAML where it can be. */
export const RuleValidationProblem = Type.Object({
  code: Type.String(),
  path: Type.String({ description: 'Where in the rule, e.g. threshold.window (empty: the whole document)' }),
  message: Type.String(),
  line: Type.Optional(Type.Integer({ description: '1-based line in the YAML sent' })),
  column: Type.Optional(Type.Integer({ description: '1-based column in the YAML sent' })),
});
export type RuleValidationProblem = Static<typeof RuleValidationProblem>;

/** `POST /rules/validate` answer: whether the rule compiles, and every problem if not. */
export const RuleValidation = Type.Object({
  ok: Type.Boolean(),
  problems: Type.Array(RuleValidationProblem),
  rule: Type.Optional(RuleDocSchema),
});
export type RuleValidation = Static<typeof RuleValidation>;

/** The operations of `/api/v1/rules`. */
export const rulesApi = {
  list: operation({ tags: ['rules'], summary: 'The tenant\'s rules (built-in pack and own)', response: { 200: RuleList } }),
  get: operation({ tags: ['rules'], summary: 'One rule', params: IdParams, response: { 200: Rule } }),
  create: operation({ tags: ['rules'], summary: 'Create a rule (JSON, or YAML with Content-Type: application/yaml)', body: RuleBody, response: { 201: Rule }, errors: [409] }),
  update: operation({ tags: ['rules'], summary: 'Replace a rule (a new version)', params: IdParams, body: RuleBody, response: { 200: Rule }, errors: [409] }),
  delete: operation({ tags: ['rules'], summary: 'Delete an own rule (built-in rules can only be disabled)', params: IdParams, response: { 200: Type.Object({ ok: Type.Boolean() }) }, errors: [409] }),
  enable: operation({ tags: ['rules'], summary: 'Enable a rule', params: IdParams, response: { 200: Rule } }),
  disable: operation({ tags: ['rules'], summary: 'Disable a rule', params: IdParams, response: { 200: Rule } }),
  versions: operation({ tags: ['rules'], summary: 'Every version of a rule, newest first', params: IdParams, response: { 200: RuleVersionList } }),
  validate: operation({ tags: ['rules'], summary: 'Check a rule without saving it (JSON, or YAML with its problems located by line and column)', body: RuleBody, response: { 200: RuleValidation } }),
  import: operation({ tags: ['rules'], summary: 'Import Vigil or Sigma YAML (one or many documents); answers a report per rule', body: ImportBody, response: { 200: RuleImportReport } }),
  test: operation({ tags: ['rules'], summary: 'Run a rule over sample lines, events or recent stored events: parsed events, matches, would-be alerts, timing per rule', body: RuleTestBody, response: { 200: RuleTestReport }, errors: [503] }),
  backtest: operation({ tags: ['rules'], summary: 'Run a rule over stored history (candidates selected in SQL, replayed in event-time order): what it would have raised; writes no alerts', body: RuleBacktestBody, response: { 200: RuleBacktestReport }, errors: [503] }),
};
