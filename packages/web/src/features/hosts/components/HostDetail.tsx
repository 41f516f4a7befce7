/**
 * One host: status and identity, CPU / memory / load / network / disk charts, the current snapshot,
 * the timeline of changes, and revoke or delete for admins.
 */
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { MetricSeries } from '@vigil/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatAgo } from '../../../lib/time.ts';
import { MetricChart } from '../../devices/components/MetricChart.tsx';
import { formatBps, formatUptime } from '../../devices/components/format.ts';
import { useDeleteHost, useHost, useHostMetrics, useHostTimeline, useRevokeHost } from '../api/hosts.ts';
import { SnapshotView } from './SnapshotView.tsx';
import { hostStatusColor, pct } from './format.ts';

/** The detail page of one host. */
export function HostDetail({ id, canAdmin }: { id: string; canAdmin: boolean }) {
  const { data: h, error, refetch } = useHost(id);
  const cpu = useHostMetrics(id, ['cpu.load_pct']);
  const mem = useHostMetrics(id, ['memory.used_pct', 'swap.used_pct']);
  const load = useHostMetrics(id, ['load.1m', 'load.5m', 'load.15m']);
  const net = useHostMetrics(id, ['net.in_bps', 'net.out_bps']);
  const disk = useHostMetrics(id, ['disk.used_pct']);
  const timeline = useHostTimeline(id);
  const revoke = useRevokeHost();
  const remove = useDeleteHost();
  const navigate = useNavigate();

  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!h) return <Text c="dimmed">Loading…</Text>;
  const rename = (label: (l: Record<string, string>, name: string) => string) => (s: MetricSeries) => ({ ...s, labels: { ...s.labels, ifName: label(s.labels, s.name) } });
  return (
    <Stack gap="md" data-testid="host-detail">
      <Anchor component={Link} to=".." relative="path" size="sm">← All hosts</Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={1} size="h3">{h.name}</Title>
            <Badge color={hostStatusColor(h.status)} variant="light" data-testid="host-status">{h.status}</Badge>
            {h.tags.map((t) => <Badge key={t} variant="outline">{t}</Badge>)}
          </Group>
          <Text size="sm" c="dimmed">{h.os.name ?? 'unknown OS'}{h.os.kernel ? ` · kernel ${h.os.kernel}` : ''}{h.os.arch ? ` · ${h.os.arch}` : ''} · agent {h.agentVersion ?? '?'}{h.address ? ` · from ${h.address}` : ''}</Text>
          {h.skewMs !== null && Math.abs(h.skewMs) > 120_000 && <Text size="sm" c="orange">Clock off by {Math.round(h.skewMs / 1000)} s</Text>}
        </Stack>
        <SimpleGrid cols={4} spacing="lg">
          <Stack gap={0}><Text size="xs" c="dimmed">Last seen</Text><Text fw={600}>{h.lastSeenAt ? formatAgo(h.lastSeenAt) : 'never'}</Text></Stack>
          <Stack gap={0}><Text size="xs" c="dimmed">Uptime</Text><Text fw={600}>{formatUptime(h.latest.uptimeS)}</Text></Stack>
          <Stack gap={0}><Text size="xs" c="dimmed">CPU / memory</Text><Text fw={600} data-testid="host-cpu-mem">{pct(h.latest.cpuPct)} / {pct(h.latest.memoryPct)}</Text></Stack>
          <Stack gap={0}><Text size="xs" c="dimmed">Open alerts</Text><Text fw={600} c={h.openAlerts ? 'red' : undefined}>{h.openAlerts}</Text></Stack>
        </SimpleGrid>
      </Group>
      {canAdmin && (
        <Group gap="xs">
          {h.status !== 'revoked' && <Button size="xs" color="red" variant="light" loading={revoke.isPending} onClick={() => revoke.mutate(h.id, { onSuccess: () => void refetch() })} data-testid="revoke-host">Revoke</Button>}
          <Button size="xs" color="red" variant="subtle" loading={remove.isPending} onClick={() => remove.mutate(h.id, { onSuccess: () => void navigate('..', { relative: 'path' }) })} data-testid="delete-host">Delete</Button>
          {(revoke.error || remove.error) && <ErrorAlert error={(revoke.error ?? remove.error)!} />}
        </Group>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder><Text fw={600} mb="xs">CPU %</Text><MetricChart series={cpu.data?.series ?? []} label="CPU" unit="%" /></Card>
        <Card withBorder><Text fw={600} mb="xs">Memory and swap used %</Text><MetricChart series={mem.data?.series ?? []} label="Memory" unit="%" /></Card>
        <Card withBorder><Text fw={600} mb="xs">Load</Text><MetricChart series={load.data?.series ?? []} label="Load" unit="" /></Card>
        <Card withBorder><Text fw={600} mb="xs">Network</Text><MetricChart series={(net.data?.series ?? []).map(rename((l, name) => `${l.interface ?? ''} ${name === 'net.in_bps' ? 'in' : 'out'}`))} label="Network" unit="b/s" format={formatBps} /></Card>
        <Card withBorder><Text fw={600} mb="xs">Disk used % by mount</Text><MetricChart series={(disk.data?.series ?? []).map(rename((l) => l.mount ?? ''))} label="Disk" unit="%" /></Card>
      </SimpleGrid>
      <Card withBorder>
        <Text fw={600} mb="xs">Current snapshot{h.snapshotAt ? ` (${formatAgo(h.snapshotAt)})` : ''}</Text>
        <SnapshotView snapshot={h.snapshot} />
      </Card>
      <Card withBorder>
        <Text fw={600} mb="xs">Changes</Text>
        {timeline.error && <ErrorAlert error={timeline.error} />}
        {!timeline.data?.events.length ? (
          <Text size="sm" c="dimmed">No changes seen in the last 7 days.</Text>
        ) : (
          <Table verticalSpacing={4} fz="sm" data-testid="host-timeline">
            <Table.Tbody>
              {timeline.data.events.map((e) => (
                <Table.Tr key={String(e.id)}>
                  <Table.Td><Text size="xs" c="dimmed">{formatAgo(String(e['@timestamp']))}</Text></Table.Td>
                  <Table.Td><Badge size="sm" variant="light">{String(e['event.dataset'] ?? '').replace(/^agent\./, '')}</Badge></Table.Td>
                  <Table.Td>{String(e.message ?? e['event.action'] ?? '')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
