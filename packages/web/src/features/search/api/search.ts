/**
 * @module search api
 * Hooks for the search page: paged results, histogram, fields, top values and saved searches.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch, useApiMutation, useApiQuery } from '../../../api/api.ts';
import type { ApiError } from '../../../api/api-error.ts';
import type { CreateSavedSearchBody, EventsPage, FieldsResponse, HistogramResponse, SavedSearch, TopResponse } from '@vigil/contracts';
import type { TimeRange } from '../../../lib/time.ts';
import { listOf } from '../../../api/list.ts';

/** Results per page. */
export const PAGE_SIZE = 100;

/** Search results, newest first, with "load more" through the cursor. */
export function useEventsSearch(q: string, range: TimeRange) {
  return useInfiniteQuery<EventsPage, ApiError>({
    queryKey: ['events', q, range.from, range.to],
    queryFn: ({ pageParam, signal }) =>
      apiFetch<EventsPage>('/events', { params: { q, from: range.from, to: range.to, limit: PAGE_SIZE, cursor: pageParam as string | undefined }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: false,
  });
}

/** Event counts per interval. */
export function useHistogram(q: string, range: TimeRange, interval: string) {
  return useApiQuery<HistogramResponse>({
    key: ['histogram', q, range.from, range.to, interval],
    path: '/events/histogram',
    params: { q, from: range.from, to: range.to, interval },
    placeholderPrevious: true,
  });
}

/** Fields present in the matching events. */
export function useFields(q: string, range: TimeRange) {
  return useApiQuery<FieldsResponse>({ key: ['fields', q, range.from, range.to], path: '/events/fields', params: { q, from: range.from, to: range.to }, placeholderPrevious: true });
}

/** Most frequent values of a field in the matching events. */
export function useTopValues(q: string, range: TimeRange, field: string | null, limit = 5) {
  return useApiQuery<TopResponse>({
    key: ['top', q, range.from, range.to, field, limit],
    path: '/events/top',
    params: { q, from: range.from, to: range.to, field: field ?? '', limit },
    enabled: !!field,
  });
}

/** The user's saved searches. */
export function useSavedSearches() {
  const q = useApiQuery<unknown>({ key: ['saved-searches'], path: '/saved-searches' });
  return { ...q, list: listOf<SavedSearch>(q.data, 'savedSearches') };
}

/** Saves the current search. */
export function useCreateSavedSearch() {
  return useApiMutation<CreateSavedSearchBody, SavedSearch>({ path: '/saved-searches', invalidate: [['saved-searches']] });
}

/** Deletes a saved search. */
export function useDeleteSavedSearch() {
  return useApiMutation<string>({ method: 'DELETE', path: (id) => `/saved-searches/${encodeURIComponent(id)}`, body: () => undefined, invalidate: [['saved-searches']] });
}
