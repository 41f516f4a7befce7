/**
 * @module api/inputs
 * Contracts of `/api/v1/inputs` (ingest health per input) and `/api/v1/audit-log`.
 */
import Type, { type Static } from 'typebox';
import { INPUTS } from '../event.ts';
import { IsoTime, Nullable, StringEnum, operation } from './common.ts';

/** Counters of one input (after Vector's component spec). */
export const InputStats = Type.Object({
  name: StringEnum(INPUTS),
  received: Type.Integer(),
  emitted: Type.Integer(),
  dropped: Type.Integer(),
  failed: Type.Integer(),
  parseFailures: Type.Integer(),
});
export type InputStats = Static<typeof InputStats>;

/** `GET /inputs` answer. */
export const InputList = Type.Object({ inputs: Type.Array(InputStats) });
export type InputList = Static<typeof InputList>;

/** `GET /audit-log` query. */
export const AuditLogQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  before: Type.Optional(Type.String({ maxLength: 64, description: 'ISO time: entries older than this' })),
});
export type AuditLogQuery = Static<typeof AuditLogQuery>;

/** One audit entry. */
export const AuditEntry = Type.Object({
  id: Type.String(),
  actor: Type.String(),
  action: Type.String(),
  target: Nullable(Type.String()),
  details: Type.Unknown(),
  ip: Nullable(Type.String()),
  createdAt: IsoTime,
});
export type AuditEntry = Static<typeof AuditEntry>;

/** `GET /audit-log` answer, newest first. */
export const AuditLog = Type.Object({ entries: Type.Array(AuditEntry) });
export type AuditLog = Static<typeof AuditLog>;

/** The operations of `/api/v1/inputs` and `/api/v1/audit-log`. */
export const inputsApi = {
  list: operation({ tags: ['ops'], summary: 'Per-input counters: received, emitted, dropped, failed, parse failures', response: { 200: InputList } }),
  auditLog: operation({ tags: ['audit'], summary: 'The audit log, newest first', querystring: AuditLogQuery, response: { 200: AuditLog } }),
};
