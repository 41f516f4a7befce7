import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Tenant } from '@vigil/contracts';
import { TenantsPage } from './TenantsPage.tsx';
import { renderWithProviders, jsonResponse } from '../../test/render.tsx';
import { mockApi } from '../../test/mock-api.ts';
import { setCsrfToken } from '../../api/api.ts';

const tenant = (slug: string, extra: Partial<Tenant> = {}): Tenant => ({
  id: `id-${slug}`, slug, name: slug, disabled: false, quotas: { maxEventsPerDay: null, retentionDays: null }, usageToday: { events: 12, rejected: 0 }, createdAt: new Date().toISOString(), ...extra,
});

let tenants: Tenant[];
beforeEach(() => {
  tenants = [tenant('default'), tenant('beta', { quotas: { maxEventsPerDay: 100, retentionDays: 7 }, usageToday: { events: 100, rejected: 5 } })];
  setCsrfToken('csrf');
});
afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

function api() {
  return mockApi({
    'GET /tenants': () => ({ tenants }),
    'POST /tenants': ({ body }) => {
      const b = body as { slug: string; maxEventsPerDay: number | null };
      if (tenants.some((t) => t.slug === b.slug)) return jsonResponse({ error: { code: 'VIGIL_ERR_CONFLICT', message: `Tenant "${b.slug}" already exists.` } }, 409);
      const t = tenant(b.slug, { quotas: { maxEventsPerDay: b.maxEventsPerDay, retentionDays: null } });
      tenants = [...tenants, t];
      return jsonResponse(t, 201);
    },
    'PATCH /tenants/:id': ({ path, body }) => {
      const id = path.split('/').pop();
      tenants = tenants.map((t) => (t.id === id ? { ...t, ...(body as object) } : t));
      return tenants.find((t) => t.id === id);
    },
  });
}

describe('TenantsPage', () => {
  it('lists tenants with quotas and usage, adds one with a quota, and disables one', async () => {
    const { calls } = api();
    const user = userEvent.setup();
    renderWithProviders(<TenantsPage />);
    const rows = await screen.findAllByTestId('tenant-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[1]!).getAllByText('beta')).toHaveLength(2);
    expect(within(rows[1]!).getByText('5')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('unlimited')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add tenant' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add tenant' });
    const submit = within(dialog).getByRole('button', { name: 'Add tenant' });
    await user.type(within(dialog).getByRole('textbox', { name: /slug/i }), 'Bad Slug');
    expect(submit).toBeDisabled();
    await user.clear(within(dialog).getByRole('textbox', { name: /slug/i }));
    await user.type(within(dialog).getByRole('textbox', { name: /slug/i }), 'acme');
    await user.type(within(dialog).getByRole('textbox', { name: /events per day/i }), '5000');
    await user.click(submit);
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/tenants')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ slug: 'acme', maxEventsPerDay: 5000, retentionDays: null });
    expect(calls.find((c) => c.method === 'POST')!.headers['x-csrf-token']).toBe('csrf');
    await waitFor(() => expect(screen.getAllByTestId('tenant-row')).toHaveLength(3));

    await user.click(screen.getByRole('switch', { name: 'beta enabled' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH' && c.path === '/tenants/id-beta')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ disabled: true });
    // Typing into several inputs is slow under jsdom on a busy machine.
  }, 60_000);
});
