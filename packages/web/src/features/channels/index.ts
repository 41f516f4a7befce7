/**
 * @module channels
 * Notification channels: list, add per type with its config form, test-send, and the delivery log.
 */
import { lazy } from 'react';
import { IconSpeakerphone } from '@tabler/icons-react';
import type { Feature } from '../../app/feature.ts';

export const channelsFeature: Feature = {
  id: 'channels',
  path: 'channels/*',
  label: 'Channels',
  icon: IconSpeakerphone,
  page: lazy(() => import('./ChannelsPage.tsx').then((m) => ({ default: m.ChannelsPage }))),
};
