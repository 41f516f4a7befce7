import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiKeysPanel } from './ApiKeysPanel.tsx';
import { renderWithProviders } from '../../../test/render.tsx';
import { mockApi } from '../../../test/mock-api.ts';
import { jsonResponse } from '../../../test/render.tsx';
import { setCsrfToken } from '../../../api/api.ts';
import type { ApiKey } from '@vigil/contracts';

const existing: ApiKey = {
  id: 'k1', name: 'bootstrap ingest', scopes: ['ingest'], prefix: 'vgl_ab12', createdAt: new Date(Date.now() - 3600_000).toISOString(),
  rotatedAt: null, lastUsedAt: null, expiresAt: null, revokedAt: null,
};

let keys: ApiKey[];

beforeEach(() => {
  keys = [existing];
  setCsrfToken('csrf-abc');
});
afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

function api() {
  return mockApi({
    'GET /api-keys': () => ({ apiKeys: keys }),
    'POST /api-keys': ({ body }) => {
      const b = body as { name: string; scopes: ApiKey['scopes'] };
      if (keys.some((k) => k.name === b.name)) return jsonResponse({ error: { code: 'VIGIL_ERR_CONFLICT', message: 'An API key with this name already exists.' } }, 409);
      const created = { id: 'k2', name: b.name, scopes: b.scopes, prefix: 'vgl_cd34', createdAt: new Date().toISOString(), rotatedAt: null, expiresAt: null };
      keys = [...keys, { ...created, lastUsedAt: null, revokedAt: null }];
      return jsonResponse({ ...created, key: 'vgl_cd34_SECRETSECRETSECRET' }, 201);
    },
    'DELETE /api-keys/:id': ({ path }) => {
      const id = path.split('/').pop();
      keys = keys.map((k) => (k.id === id ? { ...k, revokedAt: new Date(Date.now() - 1000).toISOString() } : k));
      return { ok: true };
    },
  });
}

describe('ApiKeysPanel', () => {
  it('creates a key, shows it once, and lists it', async () => {
    const { calls } = api();
    const user = userEvent.setup();
    renderWithProviders(<ApiKeysPanel />);
    expect(await screen.findByText('bootstrap ingest')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Create API key' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create API key' });
    const submit = within(dialog).getByRole('button', { name: 'Create key' });
    expect(submit).toBeDisabled();
    await user.type(within(dialog).getByRole('textbox', { name: /name/i }), 'ci pipeline');
    await user.click(within(dialog).getByRole('checkbox', { name: /write/ }));
    await user.click(submit);

    const post = await waitFor(() => {
      const c = calls.find((x) => x.method === 'POST');
      expect(c).toBeDefined();
      return c!;
    });
    expect(post.body).toEqual({ name: 'ci pipeline', scopes: ['read', 'write'] });
    expect(post.headers['x-csrf-token']).toBe('csrf-abc');

    expect(await screen.findByTestId('new-secret')).toHaveTextContent('vgl_cd34_SECRETSECRETSECRET');
    expect(screen.getByText(/shown only once/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'I have copied it' }));
    await waitFor(() => expect(screen.queryByTestId('new-secret')).not.toBeInTheDocument());

    const row = (await screen.findByText('ci pipeline')).closest('tr')!;
    expect(within(row).getByText('vgl_cd34…')).toBeInTheDocument();
    expect(within(row).getByText('write')).toBeInTheDocument();
    // The secret is nowhere on the page once the dialog is closed.
    expect(document.body.textContent).not.toContain('SECRETSECRET');
  });

  it('shows the server error when creation fails', async () => {
    api();
    const user = userEvent.setup();
    renderWithProviders(<ApiKeysPanel />);
    await screen.findByText('bootstrap ingest');
    await user.click(screen.getByRole('button', { name: 'Create API key' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create API key' });
    await user.type(within(dialog).getByRole('textbox', { name: /name/i }), 'bootstrap ingest');
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('An API key with this name already exists.');
    expect(screen.queryByTestId('new-secret')).not.toBeInTheDocument();
  });

  it('revokes a key after confirmation', async () => {
    const { calls } = api();
    const user = userEvent.setup();
    renderWithProviders(<ApiKeysPanel />);
    await screen.findByText('bootstrap ingest');
    await user.click(screen.getByRole('button', { name: 'Actions for key bootstrap ingest' }));
    await user.click(await screen.findByRole('menuitem', { name: /Revoke/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke API key' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke key' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api-keys/k1')).toBe(true));
    await waitFor(() => expect(screen.getByTestId('api-keys-table').querySelector('[data-state="revoked"]')).not.toBeNull());
  });
});
