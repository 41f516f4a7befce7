/**
 * @module notifications api/time-intervals
 * Hooks over `/api/v1/time-intervals` (maintenance windows, office hours): list, create, replace, delete.
 */
import type { TimeInterval, TimeIntervalBody } from '@vigil/contracts';
import { useApiMutation, useApiQuery } from '../../../api/api.ts';

/** Every time-interval query starts with this key. */
export const INTERVALS_KEY = 'time-intervals';

export function useTimeIntervals() {
  return useApiQuery<{ timeIntervals: TimeInterval[] }>({ key: [INTERVALS_KEY, 'list'], path: '/time-intervals', refetchInterval: 60_000 });
}

const invalidate = [[INTERVALS_KEY]];

export function useCreateTimeInterval() {
  return useApiMutation<TimeIntervalBody, TimeInterval>({ path: '/time-intervals', invalidate });
}

export function useUpdateTimeInterval() {
  return useApiMutation<{ id: string; body: TimeIntervalBody }, TimeInterval>({ method: 'PUT', path: (v) => `/time-intervals/${encodeURIComponent(v.id)}`, body: (v) => v.body, invalidate });
}

export function useDeleteTimeInterval() {
  return useApiMutation<string>({ method: 'DELETE', path: (id) => `/time-intervals/${encodeURIComponent(id)}`, body: () => undefined, invalidate });
}
