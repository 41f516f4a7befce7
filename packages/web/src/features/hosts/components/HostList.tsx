/**
 * The fleet: status, name, OS, tags, last seen, CPU and memory now and over the last hour, open
 * alerts; admins add hosts.
 */
import { useState } from 'react';
import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { HostSummary } from '@vigil/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatAgo } from '../../../lib/time.ts';
import { useHostMetrics, useHosts } from '../api/hosts.ts';
import { AddHostModal } from './AddHostModal.tsx';
import { Sparkline } from './Sparkline.tsx';
import { hostStatusColor, pct } from './format.ts';

/** Rows that draw sparklines (each is one metrics request every 30 s). */
const SPARKLINE_ROWS = 50;

function Sparks({ host, show }: { host: HostSummary; show: boolean }) {
  const m = useHostMetrics(host.id, ['cpu.load_pct', 'memory.used_pct'], '-1h', { step: '2m', enabled: show && host.status !== 'revoked' });
  const s = (name: string) => m.data?.series.find((x) => x.name === name);
  return (
    <>
      <Table.Td>
        <Group gap={6} wrap="nowrap"><Text size="sm" w={44}>{pct(host.latest.cpuPct)}</Text>{show && <Sparkline series={s('cpu.load_pct')} label="CPU" />}</Group>
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap"><Text size="sm" w={44}>{pct(host.latest.memoryPct)}</Text>{show && <Sparkline series={s('memory.used_pct')} label="Memory" color="#f76707" />}</Group>
      </Table.Td>
    </>
  );
}

/** The hosts table with the Add host flow for admins. */
export function HostList({ canAdmin }: { canAdmin: boolean }) {
  const { hosts, error, isLoading, refetch } = useHosts();
  const [adding, setAdding] = useState(false);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={1} size="h3">Hosts</Title>
          <Text size="sm" c="dimmed">Servers running the Vigil agent: metrics, security snapshots and logs.</Text>
        </Stack>
        {canAdmin && <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="add-host">Add host</Button>}
      </Group>
      {error && <ErrorAlert error={error} onRetry={() => void refetch()} />}
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="sm" highlightOnHover data-testid="hosts-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Status</Table.Th>
              <Table.Th>Host</Table.Th>
              <Table.Th>OS</Table.Th>
              <Table.Th>Tags</Table.Th>
              <Table.Th>Last seen</Table.Th>
              <Table.Th>CPU</Table.Th>
              <Table.Th>Memory</Table.Th>
              <Table.Th>Alerts</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {hosts.map((h, i) => (
              <Table.Tr key={h.id} data-testid="host-row">
                <Table.Td><Badge color={hostStatusColor(h.status)} variant="light">{h.status}</Badge></Table.Td>
                <Table.Td>
                  <Link to={h.id}>{h.name}</Link>
                  {h.hostGroup && <Text size="xs" c="dimmed">{h.hostGroup}</Text>}
                </Table.Td>
                <Table.Td><Text size="sm">{h.os.name ?? '—'}</Text>{h.os.kernel && <Text size="xs" c="dimmed">{h.os.kernel}</Text>}</Table.Td>
                <Table.Td><Group gap={4}>{h.tags.map((t) => <Badge key={t} size="sm" variant="outline">{t}</Badge>)}</Group></Table.Td>
                <Table.Td>{h.lastSeenAt ? formatAgo(h.lastSeenAt) : 'never'}</Table.Td>
                <Sparks host={h} show={i < SPARKLINE_ROWS} />
                <Table.Td>{h.openAlerts ? <Badge color="red" data-testid="host-alerts">{h.openAlerts}</Badge> : <Text size="sm" c="dimmed">0</Text>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!isLoading && !hosts.length && !error && <Text c="dimmed" data-testid="hosts-empty">No hosts yet. {canAdmin ? 'Add one: the install command enrolls it in a minute.' : ''}</Text>}
      {adding && <AddHostModal opened onClose={() => setAdding(false)} />}
    </Stack>
  );
}
