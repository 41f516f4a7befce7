import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import type { Silence, User } from '@vigil/contracts';
import { renderWithProviders } from '../../test/render.tsx';
import { mockApi } from '../../test/mock-api.ts';
import { setCsrfToken } from '../../api/api.ts';
import { CurrentUserContext } from '../auth/index.ts';
import { SilencesPage } from './SilencesPage.tsx';
import { silenceFromAlertUrl } from './lib/silence-query.ts';
import { SilenceAlertButton } from './components/SilenceAlertButton.tsx';

const analyst: User = { id: 'u1', username: 'ana', role: 'analyst', tenantId: 't', mustChangePassword: false } as User;
const viewer: User = { ...analyst, role: 'viewer' } as User;
const now = Date.now();
const iso = (ms: number) => new Date(now + ms).toISOString();
const active: Silence = { id: 's1', match: 'host.name:"web-1"', startsAt: iso(-60_000), endsAt: iso(7_200_000), createdBy: 'ana', comment: 'kernel update', createdAt: iso(-60_000), state: 'active' };

// Each test drives whole forms; on a loaded 2-core machine that can take longer than the default 20 s.
vi.setConfig({ testTimeout: 60_000 });

beforeEach(() => setCsrfToken('csrf'));
afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

function renderAt(route: string, user = analyst) {
  return renderWithProviders(
    <CurrentUserContext.Provider value={user}>
      <Routes>
        <Route path="/silences/*" element={<SilencesPage />} />
      </Routes>
    </CurrentUserContext.Provider>,
    { route },
  );
}

describe('silences', () => {
  it('creates a silence from an alert with its rule and labels filled in, and lists it', async () => {
    let silences: Silence[] = [];
    const { calls } = mockApi({
      'GET /silences': () => ({ silences }),
      'POST /silences': ({ body }) => {
        const b = body as { match: string; comment?: string };
        const s: Silence = { ...active, id: 's2', match: b.match, comment: b.comment ?? '' };
        silences = [s];
        return s;
      },
    });
    const user = userEvent.setup();
    renderAt(silenceFromAlertUrl({ id: 'A1', title: 'SSH brute force', ruleId: 'ssh-brute-force', group: { 'source.ip': '203.0.113.9' } }));
    const dialog = await screen.findByRole('dialog', { name: 'New silence' }, { timeout: 10_000 });
    expect(within(dialog).getByTestId('silence-match')).toHaveValue('rule.id:"ssh-brute-force" AND source.ip:"203.0.113.9"');
    await user.click(within(dialog).getByRole('radio', { name: '4h' }));
    await user.click(within(dialog).getByRole('button', { name: 'Create silence' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ match: 'rule.id:"ssh-brute-force" AND source.ip:"203.0.113.9"', duration: '4h', comment: 'Silenced from alert SSH brute force' });
    expect(calls.find((c) => c.method === 'POST')!.headers['x-csrf-token']).toBe('csrf');
    const row = await screen.findByTestId('silence');
    expect(row).toHaveTextContent('source.ip:"203.0.113.9"');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('ends a silence at a chosen time, and shows a refused query at the field', async () => {
    const { calls } = mockApi({
      'GET /silences': () => ({ silences: [] }),
      'POST /silences': () => new Response(JSON.stringify({ error: { code: 'VIGIL_ERR_QUERY_SYNTAX', message: 'unexpected ")" at column 4', details: { field: 'match' } } }), { status: 400, headers: { 'content-type': 'application/json' } }),
    });
    const user = userEvent.setup();
    renderAt('/silences?new=1');
    const dialog = await screen.findByRole('dialog', { name: 'New silence' }, { timeout: 10_000 });
    await user.type(within(dialog).getByTestId('silence-match'), 'a:b)');
    await user.click(within(dialog).getByRole('radio', { name: 'Until a time' }));
    const submit = within(dialog).getByRole('button', { name: 'Create silence' });
    expect(submit).toBeDisabled();
    await user.type(within(dialog).getByLabelText(/^Ends at/), '2030-01-02T03:04');
    await user.click(submit);
    expect(await within(dialog).findByText('unexpected ")" at column 4')).toBeInTheDocument();
    const body = calls.find((c) => c.method === 'POST')!.body as { endsAt: string; duration?: string };
    expect(body.endsAt).toBe(new Date('2030-01-02T03:04').toISOString());
    expect(body.duration).toBeUndefined();
  });

  it('filters by state and expires a silence', async () => {
    const { calls } = mockApi({
      'GET /silences': ({ params }) => ({ silences: params.get('state') === 'expired' ? [{ ...active, id: 's0', state: 'expired' }] : [active] }),
      'POST /silences/s1/expire': () => ({ ...active, state: 'expired' }),
    });
    const user = userEvent.setup();
    renderAt('/silences');
    const row = await screen.findByTestId('silence', {}, { timeout: 10_000 });
    expect(row).toHaveTextContent('kernel update');
    expect(row).toHaveTextContent(/ends in (1|2) hour/);
    expect(calls[0]!.params.get('state')).toBe('active');
    await user.click(within(row).getByRole('button', { name: /Expire the silence/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/silences/s1/expire')).toBe(true));
    await user.click(screen.getByRole('radio', { name: 'Expired' }));
    await waitFor(() => expect(screen.getByTestId('silence')).toHaveAttribute('data-state', 'expired'));
    expect(within(screen.getByTestId('silence')).queryByRole('button', { name: /Expire/ })).toBeNull();
  });

  it('is read-only for viewers', async () => {
    mockApi({ 'GET /silences': () => ({ silences: [active] }) });
    renderAt('/silences?new=1', viewer);
    await screen.findByTestId('silence', {}, { timeout: 10_000 });
    expect(screen.queryByRole('button', { name: 'New silence' })).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('button', { name: /Expire/ })).toBeNull();
  });

  it('links from an alert to the pre-filled form (not for viewers)', async () => {
    const alert = { id: 'A1', title: 'Port scan', ruleId: 'port-scan', group: { 'source.ip': '198.51.100.7' } };
    const { unmount } = renderWithProviders(<CurrentUserContext.Provider value={analyst}><SilenceAlertButton alert={alert} /></CurrentUserContext.Provider>);
    expect(await screen.findByRole('link', { name: /Silence/ })).toHaveAttribute('href', silenceFromAlertUrl(alert));
    unmount();
    renderWithProviders(<CurrentUserContext.Provider value={viewer}><SilenceAlertButton alert={alert} /></CurrentUserContext.Provider>);
    expect(screen.queryByRole('link', { name: /Silence/ })).toBeNull();
  });
});
