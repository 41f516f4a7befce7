/**
 * @module audit api
 * The tenant's audit log, filtered and paged by cursor (admins only).
 */
import { useApiQuery } from '../../api/api.ts';
import type { AuditLog } from '@vigil/contracts';

/** Filters of the audit page; empty strings are left out of the request. */
export interface AuditFilters {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  from: string;
  to: string;
}

/** One page of audit entries, newest first. */
export function useAuditLog(f: AuditFilters, cursor: string | undefined, limit = 50) {
  const params = { actor: f.actor.trim(), action: f.action.trim(), targetType: f.targetType.trim(), targetId: f.targetId.trim(), from: f.from.trim(), to: f.to.trim(), limit, cursor };
  return useApiQuery<AuditLog>({ key: ['audit-log', params], path: '/audit-log', params, placeholderPrevious: true });
}
