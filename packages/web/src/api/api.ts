/**
 * @module api
 * The web UI's one way to talk to the Vigil HTTP API. `apiFetch` sends cookies and the CSRF token,
 * and turns every failure into an `ApiError` with a readable message; `useApiQuery` and
 * `useApiMutation` wrap it for React Query. Components never call `fetch` themselves.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { ApiError, statusMessage } from './api-error.ts';

/** Path prefix of the versioned API. */
export const API_PREFIX = '/api/v1';

/** Query-string parameters; empty, null and undefined values are left out. */
export type Params = Record<string, string | number | boolean | null | undefined>;

/** Reactions to session-level errors, installed once by the session provider. */
export interface AuthHandlers {
  onUnauthenticated: () => void;
  onPasswordChangeRequired: () => void;
}

let csrfToken: string | null = null;
let authHandlers: AuthHandlers | null = null;

/** Remembers the CSRF token the server issued at login (or with `/auth/me`). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF token in use, if any. */
export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Installs what happens on 401 and on a required password change; returns the uninstaller. */
export function setAuthHandlers(handlers: AuthHandlers | null): () => void {
  authHandlers = handlers;
  return () => {
    if (authHandlers === handlers) authHandlers = null;
  };
}

/** The URL of an API path with its query string (relative to the page's origin). */
export function apiUrl(path: string, params?: Params): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return `${API_PREFIX}${path}${s ? `?${s}` : ''}`;
}

/** Options of one API call. */
export interface ApiFetchOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  params?: Params;
  body?: unknown;
  /** A body sent as it is (e.g. YAML) instead of JSON; `contentType` names it. */
  text?: { body: string; contentType: string };
  signal?: AbortSignal;
  /** When true, session errors (401, password change) do not trigger the global handlers (login form). */
  quietAuth?: boolean;
}

/** Calls the API and returns the parsed JSON body; throws `ApiError` with a readable message otherwise. */
export async function apiFetch<T>(path: string, opts: ApiFetchOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.text) headers['Content-Type'] = opts.text.contentType;
  else if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.params), {
      method,
      headers,
      body: opts.text ? opts.text.body : opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    if (err instanceof Error && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'VIGIL_UI_NETWORK', 'Cannot reach the Vigil server. Check that it is running and that your network connection works.');
  }

  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  const text = await res.text().catch(() => '');
  let body: unknown = undefined;
  if (text && isJson) {
    try {
      body = JSON.parse(text);
    } catch {
      if (res.ok) throw new ApiError(res.status, 'VIGIL_UI_BAD_RESPONSE', 'The server sent a response that is not valid JSON.');
    }
  }

  if (!res.ok) {
    const err = toApiError(res, body);
    if (!opts.quietAuth) notifyAuth(err);
    throw err;
  }
  if (res.status === 204 || !text) return undefined as T;
  if (!isJson) throw new ApiError(res.status, 'VIGIL_UI_BAD_RESPONSE', 'The server sent an unexpected response (not JSON). Is this a Vigil server?');
  return body as T;
}

/** Builds the ApiError for a failed response, preferring the server's coded error body. */
function toApiError(res: Response, body: unknown): ApiError {
  const e = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (e && typeof e === 'object') {
    const code = typeof e.code === 'string' ? e.code : 'VIGIL_UI_HTTP';
    const message = typeof e.message === 'string' && e.message ? e.message : statusMessage(res.status, res.statusText);
    return new ApiError(res.status, code, message, e.details);
  }
  return new ApiError(res.status, res.status === 401 ? 'VIGIL_ERR_UNAUTHENTICATED' : 'VIGIL_UI_HTTP', statusMessage(res.status, res.statusText));
}

/** Sends session-level failures to the installed handlers. */
function notifyAuth(err: ApiError): void {
  if (!authHandlers) return;
  if (err.status === 401 && (err.code === 'VIGIL_ERR_UNAUTHENTICATED' || err.code === 'VIGIL_UI_HTTP')) authHandlers.onUnauthenticated();
  else if (err.code === 'VIGIL_ERR_PASSWORD_CHANGE_REQUIRED') authHandlers.onPasswordChangeRequired();
}

/** Options of `useApiQuery`. */
export interface ApiQueryOptions<T> {
  key?: QueryKey;
  path: string;
  params?: Params;
  enabled?: boolean;
  refetchInterval?: number | false;
  staleTime?: number;
  select?: (data: T) => T;
  placeholderPrevious?: boolean;
}

/** React Query over `apiFetch`: `error` is always an `ApiError` with a readable message. */
export function useApiQuery<T>({ key, path, params, enabled, refetchInterval, staleTime, placeholderPrevious }: ApiQueryOptions<T>) {
  return useQuery<T, ApiError>({
    queryKey: key ?? [path, params ?? {}],
    queryFn: ({ signal }) => apiFetch<T>(path, { params, signal }),
    enabled,
    refetchInterval,
    staleTime,
    retry: (count, err) => count < 2 && (err.status === 0 || err.status >= 502),
    placeholderData: placeholderPrevious ? keepPreviousData : undefined,
  });
}

/** Options of `useApiMutation`. */
export interface ApiMutationOptions<V> {
  method?: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string | ((vars: V) => string);
  body?: (vars: V) => unknown;
  /** Query keys (prefixes) to refetch after success. */
  invalidate?: QueryKey[];
}

/** A state-changing API call (sends the CSRF token); `error` is an `ApiError`. */
export function useApiMutation<V = void, R = unknown>({ method = 'POST', path, body, invalidate }: ApiMutationOptions<V>) {
  const client = useQueryClient();
  return useMutation<R, ApiError, V>({
    mutationFn: (vars: V) =>
      apiFetch<R>(typeof path === 'function' ? path(vars) : path, {
        method,
        body: body ? body(vars) : vars === undefined ? undefined : vars,
      }),
    onSuccess: async () => {
      await Promise.all((invalidate ?? []).map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}
