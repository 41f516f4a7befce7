/**
 * The signed-in user's profile and password change.
 */
import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { PasswordForm, useCurrentUser, useSessionActions } from '../../auth/index.ts';
import { useCurrentTenant } from '../../tenants/index.ts';

export function ProfilePanel() {
  const user = useCurrentUser();
  const { changePassword } = useSessionActions();
  const tenant = useCurrentTenant();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">Profile</Title>
        <Stack gap="xs">
          <Group gap="xs"><Text size="sm" c="dimmed" w={90}>Username</Text><Text fw={500} data-testid="profile-username">{user.username}</Text></Group>
          <Group gap="xs"><Text size="sm" c="dimmed" w={90}>Role</Text><Badge variant="light">{user.role}</Badge></Group>
          <Group gap="xs"><Text size="sm" c="dimmed" w={90}>Tenant</Text><Text size="sm" fw={500} data-testid="profile-tenant">{tenant ? tenant.slug : '…'}</Text>{tenant && tenant.name !== tenant.slug && <Text size="sm" c="dimmed">{tenant.name}</Text>}</Group>
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">Change password</Title>
        <PasswordForm onSubmit={changePassword} onDone={() => notifications.show({ color: 'green', message: 'Password changed.' })} />
      </Paper>
    </SimpleGrid>
  );
}
