import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import type { Channel, Delivery, User } from '@vigil/contracts';
import { renderWithProviders } from '../../test/render.tsx';
import { mockApi } from '../../test/mock-api.ts';
import { setCsrfToken } from '../../api/api.ts';
import { CurrentUserContext } from '../auth/index.ts';
import { ChannelsPage } from './ChannelsPage.tsx';

const me: User = { id: 'u1', username: 'root', role: 'admin', tenantId: 't', mustChangePassword: false } as User;
const t = new Date().toISOString();
const hook: Channel = { id: 'c1', tenantId: 't', name: 'SOC hook', type: 'webhook', config: { url: '********', secret: '********', allow_private: true }, default: true, createdAt: t, updatedAt: t };

beforeEach(() => setCsrfToken('csrf'));
afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

function renderAt(route: string) {
  return renderWithProviders(
    <CurrentUserContext.Provider value={me}>
      <Routes>
        <Route path="/channels/*" element={<ChannelsPage />} />
      </Routes>
    </CurrentUserContext.Provider>,
    { route },
  );
}

describe('channels', () => {
  it('adds a channel with the fields of its type, and test-sends it', async () => {
    let channels: Channel[] = [];
    const { calls } = mockApi({
      'GET /channels': () => ({ channels }),
      'POST /channels': ({ body }) => {
        const b = body as { name: string; type: string; config: Record<string, unknown> };
        const c = { ...hook, id: 'c2', name: b.name, type: b.type, default: false };
        channels = [c];
        return c;
      },
      'POST /channels/c2/test': () => ({ ok: true, deliveryId: 'd1', statusCode: 204, latencyMs: 12 }),
    });
    const user = userEvent.setup();
    renderAt('/channels');
    await user.click(await screen.findByRole('button', { name: 'Add channel' }, { timeout: 10_000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Add channel' });
    // E-mail asks for its own fields.
    await user.click(within(dialog).getByRole('combobox', { name: 'Type' }));
    await user.click(await screen.findByRole('option', { name: 'E-mail' }));
    expect(within(dialog).getByLabelText(/^SMTP host/)).toBeInTheDocument();
    expect(within(dialog).queryByLabelText(/^Signing secret/)).toBeNull();
    await user.click(within(dialog).getByRole('combobox', { name: 'Type' }));
    await user.click(await screen.findByRole('option', { name: 'Webhook' }));
    const submit = within(dialog).getByRole('button', { name: 'Add channel' });
    await user.type(within(dialog).getByLabelText(/^Name/), 'Ops hook');
    expect(submit).toBeDisabled();
    await user.type(within(dialog).getByLabelText(/^URL/), 'https://hooks.example.org/x');
    await user.click(submit);
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/channels')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'Ops hook', type: 'webhook', default: false, config: { url: 'https://hooks.example.org/x' } });

    const card = await screen.findByTestId('channel-card');
    await user.click(within(card).getByRole('button', { name: /Send a test/ }));
    expect(await screen.findByTestId('test-result')).toHaveTextContent('Delivered (HTTP 204) in 12 ms.');
  });

  it('keeps stored secrets when editing, and shows the delivery log with attempts', async () => {
    const delivery: Delivery = { id: 'd1', channelId: 'c1', alertId: 'A1', status: 'failed', kind: 'firing', attempts: 2, lastError: 'HTTP 503', lastStatusCode: 503, createdAt: t, updatedAt: t, deliveredAt: null, nextAttemptAt: null, attemptLog: [{ attempt: 1, at: t, ok: false, statusCode: 503, latencyMs: 20, error: 'HTTP 503' }, { attempt: 2, at: t, ok: false, statusCode: 503, latencyMs: 18, error: 'HTTP 503' }] };
    const { calls } = mockApi({
      'GET /channels/c1': () => hook,
      'GET /channels/c1/deliveries': () => ({ deliveries: [delivery] }),
      'PUT /channels/c1': ({ body }) => ({ ...hook, ...(body as object) }),
      'POST /channels/c1/deliveries/d1/resend': () => ({ ...delivery, status: 'pending' }),
    });
    const user = userEvent.setup();
    renderAt('/channels/c1');
    const row = await screen.findByTestId('delivery', {}, { timeout: 10_000 });
    expect(row).toHaveTextContent('failed');
    await user.click(row);
    expect(await screen.findAllByTestId('delivery-attempt')).toHaveLength(2);
    // A dead letter can be sent again.
    await user.click(screen.getByTestId('resend'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/channels/c1/deliveries/d1/resend')).toBe(true));
    expect(screen.getByTestId('channel-config')).not.toHaveTextContent('hooks.example');

    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit SOC hook' });
    expect(within(dialog).getByLabelText(/^URL/)).toHaveValue('');
    await user.click(within(dialog).getByRole('button', { name: 'Save channel' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({ name: 'SOC hook', default: true, config: { url: '********', secret: '********', allow_private: true } });
  });

  it("edits a channel's message template and keeps the parts it does not touch", async () => {
    const templated: Channel = { ...hook, config: { ...hook.config, template: { title: '[{{severity}}] {{rule_title}}' } } };
    const { calls } = mockApi({
      'GET /channels/c1': () => templated,
      'GET /channels/c1/deliveries': () => ({ deliveries: [] }),
      'PUT /channels/c1': ({ body }) => ({ ...templated, ...(body as object) }),
    });
    const user = userEvent.setup();
    renderAt('/channels/c1');
    await user.click(await screen.findByRole('button', { name: 'Edit' }, { timeout: 10_000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit SOC hook' });
    expect(within(dialog).getByTestId('template-title')).toHaveValue('[{{severity}}] {{rule_title}}');
    await user.type(within(dialog).getByTestId('template-text'), 'Page.');
    await user.click(within(dialog).getByRole('button', { name: 'Save channel' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({ name: 'SOC hook', default: true, config: { url: '********', secret: '********', allow_private: true, template: { title: '[{{severity}}] {{rule_title}}', text: 'Page.' } } });
  });
});
