import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DeviceDetail as Detail, DeviceSummary } from '@vigil/contracts';
import { renderWithProviders, jsonResponse } from '../../test/render.tsx';
import { mockApi } from '../../test/mock-api.ts';
import { setCsrfToken } from '../../api/api.ts';
import { DeviceList } from './components/DeviceList.tsx';
import { DeviceDetail } from './components/DeviceDetail.tsx';

const now = new Date().toISOString();
const base: DeviceSummary = {
  id: 'd1', tenantId: 't', name: 'core-sw1', address: '10.0.0.1', port: 161, version: '2c', credentialInfo: { community: 'set' }, tags: [], profile: 'interfaces', customOids: [],
  intervalS: 60, timeoutMs: 5000, enabled: true, status: 'up', lastPollAt: now, lastOkAt: now, lastError: null, sysName: 'core-sw1.lab', sysDescr: 'Cisco IOS', uptimeS: 93_784,
  createdAt: now, updatedAt: now, interfaceCount: 2, interfacesUp: 1,
};
const profiles = [{ name: 'interfaces', description: 'Interfaces', scalars: [], columns: [] }, { name: 'host', description: 'Servers', scalars: [], columns: [] }];

beforeEach(() => setCsrfToken('csrf'));
afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('DeviceList', () => {
  it('lists devices with status, uptime and interfaces up', async () => {
    mockApi({ 'GET /devices': () => ({ devices: [base, { ...base, id: 'd2', name: 'edge-fw', status: 'down', lastError: 'no answer (timeout)', uptimeS: null, interfaceCount: 0, interfacesUp: 0 }] }) });
    renderWithProviders(<DeviceList canWrite={false} />);
    const rows = await screen.findAllByTestId('device-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('up')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('1d 2h')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('1 / 2')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('down')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('no answer (timeout)')).toBeInTheDocument();
    expect(screen.queryByTestId('add-device')).toBeNull();
  });

  it('tests credentials, takes the suggested profile, and adds the device', async () => {
    const { calls } = mockApi({
      'GET /devices': () => ({ devices: [] }),
      'GET /snmp/communities': () => ({ communities: [] }),
      'GET /snmp/users': () => ({ users: [] }),
      'GET /snmp/profiles': () => ({ profiles }),
      'POST /devices/test-credentials': () => ({ ok: true, latencyMs: 12, system: { name: 'srv1', descr: 'Linux srv1' }, interfaces: [{ ifIndex: '1', descr: 'lo' }], capabilities: { interfaces: true, hostResources: true, ucd: true, ciscoCpu: false }, suggestedProfile: 'host' }),
      'POST /devices': ({ body }) => jsonResponse({ ...base, ...(body as object), id: 'd9', interfaces: [] }, 201),
    });
    const user = userEvent.setup();
    renderWithProviders(<DeviceList canWrite />);
    await user.click(await screen.findByTestId('add-device'));
    await user.type(screen.getByTestId('device-name'), 'srv1');
    await user.type(screen.getByTestId('device-address'), '192.0.2.5');
    await user.type(screen.getByTestId('device-community'), 'public-ro');
    await user.click(screen.getByTestId('test-credentials'));
    expect(await screen.findByTestId('test-result')).toHaveTextContent('suggested profile host');
    const test = calls.find((c) => c.path === '/devices/test-credentials')!;
    expect(test.body).toMatchObject({ address: '192.0.2.5', version: '2c', community: 'public-ro' });
    await user.click(screen.getByTestId('save-device'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/devices')).toBe(true));
    const post = calls.find((c) => c.method === 'POST' && c.path === '/devices')!;
    expect(post.body).toMatchObject({ name: 'srv1', address: '192.0.2.5', community: 'public-ro', profile: 'host', version: '2c' });
    expect(post.headers['x-csrf-token']).toBe('csrf');
  });

  it('adds a trap community; the list shows its name only', async () => {
    let communities: Array<{ id: string; name: string; createdAt: string }> = [];
    const { calls } = mockApi({
      'GET /devices': () => ({ devices: [] }),
      'GET /snmp/users': () => ({ users: [{ id: 'u1', name: 'vigiltrap', level: 'authPriv', authProtocol: 'sha256', privProtocol: 'aes256', createdAt: now }] }),
      'GET /snmp/communities': () => ({ communities }),
      'POST /snmp/communities': ({ body }) => {
        communities = [{ id: 'c1', name: (body as { name: string }).name, createdAt: now }];
        return jsonResponse(communities[0], 201);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<DeviceList canWrite />);
    expect(await screen.findByText('vigiltrap')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Label'), 'core');
    await user.type(screen.getByTestId('new-community'), 's3cret');
    await user.click(screen.getByTestId('add-community'));
    await waitFor(() => expect(screen.getAllByTestId('trap-credential')).toHaveLength(2));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ community: 's3cret', name: 'core' });
    expect(screen.getByTestId('trap-credentials')).not.toHaveTextContent('s3cret');
  });

  it('shows why a credential test failed', async () => {
    mockApi({ 'GET /devices': () => ({ devices: [] }), 'GET /snmp/communities': () => ({ communities: [] }), 'GET /snmp/users': () => ({ users: [] }), 'GET /snmp/profiles': () => ({ profiles }), 'POST /devices/test-credentials': () => ({ ok: false, latencyMs: 3000, error: 'no answer (timeout): check the address' }) });
    const user = userEvent.setup();
    renderWithProviders(<DeviceList canWrite />);
    await user.click(await screen.findByTestId('add-device'));
    await user.type(screen.getByTestId('device-address'), '192.0.2.6');
    await user.click(screen.getByTestId('test-credentials'));
    expect(await screen.findByTestId('test-result')).toHaveTextContent('no answer (timeout)');
  });
});

describe('DeviceDetail', () => {
  it('shows the interface table with rates and status, and latest CPU/memory', async () => {
    const detail: Detail = {
      ...base,
      interfaces: [
        { ifIndex: '1', name: 'Gi0/1', descr: 'GigabitEthernet0/1', alias: 'uplink', operStatus: 'up', adminStatus: 'up', speedBps: 1e9, inBps: 12_340_000, outBps: 560_000, inErrors: 0, outErrors: 0, inDiscards: 0, outDiscards: 1 },
        { ifIndex: '2', name: 'Gi0/2', descr: 'GigabitEthernet0/2', operStatus: 'down', adminStatus: 'up', speedBps: 1e9 },
      ],
      latest: [{ name: 'cpu.load_pct', labels: {}, ts: now, value: 37.4 }, { name: 'memory.used_pct', labels: {}, ts: now, value: 61.2 }],
    };
    const t = Date.now();
    mockApi({
      'GET /devices/d1': () => detail,
      'GET /devices/d1/metrics': ({ params }) => ({ from: now, to: now, step: 60000, series: params.get('name') === 'cpu.load_pct' ? [{ name: 'cpu.load_pct', labels: {}, points: [{ ts: t - 60000, value: 30, min: 30, max: 30 }, { ts: t, value: 37.4, min: 37.4, max: 37.4 }] }] : [] }),
    });
    renderWithProviders(<DeviceDetail id="d1" />);
    const rows = await screen.findAllByTestId('interface-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('12.34 Mb/s')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('uplink')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('down')).toBeInTheDocument();
    expect(screen.getByTestId('device-cpu-mem')).toHaveTextContent('37 % / 61 %');
    expect(screen.getByTestId('device-uptime')).toHaveTextContent('1d 2h');
    await waitFor(() => expect(screen.getByRole('img', { name: 'CPU load' })).toBeInTheDocument());
  });
});
