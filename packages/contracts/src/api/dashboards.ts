/**
 * @module api/dashboards
 * Contracts of `/api/v1/dashboards*`: boards of panels (count, time series, top values, table), each
 * panel a query with a time range placed on a 12-column grid. Boards belong to a tenant: a user's own
 * boards are private until shared with the tenant; every user picks one board as their home. Built-in
 * boards (ids `builtin:*`) come with the server, are read-only and can be copied.
 */
import Type, { type Static } from 'typebox';
import { IdParams, IsoTime, Nullable, Ok, StringEnum, operation } from './common.ts';

/** Size limits of boards (also the schema's, so the OpenAPI document states them). */
export const DASHBOARD_LIMITS = { name: 200, description: 2000, panels: 40, query: 10_000, time: 64, perTenant: 500, columns: 12 } as const;

/** Panel kinds: a number, events over time, the top values of a field, the latest events as a table. */
export const PANEL_KINDS = ['count', 'timeseries', 'top', 'table'] as const;
export type PanelKind = (typeof PANEL_KINDS)[number];

/** Prefix of the ids of built-in boards. */
export const BUILTIN_DASHBOARD_PREFIX = 'builtin:';

/** One panel: what it shows and where it sits on the grid (x, w in columns of 12; y, h in rows). */
export const Panel = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
  kind: StringEnum(PANEL_KINDS),
  title: Type.String({ maxLength: 200 }),
  query: Type.String({ maxLength: DASHBOARD_LIMITS.query, description: 'Query language text; empty matches every event' }),
  from: Type.String({ minLength: 1, maxLength: DASHBOARD_LIMITS.time, description: 'Start: relative (-24h) or ISO' }),
  to: Type.String({ minLength: 1, maxLength: DASHBOARD_LIMITS.time, description: 'End: relative (now) or ISO' }),
  field: Type.Optional(Type.String({ maxLength: 256, description: 'top: the field whose values are counted' })),
  columns: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { maxItems: 20, description: 'table: the columns shown' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'top: values shown; table: rows shown' })),
  x: Type.Integer({ minimum: 0, maximum: DASHBOARD_LIMITS.columns - 1 }),
  y: Type.Integer({ minimum: 0, maximum: 1000 }),
  w: Type.Integer({ minimum: 1, maximum: DASHBOARD_LIMITS.columns }),
  h: Type.Integer({ minimum: 1, maximum: 40 }),
});
export type Panel = Static<typeof Panel>;

/** A board. */
export const Dashboard = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  shared: Type.Boolean({ description: 'Visible to every user of the tenant (otherwise to its owner only)' }),
  builtin: Type.Boolean({ description: 'Comes with the server: read-only, copy it to change it' }),
  owner: Nullable(Type.String({ description: 'Username of its owner (null for built-in boards)' })),
  editable: Type.Boolean({ description: 'The caller may change or delete it (its owner, or a tenant admin for shared boards)' }),
  panels: Type.Array(Panel),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Dashboard = Static<typeof Dashboard>;

/** `GET /dashboards` answer: built-in boards first, then by name; `homeId` is the caller's home board. */
export const DashboardList = Type.Object({ dashboards: Type.Array(Dashboard), homeId: Nullable(Type.String()) });
export type DashboardList = Static<typeof DashboardList>;

/** `POST /dashboards` and `PUT /dashboards/{id}` body. */
export const DashboardBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: DASHBOARD_LIMITS.name }),
  description: Type.Optional(Type.String({ maxLength: DASHBOARD_LIMITS.description })),
  shared: Type.Optional(Type.Boolean()),
  panels: Type.Array(Panel, { maxItems: DASHBOARD_LIMITS.panels }),
});
export type DashboardBody = Static<typeof DashboardBody>;

/** `PUT /dashboards/home` body: a board id, or null for none (the first built-in board). */
export const DashboardHomeBody = Type.Object({ id: Nullable(Type.String({ minLength: 1, maxLength: 128 })) });
export type DashboardHomeBody = Static<typeof DashboardHomeBody>;

/** The operations of `/api/v1/dashboards`. */
export const dashboardsApi = {
  list: operation({ tags: ['dashboards'], summary: 'Boards you can see (built-in, shared in the tenant, your own) and your home board', response: { 200: DashboardList } }),
  create: operation({ tags: ['dashboards'], summary: `Create a board (at most ${DASHBOARD_LIMITS.perTenant} per tenant)`, body: DashboardBody, response: { 201: Dashboard }, errors: [409] }),
  get: operation({ tags: ['dashboards'], summary: 'One board', params: IdParams, response: { 200: Dashboard } }),
  update: operation({ tags: ['dashboards'], summary: 'Replace a board (its owner, or an admin for a shared board)', params: IdParams, body: DashboardBody, response: { 200: Dashboard } }),
  remove: operation({ tags: ['dashboards'], summary: 'Delete a board (its owner, or an admin for a shared board)', params: IdParams, response: { 200: Ok } }),
  setHome: operation({ tags: ['dashboards'], summary: 'Set your home board', body: DashboardHomeBody, response: { 200: Type.Object({ homeId: Nullable(Type.String()) }) } }),
};
