/**
 * @module devices api
 * SNMP devices: list, detail, create/update/delete, discovery (the "test credentials" button),
 * profiles and metric series.
 */
import { useApiMutation, useApiQuery } from '../../../api/api.ts';
import { listOf } from '../../../api/list.ts';
import type { CreateSnmpUserBody, Device, DeviceBody, DeviceDetail, DeviceSummary, DiscoverBody, Discovery, MetricsResponse, PollProfile, SnmpCommunity, SnmpUser } from '@vigil/contracts';

/** The tenant's devices, refreshed every 15 s. */
export function useDevices() {
  const q = useApiQuery<unknown>({ key: ['devices'], path: '/devices', refetchInterval: 15_000 });
  return { ...q, devices: listOf<DeviceSummary>(q.data, 'devices') };
}

/** One device with its interface table and latest values. */
export function useDevice(id: string) {
  return useApiQuery<DeviceDetail>({ key: ['devices', id], path: `/devices/${encodeURIComponent(id)}`, refetchInterval: 15_000 });
}

/** The polling profiles. */
export function useProfiles() {
  const q = useApiQuery<unknown>({ key: ['snmp-profiles'], path: '/snmp/profiles', staleTime: 300_000 });
  return listOf<PollProfile>(q.data, 'profiles');
}

/** Series of one device over the last `range` (e.g. -1h). */
export function useDeviceMetrics(id: string, names: string[], from = '-1h', ifIndex?: string) {
  return useApiQuery<MetricsResponse>({ key: ['devices', id, 'metrics', names.join(','), from, ifIndex ?? ''], path: `/devices/${encodeURIComponent(id)}/metrics`, params: { name: names.join(','), from, ifIndex }, refetchInterval: 30_000, placeholderPrevious: true });
}

/** Adds a device. */
export function useSaveDevice() {
  return useApiMutation<{ body: DeviceBody }, Device>({ path: '/devices', body: ({ body }) => body, invalidate: [['devices']] });
}

/** Changes a device. */
export function useUpdateDevice() {
  return useApiMutation<{ id: string; body: DeviceBody }, Device>({ method: 'PUT', path: ({ id }) => `/devices/${encodeURIComponent(id)}`, body: ({ body }) => body, invalidate: [['devices']] });
}

/** Deletes a device and its metrics. */
export function useDeleteDevice() {
  return useApiMutation<string>({ method: 'DELETE', path: (id) => `/devices/${encodeURIComponent(id)}`, body: () => undefined, invalidate: [['devices']] });
}

/** Walks an address with credentials (the "Test credentials" button). */
export function useTestCredentials() {
  return useApiMutation<DiscoverBody, Discovery>({ path: '/devices/test-credentials' });
}

/** Trap communities of the tenant (names only). */
export function useCommunities(enabled = true) {
  const q = useApiQuery<unknown>({ key: ['snmp-communities'], path: '/snmp/communities', enabled });
  return { ...q, communities: listOf<SnmpCommunity>(q.data, 'communities') };
}

/** SNMPv3 trap users of the tenant (no keys). */
export function useTrapUsers(enabled = true) {
  const q = useApiQuery<unknown>({ key: ['snmp-users'], path: '/snmp/users', enabled });
  return { ...q, users: listOf<SnmpUser>(q.data, 'users') };
}

/** Adds a trap community. */
export function useAddCommunity() {
  return useApiMutation<{ name?: string; community: string }, SnmpCommunity>({ path: '/snmp/communities', invalidate: [['snmp-communities']] });
}

/** Adds an SNMPv3 trap user. */
export function useAddTrapUser() {
  return useApiMutation<CreateSnmpUserBody, SnmpUser>({ path: '/snmp/users', invalidate: [['snmp-users']] });
}

/** Removes a community or a v3 user. */
export function useDeleteTrapCredential() {
  return useApiMutation<{ kind: 'communities' | 'users'; id: string }>({ method: 'DELETE', path: ({ kind, id }) => `/snmp/${kind}/${encodeURIComponent(id)}`, body: () => undefined, invalidate: [['snmp-communities'], ['snmp-users']] });
}
