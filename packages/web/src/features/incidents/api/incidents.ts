/**
 * @module incidents api
 * Incidents: list with filters, detail with timeline, status, owner, notes, evidence findings and
 * the postmortem (JSON to edit, Markdown to download).
 */
import { apiUrl, useApiMutation, useApiQuery } from '../../../api/api.ts';
import type { CreateFindingBody, CreateIncidentBody, IncidentDetail, IncidentList, IncidentStatus, Postmortem, PostmortemBody, Severity, UpdateFindingBody, UpdateIncidentBody } from '@vigil/contracts';

/** Filters of the incident list. */
export interface IncidentFilters {
  status: IncidentStatus[];
  severity: Severity | null;
  owner: string;
}

/** Incidents matching the filters, newest activity first. */
export function useIncidents(f: IncidentFilters, cursor?: string) {
  const params = { status: f.status.join(','), severity: f.severity ?? undefined, owner: f.owner.trim(), limit: 100, cursor };
  return useApiQuery<IncidentList>({ key: ['incidents', 'list', params], path: '/incidents', params, refetchInterval: 30_000, placeholderPrevious: true });
}

/** One incident with its timeline. */
export function useIncident(id: string) {
  return useApiQuery<IncidentDetail>({ key: ['incidents', id], path: `/incidents/${encodeURIComponent(id)}`, refetchInterval: 30_000 });
}

const path = (id: string, rest = '') => `/incidents/${encodeURIComponent(id)}${rest}`;

/** Opens an incident. */
export function useCreateIncident() {
  return useApiMutation<CreateIncidentBody, IncidentDetail>({ path: '/incidents', invalidate: [['incidents']] });
}

/** Changes title, description, owner or severity. */
export function useUpdateIncident(id: string) {
  return useApiMutation<UpdateIncidentBody, IncidentDetail>({ method: 'PATCH', path: path(id), invalidate: [['incidents']] });
}

/** Moves the incident to a status, with an optional note. */
export function useSetIncidentStatus(id: string) {
  return useApiMutation<{ status: IncidentStatus; note?: string }, IncidentDetail>({ path: path(id, '/status'), invalidate: [['incidents']] });
}

/** Adds a note to the timeline. */
export function useAddIncidentNote(id: string) {
  return useApiMutation<{ text: string }, IncidentDetail>({ path: path(id, '/notes'), invalidate: [['incidents', id]] });
}

/** Unlinks alerts. */
export function useRemoveIncidentAlerts(id: string) {
  return useApiMutation<{ alertIds: string[] }, IncidentDetail>({ method: 'DELETE', path: path(id, '/alerts'), invalidate: [['incidents']] });
}

/** Adds a finding to the evidence ledger. */
export function useAddFinding(id: string) {
  return useApiMutation<CreateFindingBody, IncidentDetail>({ path: path(id, '/findings'), invalidate: [['incidents', id]] });
}

/** Changes a finding (status, text, events). */
export function useUpdateFinding(id: string) {
  return useApiMutation<{ findingId: string; body: UpdateFindingBody }, IncidentDetail>({ method: 'PATCH', path: ({ findingId }) => path(id, `/findings/${encodeURIComponent(findingId)}`), body: ({ body }) => body, invalidate: [['incidents', id]] });
}

/** Writes the postmortem. */
export function useSavePostmortem(id: string) {
  return useApiMutation<PostmortemBody, Postmortem>({ method: 'PUT', path: path(id, '/postmortem'), invalidate: [['incidents', id]] });
}

/** The URL of the Markdown export (a download: the server sends Content-Disposition). */
export function postmortemDownloadUrl(id: string): string {
  return apiUrl(path(id, '/postmortem.md'));
}
