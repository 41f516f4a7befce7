/**
 * @module tenants
 * Tenants of the installation (platform owner) and the tenant menu in the header.
 */
import { lazy } from 'react';
import { IconBuildingCommunity } from '@tabler/icons-react';
import type { Feature } from '../../app/feature.ts';

export { TenantMenu } from './components/TenantMenu.tsx';
export { useCurrentTenant } from './api/tenants.ts';

export const tenantsFeature: Feature = {
  id: 'tenants',
  path: 'tenants',
  label: 'Tenants',
  icon: IconBuildingCommunity,
  page: lazy(() => import('./TenantsPage.tsx').then((m) => ({ default: m.TenantsPage }))),
  roles: ['platform_owner'],
  bottom: true,
};
