/**
 * @module useSession
 * The current session as React state, plus login/logout/password-change actions that keep it fresh.
 */
import { createContext, useCallback, useContext } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../../../api/api-error.ts';
import type { Role, User as SessionUser } from '@vigil/contracts';
import { SESSION_KEY, changePassword, fetchSession, login, logout } from '../api/auth.ts';

/** The session: `user` is null when signed out, undefined while loading. */
export function useSession() {
  const query = useQuery<SessionUser | null, ApiError>({
    queryKey: SESSION_KEY,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: 60_000,
    retry: (count, err) => count < 3 && err.status === 0,
    retryDelay: 1000,
  });
  return { user: query.data, isLoading: query.isLoading, error: query.error, refetch: query.refetch };
}

/** Session actions; each updates the cached session. */
export function useSessionActions() {
  const client = useQueryClient();
  const doLogin = useCallback(
    async (username: string, password: string) => {
      const user = await login(username, password);
      client.setQueryData(SESSION_KEY, user);
      return user;
    },
    [client],
  );
  const doLogout = useCallback(async () => {
    try {
      await logout();
    } finally {
      // Drop every cached answer except the session itself: `clear()` would also detach the
      // AuthGate's observer from the session query, and it would never see the sign-out.
      client.setQueryData(SESSION_KEY, null);
      const others = { predicate: (q: { queryKey: readonly unknown[] }) => q.queryKey[0] !== SESSION_KEY[0] };
      await client.cancelQueries(others);
      client.removeQueries(others);
    }
  }, [client]);
  const doChangePassword = useCallback(
    async (currentPassword: string, newPassword: string) => {
      await changePassword(currentPassword, newPassword);
      await client.invalidateQueries({ queryKey: SESSION_KEY });
    },
    [client],
  );
  return { login: doLogin, logout: doLogout, changePassword: doChangePassword };
}

/**
 * The signed-in user as provided by `AuthGate`. A context (not the query cache) so that pages being
 * unmounted at sign-out still render with the last user instead of seeing null.
 */
export const CurrentUserContext = createContext<SessionUser | null>(null);

/** The signed-in user; only for components rendered inside `AuthGate`. */
export function useCurrentUser(): SessionUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser used outside the signed-in shell');
  return user;
}

/** True when the role may administer users and the tenant. */
export function isAdminRole(role: Role | undefined): boolean {
  return role === 'platform_owner' || role === 'owner' || role === 'admin';
}
