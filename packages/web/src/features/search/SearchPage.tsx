/**
 * Search: query bar with completion and located syntax errors, time range, drag-to-zoom histogram,
 * field sidebar with top values, result table with chosen columns, event detail drawer, saved
 * searches and export. The URL holds the query, range, columns and open event.
 */
import { useMemo, useState } from 'react';
import { useLocation } from 'react-router';
import { ActionIcon, Box, Button, Drawer, Grid, Group, Paper, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconLayoutSidebar, IconRefresh } from '@tabler/icons-react';
import type { VigilEvent } from '@vigil/contracts';
import { QueryBar } from '../../components/query/QueryBar.tsx';
import { TimeRangePicker } from '../../components/time/TimeRangePicker.tsx';
import { EventDetailDrawer } from '../../components/events/EventDetailDrawer.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { addFilter } from '../../lib/query-text.ts';
import { humanInterval, pickInterval } from '../../lib/time.ts';
import { useEventsSearch, useFields, useHistogram } from './api/search.ts';
import { DEFAULT_RANGE, useSearchState } from './hooks/useSearchState.ts';
import { Histogram } from './components/Histogram.tsx';
import { FieldSidebar } from './components/FieldSidebar.tsx';
import { ResultTable } from '../../components/events/ResultTable.tsx';
import { ColumnChooser } from './components/ColumnChooser.tsx';
import { ExportMenu } from './components/ExportMenu.tsx';
import { SavedSearchesMenu } from './components/SavedSearchesMenu.tsx';

export function SearchPage() {
  const { q, range, columns, eventId, update } = useSearchState();
  const location = useLocation();
  const [fieldsOpen, setFieldsOpen] = useState(false);
  const interval = useMemo(() => pickInterval(range), [range]);

  const results = useEventsSearch(q, range);
  const histogram = useHistogram(q, range, interval);
  const fields = useFields(q, range);

  const events = useMemo(() => results.data?.pages.flatMap((p) => p.events) ?? [], [results.data]);
  const selected = events.find((e) => e.id === eventId) ?? null;
  const total = histogram.data?.buckets.reduce((n, b) => n + b.count, 0);
  const syntaxError = results.error?.code === 'VIGIL_ERR_QUERY_SYNTAX' ? results.error : null;

  const filter = (field: string, value: unknown, exclude: boolean) => update({ q: addFilter(q, field, value, exclude) });
  const toggleColumn = (field: string) => update({ columns: columns.includes(field) ? columns.filter((c) => c !== field) : [...columns, field] });
  const refresh = () => {
    void results.refetch();
    void histogram.refetch();
    void fields.refetch();
  };

  const sidebar = (
    <FieldSidebar
      fields={fields.data?.fields ?? []}
      loading={fields.isFetching}
      q={q}
      range={range}
      columns={columns}
      onFilter={(f, v, ex) => {
        setFieldsOpen(false);
        filter(f, v, ex);
      }}
      onToggleColumn={toggleColumn}
    />
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={1} size="h2">Search</Title>
        <Group gap="xs">
          <SavedSearchesMenu
            current={{ q, range, columns }}
            onOpen={(s) => update({ q: s.query, range: { from: s.from ?? DEFAULT_RANGE.from, to: s.to ?? DEFAULT_RANGE.to }, columns: s.columns?.length ? s.columns : undefined, eventId: null })}
          />
          <ColumnChooser fields={(fields.data?.fields ?? []).map((f) => f.name)} columns={columns} onChange={(cols) => update({ columns: cols })} />
          <ExportMenu q={q} range={range} columns={columns} />
        </Group>
      </Group>

      <QueryBar
        value={q}
        onSubmit={(next) => (next === q ? refresh() : update({ q: next, eventId: null }))}
        error={syntaxError}
        range={range}
        autoFocus={!!(location.state as { focusSearch?: boolean } | null)?.focusSearch || !q}
        rightSection={
          <Group gap="xs" wrap="nowrap">
            <TimeRangePicker value={range} onChange={(r) => update({ range: r })} />
            <Tooltip label="Refresh">
              <ActionIcon variant="default" size={36} onClick={refresh} aria-label="Refresh results" loading={results.isFetching && !results.isFetchingNextPage}>
                <IconRefresh size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
        }
      />

      {syntaxError ? (
        <Paper withBorder p="xl" radius="md" data-testid="fix-query">
          <Stack align="center" gap={4}>
            <Text fw={500}>Fix the query to see results</Text>
            <Text size="sm" c="dimmed">Open the syntax help (?) for examples of every construct.</Text>
          </Stack>
        </Paper>
      ) : (
        <>
        <Paper withBorder p="sm" radius="md">
          <Group justify="space-between" mb={4}>
            <Text size="sm" fw={600} data-testid="result-count">
              {total === undefined ? '…' : `${total.toLocaleString()} ${total === 1 ? 'event' : 'events'}`}
            </Text>
            <Text size="xs" c="dimmed">
              {humanInterval(histogram.data?.interval ?? interval)} per bar · drag to zoom
            </Text>
          </Group>
          {histogram.error && !syntaxError ? <ErrorAlert error={histogram.error} onRetry={() => void histogram.refetch()} /> : <Histogram data={histogram.data} onZoom={(a, b) => update({ range: { from: new Date(a).toISOString(), to: new Date(b).toISOString() } })} />}
        </Paper>

        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 3 }} visibleFrom="md">
            <Paper withBorder p="sm" radius="md">{sidebar}</Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 9 }}>
            <Paper withBorder radius="md" p={0}>
              <Box hiddenFrom="md" p="xs">
                <Button size="xs" variant="default" leftSection={<IconLayoutSidebar size={14} />} onClick={() => setFieldsOpen(true)}>
                  Fields
                </Button>
              </Box>
              {results.error && !syntaxError && (
                <Box p="sm">
                  <ErrorAlert error={results.error} title="Search failed" onRetry={() => void results.refetch()} />
                </Box>
              )}
              {results.isLoading ? (
                <Stack p="sm" gap="xs">
                  {Array.from({ length: 8 }, (_, i) => <Skeleton key={i} h={22} />)}
                </Stack>
              ) : events.length === 0 && !results.error ? (
                <Stack align="center" p="xl" gap={4} data-testid="no-results">
                  <Text fw={500}>No events match</Text>
                  <Text size="sm" c="dimmed">Widen the time range or simplify the query.</Text>
                </Stack>
              ) : (
                <ResultTable
                  events={events}
                  columns={columns}
                  selectedId={eventId}
                  onOpen={(ev: VigilEvent) => update({ eventId: ev.id })}
                  hasMore={!!results.hasNextPage}
                  loadingMore={results.isFetchingNextPage}
                  onLoadMore={() => void results.fetchNextPage()}
                />
              )}
            </Paper>
          </Grid.Col>
        </Grid>
        </>
      )}

      <Drawer opened={fieldsOpen} onClose={() => setFieldsOpen(false)} title="Fields" size="xs" hiddenFrom="md">
        {sidebar}
      </Drawer>

      <EventDetailDrawer eventId={eventId} event={selected} onClose={() => update({ eventId: null })} onFilter={(f, v, ex) => { update({ q: addFilter(q, f, v, ex), eventId: null }); }} />
    </Stack>
  );
}
