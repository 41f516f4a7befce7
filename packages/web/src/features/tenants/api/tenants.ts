/**
 * @module tenants api
 * Tenants (platform owner), the tenant the session acts in, and switching it.
 */
import { useApiMutation, useApiQuery } from '../../../api/api.ts';
import { listOf } from '../../../api/list.ts';
import type { CreateTenantBody, MeResponse, Tenant, TenantRef, UpdateTenantBody } from '@vigil/contracts';

/** Every tenant with quotas and today's usage (platform owners only). */
export function useTenants(enabled = true) {
  const q = useApiQuery<unknown>({ key: ['tenants'], path: '/tenants', enabled, refetchInterval: 30_000 });
  return { ...q, tenants: listOf<Tenant>(q.data, 'tenants') };
}

/** The tenant the signed-in session acts in (from `/auth/me`). */
export function useCurrentTenant(): TenantRef | undefined {
  const q = useApiQuery<MeResponse>({ key: ['me'], path: '/auth/me', staleTime: 60_000 });
  return q.data?.tenant;
}

export function useCreateTenant() {
  return useApiMutation<CreateTenantBody, Tenant>({ path: '/tenants', invalidate: [['tenants']] });
}

export function useUpdateTenant() {
  return useApiMutation<{ id: string } & UpdateTenantBody, Tenant>({
    method: 'PATCH',
    path: ({ id }) => `/tenants/${encodeURIComponent(id)}`,
    body: ({ id: _id, ...patch }) => patch,
    invalidate: [['tenants']],
  });
}

/** Moves the session to another tenant; every cached answer belongs to the old one, so the page reloads. */
export function useSwitchTenant() {
  return useApiMutation<string, { tenant: Tenant }>({ path: '/auth/tenant', body: (tenant) => ({ tenant }) });
}
