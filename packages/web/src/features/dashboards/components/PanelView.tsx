/**
 * One panel's content by kind: a count, events over time, the top values of a field, or the newest
 * matching events as a table. Every panel opens its query in search.
 */
import { Anchor, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { Panel } from '@vigil/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatValue } from '../../../components/events/fields.ts';
import { formatTimestamp } from '../../../lib/time.ts';
import { Histogram } from '../../search/components/Histogram.tsx';
import { usePanelEvents, usePanelHistogram, usePanelTop } from '../api/dashboards.ts';

/** The search URL of a query and range. */
export function searchHref(query: string, from: string, to: string): string {
  return `/search?${new URLSearchParams({ q: query, from, to }).toString()}`;
}

/** The body of a panel. */
export function PanelView({ panel, height }: { panel: Panel; height: number }) {
  switch (panel.kind) {
    case 'count':
      return <CountPanel panel={panel} />;
    case 'timeseries':
      return <TimeseriesPanel panel={panel} height={height} />;
    case 'top':
      return <TopPanel panel={panel} />;
    case 'table':
      return <TablePanel panel={panel} />;
  }
}

function CountPanel({ panel }: { panel: Panel }) {
  const { data, error } = usePanelHistogram(panel);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loader size="sm" />;
  const total = data.buckets.reduce((n, b) => n + b.count, 0);
  return (
    <Anchor component={Link} to={searchHref(panel.query, panel.from, panel.to)} underline="never">
      <Text fz={36} fw={700} data-testid="panel-count">{total.toLocaleString('en-US')}</Text>
    </Anchor>
  );
}

function TimeseriesPanel({ panel, height }: { panel: Panel; height: number }) {
  const { data, error } = usePanelHistogram(panel);
  const navigate = useNavigate();
  if (error) return <ErrorAlert error={error} />;
  return <Histogram data={data} height={Math.max(80, height)} onZoom={(from, to) => navigate(searchHref(panel.query, new Date(from).toISOString(), new Date(to).toISOString()))} />;
}

function TopPanel({ panel }: { panel: Panel }) {
  const { data, error } = usePanelTop(panel);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loader size="sm" />;
  if (!data.values.length) return <Text size="sm" c="dimmed">No values in this range.</Text>;
  const max = Math.max(...data.values.map((v) => v.count));
  const field = panel.field ?? '';
  return (
    <Stack gap={4} data-testid="panel-top">
      {data.values.map((v) => {
        const text = v.value === null ? '(none)' : String(v.value);
        const q = [panel.query.trim() && `(${panel.query})`, `${field}:${JSON.stringify(text)}`].filter(Boolean).join(' AND ');
        return (
          <Group key={text} gap="xs" wrap="nowrap" justify="space-between" style={{ background: `linear-gradient(90deg, var(--mantine-color-blue-light) ${(v.count / max) * 100}%, transparent 0)` }} px={4}>
            <Anchor component={Link} to={searchHref(q, panel.from, panel.to)} size="sm" truncate="end">{text}</Anchor>
            <Text size="sm" ff="monospace">{v.count.toLocaleString('en-US')}</Text>
          </Group>
        );
      })}
    </Stack>
  );
}

function TablePanel({ panel }: { panel: Panel }) {
  const { data, error } = usePanelEvents(panel);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loader size="sm" />;
  const columns = panel.columns?.length ? panel.columns : ['message'];
  if (!data.events.length) return <Text size="sm" c="dimmed">No events in this range.</Text>;
  return (
    <Table striped fz="xs" data-testid="panel-table">
      <Table.Thead>
        <Table.Tr><Table.Th>Time</Table.Th>{columns.map((c) => <Table.Th key={c}>{c}</Table.Th>)}</Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.events.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}><Anchor component={Link} to={`/search?${new URLSearchParams({ q: panel.query, from: panel.from, to: panel.to, event: e.id }).toString()}`} size="xs">{formatTimestamp(e['@timestamp'])}</Anchor></Table.Td>
            {columns.map((c) => <Table.Td key={c}>{formatValue(e[c])}</Table.Td>)}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
