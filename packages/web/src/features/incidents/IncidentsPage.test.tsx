import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Incident, IncidentDetail as Detail } from '@vigil/contracts';
import { renderWithProviders } from '../../test/render.tsx';
import { mockApi } from '../../test/mock-api.ts';
import { setCsrfToken } from '../../api/api.ts';
import { FEATURES } from '../index.ts';
import { IncidentList } from './components/IncidentList.tsx';
import { IncidentDetail } from './components/IncidentDetail.tsx';
import { FakeEventSource } from '../../test/fake-event-source.ts';
import { useIncidentStream } from './hooks/useIncidentStream.ts';
import { formatTimeline, parseFactors, parseTimeline } from './components/postmortem-text.ts';

const now = new Date().toISOString();
const emptyPm = { summary: '', impact: '', rootCause: '', contributingFactors: [], timeline: [], actions: [], updatedBy: null, updatedAt: null };
const base: Incident = {
  id: 'i1', title: 'Brute force on web-1', description: 'Many failed logins', status: 'open', severity: 'high', severityOverride: null, owner: null, alertIds: ['a1', 'a2'],
  groupRuleId: null, groupKey: null, lastAlertAt: now, findings: [{ id: 'f1', title: 'Password sprayed', description: '', status: 'open', eventIds: ['ev-1'], createdBy: 'ana', createdAt: now, updatedAt: now }],
  postmortem: emptyPm, createdBy: 'ana', createdAt: now, updatedAt: now, investigatingAt: null, containedAt: null, resolvedAt: null,
};
const detail: Detail = { incident: base, timeline: [{ at: now, actor: 'ana', action: 'created', text: null }, { at: now, actor: 'ana', action: 'alert_added', text: 'a1, a2' }] };

beforeEach(() => setCsrfToken('csrf'));
afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('IncidentList', () => {
  it('lists incidents and sends the status, severity and owner filters', async () => {
    const { calls } = mockApi({
      'GET /incidents': () => ({ incidents: [base, { ...base, id: 'i2', title: 'Port scan', status: 'investigating', owner: 'bob', findings: [] }], nextCursor: null }),
      'GET /alerts/assignees': () => ({ assignees: ['ana', 'bob'] }),
    });
    const user = userEvent.setup();
    renderWithProviders(<IncidentList canWrite={false} />);
    const rows = await screen.findAllByTestId('incident-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('Brute force on web-1')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('1 open / 1')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('bob')).toBeInTheDocument();
    expect(calls.find((c) => c.path === '/incidents')!.params.get('status')).toBe('open,investigating,contained');
    await user.click(screen.getByTestId('filter-owner'));
    await user.click(await screen.findByRole('option', { name: 'bob' }));
    await waitFor(() => expect(calls.filter((c) => c.path === '/incidents').at(-1)!.params.get('owner')).toBe('bob'));
    expect(screen.queryByTestId('new-incident')).toBeNull();
  });

  it('opens a new incident from alert ids', async () => {
    const { calls } = mockApi({ 'GET /incidents': () => ({ incidents: [], nextCursor: null }), 'POST /incidents': () => new Response(JSON.stringify(detail), { status: 201, headers: { 'content-type': 'application/json' } }) });
    const user = userEvent.setup();
    renderWithProviders(<IncidentList canWrite />);
    expect(await screen.findByTestId('incidents-empty')).toBeInTheDocument();
    await user.click(screen.getByTestId('new-incident'));
    await user.type(screen.getByTestId('incident-title'), 'Brute force');
    await user.type(screen.getByLabelText('Alert ids'), 'a1, a2');
    await user.click(screen.getByTestId('create-incident'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ title: 'Brute force', description: '', alertIds: ['a1', 'a2'] });
  });
});

describe('IncidentDetail', () => {
  it('shows the notifications sent for its alerts in the timeline: channel, why, status and time', async () => {
    const n = (channel: string | null, status: string, extra: Record<string, unknown> = {}) => ({ at: now, actor: 'vigil', action: 'notification' as const, text: `firing → ${channel}: ${status}`, data: { deliveryId: `d-${channel}`, alertId: 'a1', channelId: 'c1', channel, channelType: channel ? 'slack' : null, kind: 'firing', status, attempts: 1, lastStatusCode: null, deliveredAt: null, ...extra } });
    mockApi({ 'GET /incidents/i1': () => ({ ...detail, timeline: [n('soc', 'delivered'), n('pager', 'failed', { attempts: 5, lastStatusCode: 503, kind: 'escalation' }), n(null, 'pending'), ...detail.timeline] }) });
    renderWithProviders(<IncidentDetail id="i1" canWrite={false} />);
    const items = await screen.findAllByTestId('timeline-notification');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('notification · soc (slack)');
    expect(items[0]).toHaveTextContent('delivered');
    expect(items[0]).toHaveTextContent('firing');
    expect(items[1]).toHaveTextContent('pager (slack)failed');
    expect(items[1]).toHaveTextContent('escalation · 5 attempts · last answer 503 · dead letter (resend from Channels)');
    expect(items[2]).toHaveTextContent('deleted channel');
    expect(items[2]).toHaveTextContent('pending');
    // Beside who did what.
    expect(screen.getByTestId('incident-timeline')).toHaveTextContent('ana · alert added');
  });

  it('shows the timeline, linked alerts and evidence, changes the status and adds a note', async () => {
    const { calls } = mockApi({
      'GET /incidents/i1': () => detail,
      'POST /incidents/i1/status': ({ body }) => ({ ...detail, incident: { ...base, status: (body as { status: string }).status } }),
      'POST /incidents/i1/notes': () => detail,
      'PATCH /incidents/i1/findings/f1': () => detail,
    });
    const user = userEvent.setup();
    renderWithProviders(<IncidentDetail id="i1" canWrite />);
    expect(await screen.findByTestId('incident-title')).toHaveTextContent('Brute force on web-1');
    expect(screen.getByTestId('incident-timeline')).toHaveTextContent('ana · alert added');
    expect(screen.getByTestId('export-postmortem')).toHaveAttribute('href', '/api/v1/incidents/i1/postmortem.md');

    await user.type(screen.getByTestId('note-text'), 'Blocked the source at the firewall');
    await user.click(screen.getByTestId('add-note'));
    await waitFor(() => expect(calls.find((c) => c.path === '/incidents/i1/notes')?.body).toEqual({ text: 'Blocked the source at the firewall' }));

    await user.click(screen.getByTestId('status-select'));
    await user.click(await screen.findByRole('option', { name: 'contained' }));
    await waitFor(() => expect(calls.find((c) => c.path === '/incidents/i1/status')?.body).toEqual({ status: 'contained' }));

    await user.click(screen.getByRole('tab', { name: /Alerts/ }));
    // Alert ids link to the alerts page once it is registered.
    if (FEATURES.some((f) => f.id === 'alerts')) expect(screen.getByRole('link', { name: 'a1' })).toHaveAttribute('href', '/alerts/a1');
    else expect(within(screen.getByTestId('incident-alerts')).getByText('a1')).toBeInTheDocument();

    await user.click(screen.getByTestId('tab-evidence'));
    const finding = await screen.findByTestId('finding');
    expect(within(finding).getByRole('link', { name: 'ev-1' })).toHaveAttribute('href', '/search?event=ev-1');
    await user.click(within(finding).getByText('fixed'));
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ status: 'fixed' }));
  });

  it('sets the owner from a searchable picker of the tenant users, keeps a departed owner shown, and clears it', async () => {
    let owner: string | null = 'carol';
    const { calls } = mockApi({
      'GET /incidents/i1': () => ({ ...detail, incident: { ...base, owner } }),
      'GET /alerts/assignees': () => ({ assignees: ['ana', 'bob', 'dave'] }),
      'PATCH /incidents/i1': ({ body }) => {
        owner = (body as { owner: string | null }).owner;
        return { ...detail, incident: { ...base, owner } };
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<IncidentDetail id="i1" canWrite />);
    const picker = await screen.findByTestId('owner-select');
    // carol is no longer an enabled user but still owns the incident: shown, not blanked.
    await waitFor(() => expect(picker).toHaveValue('carol'));
    await user.clear(picker);
    await user.type(picker, 'da');
    expect(await screen.findByRole('option', { name: 'dave' })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: 'bob' })).toBeNull();
    await user.click(screen.getByRole('option', { name: 'dave' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ owner: 'dave' }));
    await waitFor(() => expect(screen.getByTestId('owner-select')).toHaveValue('dave'));
    // Free text that is not a user is never sent.
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1);
  });

  it('edits and saves the postmortem with its sections and actions', async () => {
    const { calls } = mockApi({ 'GET /incidents/i1': () => detail, 'PUT /incidents/i1/postmortem': ({ body }) => ({ ...emptyPm, ...(body as object), updatedBy: 'ana', updatedAt: now }) });
    const user = userEvent.setup();
    renderWithProviders(<IncidentDetail id="i1" canWrite />);
    await user.click(await screen.findByTestId('tab-postmortem'));
    await user.type(screen.getByTestId('pm-summary'), 'Password spraying against **web-1**');
    await user.type(screen.getByTestId('pm-timeline'), '09:40 | first alert{enter}09:55 | source blocked');
    await user.type(screen.getByTestId('pm-factors'), 'No MFA{enter}No rate limit');
    await user.click(screen.getByTestId('pm-add-action'));
    const action = screen.getByTestId('pm-action');
    await user.type(within(action).getByLabelText('Action'), 'Enable MFA');
    await user.type(within(action).getByLabelText('Owner'), 'bob');
    await user.click(screen.getByTestId('pm-save'));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({
      summary: 'Password spraying against **web-1**', impact: '', rootCause: '',
      timeline: [{ at: '09:40', text: 'first alert' }, { at: '09:55', text: 'source blocked' }],
      contributingFactors: ['No MFA', 'No rate limit'],
      actions: [{ text: 'Enable MFA', owner: 'bob', due: null, done: false }],
    });
  });
});

describe('live updates', () => {
  it('refetches the list when the stream announces an incident change', async () => {
    FakeEventSource.instances = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    let title = 'Brute force on web-1';
    const { calls } = mockApi({ 'GET /incidents': () => ({ incidents: [{ ...base, title }], nextCursor: null }) });
    function Live() {
      useIncidentStream();
      return <IncidentList canWrite={false} />;
    }
    renderWithProviders(<Live />);
    expect(await screen.findByText('Brute force on web-1')).toBeInTheDocument();
    expect(FakeEventSource.latest().url).toBe('/api/v1/stream?topics=incidents');
    title = 'Brute force on web-1 and web-2';
    FakeEventSource.latest().emit('incident', { id: 'i1', status: 'investigating' });
    expect(await screen.findByText('Brute force on web-1 and web-2')).toBeInTheDocument();
    expect(calls.filter((c) => c.path === '/incidents').length).toBeGreaterThanOrEqual(2);
  });
});

describe('postmortem text', () => {
  it('round-trips timeline lines and drops empty factors', () => {
    const t = parseTimeline('Mon 09:40 | alert\n\nplain line\n | ');
    expect(t).toEqual([{ at: 'Mon 09:40', text: 'alert' }, { at: '', text: 'plain line' }]);
    expect(formatTimeline(t)).toBe('Mon 09:40 | alert\nplain line');
    expect(parseFactors(' a \n\n b')).toEqual(['a', 'b']);
  });
});
