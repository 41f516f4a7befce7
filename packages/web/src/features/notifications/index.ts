/**
 * @module notifications
 * Notification pages beside the channels: silences (`/silences`, also opened from an alert with its
 * labels filled in by `SilenceAlertButton`).
 */
import { lazy } from 'react';
import { IconBellOff } from '@tabler/icons-react';
import type { Feature } from '../../app/feature.ts';

export { SilenceAlertButton } from './components/SilenceAlertButton.tsx';

export const silencesFeature: Feature = {
  id: 'silences',
  path: 'silences/*',
  label: 'Silences',
  icon: IconBellOff,
  page: lazy(() => import('./SilencesPage.tsx').then((m) => ({ default: m.SilencesPage }))),
};
