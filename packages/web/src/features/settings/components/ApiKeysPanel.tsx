/**
 * API keys: list, create (the key is shown once), rotate (with an overlap) and revoke.
 */
import { useState } from 'react';
import {
  ActionIcon, Badge, Button, Checkbox, Group, Menu, Modal, NumberInput, Stack, Table, Text, TextInput, Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconDots, IconKey, IconPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { SCOPES as API_KEY_SCOPES, type ApiKey, type Scope as ApiKeyScope, type CreatedApiKey } from '@vigil/contracts';
import { readableMessage } from '../../../api/api-error.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatAgo } from '../../../lib/time.ts';
import { useApiKeys, useCreateApiKey, useRevokeApiKey, useRotateApiKey } from '../api/settings.ts';
import { SecretReveal } from './SecretReveal.tsx';

// What each scope allows today; say more only when the feature exists (detection adds rules and alerts).
const SCOPE_HELP: Record<ApiKeyScope, string> = {
  ingest: 'send events',
  read: 'search, live stream, saved searches, devices',
  write: 'change extraction rules',
  admin: 'manage users, keys, devices and SNMP credentials',
};

/** The key's state for its badge. */
function keyState(k: ApiKey, now = Date.now()): { label: string; color: string } {
  if (k.revokedAt && Date.parse(k.revokedAt) <= now) return { label: 'revoked', color: 'red' };
  if (k.expiresAt && Date.parse(k.expiresAt) <= now) return { label: 'expired', color: 'gray' };
  if (k.revokedAt) return { label: 'rotating out', color: 'orange' };
  return { label: 'active', color: 'green' };
}

export function ApiKeysPanel() {
  const { keys, error, isLoading, refetch } = useApiKeys();
  const [createOpen, setCreateOpen] = useState(false);
  const [revealed, setRevealed] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [rotating, setRotating] = useState<ApiKey | null>(null);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={2} size="h4">API keys</Title>
          <Text size="sm" c="dimmed">Keys let scripts, agents and senders use the API. Each is shown once when created.</Text>
        </Stack>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreateOpen(true)}>
          Create API key
        </Button>
      </Group>
      {error && <ErrorAlert error={error} onRetry={() => void refetch()} />}
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" highlightOnHover data-testid="api-keys-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Key</Table.Th>
              <Table.Th>Scopes</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th w={48}><span className="visually-hidden" style={{ position: 'absolute', left: -9999 }}>Actions</span></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {!isLoading && keys.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={8}>
                  <Text size="sm" c="dimmed">No API keys yet.</Text>
                </Table.Td>
              </Table.Tr>
            )}
            {keys.map((k) => {
              const st = keyState(k);
              const dead = st.label === 'revoked' || st.label === 'expired';
              return (
                <Table.Tr key={k.id} data-testid="api-key-row" data-key-name={k.name} data-state={st.label} opacity={dead ? 0.6 : 1}>
                  <Table.Td fw={500}>{k.name}</Table.Td>
                  <Table.Td ff="monospace" fz="sm">{k.prefix}…</Table.Td>
                  <Table.Td>
                    <Group gap={4}>{k.scopes.map((s) => <Badge key={s} size="sm" variant="light">{s}</Badge>)}</Group>
                  </Table.Td>
                  <Table.Td fz="sm" title={k.createdAt}>{formatAgo(k.createdAt)}</Table.Td>
                  <Table.Td fz="sm" title={k.lastUsedAt ?? ''}>{formatAgo(k.lastUsedAt)}</Table.Td>
                  <Table.Td fz="sm" title={k.expiresAt ?? ''}>{k.expiresAt ? dayjs(k.expiresAt).format('YYYY-MM-DD') : 'never'}</Table.Td>
                  <Table.Td><Badge color={st.color} variant="dot">{st.label}</Badge></Table.Td>
                  <Table.Td>
                    {!dead && (
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon variant="subtle" color="gray" aria-label={`Actions for key ${k.name}`}>
                            <IconDots size={16} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item leftSection={<IconRefresh size={14} />} onClick={() => setRotating(k)}>Rotate…</Menu.Item>
                          <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setRevoking(k)}>Revoke…</Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <CreateKeyModal opened={createOpen} onClose={() => setCreateOpen(false)} onCreated={(k) => { setCreateOpen(false); setRevealed(k); }} />
      <RevokeKeyModal apiKey={revoking} onClose={() => setRevoking(null)} />
      <RotateKeyModal apiKey={rotating} onClose={() => setRotating(null)} onRotated={(k) => { setRotating(null); setRevealed(k); }} />
      <Modal opened={!!revealed} onClose={() => setRevealed(null)} title={<Group gap="xs"><IconKey size={18} /><Text fw={600}>API key “{revealed?.name}”</Text></Group>} size="lg" centered closeOnClickOutside={false}>
        {revealed && (
          <Stack>
            <SecretReveal secret={revealed.key} />
            <Group justify="flex-end">
              <Button onClick={() => setRevealed(null)}>I have copied it</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function CreateKeyModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (k: CreatedApiKey) => void }) {
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['read']);
  const [expires, setExpires] = useState<string | null>(null);

  const close = () => {
    create.reset();
    setName('');
    setScopes(['read']);
    setExpires(null);
    onClose();
  };

  const submit = async () => {
    try {
      const created = await create.mutateAsync({
        name: name.trim(),
        scopes: scopes as ApiKeyScope[],
        ...(expires ? { expiresAt: dayjs(expires).endOf('day').toISOString() } : {}),
      });
      setName('');
      setScopes(['read']);
      setExpires(null);
      create.reset();
      onCreated(created);
    } catch {
      /* shown below */
    }
  };

  return (
    <Modal opened={opened} onClose={close} title="Create API key" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() && scopes.length) void submit();
        }}
        aria-label="Create API key"
      >
        <Stack>
          <TextInput label="Name" description="What uses this key, e.g. “firewall syslog relay”" required value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
          <Checkbox.Group label="Scopes" description="Grant only what the key needs" value={scopes} onChange={setScopes} withAsterisk>
            <Stack gap={6} mt={6}>
              {API_KEY_SCOPES.map((s) => (
                <Checkbox key={s} value={s} label={<><b>{s}</b> — {SCOPE_HELP[s]}</>} />
              ))}
            </Stack>
          </Checkbox.Group>
          <DateInput label="Expires" placeholder="Never" clearable value={expires} onChange={setExpires} minDate={dayjs().add(1, 'day').format('YYYY-MM-DD')} popoverProps={{ withinPortal: false }} />
          {create.error && <Text c="red" size="sm" role="alert">{readableMessage(create.error)}</Text>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>Cancel</Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim() || scopes.length === 0}>
              Create key
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RevokeKeyModal({ apiKey, onClose }: { apiKey: ApiKey | null; onClose: () => void }) {
  const revoke = useRevokeApiKey();
  return (
    <Modal opened={!!apiKey} onClose={() => { revoke.reset(); onClose(); }} title="Revoke API key" centered>
      <Stack>
        <Text size="sm">
          Revoke <b>{apiKey?.name}</b> (<code>{apiKey?.prefix}…</code>)? Anything using it stops working at once. This cannot be undone.
        </Text>
        {revoke.error && <Text c="red" size="sm" role="alert">{revoke.error.message}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button
            color="red"
            loading={revoke.isPending}
            onClick={() =>
              apiKey &&
              revoke.mutate(apiKey.id, {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: `Revoked “${apiKey.name}”.` });
                  revoke.reset();
                  onClose();
                },
              })
            }
          >
            Revoke key
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function RotateKeyModal({ apiKey, onClose, onRotated }: { apiKey: ApiKey | null; onClose: () => void; onRotated: (k: CreatedApiKey) => void }) {
  const rotate = useRotateApiKey();
  const [overlap, setOverlap] = useState<number | string>(3600);
  return (
    <Modal opened={!!apiKey} onClose={() => { rotate.reset(); onClose(); }} title="Rotate API key" centered>
      <Stack>
        <Text size="sm">
          Rotating <b>{apiKey?.name}</b> issues a new key with the same scopes. The old key keeps working for the overlap, so you can roll the new one out.
        </Text>
        <NumberInput label="Overlap (seconds)" description="0 retires the old key at once" min={0} max={30 * 86400} value={overlap} onChange={setOverlap} />
        {rotate.error && <Text c="red" size="sm" role="alert">{rotate.error.message}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button
            loading={rotate.isPending}
            onClick={() =>
              apiKey &&
              rotate.mutate(
                { id: apiKey.id, overlapSeconds: Number(overlap) || 0 },
                { onSuccess: (k) => { rotate.reset(); onRotated(k); } },
              )
            }
          >
            Rotate key
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
