/**
 * @module settings
 * Settings: API keys, users, profile.
 */
import { lazy } from 'react';
import { IconSettings } from '@tabler/icons-react';
import type { Feature } from '../../app/feature.ts';

export const settingsFeature: Feature = {
  id: 'settings',
  path: 'settings/*',
  label: 'Settings',
  icon: IconSettings,
  page: lazy(() => import('./SettingsPage.tsx').then((m) => ({ default: m.SettingsPage }))),
  bottom: true,
};
