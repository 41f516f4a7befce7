/**
 * @module alerts api
 * Hooks over `/api/v1/alerts`: the filtered, paged list, one alert with its history, the unresolved
 * counts per severity, assignees, and the actions (one alert or many).
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import type { Alert, AlertAssignees, AlertBulkBody, AlertBulkResult, AlertDetail, AlertList, AlertSummary } from '@vigil/contracts';
import { apiFetch, useApiMutation, useApiQuery, type Params } from '../../../api/api.ts';
import type { ApiError } from '../../../api/api-error.ts';
import type { AlertFilters } from '../lib/alert-filters.ts';
import { filterParams } from '../lib/alert-filters.ts';

/** Alerts per page. */
export const ALERT_PAGE = 50;

/** Every alert query starts with this key, so one invalidation refreshes lists, details and counts. */
export const ALERTS_KEY = 'alerts';

/** The filtered list, newest activity first, with "load more". */
export function useAlerts(filters: AlertFilters, opts: { refetchInterval?: number } = {}) {
  const params: Params = { ...filterParams(filters), limit: ALERT_PAGE };
  return useInfiniteQuery<AlertList, ApiError>({
    queryKey: [ALERTS_KEY, 'list', params],
    queryFn: ({ pageParam, signal }) => apiFetch<AlertList>('/alerts', { params: { ...params, cursor: pageParam as string | undefined }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: opts.refetchInterval,
  });
}

/** One alert with its history. */
export function useAlert(id: string | null) {
  return useApiQuery<AlertDetail>({ key: [ALERTS_KEY, 'detail', id], path: `/alerts/${encodeURIComponent(id ?? '')}`, enabled: !!id });
}

/** Unresolved alerts per state and severity. */
export function useAlertSummary(refetchInterval: number | false = 30_000) {
  return useApiQuery<AlertSummary>({ key: [ALERTS_KEY, 'summary'], path: '/alerts/summary', refetchInterval, placeholderPrevious: true });
}

/** Who an alert can be assigned to. */
export function useAssignees() {
  return useApiQuery<AlertAssignees>({ key: [ALERTS_KEY, 'assignees'], path: '/alerts/assignees', staleTime: 60_000 });
}

const invalidate = [[ALERTS_KEY]];

/** Acknowledge one alert. */
export function useAckAlert() {
  return useApiMutation<{ id: string; note?: string }, Alert>({ path: (v) => `/alerts/${encodeURIComponent(v.id)}/ack`, body: (v) => (v.note ? { note: v.note } : {}), invalidate });
}

/** Resolve one alert. */
export function useResolveAlert() {
  return useApiMutation<{ id: string; note?: string }, Alert>({ path: (v) => `/alerts/${encodeURIComponent(v.id)}/resolve`, body: (v) => (v.note ? { note: v.note } : {}), invalidate });
}

/** Assign one alert (null unassigns). */
export function useAssignAlert() {
  return useApiMutation<{ id: string; assignee: string | null }, Alert>({ path: (v) => `/alerts/${encodeURIComponent(v.id)}/assign`, body: (v) => ({ assignee: v.assignee }), invalidate });
}

/** Add a note. */
export function useNoteAlert() {
  return useApiMutation<{ id: string; text: string }, AlertDetail>({ path: (v) => `/alerts/${encodeURIComponent(v.id)}/notes`, body: (v) => ({ text: v.text }), invalidate });
}

/** One action on many alerts. */
export function useBulkAlerts() {
  return useApiMutation<AlertBulkBody, AlertBulkResult>({ path: '/alerts/bulk', invalidate });
}
