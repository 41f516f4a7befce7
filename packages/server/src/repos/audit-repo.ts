/**
 * @module repos/audit-repo
 * The audit log: who did what to which object, per tenant, with the object before and after (masked:
 * secrets never enter it). Lists filter by actor, action (or `kind.*`), target type and id, and time,
 * newest first with cursor paging on (created_at, id).
 */
import { maskSecrets } from '@vigil/core';
import type { SqlDb } from '../db/sql-db.ts';
import { SYSTEM_REPO_DEPS, type RepoDeps } from './repo-deps.ts';
import { actorName, type AuditChange, type AuditRecorder } from './audit-recorder.ts';

/** One entry as answered. */
export interface AuditEntry {
  id: string;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  target: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
  ip: string | null;
  createdAt: string;
}

/** Filters of a list (all optional). */
export interface AuditFilter {
  actor?: string;
  /** An action, or `kind.*` for every action of a kind. */
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: number;
  to?: number;
  limit: number;
  /** The last entry of the previous page. */
  after?: { createdAt: number; id: string };
}

interface Row {
  id: string;
  actor: string;
  action: string;
  target: string | null;
  target_type: string | null;
  details: unknown;
  before_doc: string | null;
  after_doc: string | null;
  ip: string | null;
  created_at: number;
}

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : (v ?? null));

/** Storage of audit entries; the `AuditRecorder` of every service. */
export class AuditRepo implements AuditRecorder {
  constructor(private readonly db: SqlDb, private readonly deps: RepoDeps = SYSTEM_REPO_DEPS) {}

  /** Records one change (masked). `target` is the older spelling of `targetId`. */
  async record(tenantId: string, e: AuditChange & { target?: string }): Promise<void> {
    const keys = e.secretKeys ?? [];
    const doc = (v: unknown) => (v === undefined ? null : JSON.stringify(maskSecrets(v, keys)));
    const ip = typeof e.actor === 'string' ? (e.ip ?? null) : (e.actor.ip ?? e.ip ?? null);
    await this.db.run(
      'INSERT INTO audit_log (id, tenant_id, actor, action, target, target_type, details, before_doc, after_doc, ip, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
      [this.deps.newId(), tenantId, actorName(e.actor), e.action, e.targetId ?? e.target ?? null, e.targetType ?? e.action.split('.')[0] ?? null, doc(e.details), doc(e.before), doc(e.after), ip, this.deps.now()],
    );
  }

  /** A page of entries, newest first. */
  async list(tenantId: string, f: AuditFilter): Promise<AuditEntry[]> {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [tenantId];
    const p = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.actor) where.push(`actor = ${p(f.actor)}`);
    // A prefix compare, not LIKE: `_` and `%` in a filter are plain characters.
    if (f.action?.endsWith('.*')) where.push(`substr(action, 1, ${f.action.length - 1}) = ${p(f.action.slice(0, -1))}`);
    else if (f.action) where.push(`action = ${p(f.action)}`);
    if (f.targetType) where.push(`target_type = ${p(f.targetType)}`);
    if (f.targetId) where.push(`target = ${p(f.targetId)}`);
    if (f.from !== undefined) where.push(`created_at >= ${p(f.from)}`);
    if (f.to !== undefined) where.push(`created_at < ${p(f.to)}`);
    if (f.after) where.push(`(created_at < ${p(f.after.createdAt)} OR (created_at = ${p(f.after.createdAt)} AND id < ${p(f.after.id)}))`);
    const rows = await this.db.all<Row>(`SELECT id, actor, action, target, target_type, details, before_doc, after_doc, ip, created_at FROM audit_log WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ${p(f.limit)}`, params);
    return rows.map((r) => ({
      id: r.id,
      actor: r.actor,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target,
      target: r.target,
      before: json(r.before_doc),
      after: json(r.after_doc),
      details: json(r.details),
      ip: r.ip,
      createdAt: new Date(Number(r.created_at)).toISOString(),
    }));
  }
}
