/**
 * @module api/incidents
 * Contracts of `/api/v1/incidents*` and `/api/v1/incident-rules*`: incidents group alerts (by hand or
 * by a tenant's grouping rules), with an owner, a status (`open -> investigating -> contained ->
 * resolved`, reopen allowed), a severity, a timeline of who did what, an evidence ledger of findings
 * and a postmortem exported as Markdown.
 */
import Type, { type Static } from 'typebox';
import { SEVERITIES } from '../severity.ts';
import { Content, IdParams, IsoTime, Nullable, Ok, StringEnum, operation } from './common.ts';

/** Incident statuses, in lifecycle order. */
export const INCIDENT_STATUSES = ['open', 'investigating', 'contained', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** States of a finding in the evidence ledger. */
export const FINDING_STATUSES = ['open', 'fixed', 'ignored'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** Actions in an incident's timeline. */
export const INCIDENT_ACTIONS = ['created', 'alert_added', 'alert_removed', 'status', 'owner', 'severity', 'note', 'updated', 'finding_added', 'finding_updated', 'postmortem', 'notification'] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

/** One finding of the breach/evidence ledger: what was found, its state, and the events that show it. */
export const Finding = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  status: StringEnum(FINDING_STATUSES),
  eventIds: Type.Array(Type.String(), { description: 'Ids of stored events attached as evidence' }),
  createdBy: Type.String(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Finding = Static<typeof Finding>;

/** A follow-up action of a postmortem. */
export const PostmortemAction = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 2000 }),
  owner: Nullable(Type.String({ maxLength: 200 })),
  due: Nullable(Type.String({ maxLength: 32, description: 'Due date, YYYY-MM-DD' })),
  done: Type.Boolean(),
});
export type PostmortemAction = Static<typeof PostmortemAction>;

/** A line of a postmortem's own timeline (what people concluded happened, not only what Vigil saw). */
export const PostmortemTimelineItem = Type.Object({ at: Type.String({ maxLength: 64, description: 'ISO time or free text such as "Mon 09:40"' }), text: Type.String({ minLength: 1, maxLength: 2000 }) });
export type PostmortemTimelineItem = Static<typeof PostmortemTimelineItem>;

/** The postmortem of an incident (every part optional until written). */
export const Postmortem = Type.Object({
  summary: Type.String({ maxLength: 20_000 }),
  impact: Type.String({ maxLength: 20_000 }),
  rootCause: Type.String({ maxLength: 20_000 }),
  contributingFactors: Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 100 }),
  timeline: Type.Array(PostmortemTimelineItem, { maxItems: 500, description: 'Empty: the export uses the incident timeline' }),
  actions: Type.Array(PostmortemAction, { maxItems: 200 }),
  updatedBy: Nullable(Type.String()),
  updatedAt: Nullable(IsoTime),
});
export type Postmortem = Static<typeof Postmortem>;

/** An incident. */
export const Incident = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  status: StringEnum(INCIDENT_STATUSES),
  severity: StringEnum(SEVERITIES, { description: 'The highest severity of its alerts, unless set by hand (severityOverride)' }),
  severityOverride: Nullable(StringEnum(SEVERITIES)),
  owner: Nullable(Type.String()),
  alertIds: Type.Array(Type.String()),
  groupRuleId: Nullable(Type.String({ description: 'The incident rule that opened it (auto-grouping), or null' })),
  groupKey: Nullable(Type.String({ description: 'The grouping values as canonical JSON, e.g. {"host.name":"web-1"}' })),
  lastAlertAt: Nullable(IsoTime),
  findings: Type.Array(Finding),
  postmortem: Postmortem,
  createdBy: Type.String(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  investigatingAt: Nullable(IsoTime),
  containedAt: Nullable(IsoTime),
  resolvedAt: Nullable(IsoTime),
});
export type Incident = Static<typeof Incident>;

/** One timeline entry: who did what and when. */
export const IncidentTimelineEntry = Type.Object({
  at: IsoTime,
  actor: Type.String({ description: 'A username, an API key name, or "vigil" (auto-grouping)' }),
  action: StringEnum(INCIDENT_ACTIONS),
  text: Nullable(Type.String()),
  data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export type IncidentTimelineEntry = Static<typeof IncidentTimelineEntry>;

/** `GET /incidents/{id}` answer. */
export const IncidentDetail = Type.Object({ incident: Incident, timeline: Type.Array(IncidentTimelineEntry) });
export type IncidentDetail = Static<typeof IncidentDetail>;

/** `GET /incidents` query. */
export const IncidentListQuery = Type.Object({
  status: Type.Optional(Type.String({ maxLength: 100, description: 'Comma list of statuses: open,investigating,contained,resolved' })),
  severity: Type.Optional(StringEnum(SEVERITIES, { description: 'This severity or higher' })),
  owner: Type.Optional(Type.String({ maxLength: 200 })),
  alert: Type.Optional(Type.String({ maxLength: 128, description: 'Incidents holding this alert' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
export type IncidentListQuery = Static<typeof IncidentListQuery>;

/** `GET /incidents` answer, newest activity first. */
export const IncidentList = Type.Object({ incidents: Type.Array(Incident), nextCursor: Nullable(Type.String()) });
export type IncidentList = Static<typeof IncidentList>;

const AlertIds = Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 500 });
const EventIds = Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 200 });

/** `POST /incidents` body. */
export const CreateIncidentBody = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.Optional(Type.String({ maxLength: 20_000 })),
  alertIds: Type.Optional(AlertIds),
  owner: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
  severity: Type.Optional(StringEnum(SEVERITIES, { description: 'Set by hand; otherwise the highest of its alerts (medium with none)' })),
});
export type CreateIncidentBody = Static<typeof CreateIncidentBody>;

/** `PATCH /incidents/{id}` body: any of title, description, owner, severity (null: back to the alerts' highest). */
export const UpdateIncidentBody = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  description: Type.Optional(Type.String({ maxLength: 20_000 })),
  owner: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
  severity: Type.Optional(Nullable(StringEnum(SEVERITIES))),
});
export type UpdateIncidentBody = Static<typeof UpdateIncidentBody>;

/** `POST /incidents/{id}/status` body. */
export const IncidentStatusBody = Type.Object({ status: StringEnum(INCIDENT_STATUSES), note: Type.Optional(Type.String({ maxLength: 10_000 })) });
export type IncidentStatusBody = Static<typeof IncidentStatusBody>;

/** `POST|DELETE /incidents/{id}/alerts` body. */
export const IncidentAlertsBody = Type.Object({ alertIds: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { minItems: 1, maxItems: 500 }) });
export type IncidentAlertsBody = Static<typeof IncidentAlertsBody>;

/** `POST /incidents/{id}/notes` body. */
export const IncidentNoteBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 10_000 }) });
export type IncidentNoteBody = Static<typeof IncidentNoteBody>;

/** `POST /incidents/{id}/findings` body. */
export const CreateFindingBody = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.Optional(Type.String({ maxLength: 20_000 })),
  status: Type.Optional(StringEnum(FINDING_STATUSES)),
  eventIds: Type.Optional(EventIds),
});
export type CreateFindingBody = Static<typeof CreateFindingBody>;

/** `PATCH /incidents/{id}/findings/{findingId}` body. */
export const UpdateFindingBody = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  description: Type.Optional(Type.String({ maxLength: 20_000 })),
  status: Type.Optional(StringEnum(FINDING_STATUSES)),
  addEventIds: Type.Optional(EventIds),
  removeEventIds: Type.Optional(EventIds),
});
export type UpdateFindingBody = Static<typeof UpdateFindingBody>;

/** Path of one finding. */
export const FindingParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }), findingId: Type.String({ minLength: 1, maxLength: 128 }) });

/** `PUT /incidents/{id}/postmortem` body: every part optional; an omitted part keeps its value. */
export const PostmortemBody = Type.Object({
  summary: Type.Optional(Type.String({ maxLength: 20_000 })),
  impact: Type.Optional(Type.String({ maxLength: 20_000 })),
  rootCause: Type.Optional(Type.String({ maxLength: 20_000 })),
  contributingFactors: Type.Optional(Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 100 })),
  timeline: Type.Optional(Type.Array(PostmortemTimelineItem, { maxItems: 500 })),
  actions: Type.Optional(Type.Array(PostmortemAction, { maxItems: 200 })),
});
export type PostmortemBody = Static<typeof PostmortemBody>;

/** `GET /incidents/{id}/postmortem` query. */
export const PostmortemQuery = Type.Object({ format: Type.Optional(StringEnum(['json', 'markdown'] as const, { description: 'markdown: the export as text/markdown' })) });

/** A grouping rule: alerts with the same values of `groupBy` within `window` join one open incident. */
export const IncidentRule = Type.Object({
  id: Type.String(),
  name: Type.String(),
  enabled: Type.Boolean(),
  match: Type.String({ description: 'A query over the alert (rule.id, vigil.severity, tags and its group fields); empty matches every alert' }),
  groupBy: Type.Array(Type.String(), { description: 'Alert fields such as host.name, source.ip, rule.id' }),
  window: Type.String({ description: 'A new alert joins the open incident whose last alert is at most this old' }),
  severity: Nullable(StringEnum(SEVERITIES, { description: 'Only alerts of this severity or higher' })),
  titleTemplate: Type.String({ description: 'Title of the incidents it opens; {{field}} is replaced by the group value' }),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type IncidentRule = Static<typeof IncidentRule>;

/** `POST /incident-rules` and `PUT /incident-rules/{id}` body. */
export const IncidentRuleBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  enabled: Type.Optional(Type.Boolean()),
  match: Type.Optional(Type.String({ maxLength: 4000 })),
  groupBy: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 8 }),
  window: Type.String({ minLength: 2, maxLength: 20 }),
  severity: Type.Optional(Nullable(StringEnum(SEVERITIES))),
  titleTemplate: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
});
export type IncidentRuleBody = Static<typeof IncidentRuleBody>;

/** The operations of `/api/v1/incidents`. */
export const incidentsApi = {
  list: operation({ tags: ['incidents'], summary: 'Incidents, filtered and paged (newest activity first)', querystring: IncidentListQuery, response: { 200: IncidentList } }),
  create: operation({ tags: ['incidents'], summary: 'Open an incident, optionally from alerts', body: CreateIncidentBody, response: { 201: IncidentDetail } }),
  get: operation({ tags: ['incidents'], summary: 'One incident with its timeline', params: IdParams, response: { 200: IncidentDetail } }),
  update: operation({ tags: ['incidents'], summary: 'Change title, description, owner or severity', params: IdParams, body: UpdateIncidentBody, response: { 200: IncidentDetail } }),
  status: operation({ tags: ['incidents'], summary: 'Move the incident through open -> investigating -> contained -> resolved (or reopen)', params: IdParams, body: IncidentStatusBody, response: { 200: IncidentDetail }, errors: [409] }),
  addAlerts: operation({ tags: ['incidents'], summary: 'Link alerts to the incident', params: IdParams, body: IncidentAlertsBody, response: { 200: IncidentDetail } }),
  removeAlerts: operation({ tags: ['incidents'], summary: 'Unlink alerts from the incident', params: IdParams, body: IncidentAlertsBody, response: { 200: IncidentDetail } }),
  note: operation({ tags: ['incidents'], summary: 'Add a note to the timeline', params: IdParams, body: IncidentNoteBody, response: { 200: IncidentDetail } }),
  addFinding: operation({ tags: ['incidents'], summary: 'Add a finding to the evidence ledger', params: IdParams, body: CreateFindingBody, response: { 201: IncidentDetail } }),
  updateFinding: operation({ tags: ['incidents'], summary: 'Change a finding: status (open, fixed, ignored), text, attached events', params: FindingParams, body: UpdateFindingBody, response: { 200: IncidentDetail } }),
  getPostmortem: operation({
    tags: ['incidents'],
    summary: 'The postmortem, as JSON or (format=markdown) as the Markdown export',
    params: IdParams,
    querystring: PostmortemQuery,
    response: { 200: Content({ 'application/json': Postmortem, 'text/markdown': Type.String() }, 'The postmortem') },
  }),
  postmortemMarkdown: operation({ tags: ['incidents'], summary: 'The postmortem exported as Markdown', params: IdParams, response: { 200: Content({ 'text/markdown': Type.String() }, 'The postmortem in Markdown') } }),
  putPostmortem: operation({ tags: ['incidents'], summary: 'Write the postmortem (omitted parts keep their value)', params: IdParams, body: PostmortemBody, response: { 200: Postmortem } }),
};

/** The operations of `/api/v1/incident-rules`. */
export const incidentRulesApi = {
  list: operation({ tags: ['incidents'], summary: 'Incident grouping rules', response: { 200: Type.Object({ rules: Type.Array(IncidentRule) }) } }),
  create: operation({ tags: ['incidents'], summary: 'Add a grouping rule', body: IncidentRuleBody, response: { 201: IncidentRule }, errors: [409] }),
  get: operation({ tags: ['incidents'], summary: 'One grouping rule', params: IdParams, response: { 200: IncidentRule } }),
  update: operation({ tags: ['incidents'], summary: 'Replace a grouping rule', params: IdParams, body: IncidentRuleBody, response: { 200: IncidentRule }, errors: [409] }),
  remove: operation({ tags: ['incidents'], summary: 'Delete a grouping rule (its incidents stay)', params: IdParams, response: { 200: Ok } }),
};
