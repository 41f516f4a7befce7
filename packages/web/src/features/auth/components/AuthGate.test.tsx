import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthGate } from './AuthGate.tsx';
import { renderWithProviders, jsonResponse } from '../../../test/render.tsx';
import { mockApi } from '../../../test/mock-api.ts';
import { getCsrfToken, setCsrfToken } from '../../../api/api.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const user = (mustChangePassword: boolean) => ({ id: 'u1', username: 'admin', role: 'owner', tenantId: 't1', mustChangePassword });
const unauth = () => jsonResponse({ error: { code: 'VIGIL_ERR_UNAUTHENTICATED', message: 'Authentication is required.' } }, 401);

describe('AuthGate', () => {
  it('shows the login form, reports wrong credentials, then lets the user in', async () => {
    let loggedIn = false;
    const { calls } = mockApi({
      'GET /auth/session': () => (loggedIn ? { authenticated: true, user: user(false), csrfToken: 'c1' } : { authenticated: false }),
      'POST /auth/login': ({ body }) => {
        const b = body as { password: string };
        if (b.password !== 'right-password-1') return jsonResponse({ error: { code: 'VIGIL_ERR_BAD_CREDENTIALS', message: 'Wrong username or password.' } }, 401);
        loggedIn = true;
        return { user: user(false), csrfToken: 'c1' };
      },
    });
    const u = userEvent.setup();
    renderWithProviders(<AuthGate><p>the app</p></AuthGate>);
    await u.type(await screen.findByLabelText(/Username/), 'admin');
    // Signed out is learnt from a 200 probe: no request before login answers an error status.
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /auth/session']);
    await u.type(screen.getByLabelText(/^Password/), 'nope');
    await u.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
    await u.clear(screen.getByLabelText(/^Password/));
    await u.type(screen.getByLabelText(/^Password/), 'right-password-1');
    await u.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('the app')).toBeInTheDocument();
    expect(getCsrfToken()).toBe('c1');
  });

  it('forces a password change before showing the app', async () => {
    let must = true;
    const { calls } = mockApi({
      'GET /auth/session': () => ({ authenticated: true, user: user(must), csrfToken: 'c2' }),
      'POST /auth/password': () => {
        must = false;
        return { ok: true };
      },
    });
    const u = userEvent.setup();
    renderWithProviders(<AuthGate><p>the app</p></AuthGate>);
    expect(await screen.findByText('Choose a new password')).toBeInTheDocument();
    await u.type(screen.getByLabelText(/Current password/), 'generated-pass');
    await u.type(screen.getByLabelText(/^New password/), 'a-much-better-password');
    await u.type(screen.getByLabelText(/Repeat new password/), 'a-much-better-password');
    await u.click(screen.getByRole('button', { name: 'Set password and continue' }));
    expect(await screen.findByText('the app')).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ currentPassword: 'generated-pass', newPassword: 'a-much-better-password' });
    expect(post?.headers['x-csrf-token']).toBe('c2');
  });

  it('returns to the login form when a request reports the session expired', async () => {
    let alive = true;
    mockApi({ 'GET /auth/session': () => (alive ? { authenticated: true, user: user(false), csrfToken: 'c3' } : { authenticated: false }), 'GET /inputs': () => unauth() });
    renderWithProviders(<AuthGate><p>the app</p></AuthGate>);
    expect(await screen.findByText('the app')).toBeInTheDocument();
    alive = false;
    const { apiFetch } = await import('../../../api/api.ts');
    await apiFetch('/inputs').catch(() => undefined);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument());
  });
});
