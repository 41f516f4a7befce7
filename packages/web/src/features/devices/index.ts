/**
 * @module devices
 * SNMP devices: list with status, detail with interfaces and CPU/memory charts, add/edit with a
 * credential test.
 */
import { lazy } from 'react';
import { IconRouter } from '@tabler/icons-react';
import type { Feature } from '../../app/feature.ts';

/** The Devices page in the navigation. */
export const devicesFeature: Feature = {
  id: 'devices',
  path: 'devices/*',
  label: 'Devices',
  icon: IconRouter,
  page: lazy(() => import('./DevicesPage.tsx').then((m) => ({ default: m.DevicesPage }))),
};
