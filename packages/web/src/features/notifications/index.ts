/**
 * @module notifications
 * Notification routing pages beside the channels: the routing tree editor, escalation policies and
 * maintenance windows (`/routing`), and silences (`/silences`, also opened from an alert with its
 * labels filled in by `SilenceAlertButton`).
 */
import { lazy } from 'react';
import { IconBellOff, IconRoute } from '@tabler/icons-react';
import type { Feature } from '../../app/feature.ts';

export { SilenceAlertButton } from './components/SilenceAlertButton.tsx';

export const routingFeature: Feature = {
  id: 'routing',
  path: 'routing/*',
  label: 'Routing',
  icon: IconRoute,
  page: lazy(() => import('./RoutingPage.tsx').then((m) => ({ default: m.RoutingPage }))),
};

export const silencesFeature: Feature = {
  id: 'silences',
  path: 'silences/*',
  label: 'Silences',
  icon: IconBellOff,
  page: lazy(() => import('./SilencesPage.tsx').then((m) => ({ default: m.SilencesPage }))),
};
