/**
 * The tenant menu in the header: the tenant the session acts in, and for the platform owner a list
 * of tenants to switch to.
 */
import { Badge, Menu, Text, UnstyledButton, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuilding, IconCheck, IconChevronDown } from '@tabler/icons-react';
import { readableMessage } from '../../../api/api-error.ts';
import { useCurrentUser } from '../../auth/index.ts';
import { useCurrentTenant, useSwitchTenant, useTenants } from '../api/tenants.ts';

export function TenantMenu() {
  const user = useCurrentUser();
  const current = useCurrentTenant();
  const platform = user.role === 'platform_owner';
  const { tenants } = useTenants(platform);
  const sw = useSwitchTenant();
  if (!current) return null;
  const label = (
    <Group gap={6} wrap="nowrap">
      <IconBuilding size={16} />
      <Text size="sm" fw={500} data-testid="current-tenant">{current.slug}</Text>
      {platform && <IconChevronDown size={14} />}
    </Group>
  );
  if (!platform) return <Badge variant="light" size="lg" radius="sm" aria-label={`Tenant ${current.slug}`}>{label}</Badge>;
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`Tenant ${current.slug}: switch tenant`} data-testid="tenant-menu">{label}</UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Work in tenant</Menu.Label>
        {tenants.map((t) => (
          <Menu.Item
            key={t.id}
            disabled={t.id === current.id}
            leftSection={t.id === current.id ? <IconCheck size={14} /> : <span style={{ width: 14 }} />}
            rightSection={t.disabled ? <Badge size="xs" color="gray">disabled</Badge> : null}
            onClick={() =>
              sw.mutate(t.slug, {
                onSuccess: () => window.location.assign('/'),
                onError: (err) => notifications.show({ color: 'red', title: `Could not switch to ${t.slug}`, message: readableMessage(err) }),
              })
            }
          >
            {t.slug} <Text span size="xs" c="dimmed">{t.name !== t.slug ? t.name : ''}</Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
