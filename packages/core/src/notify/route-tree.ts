/**
 * @module notify/route-tree
 * The routing tree (after Alertmanager's `dispatch/route.go`): validated and compiled once, then
 * matched per alert. A node matches when its query does; its children are tried in order and the
 * first that matches wins unless it sets `continue`; a node none of whose children matched is where
 * the alert goes. Every unset option is inherited from the parent. Validation collects every
 * problem with its path (`routes[2].routes[0].match: …`).
 */
import { parseDuration, DURATION_HINT, ROUTE_LIMITS, type RouteNode } from '@vigil/contracts';
import { ALERT_ID_FIELD, compileAlertMatch, fieldText, type AlertDoc, type AlertMatcher } from './alert-doc.ts';
import { ConfigProblems, problemPath } from './config-problems.ts';

/** What a tree's root inherits when it sets nothing (Alertmanager's defaults; one group per alert). */
export const ROUTE_DEFAULTS = { group_by: ['...'], group_wait: '30s', group_interval: '5m', repeat_interval: '4h' } as const;

/** `group_by: ["..."]`: one group per alert. */
export const GROUP_BY_ALERT = '...';

/** The keys a route node may have. */
const ROUTE_KEYS = ['match', 'receivers', 'group_by', 'group_wait', 'group_interval', 'repeat_interval', 'continue', 'mute_time_intervals', 'active_time_intervals', 'escalation_policy', 'routes'] as const;

/** A compiled route with its effective (inherited) options. */
export interface CompiledRoute {
  /** Where it is in the tree: `''` for the root, else e.g. `routes[1].routes[0]`. */
  path: string;
  match: AlertMatcher | null;
  receivers: string[];
  groupBy: string[];
  groupWaitMs: number;
  groupIntervalMs: number;
  repeatIntervalMs: number;
  continue: boolean;
  muteTimeIntervals: string[];
  activeTimeIntervals: string[];
  escalationPolicy: string | null;
  routes: CompiledRoute[];
}

/** Names a tree may refer to; a reference to a name not in a given set is a problem. */
export interface RouteReferences {
  receivers?: ReadonlySet<string>;
  timeIntervals?: ReadonlySet<string>;
  escalationPolicies?: ReadonlySet<string>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A list of non-empty strings at `path`, or undefined (problem recorded) when it is not one. */
function stringList(problems: ConfigProblems, path: string, v: unknown, max: number): string[] | undefined {
  if (!Array.isArray(v)) return void problems.add(path, 'must be a list of strings');
  if (v.length > max) problems.add(path, `has more than ${max} entries`);
  const out: string[] = [];
  v.forEach((s, i) => {
    if (typeof s !== 'string' || !s.trim()) problems.add(problemPath(path, i), 'must be a non-empty string');
    else out.push(s.trim());
  });
  return out;
}

/** A duration at `path` in ms, at least `min`. */
function duration(problems: ConfigProblems, path: string, v: unknown, min: number): number | undefined {
  const ms = typeof v === 'string' ? parseDuration(v) : null;
  if (ms === null) return void problems.add(path, `"${String(v)}" is not ${DURATION_HINT}`);
  if (ms < min) return void problems.add(path, min === 0 ? 'must not be negative' : `must be at least ${min / 1000}s`);
  return ms;
}

/** Checks that every name in a list exists. */
function checkRefs(problems: ConfigProblems, path: string, names: readonly string[] | undefined, known: ReadonlySet<string> | undefined, what: string): void {
  if (!names || !known) return;
  names.forEach((n, i) => {
    if (!known.has(n)) problems.add(problemPath(path, i), `no ${what} "${n}"`);
  });
}

interface Walk {
  problems: ConfigProblems;
  refs: RouteReferences;
  count: number;
}

function compileNode(node: unknown, parent: CompiledRoute | null, path: string, depth: number, w: Walk): CompiledRoute | null {
  const { problems, refs } = w;
  const here = path || 'the root';
  if (!isObject(node)) {
    problems.add(path, 'must be an object (a route)');
    return null;
  }
  if (++w.count > ROUTE_LIMITS.maxRoutes) {
    if (w.count === ROUTE_LIMITS.maxRoutes + 1) problems.add(path, `the tree has more than ${ROUTE_LIMITS.maxRoutes} routes`);
    return null;
  }
  for (const k of Object.keys(node)) if (!(ROUTE_KEYS as readonly string[]).includes(k)) problems.add(problemPath(path, k), `is not a route option (use ${ROUTE_KEYS.join(', ')})`);
  let match: AlertMatcher | null = null;
  if (node.match !== undefined) {
    if (!parent) problems.add('match', 'the root matches every alert and takes no match; put it on a child route');
    else if (typeof node.match !== 'string') problems.add(problemPath(path, 'match'), 'must be a query string');
    else match = problems.check(problemPath(path, 'match'), () => compileAlertMatch(node.match as string)) ?? null;
  }
  const list = (key: string, max: number) => (node[key] === undefined ? undefined : stringList(problems, problemPath(path, key), node[key], max));
  const receivers = list('receivers', ROUTE_LIMITS.maxReceivers);
  checkRefs(problems, problemPath(path, 'receivers'), receivers, refs.receivers, 'channel with id');
  const groupBy = list('group_by', ROUTE_LIMITS.maxGroupBy);
  if (groupBy?.includes(GROUP_BY_ALERT) && groupBy.length > 1) problems.add(problemPath(path, 'group_by'), '"..." (one group per alert) cannot be combined with fields');
  const mute = list('mute_time_intervals', ROUTE_LIMITS.maxIntervals);
  checkRefs(problems, problemPath(path, 'mute_time_intervals'), mute, refs.timeIntervals, 'time interval named');
  const active = list('active_time_intervals', ROUTE_LIMITS.maxIntervals);
  checkRefs(problems, problemPath(path, 'active_time_intervals'), active, refs.timeIntervals, 'time interval named');
  const dur = (key: string, min: number, fallback: number) => (node[key] === undefined ? fallback : (duration(problems, problemPath(path, key), node[key], min) ?? fallback));
  const inherited = parent ?? { groupWaitMs: parseDuration(ROUTE_DEFAULTS.group_wait)!, groupIntervalMs: parseDuration(ROUTE_DEFAULTS.group_interval)!, repeatIntervalMs: parseDuration(ROUTE_DEFAULTS.repeat_interval)! };
  let policy = parent?.escalationPolicy ?? null;
  if (node.escalation_policy !== undefined) {
    if (node.escalation_policy === null) policy = null;
    else if (typeof node.escalation_policy !== 'string' || !node.escalation_policy) problems.add(problemPath(path, 'escalation_policy'), 'must be an escalation policy id or null');
    else if (refs.escalationPolicies && !refs.escalationPolicies.has(node.escalation_policy)) problems.add(problemPath(path, 'escalation_policy'), `no escalation policy with id "${node.escalation_policy}"`);
    else policy = node.escalation_policy;
  }
  if (node.continue !== undefined && typeof node.continue !== 'boolean') problems.add(problemPath(path, 'continue'), 'must be true or false');
  if (!parent && node.continue === true) problems.add('continue', 'the root has no siblings to continue to');
  const route: CompiledRoute = {
    path,
    match,
    receivers: receivers ?? parent?.receivers ?? [],
    groupBy: groupBy ?? parent?.groupBy ?? [...ROUTE_DEFAULTS.group_by],
    groupWaitMs: dur('group_wait', 0, inherited.groupWaitMs),
    groupIntervalMs: dur('group_interval', 1000, inherited.groupIntervalMs),
    repeatIntervalMs: dur('repeat_interval', 1000, inherited.repeatIntervalMs),
    continue: node.continue === true,
    muteTimeIntervals: mute ?? parent?.muteTimeIntervals ?? [],
    activeTimeIntervals: active ?? parent?.activeTimeIntervals ?? [],
    escalationPolicy: policy,
    routes: [],
  };
  if (node.routes !== undefined) {
    if (!Array.isArray(node.routes)) problems.add(problemPath(path, 'routes'), 'must be a list of routes');
    else if (node.routes.length && depth >= ROUTE_LIMITS.maxDepth - 1) problems.add(problemPath(path, 'routes'), `routes nest at most ${ROUTE_LIMITS.maxDepth} levels deep (${here} is at level ${depth + 1})`);
    else node.routes.forEach((child, i) => {
      const c = compileNode(child, route, problemPath(problemPath(path, 'routes'), i), depth + 1, w);
      if (c) route.routes.push(c);
    });
  }
  return route;
}

/** Validates and compiles a tree; throws one `VIGIL_ERR_VALIDATION` listing every problem with its path. */
export function compileRouteTree(tree: RouteNode | unknown, refs: RouteReferences = {}): CompiledRoute {
  const w: Walk = { problems: new ConfigProblems(), refs, count: 0 };
  const root = compileNode(tree, null, '', 0, w);
  w.problems.throwIfAny();
  return root!;
}

function matchNode(r: CompiledRoute, doc: AlertDoc, out: CompiledRoute[]): boolean {
  if (r.match && !r.match(doc)) return false;
  let any = false;
  for (const c of r.routes) {
    if (!matchNode(c, doc, out)) continue;
    any = true;
    if (!c.continue) break;
  }
  if (!any) out.push(r);
  return true;
}

/** The routes an alert goes to (depth first, in tree order); the root always matches. */
export function matchRoutes(root: CompiledRoute, doc: AlertDoc): CompiledRoute[] {
  const out: CompiledRoute[] = [];
  matchNode(root, doc, out);
  return out;
}

/** The group of an alert on a route: its `group_by` values and the key naming the group. */
export function groupOf(route: CompiledRoute, doc: AlertDoc): { key: string; labels: Record<string, string> } {
  const labels: Record<string, string> = {};
  if (route.groupBy.includes(GROUP_BY_ALERT)) labels[ALERT_ID_FIELD] = fieldText(doc, ALERT_ID_FIELD);
  else for (const f of route.groupBy) labels[f] = fieldText(doc, f);
  return { key: `${route.path || 'root'}:${JSON.stringify(labels)}`, labels };
}
