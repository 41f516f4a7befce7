import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Dashboard, DashboardList, Panel, User } from '@vigil/contracts';
import { Route, Routes } from 'react-router';
import { renderWithProviders } from '../../test/render.tsx';
import { mockApi } from '../../test/mock-api.ts';
import { setCsrfToken } from '../../api/api.ts';
import { BoardView, newPanel } from './components/BoardView.tsx';
import { DashboardsPage } from './DashboardsPage.tsx';
import { CurrentUserContext } from '../auth/index.ts';
import { applyLayout, gridLayout } from './components/BoardGrid.tsx';

const now = new Date().toISOString();
const panels: Panel[] = [
  { id: 'c', kind: 'count', title: 'Failed logins', query: 'event.outcome:failure', from: '-24h', to: 'now', x: 0, y: 0, w: 3, h: 3 },
  { id: 't', kind: 'top', title: 'Sources', query: 'event.outcome:failure', from: '-24h', to: 'now', field: 'source.ip', limit: 5, x: 3, y: 0, w: 3, h: 5 },
  { id: 'tb', kind: 'table', title: 'Latest', query: '', from: '-1h', to: 'now', columns: ['host.name', 'message'], limit: 5, x: 0, y: 5, w: 12, h: 5 },
];
const builtin: Dashboard = { id: 'builtin:security-overview', name: 'Security overview', description: 'High events', shared: true, builtin: true, owner: null, editable: false, panels, createdAt: now, updatedAt: now };
const mine: Dashboard = { id: 'd1', name: 'My board', description: '', shared: false, builtin: false, owner: 'ana', editable: true, panels: [panels[0]!], createdAt: now, updatedAt: now };
const ME = { id: 'u1', username: 'ana', role: 'analyst', tenantId: 't', mustChangePassword: false } as User;
const list: DashboardList = { dashboards: [builtin, mine], homeId: 'builtin:security-overview' };

const dataRoutes = {
  'GET /events/histogram': () => ({ interval: '1h', intervalMs: 3_600_000, buckets: [{ ts: now, count: 40 }, { ts: now, count: 2 }] }),
  'GET /events/top': () => ({ field: 'source.ip', values: [{ value: '203.0.113.9', count: 30 }, { value: '198.51.100.4', count: 12 }] }),
  'GET /events': () => ({ events: [{ id: 'e1', '@timestamp': now, 'host.name': 'web-1', message: 'Failed password for root' }], nextCursor: null }),
};

beforeEach(() => setCsrfToken('csrf'));
afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('BoardView', () => {
  it('shows a built-in board: count, top values and table from the events APIs; read-only, copyable, home', async () => {
    const { calls } = mockApi({ ...dataRoutes, 'GET /dashboards/:id': () => builtin, 'POST /dashboards': ({ body }) => new Response(JSON.stringify({ ...mine, ...(body as object), id: 'd9' }), { status: 201, headers: { 'content-type': 'application/json' } }) });
    const user = userEvent.setup();
    renderWithProviders(<BoardView id={builtin.id} list={list} canShare />);
    expect(await screen.findByTestId('panel-count', {}, { timeout: 8000 })).toHaveTextContent('42');
    expect(await screen.findByTestId('panel-top')).toHaveTextContent('203.0.113.9');
    expect(await screen.findByTestId('panel-table')).toHaveTextContent('Failed password for root');
    expect(calls.find((c) => c.path === '/events/top')!.params.get('field')).toBe('source.ip');
    expect(screen.getByTestId('home-badge')).toBeInTheDocument();
    expect(screen.queryByTestId('edit-board')).toBeNull();
    expect(screen.queryByTestId('set-home')).toBeNull();
    await user.click(screen.getByTestId('copy-board'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/dashboards')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'Security overview (copy)', description: 'High events', panels });
  });

  it('opens a board made with "New board" in edit mode, titled by a heading', async () => {
    const fresh: Dashboard = { ...mine, id: 'd9', name: 'New board', panels: [] };
    const { calls } = mockApi({
      ...dataRoutes,
      'GET /dashboards': () => ({ ...list, dashboards: [...list.dashboards, ...(calls.some((c) => c.method === 'POST') ? [fresh] : [])] }),
      'GET /dashboards/:id': ({ path }) => (path.endsWith('/d9') ? fresh : builtin),
      'POST /dashboards': () => new Response(JSON.stringify(fresh), { status: 201, headers: { 'content-type': 'application/json' } }),
    });
    const user = userEvent.setup();
    renderWithProviders(<CurrentUserContext.Provider value={ME}><Routes><Route path="/dashboards/*" element={<DashboardsPage />} /></Routes></CurrentUserContext.Provider>, { route: '/dashboards' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Security overview' })).toBeInTheDocument();
    await user.click(await screen.findByTestId('new-board'));
    expect(await screen.findByTestId('board-name')).toHaveValue('New board');
    expect(screen.getByRole('heading', { level: 1, name: 'New board' })).toBeInTheDocument();
    expect(screen.getByTestId('add-panel')).toBeInTheDocument();
  });

  it('edits an own board: adds a top panel, shares it and saves; sets it as home', async () => {
    const { calls } = mockApi({ ...dataRoutes, 'GET /dashboards/:id': () => mine, 'PUT /dashboards/d1': ({ body }) => ({ ...mine, ...(body as object) }), 'PUT /dashboards/home': () => ({ homeId: 'd1' }) });
    const user = userEvent.setup();
    renderWithProviders(<BoardView id="d1" list={list} canShare />);
    await user.click(await screen.findByTestId('set-home'));
    await waitFor(() => expect(calls.find((c) => c.path === '/dashboards/home')?.body).toEqual({ id: 'd1' }));

    await user.click(screen.getByTestId('edit-board'));
    await user.clear(screen.getByTestId('board-name'));
    await user.type(screen.getByTestId('board-name'), 'Triage');
    await user.click(screen.getByTestId('board-shared'));
    await user.click(screen.getByTestId('add-panel'));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByText('Top values'));
    expect(within(dialog).getByTestId('panel-save')).toBeDisabled();
    await user.type(within(dialog).getByTestId('panel-title'), 'Hosts');
    await user.type(within(dialog).getByTestId('panel-query'), 'vigil.severity:>=high');
    await user.type(within(dialog).getByTestId('panel-field'), 'host.name');
    await user.click(within(dialog).getByTestId('panel-save'));
    await waitFor(() => expect(screen.getAllByTestId('panel')).toHaveLength(2));
    await user.click(screen.getByTestId('save-board'));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT' && c.path === '/dashboards/d1')).toBe(true));
    const body = calls.find((c) => c.method === 'PUT' && c.path === '/dashboards/d1')!.body as { name: string; shared: boolean; panels: Panel[] };
    expect(body.name).toBe('Triage');
    expect(body.shared).toBe(true);
    expect(body.panels).toHaveLength(2);
    expect(body.panels[1]).toMatchObject({ kind: 'top', title: 'Hosts', query: 'vigil.severity:>=high', field: 'host.name', from: '-24h', to: 'now', x: 0, y: 3, w: 6, h: 5 });
    expect(body.panels[1]).not.toHaveProperty('columns');
  });

  it('hides sharing from viewers', async () => {
    mockApi({ ...dataRoutes, 'GET /dashboards/:id': () => mine });
    const user = userEvent.setup();
    renderWithProviders(<BoardView id="d1" list={list} canShare={false} />);
    await user.click(await screen.findByTestId('edit-board'));
    expect(screen.queryByTestId('board-shared')).toBeNull();
  });
});

describe('board layout', () => {
  it('places a new panel below the others and takes positions from the grid', () => {
    expect(newPanel(panels, 0)).toMatchObject({ x: 0, y: 10, w: 6, h: 5 });
    const moved = applyLayout(panels, [{ i: 't', x: 6, y: 1, w: 6, h: 4 }]);
    expect(moved[1]).toMatchObject({ id: 't', x: 6, y: 1, w: 6, h: 4, field: 'source.ip' });
    expect(moved[0]).toEqual(panels[0]);
  });

  it('stacks the panels in one full-width column on a narrow screen, in board order, heights kept', () => {
    expect(gridLayout(panels, false).map((l) => [l.i, l.x, l.y, l.w, l.h])).toEqual([['c', 0, 0, 3, 3], ['t', 3, 0, 3, 5], ['tb', 0, 5, 12, 5]]);
    expect(gridLayout(panels, true).map((l) => [l.i, l.x, l.y, l.w, l.h, l.static])).toEqual([['c', 0, 0, 12, 3, true], ['t', 0, 3, 12, 5, true], ['tb', 0, 8, 12, 5, true]]);
  });
});
