import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import type { Channel, EscalationPolicy, RouteNode, TimeInterval, User } from '@vigil/contracts';
import { jsonResponse, renderWithProviders } from '../../test/render.tsx';
import { mockApi, type Handler } from '../../test/mock-api.ts';
import { setCsrfToken } from '../../api/api.ts';
import { CurrentUserContext } from '../auth/index.ts';
import { RoutingPage } from './RoutingPage.tsx';

const admin: User = { id: 'u1', username: 'root', role: 'admin', tenantId: 't', mustChangePassword: false } as User;
const t = new Date().toISOString();
const channels: Channel[] = [
  { id: 'c-soc', tenantId: 't', name: 'SOC hook', type: 'webhook', config: {}, default: true, createdAt: t, updatedAt: t },
  { id: 'c-pd', tenantId: 't', name: 'PagerDuty', type: 'pagerduty', config: {}, default: false, createdAt: t, updatedAt: t },
];
const stored: RouteNode = { receivers: ['c-soc'], group_by: ['rule.id'], routes: [{ match: 'severity:critical', receivers: ['c-pd'], continue: true }] };

// Each test drives whole forms; on a loaded 2-core machine that can take longer than the default 20 s.
vi.setConfig({ testTimeout: 60_000 });

beforeEach(() => setCsrfToken('csrf'));
afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

function api(extra: Record<string, Handler> = {}) {
  return mockApi({
    'GET /routes/info': () => ({ tree: stored, updatedAt: t, updatedBy: 'root' }),
    'GET /channels': () => ({ channels }),
    'GET /time-intervals': () => ({ timeIntervals: [] }),
    'GET /escalation-policies': () => ({ escalationPolicies: [] }),
    ...extra,
  });
}

function renderAt(route: string) {
  return renderWithProviders(
    <CurrentUserContext.Provider value={admin}>
      <Routes>
        <Route path="/routing/*" element={<RoutingPage />} />
      </Routes>
    </CurrentUserContext.Provider>,
    { route },
  );
}

const invalid = (problems: { path: string; message: string }[]) => jsonResponse({ error: { code: 'VIGIL_ERR_VALIDATION', message: `${problems[0]!.path}: ${problems[0]!.message}`, details: { field: problems[0]!.path, problems } } }, 400);

describe('routing tree editor', () => {
  it('adds a nested route, shows the server problems at their node, and saves the tree', async () => {
    let attempt = 0;
    const { calls } = api({
      'PUT /routes': ({ body }) => (++attempt === 1
        ? invalid([{ path: 'routes[0].routes[0].match', message: 'unexpected ")" at column 10' }, { path: 'group_wait', message: '"soon" is not a duration' }])
        : body),
    });
    const user = userEvent.setup({ delay: null });
    // One input event per value: the whole tree re-renders on each.
    const fill = async (el: HTMLElement, text: string) => {
      await user.clear(el);
      await user.click(el);
      await user.paste(text);
    };
    renderAt('/routing/tree');
    const rootNode = await screen.findByRole('region', { name: 'Root route' }, { timeout: 10_000 });
    const first = within(rootNode).getByRole('region', { name: 'Route routes[0]' });
    await user.click(within(first).getByRole('button', { name: 'Add a child route to Route routes[0]' }));
    const child = await screen.findByRole('region', { name: 'Route routes[0].routes[0]' });
    await fill(within(child).getByTestId('route-match'), 'host.name:db-*)');
    const rootWait = within(rootNode).getAllByLabelText('Group wait')[0]!;
    await fill(rootWait, 'soon');
    await user.click(screen.getByTestId('save-tree'));

    // Each problem at its node, named by its path.
    const childProblems = await within(child).findByTestId('route-problems');
    expect(childProblems).toHaveTextContent('routes[0].routes[0].match unexpected ")" at column 10');
    expect(within(child).getByTestId('route-match')).toHaveAttribute('aria-invalid', 'true');
    expect(child).toHaveAttribute('data-invalid', 'true');
    expect(rootWait).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('tree-error')).toHaveTextContent('group_wait "soon" is not a duration');
    expect(first).not.toHaveAttribute('data-invalid');

    await fill(within(child).getByTestId('route-match'), 'host.name:db-*');
    await fill(rootWait, '1m');
    await user.click(screen.getByTestId('save-tree'));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'PUT')[1]!.body).toEqual({
      receivers: ['c-soc'], group_by: ['rule.id'], group_wait: '1m',
      routes: [{ match: 'severity:critical', receivers: ['c-pd'], continue: true, routes: [{ match: 'host.name:db-*' }] }],
    });
    expect(screen.queryByTestId('tree-error')).toBeNull();
  });

  it('round-trips the tree through the YAML and JSON views', async () => {
    const { calls } = api({ 'PUT /routes': ({ body }) => body });
    const user = userEvent.setup({ delay: null });
    renderAt('/routing');
    await screen.findByRole('region', { name: 'Root route' }, { timeout: 10_000 });
    await user.click(screen.getByRole('radio', { name: 'YAML' }));
    const yaml = screen.getByTestId('tree-raw');
    expect((yaml as HTMLTextAreaElement).value).toContain('match: severity:critical');
    fireEvent.change(yaml, { target: { value: (yaml as HTMLTextAreaElement).value.replace('severity:critical', 'severity:>=high').replace('continue: true', 'continue: false') } });
    await user.click(screen.getByRole('radio', { name: 'JSON' }));
    const json = screen.getByTestId('tree-raw') as HTMLTextAreaElement;
    expect(JSON.parse(json.value)).toEqual({ ...stored, routes: [{ match: 'severity:>=high', receivers: ['c-pd'], continue: false }] });
    // A broken text is reported and cannot be saved or shown as a tree.
    fireEvent.change(json, { target: { value: '{"receivers": [' } });
    expect(await screen.findByText(/Not valid JSON/)).toBeInTheDocument();
    expect(screen.getByTestId('save-tree')).toBeDisabled();
    fireEvent.change(json, { target: { value: JSON.stringify({ receivers: ['c-pd'], routes: [{ match: 'tags:attack.t1110' }] }) } });
    await user.click(screen.getByRole('radio', { name: 'Visual' }));
    expect(screen.getByRole('region', { name: 'Route routes[0]' })).toHaveTextContent('tags:attack.t1110');
    await user.click(screen.getByTestId('save-tree'));
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ receivers: ['c-pd'], routes: [{ match: 'tags:attack.t1110' }] }));
  });

  it('tries an alert on the draft and marks the route it takes', async () => {
    const { calls } = api({
      'POST /routes/test': () => ({
        matches: [{ route: 'routes[0]', receivers: ['c-pd'], groupKey: 'k', groupBy: ['rule.id'], groupWaitMs: 30_000, groupIntervalMs: 300_000, repeatIntervalMs: 14_400_000, escalationPolicy: null }],
        mutedBy: [{ kind: 'silence', id: 's1' }],
      }),
    });
    const user = userEvent.setup({ delay: null });
    renderAt('/routing/tree');
    const panel = await screen.findByTestId('route-try', {}, { timeout: 10_000 });
    const fields = within(panel).getByLabelText('Alert fields (JSON)');
    fireEvent.change(fields, { target: { value: '{"severity": ' } });
    await user.click(within(panel).getByTestId('run-route-test'));
    expect(await within(panel).findByRole('alert')).toHaveTextContent('not valid JSON');
    fireEvent.change(fields, { target: { value: '{"severity": "critical", "host.name": "db-1"}' } });
    await user.click(within(panel).getByTestId('run-route-test'));
    const match = await within(panel).findByTestId('route-test-match');
    expect(match).toHaveTextContent('routes[0]');
    expect(match).toHaveTextContent('PagerDuty');
    expect(match).toHaveTextContent('30s / 5m / 4h');
    expect(within(panel).getByTestId('route-test-muted')).toHaveTextContent('silence s1');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ alert: { severity: 'critical', 'host.name': 'db-1' }, tree: stored });
    expect(screen.getByRole('region', { name: 'Route routes[0]' })).toHaveAttribute('data-matched', 'true');
    expect(screen.getByRole('region', { name: 'Root route' })).not.toHaveAttribute('data-matched');
  });

  it('starts from an empty tree when none is set', async () => {
    const { calls } = api({ 'GET /routes/info': () => ({ tree: null, updatedAt: null, updatedBy: null }), 'PUT /routes': ({ body }) => body });
    const user = userEvent.setup({ delay: null });
    renderAt('/routing/tree');
    expect(await screen.findByText(/No routing tree is set/, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove tree' })).toBeNull();
    const root = screen.getByRole('region', { name: 'Root route' });
    await user.click(within(root).getByRole('combobox', { name: 'Receivers' }));
    await user.click(await screen.findByRole('option', { name: 'PagerDuty' }));
    await user.click(screen.getByTestId('save-tree'));
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ receivers: ['c-pd'] }));
  });
});

describe('escalation policies', () => {
  it('adds a policy with ordered steps, edits it and refuses to delete one in use', async () => {
    let policies: EscalationPolicy[] = [];
    const { calls } = api({
      'GET /escalation-policies': () => ({ escalationPolicies: policies }),
      'POST /escalation-policies': ({ body }) => {
        policies = [{ id: 'p1', ...(body as { name: string; steps: EscalationPolicy['steps']; repeat: number }), createdAt: t, updatedAt: t }];
        return policies[0];
      },
      'PUT /escalation-policies/p1': ({ body }) => ({ ...policies[0], ...(body as object) }),
      'DELETE /escalation-policies/p1': () => jsonResponse({ error: { code: 'VIGIL_ERR_CONFLICT', message: 'The escalation policy is used by the routing tree at routes[0].' } }, 409),
    });
    const user = userEvent.setup({ delay: null });
    renderAt('/routing/escalation');
    await user.click(await screen.findByRole('button', { name: 'Add policy' }, { timeout: 10_000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Add escalation policy' });
    await user.type(within(dialog).getByLabelText(/^Name/), 'night shift');
    await user.click(within(dialog).getByRole('combobox', { name: /Step 1: then notify/ }));
    await user.click(await screen.findByRole('option', { name: 'SOC hook' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add step' }));
    await user.click(within(dialog).getByRole('combobox', { name: /Step 2: then notify/ }));
    await user.click(await screen.findByRole('option', { name: 'PagerDuty' }));
    // Page the lead first: move step 2 up.
    await user.click(within(dialog).getByRole('button', { name: 'Move step 2 up' }));
    const repeat = within(dialog).getByLabelText(/^Repeat/);
    await user.clear(repeat);
    await user.type(repeat, '2');
    await user.click(within(dialog).getByRole('button', { name: 'Add policy' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'night shift', steps: [{ wait: '15m', receivers: ['c-pd'] }, { wait: '5m', receivers: ['c-soc'] }], repeat: 2 });

    const card = await screen.findByTestId('policy');
    expect(card).toHaveTextContent('after 15 min: PagerDuty');
    expect(card).toHaveTextContent('repeats 2×');
    await user.click(within(card).getByRole('button', { name: 'Edit night shift' }));
    const edit = await screen.findByRole('dialog', { name: 'Edit night shift' });
    const wait = within(edit).getByLabelText(/^Step 1: wait/);
    await user.clear(wait);
    await user.type(wait, '10');
    await user.click(within(edit).getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect((calls.find((c) => c.method === 'PUT')!.body as { steps: unknown[] }).steps[0]).toEqual({ wait: '10m', receivers: ['c-pd'] });

    await user.click(within(card).getByRole('button', { name: 'Delete night shift' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(await within(confirm).findByRole('alert')).toHaveTextContent('used by the routing tree at routes[0]');
  });
});

describe('maintenance windows', () => {
  it('adds a window with weekdays and times in a zone, shows whether it is active, and deletes it', async () => {
    let intervals: TimeInterval[] = [];
    const { calls } = api({
      'GET /time-intervals': () => ({ timeIntervals: intervals }),
      'POST /time-intervals': ({ body }) => {
        const b = body as { name: string; location: string; times: TimeInterval['times'] };
        intervals = [{ id: 'i1', ...b, activeNow: true, createdAt: t, updatedAt: t }];
        return intervals[0];
      },
      'DELETE /time-intervals/i1': () => {
        intervals = [];
        return { ok: true };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderAt('/routing/maintenance');
    await user.click(await screen.findByRole('button', { name: 'Add window' }, { timeout: 10_000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Add time interval' });
    await user.type(within(dialog).getByLabelText(/^Name/), 'patch night');
    // The default range is the weekend 22:00–06:00; make it Wednesday only.
    const days = within(dialog).getByRole('group', { name: /Range 1: weekdays/ });
    await user.click(within(days).getByRole('checkbox', { name: 'sat' }));
    await user.click(within(days).getByRole('checkbox', { name: 'sun' }));
    await user.click(within(days).getByRole('checkbox', { name: 'wed' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add range' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add window' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'patch night', location: 'UTC', times: [{ weekdays: ['wednesday'], start_time: '22:00', end_time: '06:00' }, {}] });
    const row = await screen.findByTestId('interval');
    expect(row).toHaveTextContent('active now');
    expect(row).toHaveTextContent('wed 22:00–06:00');
    expect(row).toHaveTextContent('every day all day');
    await user.click(within(row).getByRole('button', { name: 'Delete patch night' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Delete' })).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByTestId('interval')).toBeNull());
  });
});
