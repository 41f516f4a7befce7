/**
 * @module notifications api/silences
 * Hooks over `/api/v1/silences`: list (by state), create, expire.
 */
import type { CreateSilenceBody, Silence, SilenceState } from '@vigil/contracts';
import { useApiMutation, useApiQuery } from '../../../api/api.ts';

/** Every silence query starts with this key. */
export const SILENCES_KEY = 'silences';

/** Silences newest first, only those in `state` when given. */
export function useSilences(state: SilenceState | null) {
  return useApiQuery<{ silences: Silence[] }>({ key: [SILENCES_KEY, 'list', state], path: '/silences', params: { state, limit: 500 }, refetchInterval: 30_000 });
}

const invalidate = [[SILENCES_KEY]];

export function useCreateSilence() {
  return useApiMutation<CreateSilenceBody, Silence>({ path: '/silences', invalidate });
}

/** Ends a silence now (it stays listed as expired). */
export function useExpireSilence() {
  return useApiMutation<string, Silence>({ path: (id) => `/silences/${encodeURIComponent(id)}/expire`, body: () => undefined, invalidate });
}
