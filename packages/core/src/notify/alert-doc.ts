/**
 * @module notify/alert-doc
 * The fields an alert is matched on by routes, silences and inhibit rules: the same names the alert
 * carries as a searchable event (`vigil.severity`, `rule.id`, `rule.name`, `tags`, the rule's group
 * fields such as `host.name` or `source.ip`), plus short aliases (`severity`, `rule`, `state`), so a
 * route's `match` is the query one would search alerts with.
 */
import { VigilError, type AlertEvent, type VigilEvent } from '@vigil/contracts';
import type { QueryNode } from '../query/ast.ts';
import { parseQuery } from '../query/parser.ts';
import { compilePredicate } from '../query/predicate.ts';

/** An alert as the notification pipeline sees it (the `alerts` topic message). */
export type NotifyAlert = AlertEvent;

/** A flat document of an alert's fields (what queries run over). */
export type AlertDoc = VigilEvent;

/** Short names accepted in queries over alerts, and the field each stands for. */
export const ALERT_FIELD_ALIASES: Readonly<Record<string, string>> = {
  severity: 'vigil.severity',
  rule: 'rule.id',
  state: 'vigil.alert.state',
  group_key: 'vigil.alert.group_key',
  tag: 'tags',
};

/** The field of an alert's id, used by `group_by: ["..."]` (one group per alert). */
export const ALERT_ID_FIELD = 'vigil.alert.id';

/** The flat document of an alert. Group fields never overwrite the alert's own fields. */
export function alertDoc(a: NotifyAlert): AlertDoc {
  const d: Record<string, unknown> = {
    message: a.ruleTitle,
    'event.kind': 'alert',
    'vigil.severity': a.severity,
    'vigil.alert.id': a.id,
    'vigil.alert.state': a.state,
    'vigil.alert.count': a.count,
    'vigil.alert.group_key': a.groupKey,
    'rule.id': a.ruleId,
    'rule.name': a.ruleTitle,
    tags: a.tags,
  };
  for (const [k, v] of Object.entries(a.group ?? {})) if (v !== null && v !== undefined && !Object.hasOwn(d, k)) d[k] = v;
  return d as unknown as AlertDoc;
}

/** The AST with alias field names replaced by the fields they stand for. */
function resolveAliases(n: QueryNode): QueryNode {
  switch (n.type) {
    case 'and':
    case 'or':
      return { ...n, children: n.children.map(resolveAliases) };
    case 'not':
      return { ...n, child: resolveAliases(n.child) };
    case 'all':
    case 'text':
      return n;
    default:
      return Object.hasOwn(ALERT_FIELD_ALIASES, n.field) ? { ...n, field: ALERT_FIELD_ALIASES[n.field]! } : n;
  }
}

/** A compiled alert matcher. */
export type AlertMatcher = (doc: AlertDoc) => boolean;

/**
 * Compiles a query over alert fields; errors are the query language's coded errors
 * (`VIGIL_ERR_QUERY_SYNTAX`, `VIGIL_ERR_QUERY_TOO_COMPLEX`) with their column.
 */
export function compileAlertMatch(query: string): AlertMatcher {
  if (typeof query !== 'string') throw new VigilError('VIGIL_ERR_VALIDATION', 'must be a query string');
  return compilePredicate(resolveAliases(parseQuery(query)));
}

/** The value of a field in an alert's document, as a stable text (lists and objects as JSON); `''` when absent. */
export function fieldText(doc: AlertDoc, field: string): string {
  const name = Object.hasOwn(ALERT_FIELD_ALIASES, field) ? ALERT_FIELD_ALIASES[field]! : field;
  const v = Object.hasOwn(doc, name) ? (doc as Record<string, unknown>)[name] : undefined;
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}
