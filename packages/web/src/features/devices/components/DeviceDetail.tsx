/**
 * One device: identity and status, CPU and memory charts, traffic of a chosen interface, and the
 * interface table with rates and status from the last poll.
 */
import { useState } from 'react';
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatAgo } from '../../../lib/time.ts';
import { useDevice, useDeviceMetrics } from '../api/devices.ts';
import { MetricChart } from './MetricChart.tsx';
import { formatBps, formatUptime, statusColor } from './format.ts';

/** One device: status, charts and interface table. */
export function DeviceDetail({ id }: { id: string }) {
  const { data: d, error, refetch } = useDevice(id);
  const cpu = useDeviceMetrics(id, ['cpu.load_pct']);
  const mem = useDeviceMetrics(id, ['memory.used_pct']);
  const [ifIndex, setIfIndex] = useState<string | undefined>();
  const chosen = ifIndex ?? d?.interfaces.find((i) => i.operStatus === 'up' && i.name !== 'lo')?.ifIndex ?? d?.interfaces[0]?.ifIndex;
  const traffic = useDeviceMetrics(id, ['if.in_bps', 'if.out_bps'], '-1h', chosen);

  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!d) return <Text c="dimmed">Loading…</Text>;
  const latest = (name: string) => d.latest.find((l) => l.name === name)?.value;
  const chosenName = d.interfaces.find((i) => i.ifIndex === chosen)?.name;

  return (
    <Stack gap="md" data-testid="device-detail">
      <Anchor component={Link} to=".." relative="path" size="sm">← All devices</Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={1} size="h3">{d.name}</Title>
            <Badge color={statusColor(d.status)} variant="light">{d.status}</Badge>
          </Group>
          <Text size="sm" c="dimmed">{d.address}:{d.port} · SNMP v{d.version} · profile {d.profile} · every {d.intervalS}s</Text>
          {d.sysDescr && <Text size="sm">{d.sysDescr}</Text>}
          {d.lastError && d.status === 'down' && <Text size="sm" c="red">{d.lastError}</Text>}
        </Stack>
        <SimpleGrid cols={3} spacing="lg">
          <Stack gap={0}><Text size="xs" c="dimmed">Uptime</Text><Text fw={600} data-testid="device-uptime">{formatUptime(d.uptimeS)}</Text></Stack>
          <Stack gap={0}><Text size="xs" c="dimmed">Last poll</Text><Text fw={600}>{d.lastPollAt ? formatAgo(d.lastPollAt) : 'not yet'}</Text></Stack>
          <Stack gap={0}><Text size="xs" c="dimmed">CPU / memory</Text><Text fw={600} data-testid="device-cpu-mem">{latest('cpu.load_pct')?.toFixed(0) ?? '—'} % / {latest('memory.used_pct')?.toFixed(0) ?? '—'} %</Text></Stack>
        </SimpleGrid>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder><Text fw={600} mb="xs">CPU %</Text><MetricChart series={cpu.data?.series ?? []} label="CPU load" unit="%" /></Card>
        <Card withBorder><Text fw={600} mb="xs">Memory used %</Text><MetricChart series={mem.data?.series ?? []} label="Memory used" unit="%" /></Card>
      </SimpleGrid>
      <Card withBorder>
        <Text fw={600} mb="xs">Traffic {chosenName ? `on ${chosenName}` : ''}</Text>
        <MetricChart series={traffic.data?.series ?? []} label="Interface traffic" unit="b/s" format={formatBps} />
      </Card>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" highlightOnHover data-testid="interfaces-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Interface</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Speed</Table.Th>
              <Table.Th>In</Table.Th>
              <Table.Th>Out</Table.Th>
              <Table.Th>Errors in/out</Table.Th>
              <Table.Th>Discards in/out</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.interfaces.map((i) => (
              <Table.Tr key={i.ifIndex} data-testid="interface-row" onClick={() => setIfIndex(i.ifIndex)} style={{ cursor: 'pointer' }} bg={i.ifIndex === chosen ? 'var(--mantine-color-blue-light)' : undefined}>
                <Table.Td><Text size="sm" fw={500}>{i.name}</Text>{i.alias && <Text size="xs" c="dimmed">{i.alias}</Text>}</Table.Td>
                <Table.Td><Badge color={statusColor(i.operStatus)} variant="light">{i.operStatus ?? '?'}</Badge>{i.adminStatus === 'down' && <Text size="xs" c="dimmed">admin down</Text>}</Table.Td>
                <Table.Td>{formatBps(i.speedBps)}</Table.Td>
                <Table.Td>{formatBps(i.inBps)}</Table.Td>
                <Table.Td>{formatBps(i.outBps)}</Table.Td>
                <Table.Td>{i.inErrors ?? '—'} / {i.outErrors ?? '—'}</Table.Td>
                <Table.Td>{i.inDiscards ?? '—'} / {i.outDiscards ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
