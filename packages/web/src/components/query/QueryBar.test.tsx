import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { QueryBar } from './QueryBar.tsx';
import { ApiError } from '../../api/api-error.ts';
import { renderWithProviders } from '../../test/render.tsx';
import { mockApi } from '../../test/mock-api.ts';

afterEach(() => vi.unstubAllGlobals());

const RANGE = { from: '-1h', to: 'now' };

function Harness({ onSubmit, error }: { onSubmit: (q: string) => void; error?: unknown }) {
  const [q, setQ] = useState('');
  return (
    <QueryBar
      value={q}
      range={RANGE}
      error={error}
      onSubmit={(next) => {
        setQ(next);
        onSubmit(next);
      }}
    />
  );
}

function routes() {
  return mockApi({
    'GET /events/fields': () => ({ fields: [{ name: 'host.name', type: 'keyword', count: 42 }, { name: 'host.ip', type: 'ip', count: 40 }, { name: 'source.ip', type: 'ip', count: 7 }] }),
    'GET /events/top': ({ params }) => ({ field: params.get('field'), values: [{ value: 'web-1', count: 30 }, { value: 'web-2', count: 12 }, { value: 'db-1', count: 3 }] }),
  });
}

describe('QueryBar', () => {
  it('submits the trimmed query on Enter', async () => {
    routes();
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<Harness onSubmit={onSubmit} />);
    const input = screen.getByRole('combobox', { name: 'Query' });
    await user.type(input, '  failed password {Escape}');
    await user.type(input, '{Enter}');
    expect(onSubmit).toHaveBeenCalledWith('failed password');
  });

  it('completes field names from the fields API with Tab', async () => {
    const { calls } = routes();
    const user = userEvent.setup();
    renderWithProviders(<Harness onSubmit={vi.fn()} />);
    const input = screen.getByRole('combobox', { name: 'Query' });
    await user.type(input, 'host.n');
    expect(await screen.findByRole('option', { name: /host\.name/ })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /source\.ip/ })).not.toBeInTheDocument();
    await user.keyboard('{Tab}');
    expect(input).toHaveValue('host.name:');
    expect(calls.some((c) => c.path === '/events/fields' && c.params.get('from') === '-1h')).toBe(true);
  });

  it('completes values of the field before the colon, quoted', async () => {
    const { calls } = routes();
    const user = userEvent.setup();
    renderWithProviders(<Harness onSubmit={vi.fn()} />);
    const input = screen.getByRole('combobox', { name: 'Query' });
    await user.type(input, 'host.name:we');
    const option = await screen.findByRole('option', { name: /web-2/ });
    expect(screen.queryByRole('option', { name: /db-1/ })).not.toBeInTheDocument();
    await user.click(option);
    await waitFor(() => expect(input).toHaveValue('host.name:"web-2" '));
    expect(calls.find((c) => c.path === '/events/top')?.params.get('field')).toBe('host.name');
  });

  it('offers severities for vigil.severity without asking the server', async () => {
    const { calls } = routes();
    const user = userEvent.setup();
    renderWithProviders(<Harness onSubmit={vi.fn()} />);
    await user.type(screen.getByRole('combobox', { name: 'Query' }), 'vigil.severity:cr');
    expect(await screen.findByRole('option', { name: 'critical' })).toBeInTheDocument();
    expect(calls.some((c) => c.path === '/events/top')).toBe(false);
  });

  it('points at the column of a syntax error', async () => {
    routes();
    const err = new ApiError(400, 'VIGIL_ERR_QUERY_SYNTAX', 'Unexpected end of query: expected a value', { position: 10, line: 1, column: 11 });
    const user = userEvent.setup();
    renderWithProviders(<Harness onSubmit={vi.fn()} error={err} />);
    const input = screen.getByRole('combobox', { name: 'Query' });
    await user.type(input, 'host.name:{Enter}');
    const alert = screen.getByTestId('query-error');
    expect(alert).toHaveTextContent('Syntax error at column 11: Unexpected end of query: expected a value');
    const caretBlock = screen.getByLabelText('Error position, column 11');
    expect(caretBlock.textContent).toBe(`host.name:\n${' '.repeat(10)}^`);
    expect(input).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows the syntax help and runs a picked example', async () => {
    routes();
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<Harness onSubmit={onSubmit} />);
    await user.click(screen.getByRole('button', { name: 'Query syntax help' }));
    await user.click(await screen.findByRole('button', { name: 'Use example source.ip:10.0.0.0/8' }));
    expect(onSubmit).toHaveBeenCalledWith('source.ip:10.0.0.0/8');
  });
});
