/**
 * @module incidents
 * Incidents: list with filters, detail with timeline, linked alerts, evidence ledger, status and
 * owner, notes, the postmortem editor and its Markdown export.
 */
import { lazy } from 'react';
import { IconFlame } from '@tabler/icons-react';
import type { Feature } from '../../app/feature.ts';

/** The Incidents page in the navigation. */
export const incidentsFeature: Feature = {
  id: 'incidents',
  path: 'incidents/*',
  label: 'Incidents',
  icon: IconFlame,
  page: lazy(() => import('./IncidentsPage.tsx').then((m) => ({ default: m.IncidentsPage }))),
};
