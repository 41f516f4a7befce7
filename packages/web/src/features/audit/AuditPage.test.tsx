import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AuditEntry } from '@vigil/contracts';
import { renderWithProviders } from '../../test/render.tsx';
import { mockApi } from '../../test/mock-api.ts';
import { AuditLogTable } from './components/AuditLogTable.tsx';
import { auditFeature } from './index.ts';

const now = new Date().toISOString();
const entry = (id: string, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id, actor: 'ana', action: 'channel.update', targetType: 'channel', targetId: 'c1', target: 'c1', before: { name: 'ops', url: '***' }, after: { name: 'ops-team', url: '***' }, details: null, ip: '192.0.2.7', createdAt: now, ...over,
});

afterEach(() => vi.unstubAllGlobals());

describe('AuditLogTable', () => {
  it('lists entries, sends the filters and shows before and after', async () => {
    const { calls } = mockApi({ 'GET /audit-log': () => ({ entries: [entry('1'), entry('2', { actor: 'bob', action: 'auth.login', targetType: null, targetId: null, before: null, after: null })], nextCursor: null }) });
    const user = userEvent.setup();
    renderWithProviders(<AuditLogTable />);
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('channel.update')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('auth.login')).toBeInTheDocument();
    expect(calls[0]!.params.get('from')).toBe('-7d');

    await user.click(within(rows[0]!).getByRole('button', { name: 'Show change' }));
    const change = screen.getByTestId('audit-change');
    expect(change).toHaveTextContent('"name": "ops"');
    expect(change).toHaveTextContent('"name": "ops-team"');

    await user.type(screen.getByTestId('audit-actor'), 'ana');
    await user.type(screen.getByTestId('audit-action'), 'channel.*');
    await user.type(screen.getByTestId('audit-targetType'), 'channel');
    await waitFor(() => {
      const p = calls.at(-1)!.params;
      expect([p.get('actor'), p.get('action'), p.get('targetType')]).toEqual(['ana', 'channel.*', 'channel']);
    });
  });

  it('pages with the cursor and back', async () => {
    const { calls } = mockApi({ 'GET /audit-log': ({ params }) => (params.get('cursor') === 'p2' ? { entries: [entry('3', { actor: 'carol' })], nextCursor: null } : { entries: [entry('1')], nextCursor: 'p2' }) });
    const user = userEvent.setup();
    renderWithProviders(<AuditLogTable />);
    await user.click(await screen.findByTestId('audit-older'));
    expect(await screen.findByText('carol')).toBeInTheDocument();
    expect(calls.at(-1)!.params.get('cursor')).toBe('p2');
    expect(screen.queryByTestId('audit-older')).toBeNull();
    await user.click(screen.getByTestId('audit-newer'));
    expect(await screen.findByText('ana')).toBeInTheDocument();
  });

  it('is offered to admins only', () => {
    expect(auditFeature.roles).toEqual(['platform_owner', 'owner', 'admin']);
  });
});
