/**
 * The signed-in shell: header with user menu and theme toggle, navigation built from the feature
 * registry, global keyboard shortcuts, and the page outlet.
 */
import { Suspense, useState, type ReactNode } from 'react';
import { NavLink as RouterNavLink, useLocation, useNavigate } from 'react-router';
import {
  ActionIcon, AppShell, Avatar, Burger, Center, Divider, Group, Kbd, Loader, Menu, Modal, NavLink, ScrollArea, Stack, Table, Text, Tooltip, UnstyledButton,
  useComputedColorScheme, useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconChevronDown, IconKeyboard, IconLogout, IconMoon, IconSun, IconUserCircle } from '@tabler/icons-react';
import type { Feature } from './feature.ts';
import { Logo } from '../components/Logo.tsx';
import { useCurrentUser, useSessionActions } from '../features/auth/index.ts';
import { TenantMenu } from '../features/tenants/index.ts';
import { AlertCenter } from '../features/alerts/index.ts';

/** Shortcuts listed in the help dialog. */
export const SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ['/'], action: 'Focus the search or filter box' },
  { keys: ['Space'], action: 'Pause or resume the live feed' },
  { keys: ['Esc'], action: 'Leave the search box, close a drawer or dialog' },
  { keys: ['Ctrl', 'J'], action: 'Toggle dark / light theme' },
  { keys: ['?'], action: 'Show these shortcuts' },
];

/** Route path of a feature. */
export function featurePath(f: Feature): string {
  return `/${f.path.replace(/\/\*$/, '')}`;
}

export function AppLayout({ features, children }: { features: Feature[]; children: ReactNode }) {
  const user = useCurrentUser();
  const { logout } = useSessionActions();
  const navigate = useNavigate();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const [helpOpen, help] = useDisclosure(false);
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light', { getInitialValueInEffect: false });
  const toggleScheme = () => setColorScheme(scheme === 'dark' ? 'light' : 'dark');
  const [loggingOut, setLoggingOut] = useState(false);

  const visible = features.filter((f) => !f.roles || f.roles.includes(user.role));

  useHotkeys([
    ['/', () => {
      const el = document.querySelector<HTMLInputElement>('[data-search-input]');
      if (el) {
        el.focus();
        el.select();
      } else navigate('/search', { state: { focusSearch: true } });
    }],
    ['shift+?', help.open],
    ['?', help.open],
    ['mod+J', toggleScheme],
  ]);

  const isActive = (f: Feature) => {
    const p = featurePath(f);
    return p === '/' ? location.pathname === '/' : location.pathname === p || location.pathname.startsWith(`${p}/`);
  };

  const link = (f: Feature) => (
    <NavLink
      key={f.id}
      component={RouterNavLink}
      to={featurePath(f)}
      end={f.path === ''}
      label={f.label}
      leftSection={<f.icon size={18} stroke={1.6} />}
      active={isActive(f)}
      onClick={close}
      data-feature={f.id}
      aria-current={isActive(f) ? 'page' : undefined}
      styles={{ root: { borderRadius: 'var(--mantine-radius-md)' } }}
    />
  );

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Close navigation' : 'Open navigation'} />
            <UnstyledButton component={RouterNavLink} to="/" aria-label="Vigil overview">
              <Group gap={8} wrap="nowrap">
                <Logo size={28} />
                <Text fw={700} size="lg">Vigil</Text>
              </Group>
            </UnstyledButton>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Tooltip label="Keyboard shortcuts (?)">
              <ActionIcon variant="subtle" color="gray" size="lg" onClick={help.open} aria-label="Keyboard shortcuts" visibleFrom="xs">
                <IconKeyboard size={20} />
              </ActionIcon>
            </Tooltip>
            <AlertCenter />
            <Tooltip label={scheme === 'dark' ? 'Light theme' : 'Dark theme'}>
              <ActionIcon variant="subtle" color="gray" size="lg" onClick={toggleScheme} aria-label={scheme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'} data-testid="theme-toggle">
                {scheme === 'dark' ? <IconSun size={20} /> : <IconMoon size={20} />}
              </ActionIcon>
            </Tooltip>
            <TenantMenu />
            <Menu position="bottom-end" width={220} withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={`User menu for ${user.username}`} data-testid="user-menu">
                  <Group gap={6} wrap="nowrap">
                    <Avatar size={30} radius="xl" color="indigo">{user.username.slice(0, 2).toUpperCase()}</Avatar>
                    <Text size="sm" fw={500} visibleFrom="sm">{user.username}</Text>
                    <IconChevronDown size={14} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  {user.username} · {user.role}
                </Menu.Label>
                <Menu.Item leftSection={<IconUserCircle size={16} />} onClick={() => navigate('/settings/profile')}>
                  Profile and password
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item
                  color="red"
                  leftSection={loggingOut ? <Loader size={14} /> : <IconLogout size={16} />}
                  onClick={() => {
                    setLoggingOut(true);
                    void logout().finally(() => {
                      setLoggingOut(false);
                      navigate('/');
                    });
                  }}
                >
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Main navigation">
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={4}>{visible.filter((f) => !f.bottom).map(link)}</Stack>
        </AppShell.Section>
        <AppShell.Section>
          <Divider mb="sm" />
          <Stack gap={4}>{visible.filter((f) => f.bottom).map(link)}</Stack>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Suspense fallback={<Center h={200}><Loader aria-label="Loading page" /></Center>}>{children}</Suspense>
      </AppShell.Main>

      <Modal opened={helpOpen} onClose={help.close} title="Keyboard shortcuts" centered>
        <Table>
          <Table.Tbody>
            {SHORTCUTS.map((s) => (
              <Table.Tr key={s.action}>
                <Table.Td w={120}>
                  <Group gap={4}>{s.keys.map((k) => <Kbd key={k}>{k}</Kbd>)}</Group>
                </Table.Td>
                <Table.Td>{s.action}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Modal>
    </AppShell>
  );
}
