/**
 * @module search
 * The search page.
 */
import { lazy } from 'react';
import { IconSearch } from '@tabler/icons-react';
import type { Feature } from '../../app/feature.ts';

export const searchFeature: Feature = {
  id: 'search',
  path: 'search',
  label: 'Search',
  icon: IconSearch,
  page: lazy(() => import('./SearchPage.tsx').then((m) => ({ default: m.SearchPage }))),
};
