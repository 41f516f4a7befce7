/**
 * The devices table: status, address, profile, last poll, uptime and interfaces up; admins add,
 * edit and delete.
 */
import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Menu, Stack, Table, Text, Title } from '@mantine/core';
import { IconDots, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { DeviceSummary } from '@vigil/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatAgo } from '../../../lib/time.ts';
import { useDeleteDevice, useDevices } from '../api/devices.ts';
import { DeviceForm } from './DeviceForm.tsx';
import { formatUptime, statusColor } from './format.ts';
import { TrapCredentialsPanel } from './TrapCredentialsPanel.tsx';

/** The devices table with add/edit/delete for admins. */
export function DeviceList({ canWrite }: { canWrite: boolean }) {
  const { devices, error, isLoading, refetch } = useDevices();
  const remove = useDeleteDevice();
  const [editing, setEditing] = useState<DeviceSummary | null>(null);
  const [adding, setAdding] = useState(false);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={1} size="h3">Devices</Title>
          <Text size="sm" c="dimmed">Switches, routers, firewalls and servers polled over SNMP.</Text>
        </Stack>
        {canWrite && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="add-device">
            Add device
          </Button>
        )}
      </Group>
      {error && <ErrorAlert error={error} onRetry={() => void refetch()} />}
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" highlightOnHover data-testid="devices-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Status</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Address</Table.Th>
              <Table.Th>Profile</Table.Th>
              <Table.Th>Last poll</Table.Th>
              <Table.Th>Uptime</Table.Th>
              <Table.Th>Interfaces up</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {devices.map((d) => (
              <Table.Tr key={d.id} data-testid="device-row">
                <Table.Td>
                  <Badge color={statusColor(d.status)} variant="light">{d.status}</Badge>
                  {d.status === 'down' && d.lastError && <Text size="xs" c="red" lineClamp={2} maw={220}>{d.lastError}</Text>}
                </Table.Td>
                <Table.Td>
                  <Link to={d.id}>{d.name}</Link>
                  {d.sysName && d.sysName !== d.name && <Text size="xs" c="dimmed">{d.sysName}</Text>}
                </Table.Td>
                <Table.Td><Text size="sm" ff="monospace">{d.address}{d.port !== 161 ? `:${d.port}` : ''}</Text> <Text size="xs" c="dimmed">v{d.version}</Text></Table.Td>
                <Table.Td>{d.profile}</Table.Td>
                <Table.Td>{d.lastPollAt ? formatAgo(d.lastPollAt) : 'not yet'}</Table.Td>
                <Table.Td>{formatUptime(d.uptimeS)}</Table.Td>
                <Table.Td>{d.interfaceCount ? `${d.interfacesUp} / ${d.interfaceCount}` : '—'}</Table.Td>
                <Table.Td>
                  {canWrite && (
                    <Menu position="bottom-end">
                      <Menu.Target>
                        <ActionIcon variant="subtle" aria-label={`Actions for ${d.name}`}><IconDots size={16} /></ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing(d)}>Edit</Menu.Item>
                        <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => remove.mutate(d.id)}>Delete</Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!isLoading && !devices.length && !error && <Text c="dimmed" data-testid="devices-empty">No devices yet. {canWrite ? 'Add one to start polling.' : ''}</Text>}
      {canWrite && <TrapCredentialsPanel />}
      {adding && <DeviceForm opened onClose={() => setAdding(false)} />}
      {editing && <DeviceForm opened device={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
