/**
 * @module live
 * The live feed page.
 */
import { lazy } from 'react';
import { IconActivity } from '@tabler/icons-react';
import type { Feature } from '../../app/feature.ts';

export const liveFeature: Feature = {
  id: 'live',
  path: 'live',
  label: 'Live feed',
  icon: IconActivity,
  page: lazy(() => import('./LivePage.tsx').then((m) => ({ default: m.LivePage }))),
};
