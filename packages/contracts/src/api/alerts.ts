/**
 * @module api/alerts
 * Contracts of `/api/v1/alerts`: alerts raised by detection rules, their lifecycle (open ->
 * acknowledged -> resolved), assignment, notes and immutable history.
 */
import Type, { type Static } from 'typebox';
import { ALERT_STATES } from '../alert-event.ts';
import { SEVERITIES } from '../severity.ts';
import { IdParams, IsoTime, Nullable, StringEnum, operation } from './common.ts';

/** Where the rule of an alert came from (a Sigma rule's author and references must be shown with it). */
export const AlertRuleSource = Type.Object({
  format: Type.String(),
  id: Type.Optional(Type.String()),
  author: Type.Optional(Type.String()),
  references: Type.Optional(Type.Array(Type.String())),
  license: Type.Optional(Type.String()),
});

/** An alert. */
export const Alert = Type.Object({
  id: Type.String(),
  ruleId: Type.String(),
  title: Type.String(),
  groupKey: Type.String({ description: 'The rule group values as canonical JSON, e.g. ["203.0.113.9"]' }),
  group: Type.Record(Type.String(), Type.Unknown()),
  severity: StringEnum(SEVERITIES),
  tags: Type.Array(Type.String()),
  state: StringEnum(ALERT_STATES),
  count: Type.Integer({ description: 'Matching events folded into this alert' }),
  signals: Type.Integer({ description: 'Detections folded into this alert' }),
  firstSeen: IsoTime,
  lastSeen: IsoTime,
  sampleEventIds: Type.Array(Type.String()),
  assignee: Nullable(Type.String()),
  source: Nullable(AlertRuleSource),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  acknowledgedAt: Nullable(IsoTime),
  resolvedAt: Nullable(IsoTime),
});
export type Alert = Static<typeof Alert>;

/** Actions in an alert's history. */
export const ALERT_ACTIONS = ['opened', 'folded', 'acknowledged', 'resolved', 'assigned', 'note'] as const;

/** One immutable history entry. */
export const AlertHistoryEntry = Type.Object({
  at: IsoTime,
  actor: Type.String({ description: 'A username, an API key name, or "detector"' }),
  action: StringEnum(ALERT_ACTIONS),
  text: Nullable(Type.String({ description: 'The note, or what changed' })),
});
export type AlertHistoryEntry = Static<typeof AlertHistoryEntry>;

/** `GET /alerts/{id}` answer. */
export const AlertDetail = Type.Object({ alert: Alert, history: Type.Array(AlertHistoryEntry) });
export type AlertDetail = Static<typeof AlertDetail>;

/** `GET /alerts` query. */
export const AlertListQuery = Type.Object({
  state: Type.Optional(Type.String({ description: 'Comma list of states: open,acknowledged,resolved' })),
  severity: Type.Optional(StringEnum(SEVERITIES, { description: 'This severity or higher' })),
  rule: Type.Optional(Type.String({ maxLength: 100 })),
  tag: Type.Optional(Type.String({ maxLength: 200 })),
  assignee: Type.Optional(Type.String({ maxLength: 200 })),
  host: Type.Optional(Type.String({ maxLength: 255, description: 'The alert\'s group has this host.name' })),
  source: Type.Optional(Type.String({ maxLength: 255, description: 'The alert\'s group has this source.ip' })),
  from: Type.Optional(Type.String({ description: 'Last seen at or after (ISO or relative like -24h)' })),
  to: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
export type AlertListQuery = Static<typeof AlertListQuery>;

/** `GET /alerts` answer, newest activity first. */
export const AlertList = Type.Object({ alerts: Type.Array(Alert), nextCursor: Nullable(Type.String()) });
export type AlertList = Static<typeof AlertList>;

/** Body of ack and resolve: an optional note. */
export const AlertActionBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 10_000 })) });
/** Body of assign: a username of the tenant, or null to unassign. */
export const AlertAssignBody = Type.Object({ assignee: Nullable(Type.String({ minLength: 1, maxLength: 200 })) });
/** Body of a note. */
export const AlertNoteBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 10_000 }) });

/** Alerts per severity. */
export const SeverityCounts = Type.Object({ info: Type.Integer(), low: Type.Integer(), medium: Type.Integer(), high: Type.Integer(), critical: Type.Integer() });
export type SeverityCounts = Static<typeof SeverityCounts>;

/** `GET /alerts/summary` answer: alerts not yet resolved, per state and severity (the overview and the shell badge). */
export const AlertSummary = Type.Object({
  open: SeverityCounts,
  acknowledged: SeverityCounts,
  /** Open alerts in all. */
  openTotal: Type.Integer(),
  acknowledgedTotal: Type.Integer(),
});
export type AlertSummary = Static<typeof AlertSummary>;

/** Actions a bulk request applies. */
export const ALERT_BULK_ACTIONS = ['ack', 'resolve', 'assign'] as const;

/** `POST /alerts/bulk` body: one action on many alerts. */
export const AlertBulkBody = Type.Object({
  ids: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { minItems: 1, maxItems: 500 }),
  action: StringEnum(ALERT_BULK_ACTIONS),
  assignee: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200, description: 'For assign: a username of the tenant, or null to unassign' }))),
  note: Type.Optional(Type.String({ maxLength: 10_000, description: 'For ack and resolve' })),
});
export type AlertBulkBody = Static<typeof AlertBulkBody>;

/** What a bulk request did to each alert (one failure never stops the others). */
export const AlertBulkResult = Type.Object({
  results: Type.Array(Type.Object({ id: Type.String(), ok: Type.Boolean(), state: Type.Optional(StringEnum(ALERT_STATES)), error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })) })),
  ok: Type.Integer(),
  failed: Type.Integer(),
});
export type AlertBulkResult = Static<typeof AlertBulkResult>;

/** `GET /alerts/assignees` answer: who an alert can be assigned to (enabled users of the tenant). */
export const AlertAssignees = Type.Object({ assignees: Type.Array(Type.String()) });
export type AlertAssignees = Static<typeof AlertAssignees>;

/** The operations of `/api/v1/alerts`. */
export const alertsApi = {
  list: operation({ tags: ['alerts'], summary: 'Alerts, filtered and paged (newest activity first)', querystring: AlertListQuery, response: { 200: AlertList } }),
  get: operation({ tags: ['alerts'], summary: 'One alert with its history', params: IdParams, response: { 200: AlertDetail } }),
  ack: operation({ tags: ['alerts'], summary: 'Acknowledge an open alert', params: IdParams, body: AlertActionBody, response: { 200: Alert }, errors: [409] }),
  resolve: operation({ tags: ['alerts'], summary: 'Resolve an alert', params: IdParams, body: AlertActionBody, response: { 200: Alert }, errors: [409] }),
  assign: operation({ tags: ['alerts'], summary: 'Assign an alert to a user of the tenant (or unassign)', params: IdParams, body: AlertAssignBody, response: { 200: Alert } }),
  note: operation({ tags: ['alerts'], summary: 'Add a note to an alert', params: IdParams, body: AlertNoteBody, response: { 200: AlertDetail } }),
  summary: operation({ tags: ['alerts'], summary: 'Alerts not yet resolved, counted per state and severity', response: { 200: AlertSummary } }),
  bulk: operation({ tags: ['alerts'], summary: 'Acknowledge, resolve or assign many alerts; answers each one\'s outcome', body: AlertBulkBody, response: { 200: AlertBulkResult } }),
  assignees: operation({ tags: ['alerts'], summary: 'Usernames an alert can be assigned to', response: { 200: AlertAssignees } }),
};
