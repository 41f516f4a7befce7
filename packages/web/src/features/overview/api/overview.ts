/**
 * @module overview api
 * The overview is composed from histogram, top values and input stats (there is no single
 * overview endpoint); every query refreshes on a short interval.
 */
import { useApiQuery } from '../../../api/api.ts';
import { listOf } from '../../../api/list.ts';
import type { HistogramResponse, InputStats, TopResponse } from '@vigil/contracts';
import type { TimeRange } from '../../../lib/time.ts';

/** Refresh period of the overview widgets, ms. */
export const OVERVIEW_REFRESH_MS = 5_000;

export function useRateHistogram(range: TimeRange, interval: string) {
  return useApiQuery<HistogramResponse>({
    key: ['overview', 'histogram', range.from, range.to, interval],
    path: '/events/histogram',
    params: { from: range.from, to: range.to, interval },
    refetchInterval: OVERVIEW_REFRESH_MS,
    placeholderPrevious: true,
  });
}

export function useTop(range: TimeRange, field: string, limit = 8) {
  return useApiQuery<TopResponse>({
    key: ['overview', 'top', field, range.from, range.to, limit],
    path: '/events/top',
    params: { field, from: range.from, to: range.to, limit },
    refetchInterval: OVERVIEW_REFRESH_MS,
    placeholderPrevious: true,
  });
}

export function useInputs() {
  const q = useApiQuery<unknown>({ key: ['overview', 'inputs'], path: '/inputs', refetchInterval: OVERVIEW_REFRESH_MS, placeholderPrevious: true });
  return { ...q, inputs: listOf<InputStats>(q.data, 'inputs') };
}
