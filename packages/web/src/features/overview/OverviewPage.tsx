/**
 * Overview: open alerts by severity, events per second, top sources and datasets, severity breakdown
 * and ingest health, refreshed every few seconds.
 */
import { useMemo, useState } from 'react';
import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { TimeRangePicker } from '../../components/time/TimeRangePicker.tsx';
import { humanInterval, intervalMs, pickInterval, type TimeRange } from '../../lib/time.ts';
import { OVERVIEW_REFRESH_MS, useInputs, useRateHistogram, useTop } from './api/overview.ts';
import { RateChart } from './components/RateChart.tsx';
import { TopList } from './components/TopList.tsx';
import { SeverityBreakdown } from './components/SeverityBreakdown.tsx';
import { IngestHealth } from './components/IngestHealth.tsx';
import { StatCard } from './components/StatCard.tsx';
import { OpenAlerts } from './components/OpenAlerts.tsx';

function Panel({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Title order={2} size="h5" mb="sm">{title}</Title>
      {children}
    </Paper>
  );
}

export function OverviewPage() {
  const [range, setRange] = useState<TimeRange>({ from: '-1h', to: 'now' });
  const interval = useMemo(() => pickInterval(range, 120), [range]);
  const histogram = useRateHistogram(range, interval);
  const sources = useTop(range, 'source.ip');
  const datasets = useTop(range, 'event.dataset');
  const hosts = useTop(range, 'host.name');
  const severities = useTop(range, 'vigil.severity', 5);
  const inputs = useInputs();

  const buckets = histogram.data?.buckets ?? [];
  const total = buckets.reduce((n, b) => n + b.count, 0);
  const bucketSecs = (intervalMs(histogram.data?.interval ?? interval) || 60_000) / 1000;
  // The newest bucket is still filling; the rate "now" is the last complete one.
  const lastFull = buckets.length >= 2 ? buckets[buckets.length - 2].count : (buckets[0]?.count ?? 0);
  const eps = lastFull / bucketSecs;
  const sevCount = (s: string) => severities.data?.values.find((v) => v.value === s)?.count ?? 0;
  const highPlus = sevCount('high') + sevCount('critical');
  const parseFailures = inputs.inputs.reduce((n, i) => n + (i.parseFailures ?? 0), 0);
  const lost = inputs.inputs.reduce((n, i) => n + (i.dropped ?? 0) + (i.failed ?? 0), 0);

  const firstError = histogram.error ?? sources.error ?? inputs.error;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Stack gap={0}>
          <Title order={1} size="h2">Overview</Title>
          <Text size="xs" c="dimmed">Refreshes every {OVERVIEW_REFRESH_MS / 1000} s</Text>
        </Stack>
        <TimeRangePicker value={range} onChange={setRange} relativeOnly />
      </Group>
      {firstError && <ErrorAlert error={firstError} onRetry={() => void histogram.refetch()} />}
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing={{ base: 'xs', sm: 'md' }}>
        <StatCard label="Events in range" value={total.toLocaleString()} hint={`${humanInterval(histogram.data?.interval ?? interval)} buckets`} />
        <StatCard label="Events per second" value={eps < 10 ? eps.toFixed(2) : Math.round(eps).toLocaleString()} hint="last complete bucket" />
        <StatCard label="High and critical" value={highPlus.toLocaleString()} color={highPlus > 0 ? 'red' : undefined} hint="events in range" />
        <StatCard label="Ingest problems" value={(lost + parseFailures).toLocaleString()} color={lost > 0 ? 'red' : parseFailures > 0 ? 'orange' : undefined} hint={`${lost.toLocaleString()} lost · ${parseFailures.toLocaleString()} unparsed`} />
      </SimpleGrid>
      <Panel title="Open alerts by severity" testId="panel-alerts">
        <OpenAlerts />
      </Panel>
      <Panel title="Events per second" testId="panel-rate">
        <RateChart data={histogram.data} interval={interval} />
      </Panel>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <Panel title="Top sources" testId="panel-sources">
          <TopList data={sources.data} loading={sources.isLoading} range={range} empty="No events with source.ip in this range." />
        </Panel>
        <Panel title="Top datasets" testId="panel-datasets">
          <TopList data={datasets.data} loading={datasets.isLoading} range={range} />
        </Panel>
        <Panel title="Top hosts" testId="panel-hosts">
          <TopList data={hosts.data} loading={hosts.isLoading} range={range} />
        </Panel>
      </SimpleGrid>
      <Panel title="Severity" testId="panel-severity">
        <SeverityBreakdown data={severities.data} range={range} />
      </Panel>
      <Panel title="Ingest health" testId="panel-ingest">
        {inputs.error ? <ErrorAlert error={inputs.error} /> : <IngestHealth inputs={inputs.inputs} />}
      </Panel>
    </Stack>
  );
}
