import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LivePage } from './LivePage.tsx';
import { renderWithProviders } from '../../test/render.tsx';
import { FakeEventSource } from '../../test/fake-event-source.ts';
import { mockApi } from '../../test/mock-api.ts';

let seq = 0;
function event(message: string, severity = 'info') {
  seq++;
  return { id: `01J${String(seq).padStart(10, '0')}`, '@timestamp': new Date().toISOString(), 'event.ingested': new Date().toISOString(), message, 'vigil.severity': severity, 'event.dataset': 'sshd', 'host.name': 'web-1' };
}

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  mockApi({
    'GET /events': () => ({ events: [], nextCursor: null }),
    'GET /events/fields': () => ({ fields: [] }),
  });
});

afterEach(() => vi.unstubAllGlobals());

async function emit(stream: FakeEventSource, ...events: ReturnType<typeof event>[]) {
  act(() => {
    for (const e of events) stream.emit('event', e);
  });
  // The hook flushes arrivals in 100 ms batches.
  await act(async () => {
    await new Promise((r) => setTimeout(r, 150));
  });
}

describe('LivePage', () => {
  it('subscribes to the event stream and shows arrivals newest first', async () => {
    renderWithProviders(<LivePage />);
    const stream = FakeEventSource.latest();
    expect(stream.url).toBe('/api/v1/stream?topics=events');
    act(() => stream.open());
    expect(screen.getByTestId('stream-status')).toHaveTextContent('Live');
    await emit(stream, event('first'), event('second', 'critical'));
    const rows = screen.getAllByTestId('live-event');
    expect(rows.map((r) => within(r).getByTitle(/first|second/).textContent)).toEqual(['second', 'first']);
    expect(within(rows[0]).getByLabelText('severity critical')).toBeInTheDocument();
  });

  it('shows how many events the server skipped for a slow reader', async () => {
    renderWithProviders(<LivePage />);
    const stream = FakeEventSource.latest();
    act(() => stream.open());
    expect(screen.queryByTestId('dropped-notice')).toBeNull();
    act(() => stream.emit('dropped', { count: 120 }));
    act(() => stream.emit('dropped', { count: 5 }));
    expect(screen.getByTestId('dropped-notice')).toHaveTextContent('125 skipped');
  });

  it('counts what arrives while paused and shows it on resume', async () => {
    const user = userEvent.setup();
    renderWithProviders(<LivePage />);
    const stream = FakeEventSource.latest();
    act(() => stream.open());
    await emit(stream, event('before pause'));
    expect(screen.getAllByTestId('live-event')).toHaveLength(1);

    await user.click(screen.getByTestId('pause-button'));
    expect(screen.getByTestId('stream-status')).toHaveTextContent('Paused');
    await emit(stream, event('held 1'), event('held 2'));
    await emit(stream, event('held 3'));
    expect(screen.getByTestId('pending-count')).toHaveTextContent('3');
    expect(screen.getByTestId('paused-banner')).toHaveTextContent('3 new events since pausing');
    expect(screen.getAllByTestId('live-event')).toHaveLength(1);

    await user.click(screen.getByTestId('pause-button'));
    expect(screen.queryByTestId('paused-banner')).not.toBeInTheDocument();
    const titles = screen.getAllByTestId('live-event').map((r) => within(r).getByTitle(/held|before/).textContent);
    expect(titles).toEqual(['held 3', 'held 2', 'held 1', 'before pause']);
  });

  it('pauses and resumes with the space bar', async () => {
    renderWithProviders(<LivePage />);
    const stream = FakeEventSource.latest();
    act(() => stream.open());
    fireEvent.keyDown(document.documentElement, { key: ' ', code: 'Space' });
    expect(screen.getByTestId('stream-status')).toHaveTextContent('Paused');
    await emit(stream, event('while paused'));
    expect(screen.getByTestId('pending-count')).toHaveTextContent('1');
    fireEvent.keyDown(document.documentElement, { key: ' ', code: 'Space' });
    await waitFor(() => expect(screen.getAllByTestId('live-event')).toHaveLength(1));
  });

  it('re-subscribes with the filter query after checking it', async () => {
    const user = userEvent.setup();
    renderWithProviders(<LivePage />);
    await user.type(screen.getByRole('combobox', { name: 'Filter live events' }), 'vigil.severity:>=high{Escape}{Enter}');
    await waitFor(() => expect(FakeEventSource.latest().url).toBe('/api/v1/stream?topics=events&q=vigil.severity%3A%3E%3Dhigh'));
  });
});
