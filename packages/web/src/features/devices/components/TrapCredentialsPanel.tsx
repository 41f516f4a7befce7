/**
 * Who may send traps to this tenant: communities (v1/v2c) and SNMPv3 users. Secrets are entered
 * once and never shown again; the list shows names only.
 */
import { useState } from 'react';
import { ActionIcon, Badge, Button, Card, Group, PasswordInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { SNMP_AUTH_PROTOCOLS, SNMP_PRIV_PROTOCOLS } from '@vigil/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatAgo } from '../../../lib/time.ts';
import { useAddCommunity, useAddTrapUser, useCommunities, useDeleteTrapCredential, useTrapUsers } from '../api/devices.ts';

/** Trap communities and v3 users of the tenant (admins). */
export function TrapCredentialsPanel() {
  const { communities, error: cErr } = useCommunities();
  const { users, error: uErr } = useTrapUsers();
  const addCommunity = useAddCommunity();
  const addUser = useAddTrapUser();
  const remove = useDeleteTrapCredential();
  const [label, setLabel] = useState('');
  const [community, setCommunity] = useState('');
  const [user, setUser] = useState({ name: '', authProtocol: 'sha256', authKey: '', privProtocol: 'aes128', privKey: '' });

  const saveCommunity = async () => {
    if (await addCommunity.mutateAsync({ community, ...(label ? { name: label } : {}) }).catch(() => null)) {
      setCommunity('');
      setLabel('');
    }
  };
  const saveUser = async () => {
    const body = { name: user.name, level: 'authPriv' as const, authProtocol: user.authProtocol as (typeof SNMP_AUTH_PROTOCOLS)[number], authKey: user.authKey, privProtocol: user.privProtocol as (typeof SNMP_PRIV_PROTOCOLS)[number], privKey: user.privKey };
    if (await addUser.mutateAsync(body).catch(() => null)) setUser({ ...user, name: '', authKey: '', privKey: '' });
  };

  return (
    <Card withBorder data-testid="trap-credentials">
      <Stack gap="sm">
        <Stack gap={0}>
          <Title order={2} size="h5">Trap senders</Title>
          <Text size="sm" c="dimmed">Traps on UDP 1162 are accepted only with one of these communities or SNMPv3 users. Secrets are not shown again.</Text>
        </Stack>
        {(cErr ?? uErr ?? addCommunity.error ?? addUser.error) && <ErrorAlert error={cErr ?? uErr ?? addCommunity.error ?? addUser.error} title="SNMP credentials" />}
        <Table verticalSpacing="xs">
          <Table.Tbody>
            {communities.map((c) => (
              <Table.Tr key={c.id} data-testid="trap-credential">
                <Table.Td><Badge variant="light">community</Badge></Table.Td>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>added {formatAgo(c.createdAt)}</Table.Td>
                <Table.Td><ActionIcon variant="subtle" color="red" aria-label={`Remove ${c.name}`} onClick={() => remove.mutate({ kind: 'communities', id: c.id })}><IconTrash size={14} /></ActionIcon></Table.Td>
              </Table.Tr>
            ))}
            {users.map((u) => (
              <Table.Tr key={u.id} data-testid="trap-credential">
                <Table.Td><Badge variant="light" color="grape">v3 user</Badge></Table.Td>
                <Table.Td>{u.name} <Text span size="xs" c="dimmed">{u.level} {u.authProtocol ?? ''} {u.privProtocol ?? ''}</Text></Table.Td>
                <Table.Td>added {formatAgo(u.createdAt)}</Table.Td>
                <Table.Td><ActionIcon variant="subtle" color="red" aria-label={`Remove ${u.name}`} onClick={() => remove.mutate({ kind: 'users', id: u.id })}><IconTrash size={14} /></ActionIcon></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Group align="flex-end" gap="xs">
            <TextInput label="Label" placeholder="core switches" value={label} onChange={(e) => setLabel(e.currentTarget.value)} />
            <PasswordInput label="Community" value={community} onChange={(e) => setCommunity(e.currentTarget.value)} data-testid="new-community" />
            <Button onClick={() => void saveCommunity()} disabled={!community} loading={addCommunity.isPending} data-testid="add-community">Add</Button>
          </Group>
          <Group align="flex-end" gap="xs">
            <TextInput label="v3 user" value={user.name} onChange={(e) => setUser({ ...user, name: e.currentTarget.value })} w={110} />
            <Select label="Auth" data={[...SNMP_AUTH_PROTOCOLS]} value={user.authProtocol} onChange={(v) => setUser({ ...user, authProtocol: v ?? 'sha256' })} w={100} allowDeselect={false} />
            <PasswordInput label="Auth key" value={user.authKey} onChange={(e) => setUser({ ...user, authKey: e.currentTarget.value })} w={120} />
            <Select label="Privacy" data={[...SNMP_PRIV_PROTOCOLS]} value={user.privProtocol} onChange={(v) => setUser({ ...user, privProtocol: v ?? 'aes128' })} w={100} allowDeselect={false} />
            <PasswordInput label="Priv key" value={user.privKey} onChange={(e) => setUser({ ...user, privKey: e.currentTarget.value })} w={120} />
            <Button onClick={() => void saveUser()} disabled={!user.name || !user.authKey || !user.privKey} loading={addUser.isPending}>Add</Button>
          </Group>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
