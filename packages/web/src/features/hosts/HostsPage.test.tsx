import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { HostDetail as Detail, HostSummary } from '@vigil/contracts';
import { renderWithProviders, jsonResponse } from '../../test/render.tsx';
import { mockApi } from '../../test/mock-api.ts';
import { setCsrfToken } from '../../api/api.ts';
import { HostList } from './components/HostList.tsx';
import { HostDetail } from './components/HostDetail.tsx';

const now = new Date().toISOString();
const t = Date.now();
const base: HostSummary = {
  id: 'h1', name: 'web-1', machineId: 'm1', status: 'online', lastSeenAt: now, enrolledAt: now, os: { name: 'Debian GNU/Linux 13 (trixie)', kernel: '6.12.0', arch: 'x64' }, agentVersion: '0.1.0',
  tags: ['web'], hostGroup: 'frontend', address: '192.0.2.10', skewMs: 12, bufferedBatches: 0, credentialRotatedAt: null, revokedAt: null, snapshotAt: now,
  latest: { cpuPct: 37.4, memoryPct: 61.2, diskMaxPct: 40, uptimeS: 93_784 }, openAlerts: 2,
};
const series = (name: string, values: number[]) => ({ name, labels: {}, points: values.map((v, i) => ({ ts: t - (values.length - i) * 60_000, value: v, min: v, max: v })) });

beforeEach(() => setCsrfToken('csrf'));
afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('HostList', () => {
  it('lists hosts with status, OS, tags, CPU/memory sparklines and open alerts', async () => {
    mockApi({
      'GET /hosts': () => ({ hosts: [base, { ...base, id: 'h2', name: 'db-1', status: 'offline', tags: [], openAlerts: 0, latest: {} }] }),
      'GET /hosts/:id/metrics': () => ({ from: now, to: now, step: 120_000, series: [series('cpu.load_pct', [10, 30, 37]), series('memory.used_pct', [60, 61, 61])] }),
    });
    renderWithProviders(<HostList canAdmin={false} />);
    const rows = await screen.findAllByTestId('host-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('online')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('Debian GNU/Linux 13 (trixie)')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('37 %')).toBeInTheDocument();
    expect(within(rows[0]!).getByTestId('host-alerts')).toHaveTextContent('2');
    expect(within(rows[1]!).getByText('offline')).toBeInTheDocument();
    await waitFor(() => expect(within(rows[0]!).getAllByTestId('sparkline')).toHaveLength(2));
    expect(screen.queryByTestId('add-host')).toBeNull();
  });

  it('"Add host" mints a token and shows the install one-liner', async () => {
    const { calls } = mockApi({
      'GET /hosts': () => ({ hosts: [] }),
      'POST /agents/tokens': ({ body }) => jsonResponse({ id: 'tok1', name: 'n', prefix: 'vgt_tok1', tags: (body as { tags: string[] }).tags, hostGroup: null, maxUses: 3, uses: 0, status: 'active', expiresAt: now, createdAt: now, createdBy: 'admin', revokedAt: null, lastUsedAt: null, token: 'vgt_x_secret', installCommand: 'curl -fsSL http://vigil:8080/install.sh | sudo sh -s -- --server http://vigil:8080 --token vgt_x_secret' }, 201),
    });
    const user = userEvent.setup();
    renderWithProviders(<HostList canAdmin />);
    expect(await screen.findByTestId('hosts-empty')).toBeInTheDocument();
    await user.click(screen.getByTestId('add-host'));
    await user.clear(screen.getByTestId('token-uses'));
    await user.type(screen.getByTestId('token-uses'), '3');
    await user.type(screen.getByTestId('token-tags'), 'web, prod');
    await user.click(screen.getByTestId('create-token'));
    expect(await screen.findByTestId('install-command')).toHaveTextContent('install.sh | sudo sh -s -- --server http://vigil:8080 --token vgt_x_secret');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ ttl: '1h', uses: 3, tags: ['web', 'prod'] });
    expect(post.headers['x-csrf-token']).toBe('csrf');
  });
});

describe('HostDetail', () => {
  it('shows charts, the snapshot, the change timeline, and revokes', async () => {
    const detail: Detail = {
      ...base,
      metrics: [],
      snapshot: {
        ports: { takenAt: now, data: [{ transport: 'tcp', ip: '0.0.0.0', port: 22, process: 'sshd', pid: 100 }] },
        sudoers: { takenAt: now, data: { admins: ['alice', 'root'], rules: [{ principal: '%sudo', rule: '%sudo ALL=(ALL:ALL) ALL', file: '/etc/sudoers' }] } },
      },
    };
    let revoked = false;
    const { calls } = mockApi({
      'GET /hosts/h1': () => ({ ...detail, status: revoked ? 'revoked' : 'online' }),
      'GET /hosts/h1/metrics': ({ params }) => ({ from: now, to: now, step: 60_000, series: params.get('name') === 'cpu.load_pct' ? [series('cpu.load_pct', [30, 37.4])] : [] }),
      'GET /events': () => ({ events: [{ id: 'e1', '@timestamp': now, 'event.dataset': 'agent.port', 'event.action': 'port-opened', message: 'nc started listening on tcp/0.0.0.0:4444' }], nextCursor: null }),
      'POST /hosts/h1/revoke': () => {
        revoked = true;
        return { ...base, status: 'revoked' };
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<HostDetail id="h1" canAdmin />);
    expect(await screen.findByTestId('host-cpu-mem')).toHaveTextContent('37 % / 61 %');
    expect(screen.getByTestId('snapshot')).toHaveTextContent('Ports (1)');
    expect(screen.getByRole('cell', { name: 'sshd' })).toBeInTheDocument();
    expect(await screen.findByTestId('host-timeline')).toHaveTextContent('nc started listening on tcp/0.0.0.0:4444');
    const q = calls.find((c) => c.path === '/events')!.params.get('q');
    expect(q).toContain('host.id:"h1"');
    await waitFor(() => expect(screen.getByRole('img', { name: 'CPU' })).toBeInTheDocument());
    await user.click(screen.getByTestId('revoke-host'));
    await waitFor(() => expect(screen.getByTestId('host-status')).toHaveTextContent('revoked'));
    expect(calls.some((c) => c.method === 'POST' && c.path === '/hosts/h1/revoke')).toBe(true);
  });
});
