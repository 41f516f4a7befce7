/**
 * @module notifications api/routing
 * Hooks over `/api/v1/routes`: the tenant's routing tree (with who changed it when), replace, remove.
 */
import type { RouteNode, RouteTestBody, RouteTestResult, RouteTreeInfo } from '@vigil/contracts';
import { useApiMutation, useApiQuery } from '../../../api/api.ts';

/** Every routing-tree query starts with this key. */
export const ROUTES_KEY = 'routes';

/** The tree (null when none is set) and who changed it when. */
export function useRouteTree() {
  return useApiQuery<RouteTreeInfo>({ key: [ROUTES_KEY, 'info'], path: '/routes/info' });
}

/** Replaces the tree; a 400 carries every problem with its path in `details.problems`. */
export function useSaveRouteTree() {
  return useApiMutation<RouteNode, RouteNode>({ method: 'PUT', path: '/routes', invalidate: [[ROUTES_KEY]] });
}

/** Removes the tree (newly opened alerts go to the default channels again). */
export function useDeleteRouteTree() {
  return useApiMutation<void>({ method: 'DELETE', path: '/routes', body: () => undefined, invalidate: [[ROUTES_KEY]] });
}

/** Which routes an alert (by id, or given fields) takes through a tree (the draft, or the stored one), and what mutes it now. */
export function useTestRoutes() {
  return useApiMutation<RouteTestBody, RouteTestResult>({ path: '/routes/test' });
}
