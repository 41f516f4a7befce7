/**
 * @module api/audit-log
 * Contracts of `/api/v1/audit-log`: every change to the tenant's configuration and cases (rules,
 * routes, channels, silences, alerts, incidents, users, API keys, tenants) and every authentication
 * event, with who, when, from where, and the object before and after. Secrets never appear: objects
 * are recorded as the API shows them (credentials masked) and any remaining secret-named key is masked.
 */
import Type, { type Static } from 'typebox';
import { IsoTime, Nullable, operation } from './common.ts';

/** `GET /audit-log` query: filters combine with AND. */
export const AuditLogQuery = Type.Object({
  actor: Type.Optional(Type.String({ maxLength: 200, description: 'Exactly this actor (username, API key name, "cli", "vigil")' })),
  action: Type.Optional(Type.String({ maxLength: 100, description: 'An action (channel.update) or every action of a kind (channel.*)' })),
  targetType: Type.Optional(Type.String({ maxLength: 50, description: 'rule, route, channel, silence, alert, incident, incident_rule, report, user, apikey, tenant, …' })),
  targetId: Type.Optional(Type.String({ maxLength: 200 })),
  from: Type.Optional(Type.String({ maxLength: 64, description: 'At or after (ISO or relative like -24h)' })),
  to: Type.Optional(Type.String({ maxLength: 64, description: 'Before (ISO or relative)' })),
  before: Type.Optional(Type.String({ maxLength: 64, description: 'ISO time: entries older than this (same as to)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
});
export type AuditLogQuery = Static<typeof AuditLogQuery>;

/** One audit entry. */
export const AuditEntry = Type.Object({
  id: Type.String(),
  actor: Type.String(),
  action: Type.String(),
  targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  target: Nullable(Type.String({ description: 'The same as targetId (kept for older clients)' })),
  before: Type.Unknown({ description: 'The object before the change (null when created), secrets masked' }),
  after: Type.Unknown({ description: 'The object after the change (null when deleted), secrets masked' }),
  details: Type.Unknown(),
  ip: Nullable(Type.String()),
  createdAt: IsoTime,
});
export type AuditEntry = Static<typeof AuditEntry>;

/** `GET /audit-log` answer, newest first. */
export const AuditLog = Type.Object({ entries: Type.Array(AuditEntry), nextCursor: Nullable(Type.String()) });
export type AuditLog = Static<typeof AuditLog>;

/** The operations of `/api/v1/audit-log`. */
export const auditLogApi = {
  list: operation({ tags: ['audit'], summary: 'The audit log, newest first, filtered and paged', querystring: AuditLogQuery, response: { 200: AuditLog } }),
};
