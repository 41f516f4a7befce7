/**
 * Notification channels: the list (type, default, last delivery), adding one per type with its config
 * form, test-sending, and each channel's page with its config (secrets masked), edit, delete and the
 * delivery log with every attempt. Admins change channels; others see the list.
 */
import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { Anchor, Badge, Button, Card, Code, Group, Modal, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { CHANNEL_TYPE_SPECS, type Channel } from '@vigil/contracts';
import { readableMessage } from '../../api/api-error.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatAgo } from '../../lib/time.ts';
import { isAdminRole, useCurrentUser } from '../auth/index.ts';
import { useChannel, useChannels, useCreateChannel, useDeleteChannel, useDeliveries, useUpdateChannel } from './api/channels.ts';
import { ChannelForm } from './components/ChannelForm.tsx';
import { DeliveryLog } from './components/DeliveryLog.tsx';
import { TestSendButton } from './components/TestSendButton.tsx';

/** A type's label ("Microsoft Teams"), or its name. */
export function typeLabel(type: string): string {
  return CHANNEL_TYPE_SPECS.find((s) => s.type === type)?.label ?? type;
}

function ChannelList() {
  const user = useCurrentUser();
  const admin = isAdminRole(user.role);
  const navigate = useNavigate();
  const list = useChannels();
  const create = useCreateChannel();
  const [adding, setAdding] = useState(false);
  const channels = list.data?.channels ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Stack gap={0}>
          <Title order={1} size="h2">Channels</Title>
          <Text size="xs" c="dimmed">Where alerts are sent: webhooks, chat, paging, SMS and e-mail.</Text>
        </Stack>
        {admin && <Button leftSection={<IconPlus size={16} />} onClick={() => { create.reset(); setAdding(true); }}>Add channel</Button>}
      </Group>
      {list.error && <ErrorAlert error={list.error} title="Could not load channels" onRetry={() => void list.refetch()} />}
      {list.isLoading ? <Skeleton h={160} /> : channels.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Stack align="center" gap={4}>
            <Text fw={500}>No channels yet</Text>
            <Text size="sm" c="dimmed" ta="center">Add a webhook, Slack, Teams, Discord, PagerDuty, Telegram, SMS or e-mail channel; mark it default and every new alert goes there.</Text>
          </Stack>
        </Paper>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" data-testid="channel-list">
          {channels.map((c) => (
            <Card key={c.id} withBorder radius="md" padding="md" data-testid="channel-card" data-channel-id={c.id} className="vigil-row" onClick={() => navigate(`/channels/${encodeURIComponent(c.id)}`)}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/channels/${encodeURIComponent(c.id)}`} fw={600} onClick={(e) => e.stopPropagation()} style={{ overflowWrap: 'anywhere' }}>{c.name}</Anchor>
                  <Group gap={4}>
                    <Badge size="sm" variant="light" radius="sm">{typeLabel(c.type)}</Badge>
                    {c.default && <Badge size="sm" radius="sm" color="green" variant="light">default</Badge>}
                  </Group>
                </Stack>
                {admin && <TestSendButton channelId={c.id} name={c.name} size="xs" />}
              </Group>
              <Text size="xs" c="dimmed" mt="xs">Changed {formatAgo(c.updatedAt)}</Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title="Add channel" size="lg">
        <ChannelForm
          saving={create.isPending}
          error={create.error}
          onCancel={() => setAdding(false)}
          onSubmit={(body) => create.mutate(body, {
            onSuccess: (c) => {
              setAdding(false);
              notifications.show({ color: 'green', title: 'Channel added', message: c.name });
            },
          })}
        />
      </Modal>
    </Stack>
  );
}

function ChannelDetail() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const admin = isAdminRole(user.role);
  const navigate = useNavigate();
  const channel = useChannel(id);
  const deliveries = useDeliveries(id, admin);
  const update = useUpdateChannel();
  const del = useDeleteChannel();
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const c: Channel | undefined = channel.data;

  if (channel.error) return <ErrorAlert error={channel.error} title="Could not load the channel" onRetry={() => void channel.refetch()} />;
  if (!c) return <Skeleton h={200} />;
  const spec = CHANNEL_TYPE_SPECS.find((s) => s.type === c.type);

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/channels" size="sm"><Group gap={4}><IconArrowLeft size={14} /> Channels</Group></Anchor>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }}>{c.name}</Title>
          <Badge variant="light" radius="sm">{typeLabel(c.type)}</Badge>
          {c.default && <Badge color="green" variant="light" radius="sm">default</Badge>}
        </Group>
        {admin && (
          <Group gap="xs">
            <TestSendButton channelId={c.id} name={c.name} />
            <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => { update.reset(); setEditing(true); }}>Edit</Button>
            <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirm(true)}>Delete</Button>
          </Group>
        )}
      </Group>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h5" mb="xs">Configuration</Title>
        {spec && <Text size="sm" c="dimmed" mb="xs">{spec.description}</Text>}
        <Table fz="sm" verticalSpacing={4} data-testid="channel-config">
          <Table.Tbody>
            {(spec?.fields ?? []).filter((f) => c.config[f.name] !== undefined).map((f) => (
              <Table.Tr key={f.name}>
                <Table.Td c="dimmed" w={200}>{f.label}</Table.Td>
                <Table.Td><Code>{Array.isArray(c.config[f.name]) ? (c.config[f.name] as unknown[]).join(', ') : String(c.config[f.name])}</Code></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {admin && (
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h5" mb="xs">Delivery log</Title>
          {deliveries.error ? <ErrorAlert error={deliveries.error} /> : deliveries.data ? <DeliveryLog deliveries={deliveries.data.deliveries} canResend={admin} /> : <Skeleton h={80} />}
        </Paper>
      )}
      <Modal opened={editing} onClose={() => setEditing(false)} title={`Edit ${c.name}`} size="lg">
        <ChannelForm
          channel={c}
          saving={update.isPending}
          error={update.error}
          onCancel={() => setEditing(false)}
          onSubmit={(body) => update.mutate({ id: c.id, body }, { onSuccess: () => { setEditing(false); notifications.show({ color: 'green', title: 'Channel saved', message: c.name }); } })}
        />
      </Modal>
      <Modal opened={confirm} onClose={() => setConfirm(false)} title="Delete channel" centered>
        <Stack>
          <Text size="sm">Delete <b>{c.name}</b> and its delivery log?</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(false)}>Cancel</Button>
            <Button color="red" loading={del.isPending} onClick={() => del.mutate(c.id, { onSuccess: () => navigate('/channels'), onError: (e) => notifications.show({ color: 'red', title: 'Could not delete', message: readableMessage(e) }) })}>Delete channel</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

export function ChannelsPage() {
  return (
    <Routes>
      <Route index element={<ChannelList />} />
      <Route path=":id" element={<ChannelDetail />} />
    </Routes>
  );
}
