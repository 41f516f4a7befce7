/**
 * @module dashboards
 * Boards of panels (count, time series, top values, table) on a drag-and-resize grid: save, share
 * in the tenant, set as home; built-in security overview and ingest health boards to copy.
 */
import { lazy } from 'react';
import { IconLayoutDashboard } from '@tabler/icons-react';
import type { Feature } from '../../app/feature.ts';

/** The Dashboards page in the navigation. */
export const dashboardsFeature: Feature = {
  id: 'dashboards',
  path: 'dashboards/*',
  label: 'Dashboards',
  icon: IconLayoutDashboard,
  page: lazy(() => import('./DashboardsPage.tsx').then((m) => ({ default: m.DashboardsPage }))),
};
