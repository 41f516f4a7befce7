import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { apiFetch, setAuthHandlers, setCsrfToken, useApiQuery } from './api.ts';
import { ApiError } from './api-error.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { jsonResponse, renderWithProviders } from '../test/render.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

async function failureOf(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error('expected a failure');
}

describe('apiFetch error handling', () => {
  it('uses the server message and code of a coded error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse({ error: { code: 'VIGIL_ERR_QUERY_SYNTAX', message: 'Expected a value after ":"', details: { position: 10, line: 1, column: 11 } } }, 400)));
    const err = await failureOf(apiFetch('/events', { params: { q: 'host.name:' } }));
    expect(err.status).toBe(400);
    expect(err.code).toBe('VIGIL_ERR_QUERY_SYNTAX');
    expect(err.message).toBe('Expected a value after ":"');
    expect(err.queryLocation).toEqual({ position: 10, line: 1, column: 11 });
  });

  it('turns a network failure into a readable message', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }));
    const err = await failureOf(apiFetch('/inputs'));
    expect(err.status).toBe(0);
    expect(err.code).toBe('VIGIL_UI_NETWORK');
    expect(err.message).toMatch(/cannot reach the vigil server/i);
  });

  it('explains a non-JSON gateway error by its status', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } })));
    const err = await failureOf(apiFetch('/inputs'));
    expect(err.status).toBe(502);
    expect(err.message).toMatch(/502/);
  });

  it('rejects a success answer that is not valid JSON', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"events": [', { status: 200, headers: { 'content-type': 'application/json' } })));
    const err = await failureOf(apiFetch('/events'));
    expect(err.code).toBe('VIGIL_UI_BAD_RESPONSE');
    expect(err.message).toMatch(/not valid JSON/);
  });

  it('rejects an HTML page where JSON was expected (wrong server, SPA fallback)', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } })));
    const err = await failureOf(apiFetch('/events'));
    expect(err.message).toMatch(/not JSON/);
  });

  it('sends the CSRF token on state-changing requests only', async () => {
    const fetchMock = vi.fn(async () => jsonResponse({ ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('tok-123');
    await apiFetch('/api-keys', { method: 'POST', body: { name: 'x', scopes: ['read'] } });
    await apiFetch('/api-keys');
    const [, postInit] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    const [, getInit] = fetchMock.mock.calls[1] as unknown as [string, RequestInit];
    expect((postInit.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-123');
    expect((getInit.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
    expect(postInit.credentials).toBe('same-origin');
  });

  it('calls the session handlers on 401 and on a required password change', async () => {
    const onUnauthenticated = vi.fn();
    const onPasswordChangeRequired = vi.fn();
    const off = setAuthHandlers({ onUnauthenticated, onPasswordChangeRequired });
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse({ error: { code: 'VIGIL_ERR_UNAUTHENTICATED', message: 'Authentication is required.' } }, 401)));
    await failureOf(apiFetch('/events'));
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse({ error: { code: 'VIGIL_ERR_PASSWORD_CHANGE_REQUIRED', message: 'Change your password before continuing.' } }, 403)));
    await failureOf(apiFetch('/events'));
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1);
    // Wrong credentials at login are a form error, not a session event.
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse({ error: { code: 'VIGIL_ERR_BAD_CREDENTIALS', message: 'Wrong username or password.' } }, 401)));
    await failureOf(apiFetch('/auth/login', { method: 'POST', body: {}, quietAuth: true }));
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    off();
  });
});

function Probe() {
  const q = useApiQuery<{ inputs: unknown[] }>({ path: '/inputs' });
  if (q.error) return <ErrorAlert error={q.error} />;
  return <p>{q.data ? 'loaded' : 'loading'}</p>;
}

describe('useApiQuery', () => {
  it('shows the readable message of a server error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse({ error: { code: 'VIGIL_ERR_FORBIDDEN', message: 'You are not allowed to do this.' } }, 403)));
    renderWithProviders(<Probe />);
    expect(await screen.findByRole('alert')).toHaveTextContent('You are not allowed to do this.');
  });

  it('shows data on success', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse({ inputs: [] })));
    renderWithProviders(<Probe />);
    expect(await screen.findByText('loaded')).toBeInTheDocument();
  });
});
