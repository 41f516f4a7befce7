/**
 * @module overview
 * The overview page (home).
 */
import { lazy } from 'react';
import { IconLayoutDashboard } from '@tabler/icons-react';
import type { Feature } from '../../app/feature.ts';

export const overviewFeature: Feature = {
  id: 'overview',
  path: '',
  label: 'Overview',
  icon: IconLayoutDashboard,
  page: lazy(() => import('./OverviewPage.tsx').then((m) => ({ default: m.OverviewPage }))),
};
