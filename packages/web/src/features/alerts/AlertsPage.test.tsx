import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import type { Alert, AlertSummary, User } from '@vigil/contracts';
import { renderWithProviders } from '../../test/render.tsx';
import { mockApi } from '../../test/mock-api.ts';
import { FakeEventSource } from '../../test/fake-event-source.ts';
import { setCsrfToken } from '../../api/api.ts';
import { CurrentUserContext } from '../auth/index.ts';
import { AlertsPage } from './AlertsPage.tsx';
import { AlertCenter } from './components/AlertCenter.tsx';
import { bulkSummary } from './components/BulkActions.tsx';

const me: User = { id: 'u1', username: 'ana', role: 'analyst', tenantId: 't', mustChangePassword: false } as User;
const t = new Date(Date.now() - 60_000).toISOString();

function alert(id: string, over: Partial<Alert> = {}): Alert {
  return {
    id, ruleId: 'ssh-brute-force', title: `SSH brute force ${id}`, groupKey: '["203.0.113.9"]', group: { 'source.ip': '203.0.113.9' }, severity: 'high', tags: ['attack.t1110'], state: 'open',
    count: 8, signals: 1, firstSeen: t, lastSeen: t, sampleEventIds: ['e1'], assignee: null, source: null, createdAt: t, updatedAt: t, acknowledgedAt: null, resolvedAt: null, ...over,
  };
}

const summary: AlertSummary = { open: { info: 0, low: 0, medium: 1, high: 2, critical: 0 }, acknowledged: { info: 0, low: 0, medium: 0, high: 0, critical: 0 }, openTotal: 3, acknowledgedTotal: 0 };

beforeEach(() => {
  setCsrfToken('csrf');
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
});
afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

function renderPage(route: string) {
  return renderWithProviders(
    <CurrentUserContext.Provider value={me}>
      <Routes>
        <Route path="/alerts/*" element={<AlertsPage />} />
      </Routes>
    </CurrentUserContext.Provider>,
    { route },
  );
}

describe('alert list', () => {
  it('sends the filters from the URL and acknowledges a selection in one request', async () => {
    let alerts = [alert('a1'), alert('a2'), alert('a3', { severity: 'medium' })];
    const { calls } = mockApi({
      'GET /alerts': () => ({ alerts, nextCursor: null }),
      'GET /alerts/assignees': () => ({ assignees: ['ana', 'bob'] }),
      'GET /rules': () => ({ rules: [] }),
      'POST /alerts/bulk': ({ body }) => {
        const b = body as { ids: string[] };
        alerts = alerts.map((a) => (b.ids.includes(a.id) ? { ...a, state: 'acknowledged' } : a));
        return { results: b.ids.map((id) => ({ id, ok: true, state: 'acknowledged' })), ok: b.ids.length, failed: 0 };
      },
    });
    const user = userEvent.setup();
    renderPage('/alerts?severity=high&host=web-1&state=open');
    const rows = await screen.findAllByTestId('alert-row', {}, { timeout: 10_000 });
    expect(rows).toHaveLength(3);
    const list = calls.find((c) => c.path === '/alerts')!;
    expect(Object.fromEntries(list.params)).toMatchObject({ severity: 'high', host: 'web-1', state: 'open' });

    await user.click(within(rows[0]!).getByRole('checkbox'));
    await user.click(within(rows[1]!).getByRole('checkbox'));
    const bar = await screen.findByTestId('bulk-actions');
    expect(bar).toHaveTextContent('2 selected');
    await user.click(within(bar).getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ ids: ['a1', 'a2'], action: 'ack' });
    expect(post.headers['x-csrf-token']).toBe('csrf');
    expect(await screen.findByText('2 alerts acknowledged.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId('alert-state').filter((b) => b.dataset.state === 'acknowledged')).toHaveLength(2));
  });

  it('says so when nothing matches', async () => {
    mockApi({ 'GET /alerts': () => ({ alerts: [], nextCursor: null }), 'GET /alerts/assignees': () => ({ assignees: [] }), 'GET /rules': () => ({ rules: [] }) });
    renderPage('/alerts');
    expect(await screen.findByTestId('no-alerts', {}, { timeout: 10_000 })).toHaveTextContent('No alerts match');
  });
});

describe('alert detail', () => {
  it('shows the rule with its Sigma author and licence, the events, the history, and acknowledges with the button', async () => {
    let current = alert('a1', { source: { format: 'sigma', author: 'Jane Doe', license: 'DRL-1.1', references: ['https://example.org/ref'] } });
    const { calls } = mockApi({
      'GET /alerts/a1': () => ({ alert: current, history: [{ at: t, actor: 'detector', action: 'opened', text: current.title }] }),
      'GET /rules/ssh-brute-force': () => ({ id: 'ssh-brute-force', doc: { id: 'ssh-brute-force', title: 'SSH brute force', severity: 'high', query: 'event.dataset:sshd', threshold: { count: 6, window: '1m', group_by: ['source.ip'] } }, enabled: true, builtin: false, version: 1, updatedBy: 'x', updatedAt: t }),
      'GET /events': () => ({ events: [{ id: 'e1', '@timestamp': t, 'event.ingested': t, message: 'Failed password for root', 'source.ip': '203.0.113.9' }], nextCursor: null }),
      'GET /alerts/assignees': () => ({ assignees: ['ana'] }),
      'POST /alerts/a1/ack': () => {
        current = { ...current, state: 'acknowledged' };
        return current;
      },
    });
    const user = userEvent.setup();
    renderPage('/alerts/a1');
    expect(await screen.findByTestId('alert-title', {}, { timeout: 10_000 })).toHaveTextContent('SSH brute force a1');
    const source = await screen.findByTestId('rule-source');
    expect(source).toHaveTextContent('Jane Doe');
    expect(within(source).getByRole('link', { name: 'DRL-1.1' })).toHaveAttribute('href', expect.stringContaining('Detection-Rule-License'));
    expect(await screen.findByText('Failed password for root')).toBeInTheDocument();
    const search = calls.find((c) => c.path === '/events')!;
    expect(search.params.get('q')).toBe('event.dataset:sshd AND source.ip:"203.0.113.9"');
    // The range reaches back one rule window before first seen.
    expect(Date.parse(search.params.get('from')!)).toBeLessThanOrEqual(Date.parse(t) - 60_000);
    expect(screen.getByTestId('open-as-search')).toHaveAttribute('href', expect.stringContaining('/search?q=event.dataset%3Asshd'));

    await user.click(within(screen.getByTestId('alert-actions')).getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/alerts/a1/ack')).toBe(true));
    await waitFor(() => expect(screen.getAllByTestId('alert-state')[0]).toHaveAttribute('data-state', 'acknowledged'));
  });
});

describe('AlertCenter', () => {
  it('counts open alerts and toasts a newly opened high alert, not a repeat or a low one', async () => {
    mockApi({ 'GET /alerts/summary': () => summary });
    renderWithProviders(
      <CurrentUserContext.Provider value={me}>
        <AlertCenter />
      </CurrentUserContext.Provider>,
    );
    await waitFor(() => expect(screen.getByTestId('alert-badge')).toHaveAttribute('data-count', '3'));
    const stream = FakeEventSource.latest();
    expect(stream.url).toBe('/api/v1/stream?topics=alerts');
    const msg = { id: 'n1', tenantId: 't', ruleId: 'r', ruleTitle: 'Brute force from 198.51.100.7', groupKey: '', severity: 'high', tags: [], count: 6, firstSeen: t, lastSeen: t, sampleEventIds: [], state: 'open' };
    act(() => stream.emit('alert', { ...msg, action: 'folded' }));
    act(() => stream.emit('alert', { ...msg, id: 'n2', severity: 'low', ruleTitle: 'Low thing', action: 'opened' }));
    expect(screen.queryByTestId('alert-toast')).toBeNull();
    act(() => stream.emit('alert', { ...msg, action: 'opened' }));
    expect(await screen.findByTestId('alert-toast')).toHaveTextContent('Brute force from 198.51.100.7');
    expect(screen.queryByText('Low thing')).toBeNull();
  });
});

describe('bulkSummary', () => {
  it('names what failed', () => {
    expect(bulkSummary('resolve', { results: [{ id: 'a', ok: true }, { id: 'b', ok: false, error: { code: 'VIGIL_ERR_NOT_FOUND', message: 'No such alert.' } }], ok: 1, failed: 1 })).toBe('1 alert resolved; 1 not: No such alert.');
  });
});
