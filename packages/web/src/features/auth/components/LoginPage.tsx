/**
 * The sign-in screen. Shown in place of any page while there is no session, so deep links survive login.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { readableMessage } from '../../../api/api-error.ts';
import { useSessionActions } from '../hooks/useSession.ts';
import { Logo } from '../../../components/Logo.tsx';

export function LoginPage() {
  const { login } = useSessionActions();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (err) {
      setError(readableMessage(err));
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-body)">
      <Paper withBorder shadow="md" p="xl" radius="lg" w="100%" maw={400} component="main">
        <form onSubmit={submit} aria-label="Sign in">
          <Stack gap="md">
            <Stack gap={4} align="center">
              <Logo size={40} />
              <Title order={1} size="h2">Sign in to Vigil</Title>
              <Text c="dimmed" size="sm">Security monitoring for your own infrastructure</Text>
            </Stack>
            {error && (
              <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" title="Sign-in failed">
                {error}
              </Alert>
            )}
            <TextInput label="Username" name="username" autoComplete="username" required autoFocus value={username} onChange={(e) => setUsername(e.currentTarget.value)} />
            <PasswordInput label="Password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Button type="submit" loading={busy} fullWidth>
              Sign in
            </Button>
            <Text size="xs" c="dimmed" ta="center">
              First start? The admin password is in <Anchor component="span" size="xs" ff="monospace">data/bootstrap.json</Anchor>.
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
