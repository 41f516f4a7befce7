/**
 * @module useSearchState
 * The search page's state lives in the URL (`q`, `from`, `to`, `cols`, `event`) so a search can be
 * bookmarked and shared.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { DEFAULT_COLUMNS } from '../../../components/events/fields.ts';
import type { TimeRange } from '../../../lib/time.ts';

/** Default range of a new search. */
export const DEFAULT_RANGE: TimeRange = { from: '-24h', to: 'now' };

export interface SearchState {
  q: string;
  range: TimeRange;
  columns: string[];
  eventId: string | null;
}

/** Reads and updates the search state in the URL. */
export function useSearchState() {
  const [params, setParams] = useSearchParams();
  const state: SearchState = useMemo(
    () => ({
      q: params.get('q') ?? '',
      range: { from: params.get('from') || DEFAULT_RANGE.from, to: params.get('to') || DEFAULT_RANGE.to },
      columns: params.get('cols') ? params.get('cols')!.split(',').filter(Boolean) : DEFAULT_COLUMNS,
      eventId: params.get('event'),
    }),
    [params],
  );

  const update = useCallback(
    (patch: Partial<SearchState>, opts: { replace?: boolean } = {}) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (patch.q !== undefined) {
            if (patch.q) next.set('q', patch.q);
            else next.delete('q');
          }
          if (patch.range) {
            next.set('from', patch.range.from);
            next.set('to', patch.range.to);
          }
          if (patch.columns) {
            const same = patch.columns.join(',') === DEFAULT_COLUMNS.join(',');
            if (same) next.delete('cols');
            else next.set('cols', patch.columns.join(','));
          }
          if (patch.eventId !== undefined) {
            if (patch.eventId) next.set('event', patch.eventId);
            else next.delete('event');
          }
          return next;
        },
        { replace: opts.replace },
      );
    },
    [setParams],
  );

  return { ...state, update };
}
