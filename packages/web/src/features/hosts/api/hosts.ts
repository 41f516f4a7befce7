/**
 * @module hosts api
 * Hosts and enrollment tokens: list, detail, metrics, revoke, delete, tags, the timeline of a host's
 * changes (an event search), and minting a token for the "Add host" flow.
 */
import { useApiMutation, useApiQuery } from '../../../api/api.ts';
import { listOf } from '../../../api/list.ts';
import type { CreateEnrollmentTokenBody, CreatedEnrollmentToken, EventsPage, Host, HostDetail, HostSummary, MetricsResponse } from '@vigil/contracts';

/** The tenant's hosts, refreshed every 15 s. */
export function useHosts() {
  const q = useApiQuery<unknown>({ key: ['hosts'], path: '/hosts', refetchInterval: 15_000 });
  return { ...q, hosts: listOf<HostSummary>(q.data, 'hosts') };
}

/** One host with its latest metrics and snapshot. */
export function useHost(id: string) {
  return useApiQuery<HostDetail>({ key: ['hosts', id], path: `/hosts/${encodeURIComponent(id)}`, refetchInterval: 15_000 });
}

/** Series of one host over `from` (e.g. -1h), optionally filtered by a label (`mount=/`). */
export function useHostMetrics(id: string, names: string[], from = '-1h', opts: { step?: string; label?: string; enabled?: boolean } = {}) {
  return useApiQuery<MetricsResponse>({
    key: ['hosts', id, 'metrics', names.join(','), from, opts.step ?? '', opts.label ?? ''],
    path: `/hosts/${encodeURIComponent(id)}/metrics`,
    params: { name: names.join(','), from, step: opts.step, label: opts.label },
    refetchInterval: 30_000,
    placeholderPrevious: true,
    enabled: opts.enabled,
  });
}

/** The host's change events (agent.* but metrics), newest first. */
export function useHostTimeline(id: string) {
  return useApiQuery<EventsPage>({ key: ['hosts', id, 'timeline'], path: '/events', params: { q: `host.id:"${id}" AND event.dataset:agent.* AND NOT event.dataset:agent.metrics AND NOT event.dataset:agent.snapshot`, from: '-7d', limit: 50 }, refetchInterval: 30_000 });
}

/** Revokes a host: its agent gets 401 and stops. */
export function useRevokeHost() {
  return useApiMutation<string, Host>({ path: (id) => `/hosts/${encodeURIComponent(id)}/revoke`, body: () => undefined, invalidate: [['hosts']] });
}

/** Deletes a host with its metrics and snapshot. */
export function useDeleteHost() {
  return useApiMutation<string>({ method: 'DELETE', path: (id) => `/hosts/${encodeURIComponent(id)}`, body: () => undefined, invalidate: [['hosts']] });
}

/** Mints an enrollment token (answer: the token and the install one-liner, shown once). */
export function useCreateToken() {
  return useApiMutation<CreateEnrollmentTokenBody, CreatedEnrollmentToken>({ path: '/agents/tokens' });
}
