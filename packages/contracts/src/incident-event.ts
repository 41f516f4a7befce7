/**
 * @module incident-event
 * The message of the `incidents` topic: an incident after a change, with what changed. Consumers (the
 * live stream, later the web UI) keep the latest by `id`.
 */
import type { Severity } from './severity.ts';
import type { IncidentAction, IncidentStatus } from './api/incidents.ts';

/** An incident change. */
export interface IncidentEvent {
  id: string;
  tenantId: string;
  title: string;
  status: IncidentStatus;
  severity: Severity;
  owner: string | null;
  alertCount: number;
  /** What the change was (the timeline actions it wrote, first one). */
  action: IncidentAction;
  actor: string;
  updatedAt: string;
}
