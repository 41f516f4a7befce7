/**
 * Users (admins only): add, change role, disable/enable, reset password.
 */
import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Menu, Modal, PasswordInput, Select, Stack, Switch, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconKey, IconPlus } from '@tabler/icons-react';
import { ROLES, type Role, type User as UserRecord } from '@vigil/contracts';
import { readableMessage } from '../../../api/api-error.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatAgo } from '../../../lib/time.ts';
import { useCurrentUser } from '../../auth/index.ts';
import { MIN_PASSWORD_LENGTH } from '../../auth/components/PasswordForm.tsx';
import { useCreateUser, useResetPassword, useUpdateUser, useUsers } from '../api/settings.ts';

// What each role allows today; say more only when the feature exists (detection adds rules and alerts).
const ROLE_HELP: Record<Role, string> = {
  platform_owner: 'the whole installation: every tenant, and managing tenants',
  owner: 'everything, including other admins',
  admin: 'users, keys, devices and SNMP credentials',
  analyst: 'search and extraction rules',
  viewer: 'read only',
};

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: `${r} — ${ROLE_HELP[r]}` }));

export function UsersPanel() {
  const me = useCurrentUser();
  const { users, error, isLoading, refetch } = useUsers();
  const update = useUpdateUser();
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<UserRecord | null>(null);

  const change = (u: UserRecord, patch: { role?: Role; disabled?: boolean }) =>
    update.mutate({ id: u.id, ...patch }, {
      onSuccess: () => notifications.show({ color: 'green', message: `Updated ${u.username}.` }),
      onError: (err) => notifications.show({ color: 'red', title: `Could not update ${u.username}`, message: readableMessage(err) }),
    });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={2} size="h4">Users</Title>
          <Text size="sm" c="dimmed">People who can sign in to this tenant.</Text>
        </Stack>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>Add user</Button>
      </Group>
      {error && <ErrorAlert error={error} onRetry={() => void refetch()} />}
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" data-testid="users-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Username</Table.Th>
              <Table.Th w={200}>Role</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Last login</Table.Th>
              <Table.Th>Enabled</Table.Th>
              <Table.Th w={48}><span style={{ position: 'absolute', left: -9999 }}>Actions</span></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {!isLoading && users.length === 0 && (
              <Table.Tr><Table.Td colSpan={6}><Text size="sm" c="dimmed">No users.</Text></Table.Td></Table.Tr>
            )}
            {users.map((u) => {
              const self = u.id === me.id;
              return (
                <Table.Tr key={u.id} data-testid="user-row">
                  <Table.Td fw={500}>
                    {u.username} {self && <Badge size="xs" variant="light" ml={4}>you</Badge>}
                  </Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      data={ROLES.map((r) => ({ value: r, label: r }))}
                      value={u.role}
                      onChange={(r) => r && r !== u.role && change(u, { role: r as Role })}
                      disabled={self}
                      allowDeselect={false}
                      aria-label={`Role of ${u.username}`}
                    />
                  </Table.Td>
                  <Table.Td fz="sm">{formatAgo(u.createdAt)}</Table.Td>
                  <Table.Td fz="sm">{formatAgo(u.lastLoginAt)}</Table.Td>
                  <Table.Td>
                    <Tooltip label={self ? 'You cannot disable yourself' : u.disabled ? 'Enable' : 'Disable'}>
                      <Switch checked={!u.disabled} disabled={self} onChange={(e) => change(u, { disabled: !e.currentTarget.checked })} aria-label={`${u.username} enabled`} />
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${u.username}`}><IconDots size={16} /></ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconKey size={14} />} onClick={() => setResetting(u)}>Reset password…</Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <AddUserModal opened={adding} onClose={() => setAdding(false)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Stack>
  );
}

function AddUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<string | null>('analyst');
  const close = () => {
    create.reset();
    setUsername('');
    setPassword('');
    setRole('analyst');
    onClose();
  };
  const short = password.length > 0 && password.length < MIN_PASSWORD_LENGTH;
  return (
    <Modal opened={opened} onClose={close} title="Add user" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!username.trim() || short || !role) return;
          create.mutate({ username: username.trim(), password, role: role as Role }, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: `Added ${username.trim()}. They must change the password at first login.` });
              close();
            },
          });
        }}
      >
        <Stack>
          <TextInput label="Username" required value={username} onChange={(e) => setUsername(e.currentTarget.value)} autoComplete="off" data-autofocus />
          <PasswordInput label="Initial password" description="The user is asked to change it at first login" required value={password} error={short ? `At least ${MIN_PASSWORD_LENGTH} characters` : undefined} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="new-password" />
          <Select label="Role" data={ROLE_OPTIONS} value={role} onChange={setRole} allowDeselect={false} comboboxProps={{ withinPortal: false }} />
          {create.error && <Text c="red" size="sm" role="alert">{create.error.message}</Text>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>Cancel</Button>
            <Button type="submit" loading={create.isPending} disabled={!username.trim() || !password || short}>Add user</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: UserRecord | null; onClose: () => void }) {
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const short = password.length > 0 && password.length < MIN_PASSWORD_LENGTH;
  const close = () => {
    reset.reset();
    setPassword('');
    onClose();
  };
  return (
    <Modal opened={!!user} onClose={close} title={`Reset password of ${user?.username ?? ''}`} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!user || short || !password) return;
          reset.mutate({ id: user.id, password }, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: `Password of ${user.username} reset; they must change it at next login.` });
              close();
            },
          });
        }}
      >
        <Stack>
          <PasswordInput label="New temporary password" required value={password} error={short ? `At least ${MIN_PASSWORD_LENGTH} characters` : undefined} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="new-password" data-autofocus />
          {reset.error && <Text c="red" size="sm" role="alert">{reset.error.message}</Text>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>Cancel</Button>
            <Button type="submit" color="orange" loading={reset.isPending} disabled={!password || short}>Reset password</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
