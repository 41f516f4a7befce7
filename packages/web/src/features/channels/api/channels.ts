/**
 * @module channels api
 * Hooks over `/api/v1/channels`: list, create, update, delete, test-send and the delivery log.
 */
import type { Channel, ChannelBody, ChannelTestResult, Delivery } from '@vigil/contracts';
import { useApiMutation, useApiQuery } from '../../../api/api.ts';

/** Every channel query starts with this key. */
export const CHANNELS_KEY = 'channels';

/** The tenant's channels (secrets masked). */
export function useChannels() {
  return useApiQuery<{ channels: Channel[] }>({ key: [CHANNELS_KEY, 'list'], path: '/channels' });
}

/** One channel. */
export function useChannel(id: string | null) {
  return useApiQuery<Channel>({ key: [CHANNELS_KEY, 'one', id], path: `/channels/${encodeURIComponent(id ?? '')}`, enabled: !!id });
}

/** A channel's delivery log, newest first, every attempt included. */
export function useDeliveries(id: string | null, enabled = true) {
  return useApiQuery<{ deliveries: Delivery[] }>({ key: [CHANNELS_KEY, 'deliveries', id], path: `/channels/${encodeURIComponent(id ?? '')}/deliveries`, params: { limit: 100 }, enabled: !!id && enabled, refetchInterval: 10_000 });
}

const invalidate = [[CHANNELS_KEY]];

export function useCreateChannel() {
  return useApiMutation<ChannelBody, Channel>({ path: '/channels', invalidate });
}

export function useUpdateChannel() {
  return useApiMutation<{ id: string; body: ChannelBody }, Channel>({ method: 'PUT', path: (v) => `/channels/${encodeURIComponent(v.id)}`, body: (v) => v.body, invalidate });
}

export function useDeleteChannel() {
  return useApiMutation<string>({ method: 'DELETE', path: (id) => `/channels/${encodeURIComponent(id)}`, body: () => undefined, invalidate });
}

/** Sends a sample alert now (one attempt). */
export function useTestChannel() {
  return useApiMutation<string, ChannelTestResult>({ path: (id) => `/channels/${encodeURIComponent(id)}/test`, body: () => undefined, invalidate });
}

/** Puts a dead letter (a failed delivery) back in the queue. */
export function useResendDelivery() {
  return useApiMutation<{ channelId: string; deliveryId: string }, Delivery>({ path: (v) => `/channels/${encodeURIComponent(v.channelId)}/deliveries/${encodeURIComponent(v.deliveryId)}/resend`, body: () => undefined, invalidate });
}
