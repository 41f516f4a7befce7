/**
 * Tenants (platform owner): add, rename, disable/enable, set quotas, and today's usage.
 */
import { useState } from 'react';
import { Badge, Button, Group, Modal, NumberInput, PasswordInput, Stack, Switch, Table, Text, TextInput, Title, ActionIcon, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import type { Tenant } from '@vigil/contracts';
import { readableMessage } from '../../api/api-error.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useCreateTenant, useTenants, useUpdateTenant } from './api/tenants.ts';

const SLUG_RE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const fmt = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString());
/** A NumberInput value as a quota: empty means "no limit". */
const quota = (v: string | number) => (v === '' ? null : Number(v));

export function TenantsPage() {
  const { tenants, error, isLoading, refetch } = useTenants();
  const update = useUpdateTenant();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Tenant | null>(null);

  const toggle = (t: Tenant, enabled: boolean) =>
    update.mutate({ id: t.id, disabled: !enabled }, {
      onSuccess: () => notifications.show({ color: 'green', message: `${t.slug} ${enabled ? 'enabled' : 'disabled'}.` }),
      onError: (err) => notifications.show({ color: 'red', title: `Could not change ${t.slug}`, message: readableMessage(err) }),
    });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={1} size="h2">Tenants</Title>
          <Text size="sm" c="dimmed">Organisations on this installation. Their events, users and keys never meet. Switch tenant from the menu at the top.</Text>
        </Stack>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>Add tenant</Button>
      </Group>
      {error && <ErrorAlert error={error} onRetry={() => void refetch()} />}
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" data-testid="tenants-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Slug</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th ta="right">Events/day quota</Table.Th>
              <Table.Th ta="right">Retention (days)</Table.Th>
              <Table.Th ta="right">Events today</Table.Th>
              <Table.Th ta="right">Refused today</Table.Th>
              <Table.Th>Enabled</Table.Th>
              <Table.Th w={48}><span style={{ position: 'absolute', left: -9999 }}>Actions</span></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {!isLoading && tenants.length === 0 && (
              <Table.Tr><Table.Td colSpan={8}><Text size="sm" c="dimmed">No tenants.</Text></Table.Td></Table.Tr>
            )}
            {tenants.map((t) => (
              <Table.Tr key={t.id} data-testid="tenant-row">
                <Table.Td fw={500} ff="monospace">{t.slug}</Table.Td>
                <Table.Td>{t.name}</Table.Td>
                <Table.Td ta="right">{t.quotas.maxEventsPerDay === null ? 'unlimited' : fmt(t.quotas.maxEventsPerDay)}</Table.Td>
                <Table.Td ta="right">{t.quotas.retentionDays === null ? 'global' : fmt(t.quotas.retentionDays)}</Table.Td>
                <Table.Td ta="right">{fmt(t.usageToday?.events)}</Table.Td>
                <Table.Td ta="right">{t.usageToday?.rejected ? <Badge color="orange" variant="light">{fmt(t.usageToday.rejected)}</Badge> : '0'}</Table.Td>
                <Table.Td>
                  <Switch checked={!t.disabled} onChange={(e) => toggle(t, e.currentTarget.checked)} aria-label={`${t.slug} enabled`} />
                </Table.Td>
                <Table.Td>
                  <Tooltip label="Rename or set quotas">
                    <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${t.slug}`} onClick={() => setEditing(t)}><IconPencil size={16} /></ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <AddTenantModal opened={adding} onClose={() => setAdding(false)} />
      <EditTenantModal tenant={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}

function AddTenantModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateTenant();
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [perDay, setPerDay] = useState<string | number>('');
  const [retention, setRetention] = useState<string | number>('');
  const [owner, setOwner] = useState('');
  const [password, setPassword] = useState('');
  const close = () => {
    create.reset();
    setSlug('');
    setName('');
    setPerDay('');
    setRetention('');
    setOwner('');
    setPassword('');
    onClose();
  };
  const slugOk = SLUG_RE.test(slug);
  const ownerOk = !owner || password.length >= 10;
  const submit = () =>
    create.mutate(
      { slug, ...(name ? { name } : {}), maxEventsPerDay: quota(perDay), retentionDays: quota(retention), ...(owner ? { owner: { username: owner, password } } : {}) },
      { onSuccess: () => { notifications.show({ color: 'green', message: `Tenant ${slug} added.` }); close(); } },
    );
  return (
    <Modal opened={opened} onClose={close} title="Add tenant" centered>
      <Stack gap="sm">
        <TextInput label="Slug" description="a-z, 0-9 and -; used in syslog.tenant_map and the CLI" value={slug} onChange={(e) => setSlug(e.currentTarget.value.trim())} error={slug && !slugOk ? 'Use a-z, 0-9 and -, starting with a letter or digit' : undefined} data-autofocus required />
        <TextInput label="Name" placeholder={slug || 'Acme Corp'} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <NumberInput label="Events per day" description="Empty: unlimited" min={0} value={perDay} onChange={setPerDay} thousandSeparator="," />
        <NumberInput label="Retention (days)" description="Empty: the global retention.days" min={1} value={retention} onChange={setRetention} />
        <TextInput label="First owner (optional)" description="Must change the password at first sign-in" value={owner} onChange={(e) => setOwner(e.currentTarget.value.trim())} />
        {owner && <PasswordInput label="Owner's first password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={password && password.length < 10 ? 'At least 10 characters' : undefined} />}
        {create.error && <ErrorAlert error={create.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>Cancel</Button>
          <Button onClick={submit} loading={create.isPending} disabled={!slugOk || !ownerOk}>Add tenant</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function EditTenantModal({ tenant, onClose }: { tenant: Tenant | null; onClose: () => void }) {
  return tenant ? <EditTenantForm key={tenant.id} tenant={tenant} onClose={onClose} /> : null;
}

function EditTenantForm({ tenant, onClose }: { tenant: Tenant; onClose: () => void }) {
  const update = useUpdateTenant();
  const [slug, setSlug] = useState(tenant.slug);
  const [name, setName] = useState(tenant.name);
  const [perDay, setPerDay] = useState<string | number>(tenant.quotas.maxEventsPerDay ?? '');
  const [retention, setRetention] = useState<string | number>(tenant.quotas.retentionDays ?? '');
  const slugOk = SLUG_RE.test(slug);
  const submit = () =>
    update.mutate(
      { id: tenant.id, ...(slug !== tenant.slug ? { slug } : {}), ...(name !== tenant.name ? { name } : {}), maxEventsPerDay: quota(perDay), retentionDays: quota(retention) },
      { onSuccess: () => { notifications.show({ color: 'green', message: `Tenant ${slug} saved.` }); onClose(); } },
    );
  return (
    <Modal opened onClose={onClose} title={`Edit ${tenant.slug}`} centered>
      <Stack gap="sm">
        <TextInput label="Slug" description="Renaming means updating syslog.tenant_map entries that name it" value={slug} onChange={(e) => setSlug(e.currentTarget.value.trim())} error={!slugOk ? 'Use a-z, 0-9 and -' : undefined} />
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <NumberInput label="Events per day" description="Empty: unlimited" min={0} value={perDay} onChange={setPerDay} thousandSeparator="," />
        <NumberInput label="Retention (days)" description="Empty: the global retention.days" min={1} value={retention} onChange={setRetention} />
        {update.error && <ErrorAlert error={update.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button onClick={submit} loading={update.isPending} disabled={!slugOk || !name.trim()}>Save</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
