/**
 * @module api/routes
 * Contracts of `/api/v1/routes`: a tenant's notification routing tree (after Alertmanager's route
 * tree). Each node matches alerts with the query language and names channel ids as receivers; a
 * node inherits every unset option from its parent. docs/routing.md is the reference.
 *
 * The schema states every field's type and size, nested up to `ROUTE_LIMITS.maxDepth` levels; the
 * server checks the rest (queries, durations, references, unknown keys) and names the path of each
 * problem, e.g. `routes[2].routes[0].match`.
 */
import Type, { type Static, type TSchema } from 'typebox';
import { IsoTime, Nullable, Ok, operation } from './common.ts';

/** Size limits of a routing tree. */
export const ROUTE_LIMITS = { maxDepth: 6, maxRoutes: 500, maxReceivers: 50, maxGroupBy: 20, maxIntervals: 20, query: 10_000, name: 200, duration: 32 } as const;

/** One node of the routing tree; the root is a node without `match` (it matches every alert). */
export interface RouteNode {
  /** Query (docs/query-language.md) over the alert's fields; absent = every alert. Not allowed on the root. */
  match?: string;
  /** Channel ids notified for the alerts of this route. Inherited when absent. */
  receivers?: string[];
  /** Alert fields whose values split the route's alerts into groups; `["..."]` (the default) = one group per alert. Inherited. */
  group_by?: string[];
  /** How long a new group waits for more alerts before its first notification (default 30s). Inherited. */
  group_wait?: string;
  /** Least time between two notifications of a group about new or resolved alerts (default 5m). Inherited. */
  group_interval?: string;
  /** Re-notify a group whose alerts stay open (unacknowledged) this often (default 4h). Inherited. */
  repeat_interval?: string;
  /** Keep matching the following sibling routes after this one matched (default false). */
  continue?: boolean;
  /** Names of time intervals during which this route sends nothing (maintenance windows). Inherited. */
  mute_time_intervals?: string[];
  /** Names of time intervals outside which this route sends nothing (office hours). Inherited. */
  active_time_intervals?: string[];
  /** Id of an escalation policy for this route's unacknowledged alerts; `null` stops inheriting one. Inherited. */
  escalation_policy?: string | null;
  /** Child routes, tried in order. */
  routes?: RouteNode[];
}

const strList = (max: number, item: number, description: string) => Type.Array(Type.String({ minLength: 1, maxLength: item }), { maxItems: max, description });

/** The JSON Schema of a node whose children may nest `depth` more levels. */
function routeNodeSchema(depth: number): TSchema {
  return Type.Object({
    match: Type.Optional(Type.String({ maxLength: ROUTE_LIMITS.query, description: 'Query over alert fields (severity, tags, rule.id, host.name, source.ip, labels.*, …); absent = every alert' })),
    receivers: Type.Optional(strList(ROUTE_LIMITS.maxReceivers, 128, 'Channel ids (inherited when absent)')),
    group_by: Type.Optional(strList(ROUTE_LIMITS.maxGroupBy, 256, 'Alert fields that split alerts into groups; ["..."] = one group per alert (default)')),
    group_wait: Type.Optional(Type.String({ maxLength: ROUTE_LIMITS.duration, description: 'Duration, e.g. 30s (default 30s)' })),
    group_interval: Type.Optional(Type.String({ maxLength: ROUTE_LIMITS.duration, description: 'Duration, e.g. 5m (default 5m)' })),
    repeat_interval: Type.Optional(Type.String({ maxLength: ROUTE_LIMITS.duration, description: 'Duration, e.g. 4h (default 4h)' })),
    continue: Type.Optional(Type.Boolean({ description: 'Keep matching sibling routes after this one' })),
    mute_time_intervals: Type.Optional(strList(ROUTE_LIMITS.maxIntervals, ROUTE_LIMITS.name, 'Time interval names: nothing is sent while one is active')),
    active_time_intervals: Type.Optional(strList(ROUTE_LIMITS.maxIntervals, ROUTE_LIMITS.name, 'Time interval names: nothing is sent unless one is active')),
    escalation_policy: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 128, description: 'Escalation policy id' }))),
    ...(depth > 0 ? { routes: Type.Optional(Type.Array(routeNodeSchema(depth - 1), { maxItems: ROUTE_LIMITS.maxRoutes })) } : {}),
  });
}

/** The routing tree (its root node), as `PUT /routes` takes it and `GET /routes` answers it. */
export const RouteTree = Type.Unsafe<RouteNode>(routeNodeSchema(ROUTE_LIMITS.maxDepth - 1));
export type RouteTree = RouteNode;

/** `POST /routes/test` body: an alert id, or alert fields to try the tree on. */
export const RouteTestBody = Type.Object({
  alertId: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'An alert of the tenant' })),
  alert: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Alert fields, e.g. {"vigil.severity": "high", "host.name": "web-1"} (used when alertId is absent)' })),
  tree: Type.Optional(RouteTree),
});
export type RouteTestBody = Static<typeof RouteTestBody>;

/** One route an alert matched, with its effective options. */
export const RouteMatch = Type.Object({
  route: Type.String({ description: 'Path of the route in the tree, e.g. routes[1].routes[0]; "" is the root' }),
  receivers: Type.Array(Type.String()),
  groupKey: Type.String(),
  groupBy: Type.Array(Type.String()),
  groupWaitMs: Type.Integer(),
  groupIntervalMs: Type.Integer(),
  repeatIntervalMs: Type.Integer(),
  escalationPolicy: Nullable(Type.String()),
});
export type RouteMatch = Static<typeof RouteMatch>;

/** `POST /routes/test` answer: the routes the alert takes and what would mute it now. */
export const RouteTestResult = Type.Object({
  matches: Type.Array(RouteMatch),
  mutedBy: Type.Array(Type.Object({ kind: Type.String({ description: 'silence, inhibit_rule or time_interval' }), id: Type.String(), route: Type.Optional(Type.String()) })),
});
export type RouteTestResult = Static<typeof RouteTestResult>;

/** `GET /routes/info` answer: the tree (null when none is set) and who changed it when. */
export const RouteTreeInfo = Type.Object({ tree: Nullable(RouteTree), updatedAt: Nullable(IsoTime), updatedBy: Nullable(Type.String()) });
export type RouteTreeInfo = Static<typeof RouteTreeInfo>;

/** The operations of `/api/v1/routes`. */
export const routesApi = {
  get: operation({ tags: ['routing'], summary: 'The routing tree (404 when none is set: newly opened alerts then go to the default channels)', response: { 200: RouteTree } }),
  info: operation({ tags: ['routing'], summary: 'The routing tree with who changed it when (tree null when none is set)', response: { 200: RouteTreeInfo } }),
  put: operation({ tags: ['routing'], summary: 'Replace the routing tree (validated; errors name the path in the tree)', body: RouteTree, response: { 200: RouteTree } }),
  remove: operation({ tags: ['routing'], summary: 'Remove the routing tree: back to sending newly opened alerts to the default channels', response: { 200: Ok } }),
  test: operation({ tags: ['routing'], summary: 'Which routes an alert takes, with their receivers and group keys, and what mutes it now', body: RouteTestBody, response: { 200: RouteTestResult } }),
};
