/**
 * The alert list: filters in the URL, newest activity first, bulk actions on a selection, "load more".
 * On a narrow screen the filters fold into a drawer and each alert is a card with ack/resolve buttons.
 */
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Badge, Box, Button, Center, Drawer, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAdjustmentsHorizontal } from '@tabler/icons-react';
import type { Alert } from '@vigil/contracts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useAlerts } from './api/alerts.ts';
import { activeFilterCount, readFilters, writeFilters, type AlertFilters } from './lib/alert-filters.ts';
import { AlertFiltersForm } from './components/AlertFiltersForm.tsx';
import { AlertCards, AlertTable } from './components/AlertTable.tsx';
import { BulkActions } from './components/BulkActions.tsx';

export function AlertListPage() {
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const filters = useMemo(() => readFilters(sp), [sp]);
  const narrow = useMediaQuery('(max-width: 48em)');
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const list = useAlerts(filters);
  const alerts = useMemo(() => list.data?.pages.flatMap((p) => p.alerts) ?? [], [list.data]);

  const setFilters = (f: AlertFilters) => {
    setSelected(new Set());
    setSp(writeFilters(f), { replace: true });
  };
  const select = (ids: string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) if (on) next.add(id); else next.delete(id);
      return next;
    });
  const open = (a: Alert) => navigate(`/alerts/${encodeURIComponent(a.id)}`);
  const shownSelected = alerts.filter((a) => selected.has(a.id)).map((a) => a.id);
  const count = activeFilterCount(filters);
  const form = <AlertFiltersForm filters={filters} onChange={setFilters} />;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={1} size="h2">Alerts</Title>
        <Button hiddenFrom="sm" variant="default" leftSection={<IconAdjustmentsHorizontal size={16} />} onClick={() => setFiltersOpen(true)} rightSection={count ? <Badge size="xs" circle>{count}</Badge> : undefined}>
          Filters
        </Button>
      </Group>

      <Paper withBorder p="sm" radius="md" visibleFrom="sm">{form}</Paper>
      <Drawer opened={filtersOpen && !!narrow} onClose={() => setFiltersOpen(false)} title="Filter alerts" position="bottom" size="auto" hiddenFrom="sm">
        {form}
      </Drawer>

      <BulkActions ids={shownSelected} onDone={() => setSelected(new Set())} />

      {list.error && <ErrorAlert error={list.error} title="Could not load alerts" onRetry={() => void list.refetch()} />}
      {list.isLoading ? (
        <Stack gap="xs">{Array.from({ length: 6 }, (_, i) => <Skeleton key={i} h={40} />)}</Stack>
      ) : alerts.length === 0 && !list.error ? (
        <Paper withBorder p="xl" radius="md" data-testid="no-alerts">
          <Stack align="center" gap={4}>
            <Text fw={500}>No alerts match</Text>
            <Text size="sm" c="dimmed" ta="center">Alerts appear here when a rule fires. Change the filters, or see the rules that are enabled.</Text>
          </Stack>
        </Paper>
      ) : narrow ? (
        <AlertCards alerts={alerts} selected={selected} onSelect={select} onOpen={open} />
      ) : (
        <Paper withBorder radius="md" p={0}>
          <AlertTable alerts={alerts} selected={selected} onSelect={select} onOpen={open} />
        </Paper>
      )}
      {alerts.length > 0 && (
        <Center>
          {list.hasNextPage ? (
            <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              Load more
            </Button>
          ) : (
            <Box><Text size="xs" c="dimmed">{alerts.length.toLocaleString()} {alerts.length === 1 ? 'alert' : 'alerts'}</Text></Box>
          )}
        </Center>
      )}
    </Stack>
  );
}
