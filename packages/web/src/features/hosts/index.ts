/**
 * @module hosts
 * Hosts with the Vigil agent: fleet list with status and CPU/memory sparklines, host detail (metric
 * charts, current snapshot, timeline of changes, revoke), and the "Add host" flow that mints an
 * enrollment token and shows the install one-liner.
 */
import { lazy } from 'react';
import { IconServer } from '@tabler/icons-react';
import type { Feature } from '../../app/feature.ts';

/** The Hosts page in the navigation. */
export const hostsFeature: Feature = {
  id: 'hosts',
  path: 'hosts/*',
  label: 'Hosts',
  icon: IconServer,
  page: lazy(() => import('./HostsPage.tsx').then((m) => ({ default: m.HostsPage }))),
};
