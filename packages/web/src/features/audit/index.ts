/**
 * @module audit
 * The audit log page: who changed what and when, with filters and paging; admins only.
 */
import { lazy } from 'react';
import { IconListCheck } from '@tabler/icons-react';
import type { Feature } from '../../app/feature.ts';

/** The Audit log page in the navigation (admins only). */
export const auditFeature: Feature = {
  id: 'audit',
  path: 'audit',
  label: 'Audit log',
  icon: IconListCheck,
  roles: ['platform_owner', 'owner', 'admin'],
  page: lazy(() => import('./AuditPage.tsx').then((m) => ({ default: m.AuditPage }))),
};
