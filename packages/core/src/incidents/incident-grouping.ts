/**
 * @module incidents/incident-grouping
 * Automatic grouping of alerts into incidents: a tenant's incident rule names the alert fields that
 * make a case (`group_by`: same `host.name`, same `source.ip`, same `rule.id`…), an optional query the
 * alert must match and a minimum severity, and a window. A new alert whose values equal those of an
 * unresolved incident opened by the same rule, whose last alert is at most `window` old, joins it;
 * otherwise it opens a new incident. Pure: the shell gives the alert's fields, the candidate incident
 * and the time.
 */
import { VigilError, DURATION_HINT, parseDuration, severityRank, type FieldValue, type IncidentRuleBody, type Severity, type VigilEvent } from '@vigil/contracts';
import { compilePredicate, parseQuery, type Predicate } from '../query/index.ts';
import { compileTitle, renderTitle, type TitleTemplate } from '../detection/title-template.ts';

/** A grouping rule as stored (the API's body with its id). */
export interface IncidentRuleDoc {
  id: string;
  name: string;
  enabled: boolean;
  match: string;
  groupBy: string[];
  window: string;
  severity: Severity | null;
  titleTemplate: string;
}

/** A grouping rule ready to run. */
export interface CompiledIncidentRule {
  doc: IncidentRuleDoc;
  windowMs: number;
  matches: Predicate;
  title: TitleTemplate;
}

/** The default title of incidents a rule opens: `{{incident_rule}}` is the rule's name, `{{group}}` its values (`host.name=web-1`); any alert field works too. */
export const DEFAULT_INCIDENT_TITLE = '{{incident_rule}}: {{group}}';

const FIELD_RE = /^[A-Za-z0-9_@][A-Za-z0-9_.@-]{0,199}$/;

/** Validates a rule body into a stored document (throws `VIGIL_ERR_VALIDATION` / `VIGIL_ERR_QUERY_SYNTAX` naming the field). */
export function incidentRuleDoc(id: string, body: IncidentRuleBody): IncidentRuleDoc {
  const doc: IncidentRuleDoc = {
    id,
    name: body.name.trim(),
    enabled: body.enabled ?? true,
    match: (body.match ?? '').trim(),
    groupBy: body.groupBy.map((f) => f.trim()),
    window: body.window.trim(),
    severity: body.severity ?? null,
    titleTemplate: body.titleTemplate ?? DEFAULT_INCIDENT_TITLE,
  };
  compileIncidentRule(doc);
  return doc;
}

/** Compiles a rule document once; throws a coded error naming the field at fault. */
export function compileIncidentRule(doc: IncidentRuleDoc): CompiledIncidentRule {
  if (!doc.name) throw new VigilError('VIGIL_ERR_VALIDATION', 'name is required', { field: 'name' });
  doc.groupBy.forEach((f, i) => {
    if (!FIELD_RE.test(f)) throw new VigilError('VIGIL_ERR_VALIDATION', `groupBy[${i}] "${f}" is not a field name such as host.name`, { field: `groupBy[${i}]` });
  });
  if (new Set(doc.groupBy).size !== doc.groupBy.length) throw new VigilError('VIGIL_ERR_VALIDATION', 'groupBy names a field twice', { field: 'groupBy' });
  const windowMs = parseDuration(doc.window);
  if (windowMs === null || windowMs <= 0) throw new VigilError('VIGIL_ERR_VALIDATION', `window must be ${DURATION_HINT}`, { field: 'window' });
  let matches: Predicate;
  try {
    matches = compilePredicate(parseQuery(doc.match));
  } catch (err) {
    const e = err as VigilError;
    throw new VigilError(e.code ?? 'VIGIL_ERR_QUERY_SYNTAX', `match: ${e.message}`, { field: 'match', ...(typeof e.details === 'object' && e.details ? e.details : {}) });
  }
  const title = compileTitle(doc.titleTemplate);
  if (typeof title === 'string') throw new VigilError('VIGIL_ERR_VALIDATION', `titleTemplate: ${title}`, { field: 'titleTemplate' });
  return { doc, windowMs, matches, title };
}

/** An alert as grouping reads it. */
export interface GroupableAlert {
  ruleId: string;
  title: string;
  severity: Severity;
  tags: readonly string[];
  /** The rule's group-by values (e.g. `{"source.ip": "203.0.113.9"}`). */
  group: Readonly<Record<string, unknown>>;
}

/**
 * The fields a grouping rule sees for an alert: `rule.id`, `rule.name`, `vigil.severity`, `tags`, the
 * alert's group values, and then `extra` (the shell passes the first sample event's fields, so a rule
 * can group by `host.name` even when the detection rule grouped by `source.ip`).
 */
export function alertFields(a: GroupableAlert, extra: Readonly<Record<string, unknown>> = {}): VigilEvent {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== null) out[k] = v;
  for (const [k, v] of Object.entries(a.group)) if (v !== undefined && v !== null) out[k] = v;
  out['rule.id'] = a.ruleId;
  out['rule.name'] = a.title;
  out['vigil.severity'] = a.severity;
  out.tags = [...a.tags];
  return out as VigilEvent;
}

/** The incident key of an alert under a rule: the group values as canonical JSON, or null when one is missing. */
export function incidentKeyOf(rule: CompiledIncidentRule, fields: VigilEvent): string | null {
  const parts: [string, FieldValue][] = [];
  for (const f of rule.doc.groupBy) {
    const v = fields[f];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) return null;
    parts.push([f, v]);
  }
  return JSON.stringify(Object.fromEntries(parts));
}

/** True when the rule takes the alert (enabled, severity high enough, query matches). */
export function ruleTakes(rule: CompiledIncidentRule, fields: VigilEvent): boolean {
  if (!rule.doc.enabled) return false;
  if (rule.doc.severity && severityRank(fields['vigil.severity']) < severityRank(rule.doc.severity)) return false;
  return rule.matches(fields);
}

/** What to do with an alert under one rule. */
export type GroupingDecision = { action: 'join'; incidentId: string } | { action: 'open'; groupKey: string; title: string };

/**
 * Joins the candidate (the newest unresolved incident of this rule and key) when its last alert is at
 * most `window` before `now`; opens a new incident otherwise.
 */
export function decideGrouping(rule: CompiledIncidentRule, fields: VigilEvent, groupKey: string, candidate: { id: string; lastAlertAt: string | null; createdAt: string } | undefined, now: number): GroupingDecision {
  if (candidate) {
    const last = Date.parse(candidate.lastAlertAt ?? candidate.createdAt);
    if (now - last <= rule.windowMs) return { action: 'join', incidentId: candidate.id };
  }
  const values = JSON.parse(groupKey) as Record<string, FieldValue>;
  const group = Object.entries(values).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`).join(' ');
  const title = renderTitle(rule.title, (f) => (f === 'group' ? group : f === 'incident_rule' ? rule.doc.name : (values[f] ?? fields[f])));
  return { action: 'open', groupKey, title };
}
