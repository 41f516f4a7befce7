/**
 * @module dashboards api
 * Boards (list with the home id, one board, create/replace/delete, set home) and the panel data,
 * which comes from the events search, histogram and top-values APIs.
 */
import { useApiMutation, useApiQuery } from '../../../api/api.ts';
import type { Dashboard, DashboardBody, DashboardList, EventsPage, HistogramResponse, Panel, TopResponse } from '@vigil/contracts';
import { pickInterval } from '../../../lib/time.ts';

/** The boards the user sees and their home board. */
export function useDashboards() {
  return useApiQuery<DashboardList>({ key: ['dashboards'], path: '/dashboards' });
}

/** One board. */
export function useDashboard(id: string | undefined) {
  return useApiQuery<Dashboard>({ key: ['dashboards', id], path: `/dashboards/${encodeURIComponent(id ?? '')}`, enabled: !!id });
}

/** Creates a board (also how a board is copied). */
export function useCreateDashboard() {
  return useApiMutation<DashboardBody, Dashboard>({ path: '/dashboards', invalidate: [['dashboards']] });
}

/** Replaces a board. */
export function useUpdateDashboard() {
  return useApiMutation<{ id: string; body: DashboardBody }, Dashboard>({ method: 'PUT', path: ({ id }) => `/dashboards/${encodeURIComponent(id)}`, body: ({ body }) => body, invalidate: [['dashboards']] });
}

/** Deletes a board. */
export function useDeleteDashboard() {
  return useApiMutation<string>({ method: 'DELETE', path: (id) => `/dashboards/${encodeURIComponent(id)}`, body: () => undefined, invalidate: [['dashboards']] });
}

/** Sets the user's home board. */
export function useSetHome() {
  return useApiMutation<{ id: string | null }, { homeId: string | null }>({ method: 'PUT', path: '/dashboards/home', invalidate: [['dashboards']] });
}

const REFRESH = 60_000;
const range = (p: Panel) => ({ q: p.query, from: p.from, to: p.to });

/** Events over time for a count or time-series panel. */
export function usePanelHistogram(p: Panel) {
  const interval = pickInterval({ from: p.from, to: p.to }, 60);
  return useApiQuery<HistogramResponse>({ key: ['panel', 'histogram', p.query, p.from, p.to, interval], path: '/events/histogram', params: { ...range(p), interval }, refetchInterval: REFRESH, placeholderPrevious: true });
}

/** The top values of a top panel. */
export function usePanelTop(p: Panel) {
  return useApiQuery<TopResponse>({ key: ['panel', 'top', p.query, p.from, p.to, p.field, p.limit], path: '/events/top', params: { ...range(p), field: p.field ?? '', limit: p.limit ?? 10 }, enabled: !!p.field, refetchInterval: REFRESH, placeholderPrevious: true });
}

/** The newest matching events of a table panel. */
export function usePanelEvents(p: Panel) {
  return useApiQuery<EventsPage>({ key: ['panel', 'events', p.query, p.from, p.to, p.limit], path: '/events', params: { ...range(p), limit: p.limit ?? 20 }, refetchInterval: REFRESH, placeholderPrevious: true });
}
