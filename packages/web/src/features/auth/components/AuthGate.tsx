/**
 * Decides what the browser sees: a loader, the login screen, the forced password change, or the app.
 * It also installs the API client's session handlers (401 -> login, password change -> that screen).
 */
import { useEffect, type ReactNode } from 'react';
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { setAuthHandlers } from '../../../api/api.ts';
import type { User as SessionUser } from '@vigil/contracts';
import { SESSION_KEY } from '../api/auth.ts';
import { CurrentUserContext, useSession } from '../hooks/useSession.ts';
import { LoginPage } from './LoginPage.tsx';
import { PasswordChangePage } from './PasswordChangePage.tsx';

export function AuthGate({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const { user, isLoading, error, refetch } = useSession();

  useEffect(
    () =>
      setAuthHandlers({
        onUnauthenticated: () => client.setQueryData(SESSION_KEY, null),
        onPasswordChangeRequired: () =>
          client.setQueryData<SessionUser | null>(SESSION_KEY, (u) => (u ? { ...u, mustChangePassword: true } : u)),
      }),
    [client],
  );

  if (isLoading) {
    return (
      <Center mih="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (error && user === undefined) {
    return (
      <Center mih="100vh" p="md">
        <Stack maw={440}>
          <Alert color="red" title="Cannot load Vigil" role="alert">
            {error.message}
          </Alert>
          <Button onClick={() => void refetch()}>Try again</Button>
        </Stack>
      </Center>
    );
  }
  if (!user) return <LoginPage />;
  if (user.mustChangePassword) return <PasswordChangePage username={user.username} />;
  return <CurrentUserContext.Provider value={user}>{children}</CurrentUserContext.Provider>;
}
