/**
 * Live feed: events as they arrive over SSE, filterable by a query, pausable (Space) with a count of
 * what arrived while paused.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Badge, Button, Group, Indicator, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconPlayerPause, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import type { VigilEvent } from '@vigil/contracts';
import { apiFetch } from '../../api/api.ts';
import { QueryBar } from '../../components/query/QueryBar.tsx';
import { EventDetailDrawer } from '../../components/events/EventDetailDrawer.tsx';
import { quoteValue } from '../../lib/query-text.ts';
import { useEventStream, type StreamStatus } from './hooks/useEventStream.ts';
import { useRate } from './hooks/useRate.ts';
import { LiveEventList, isAlertEvent } from './components/LiveEventList.tsx';

const STATUS: Record<StreamStatus, { color: string; label: string }> = {
  connecting: { color: 'yellow', label: 'Connecting' },
  live: { color: 'green', label: 'Live' },
  reconnecting: { color: 'orange', label: 'Reconnecting' },
  closed: { color: 'gray', label: 'Stopped' },
};

const LIVE_RANGE = { from: '-1h', to: 'now' };

export function LivePage() {
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [queryError, setQueryError] = useState<unknown>(null);
  const [paused, setPaused] = useState(false);
  const [selected, setSelected] = useState<VigilEvent | null>(null);
  const { events, pendingCount, status, received, freshIds, dropped, clear } = useEventStream({ query, paused });
  const rate = useRate(received);

  useHotkeys([['space', () => setPaused((p) => !p)]]);

  const applyQuery = async (q: string) => {
    if (q === query) return;
    if (q) {
      // The stream cannot report a syntax error readably; check the query with a one-event search first.
      try {
        await apiFetch('/events', { params: { q, limit: 1, from: '-1m', to: 'now' } });
      } catch (err) {
        setQueryError(err);
        return;
      }
    }
    setQueryError(null);
    clear();
    setQuery(q);
  };

  const st = STATUS[status];

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm">
          <Title order={1} size="h2">Live feed</Title>
          <Tooltip label={`Stream ${st.label.toLowerCase()}`}>
            <Badge color={st.color} variant="dot" size="lg" data-testid="stream-status" aria-live="polite">
              {paused ? 'Paused' : st.label}
            </Badge>
          </Tooltip>
          <Text size="sm" c="dimmed" aria-label="events per second">
            {rate.toFixed(1)} events/s
          </Text>
          {dropped > 0 && (
            <Tooltip label="The server skipped these because this page read the stream too slowly; search shows every event.">
              <Badge color="orange" variant="light" data-testid="dropped-notice" role="status">
                {dropped} skipped
              </Badge>
            </Tooltip>
          )}
        </Group>
        <Group gap="xs">
          <Indicator label={pendingCount > 999 ? '999+' : pendingCount} size={18} disabled={!paused || pendingCount === 0} color="red">
            <Button
              onClick={() => setPaused((p) => !p)}
              variant={paused ? 'filled' : 'default'}
              leftSection={paused ? <IconPlayerPlay size={16} /> : <IconPlayerPause size={16} />}
              aria-pressed={paused}
              data-testid="pause-button"
            >
              {paused ? 'Resume' : 'Pause'}
            </Button>
          </Indicator>
          <Button variant="default" leftSection={<IconTrash size={16} />} onClick={clear}>
            Clear
          </Button>
        </Group>
      </Group>

      <QueryBar value={query} onSubmit={(q) => void applyQuery(q)} error={queryError} range={LIVE_RANGE} label="Filter live events" placeholder="Filter the feed, e.g. vigil.severity:>=high" />

      {paused && (
        <Paper withBorder p="xs" radius="md" bg="var(--mantine-color-yellow-light)" role="status" data-testid="paused-banner">
          <Group justify="space-between">
            <Text size="sm">
              Paused — <b data-testid="pending-count">{pendingCount}</b> new {pendingCount === 1 ? 'event' : 'events'} since pausing.
            </Text>
            <Button size="xs" onClick={() => setPaused(false)}>Show them</Button>
          </Group>
        </Paper>
      )}

      {events.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Stack align="center" gap={4}>
            <Text fw={500}>Waiting for events…</Text>
            <Text size="sm" c="dimmed" ta="center">
              New events {query ? 'matching the filter ' : ''}appear here as soon as they are ingested. Send one with <code>npx vigil send</code> or <code>logger</code>.
            </Text>
          </Stack>
        </Paper>
      ) : (
        <LiveEventList events={events} freshIds={freshIds} onOpen={(ev) => (isAlertEvent(ev) ? navigate(`/alerts/${encodeURIComponent(String(ev['vigil.alert.id']))}`) : setSelected(ev))} />
      )}
      <Text size="xs" c="dimmed">
        Showing the latest {events.length} events. Press <b>Space</b> to pause, <b>/</b> to filter.
      </Text>

      <EventDetailDrawer
        eventId={selected?.id ?? null}
        event={selected}
        onClose={() => setSelected(null)}
        onOpenInSearch={(ev) => navigate(`/search?q=${encodeURIComponent(`id:${quoteValue(ev.id)}`)}&from=-24h&to=now`)}
      />
    </Stack>
  );
}

