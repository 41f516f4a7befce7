/**
 * @module feature
 * A feature is one folder under `features/` that adds a page to the shell: its route, its navigation
 * entry and who may see it. Alerts, rules and incidents slot in by adding one `Feature` to `FEATURES`.
 */
import type { ComponentType, LazyExoticComponent } from 'react';
import type { Role } from '@vigil/contracts';

/** An icon component as Tabler exports them. */
export type FeatureIcon = ComponentType<{ size?: number | string; stroke?: number | string }>;

export interface Feature {
  /** Stable id, also the `data-feature` attribute of the nav link. */
  id: string;
  /** Route path below `/` (`''` is the overview); may end with `/*` for nested routes. */
  path: string;
  /** Navigation label. */
  label: string;
  icon: FeatureIcon;
  /** The page component (usually `lazy(() => import('./XxxPage.tsx'))`). */
  page: LazyExoticComponent<ComponentType> | ComponentType;
  /** Roles that see it; all roles when absent. */
  roles?: Role[];
  /** Keyboard shortcut shown in the nav tooltip (`g` then this key navigates). */
  hotkey?: string;
  /** Put at the bottom of the navigation (settings). */
  bottom?: boolean;
}
