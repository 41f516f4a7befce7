/**
 * Settings: profile and password, API keys, and users (owners and admins). The tab is in the URL.
 */
import { useNavigate, useParams } from 'react-router';
import { Stack, Tabs, Title } from '@mantine/core';
import { IconKey, IconUser, IconUsers } from '@tabler/icons-react';
import { isAdminRole, useCurrentUser } from '../auth/index.ts';
import { ApiKeysPanel } from './components/ApiKeysPanel.tsx';
import { UsersPanel } from './components/UsersPanel.tsx';
import { ProfilePanel } from './components/ProfilePanel.tsx';

export function SettingsPage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const tabParam = useParams()['*'] || 'api-keys';
  const admin = isAdminRole(user.role);
  const tab = tabParam === 'users' && !admin ? 'api-keys' : tabParam;

  return (
    <Stack gap="md">
      <Title order={1} size="h2">Settings</Title>
      <Tabs value={tab} onChange={(t) => navigate(`/settings/${t}`)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="api-keys" leftSection={<IconKey size={16} />}>API keys</Tabs.Tab>
          {admin && <Tabs.Tab value="users" leftSection={<IconUsers size={16} />}>Users</Tabs.Tab>}
          <Tabs.Tab value="profile" leftSection={<IconUser size={16} />}>Profile</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="api-keys" pt="md"><ApiKeysPanel /></Tabs.Panel>
        {admin && <Tabs.Panel value="users" pt="md"><UsersPanel /></Tabs.Panel>}
        <Tabs.Panel value="profile" pt="md"><ProfilePanel /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
