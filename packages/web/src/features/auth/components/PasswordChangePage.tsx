/**
 * The forced password change: shown instead of the app while the signed-in user must change the
 * generated password (first login of the bootstrap admin, or after an admin reset).
 */
import { Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Logo } from '../../../components/Logo.tsx';
import { useSessionActions } from '../hooks/useSession.ts';
import { PasswordForm } from './PasswordForm.tsx';

export function PasswordChangePage({ username }: { username: string }) {
  const { changePassword, logout } = useSessionActions();
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="md" p="xl" radius="lg" w="100%" maw={420} component="main">
        <Stack gap="md">
          <Stack gap={4} align="center">
            <Logo size={36} />
            <Title order={1} size="h3">Choose a new password</Title>
            <Text c="dimmed" size="sm" ta="center">
              Signed in as <b>{username}</b>. Your password was generated or reset by an administrator; choose your own before continuing.
            </Text>
          </Stack>
          <PasswordForm
            submitLabel="Set password and continue"
            onSubmit={changePassword}
            onDone={() => notifications.show({ color: 'green', message: 'Password changed.' })}
          />
          <Group justify="center">
            <Button variant="subtle" size="xs" onClick={() => void logout()}>
              Sign out
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}
