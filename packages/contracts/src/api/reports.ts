/**
 * @module api/reports
 * Contracts of `/api/v1/reports*`: digest reports. A schedule sends a daily or weekly summary of the
 * tenant (alerts by severity and rule, open incidents, noisiest sources, ingest health) to channels
 * at a time of day in a time zone; `POST /reports/send` sends one now; `GET /reports/preview` shows it.
 */
import Type, { type Static } from 'typebox';
import { SEVERITIES } from '../severity.ts';
import { INCIDENT_STATUSES } from './incidents.ts';
import { WEEKDAYS } from './time-intervals.ts';
import { IdParams, IsoTime, Nullable, Ok, StringEnum, operation } from './common.ts';

/** How often a digest goes out. */
export const REPORT_CADENCES = ['daily', 'weekly'] as const;
export type ReportCadence = (typeof REPORT_CADENCES)[number];


/** How one send to one channel went. */
export const ReportDelivery = Type.Object({ channelId: Type.String(), ok: Type.Boolean(), deliveryId: Nullable(Type.String()), reason: Nullable(Type.String()) });
export type ReportDelivery = Static<typeof ReportDelivery>;

/** A digest schedule. */
export const ReportSchedule = Type.Object({
  id: Type.String(),
  name: Type.String(),
  enabled: Type.Boolean(),
  cadence: StringEnum(REPORT_CADENCES),
  timeOfDay: Type.String({ description: 'HH:MM, 24-hour, in `timezone`' }),
  timezone: Type.String({ description: 'An IANA time zone such as Europe/Berlin, or UTC' }),
  weekday: StringEnum(WEEKDAYS, { description: 'The day a weekly digest goes out' }),
  channelIds: Type.Array(Type.String()),
  lastRunAt: Nullable(IsoTime),
  nextRunAt: Nullable(IsoTime),
  lastDeliveries: Type.Array(ReportDelivery),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type ReportSchedule = Static<typeof ReportSchedule>;

/** `POST /reports` and `PUT /reports/{id}` body. */
export const ReportScheduleBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  enabled: Type.Optional(Type.Boolean()),
  cadence: StringEnum(REPORT_CADENCES),
  timeOfDay: Type.Optional(Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM (default 08:00)' })),
  timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone (default UTC)' })),
  weekday: Type.Optional(StringEnum(WEEKDAYS, { description: 'Weekly digests (default monday)' })),
  channelIds: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { minItems: 1, maxItems: 50 }),
});
export type ReportScheduleBody = Static<typeof ReportScheduleBody>;

/** A value and how often it was seen. */
export const CountedValue = Type.Object({ value: Type.String(), count: Type.Integer() });
export type CountedValue = Static<typeof CountedValue>;

/** A digest: what happened in the tenant over one period, and its rendering. */
export const Digest = Type.Object({
  tenant: Type.String(),
  cadence: StringEnum(REPORT_CADENCES),
  from: IsoTime,
  to: IsoTime,
  title: Type.String(),
  alerts: Type.Object({
    total: Type.Integer({ description: 'Alerts active in the period (last seen in it)' }),
    opened: Type.Integer({ description: 'Alerts first seen in the period' }),
    stillOpen: Type.Integer({ description: 'Of those, not resolved at the end' }),
    bySeverity: Type.Object({ info: Type.Integer(), low: Type.Integer(), medium: Type.Integer(), high: Type.Integer(), critical: Type.Integer() }),
    byRule: Type.Array(Type.Object({ ruleId: Type.String(), title: Type.String(), alerts: Type.Integer(), events: Type.Integer() })),
  }),
  incidents: Type.Object({
    open: Type.Integer({ description: 'Not resolved at the end of the period' }),
    opened: Type.Integer(),
    resolved: Type.Integer(),
    list: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), status: StringEnum(INCIDENT_STATUSES), severity: StringEnum(SEVERITIES), owner: Nullable(Type.String()), alerts: Type.Integer() })),
  }),
  noisiest: Type.Object({
    hosts: Type.Array(CountedValue, { description: 'host.name by stored events' }),
    sourceIps: Type.Array(CountedValue, { description: 'source.ip by stored events' }),
    alertGroups: Type.Array(CountedValue, { description: 'Alert groups (host, source) by matching events' }),
  }),
  ingest: Type.Object({
    events: Type.Integer({ description: 'Events stored in the period' }),
    quotaRejected: Type.Integer({ description: 'Events refused by the daily quota (whole UTC days overlapping the period)' }),
    inputs: Type.Array(Type.Object({ name: Type.String(), received: Type.Integer(), dropped: Type.Integer(), failed: Type.Integer(), parseFailures: Type.Integer() }), { description: 'Counters since the server started' }),
  }),
  markdown: Type.String(),
});
export type Digest = Static<typeof Digest>;

/** `POST /reports/send` body: a schedule's digest now, or an ad-hoc one to these channels. */
export const SendReportBody = Type.Object({
  scheduleId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  cadence: Type.Optional(StringEnum(REPORT_CADENCES, { description: 'Without scheduleId (default daily)' })),
  channelIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { minItems: 1, maxItems: 50 })),
});
export type SendReportBody = Static<typeof SendReportBody>;

/** `POST /reports/send` answer. */
export const SendReportResult = Type.Object({ digest: Digest, deliveries: Type.Array(ReportDelivery) });
export type SendReportResult = Static<typeof SendReportResult>;

/** `GET /reports/preview` query. */
export const ReportPreviewQuery = Type.Object({ cadence: Type.Optional(StringEnum(REPORT_CADENCES)) });

/** The operations of `/api/v1/reports`. */
export const reportsApi = {
  list: operation({ tags: ['reports'], summary: 'Digest schedules', response: { 200: Type.Object({ reports: Type.Array(ReportSchedule) }) } }),
  create: operation({ tags: ['reports'], summary: 'Schedule a daily or weekly digest to channels', body: ReportScheduleBody, response: { 201: ReportSchedule } }),
  get: operation({ tags: ['reports'], summary: 'One digest schedule', params: IdParams, response: { 200: ReportSchedule } }),
  update: operation({ tags: ['reports'], summary: 'Replace a digest schedule', params: IdParams, body: ReportScheduleBody, response: { 200: ReportSchedule } }),
  remove: operation({ tags: ['reports'], summary: 'Delete a digest schedule', params: IdParams, response: { 200: Ok } }),
  preview: operation({ tags: ['reports'], summary: 'The digest of the period ending now, without sending it', querystring: ReportPreviewQuery, response: { 200: Digest } }),
  send: operation({ tags: ['reports'], summary: 'Compute a digest now and send it to the channels', body: SendReportBody, response: { 200: SendReportResult } }),
};
