/**
 * @module auth api
 * Session calls: who am I, log in, log out, change my password.
 */
import { apiFetch, setCsrfToken } from '../../../api/api.ts';
import { ApiError } from '../../../api/api-error.ts';
import type { SessionProbe, SessionResponse, User as SessionUser } from '@vigil/contracts';

/** Query key of the current session. */
export const SESSION_KEY = ['session'] as const;

/**
 * The signed-in user, or null when there is no session. Asks `/auth/session`, which answers 200 either
 * way, so a first visit logs no failed request in the browser console.
 */
export async function fetchSession(signal?: AbortSignal): Promise<SessionUser | null> {
  try {
    const res = await apiFetch<SessionProbe>('/auth/session', { signal, quietAuth: true });
    if (!res.authenticated || !res.user) return null;
    if (res.csrfToken) setCsrfToken(res.csrfToken);
    return res.user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    if (err instanceof ApiError && err.code === 'VIGIL_ERR_PASSWORD_CHANGE_REQUIRED') return null;
    throw err;
  }
}

/** Logs in; remembers the CSRF token. */
export async function login(username: string, password: string): Promise<SessionUser> {
  const res = await apiFetch<SessionResponse>('/auth/login', { method: 'POST', body: { username, password }, quietAuth: true });
  setCsrfToken(res.csrfToken ?? null);
  return res.user;
}

/** Ends the session. */
export async function logout(): Promise<void> {
  try {
    await apiFetch('/auth/logout', { method: 'POST', quietAuth: true });
  } finally {
    setCsrfToken(null);
  }
}

/** Changes the signed-in user's password. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await apiFetch('/auth/password', { method: 'POST', body: { currentPassword, newPassword }, quietAuth: true });
}
