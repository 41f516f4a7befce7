/**
 * @module rules
 * Detection rules: the list with switches and hit counts, the YAML/form editor with validation as you
 * type and version history, imports (Sigma or Vigil YAML) and the ATT&CK coverage view.
 */
import { lazy } from 'react';
import { IconShieldCheck } from '@tabler/icons-react';
import type { Feature } from '../../app/feature.ts';

export const rulesFeature: Feature = {
  id: 'rules',
  path: 'rules/*',
  label: 'Rules',
  icon: IconShieldCheck,
  page: lazy(() => import('./RulesPage.tsx').then((m) => ({ default: m.RulesPage }))),
};
