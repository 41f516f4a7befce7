/**
 * @module alerts
 * Alerts: the list with filters and bulk actions, one alert's detail, and the shell's alert bell with
 * toasts for new high and critical alerts.
 */
import { lazy } from 'react';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { Feature } from '../../app/feature.ts';

export const alertsFeature: Feature = {
  id: 'alerts',
  path: 'alerts/*',
  label: 'Alerts',
  icon: IconAlertTriangle,
  page: lazy(() => import('./AlertsPage.tsx').then((m) => ({ default: m.AlertsPage }))),
};

export { AlertCenter } from './components/AlertCenter.tsx';
export { useAlertSummary, useAssignees } from './api/alerts.ts';
