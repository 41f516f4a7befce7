/**
 * The audit log: filters (actor, action, target type and id, time range), newest first, paged by
 * cursor; a row opens the object before and after the change.
 */
import { Fragment, useState } from 'react';
import { ActionIcon, Badge, Button, Code, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import type { AuditEntry } from '@vigil/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatTimestamp } from '../../../lib/time.ts';
import { useAuditLog, type AuditFilters } from '../api.ts';

const EMPTY: AuditFilters = { actor: '', action: '', targetType: '', targetId: '', from: '-7d', to: '' };

/** The audit page body. */
export function AuditLogTable() {
  const [filters, setFilters] = useState<AuditFilters>(EMPTY);
  const [debounced] = useDebouncedValue(filters, 300);
  const [cursors, setCursors] = useState<string[]>([]);
  const { data, error, isLoading, refetch } = useAuditLog(debounced, cursors[cursors.length - 1]);
  const [open, setOpen] = useState<string | null>(null);
  const entries = data?.entries ?? [];
  const field = (key: keyof AuditFilters, label: string, placeholder: string) => (
    <TextInput label={label} placeholder={placeholder} value={filters[key]} onChange={(e) => { const v = e.currentTarget.value; setFilters((f) => ({ ...f, [key]: v })); setCursors([]); }} data-testid={`audit-${key}`} />
  );

  return (
    <Stack gap="md">
      <Stack gap={0}>
        <Title order={1} size="h3">Audit log</Title>
        <Text size="sm" c="dimmed">Every change to the tenant's configuration and cases and every sign-in: who, when, from where, before and after.</Text>
      </Stack>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
        {field('actor', 'Actor', 'username or key')}
        {field('action', 'Action', 'channel.* or rule.update')}
        {field('targetType', 'Target type', 'rule, channel, user…')}
        {field('targetId', 'Target id', 'id')}
        {field('from', 'From', '-24h or ISO time')}
        {field('to', 'To', 'now or ISO time')}
      </SimpleGrid>
      {error && <ErrorAlert error={error} onRetry={() => void refetch()} />}
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" data-testid="audit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={32} />
              <Table.Th>Time</Table.Th>
              <Table.Th>Actor</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Target</Table.Th>
              <Table.Th>From</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((e) => (
              <Fragment key={e.id}>
                <Table.Tr data-testid="audit-row">
                  <Table.Td>
                    <ActionIcon variant="subtle" size="sm" aria-label={open === e.id ? 'Hide change' : 'Show change'} onClick={() => setOpen(open === e.id ? null : e.id)}>
                      {open === e.id ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td><Text size="sm">{formatTimestamp(e.createdAt)}</Text></Table.Td>
                  <Table.Td>{e.actor}</Table.Td>
                  <Table.Td><Badge variant="light" radius="sm" tt="none">{e.action}</Badge></Table.Td>
                  <Table.Td><Text size="sm">{e.targetType ?? ''} <Text span ff="monospace" size="xs">{e.targetId ?? ''}</Text></Text></Table.Td>
                  <Table.Td><Text size="sm" ff="monospace">{e.ip ?? ''}</Text></Table.Td>
                </Table.Tr>
                {open === e.id && (
                  <Table.Tr>
                    <Table.Td colSpan={6}><AuditChange entry={e} /></Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!isLoading && !entries.length && !error && <Text c="dimmed" data-testid="audit-empty">No audit entries match these filters.</Text>}
      <Group>
        {cursors.length > 0 && <Button variant="default" onClick={() => setCursors((c) => c.slice(0, -1))} data-testid="audit-newer">Newer</Button>}
        {data?.nextCursor && <Button variant="default" onClick={() => setCursors((c) => [...c, data.nextCursor!])} data-testid="audit-older">Older</Button>}
      </Group>
    </Stack>
  );
}

const show = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));

/** The object before and after, side by side (secrets arrive masked from the server). */
function AuditChange({ entry }: { entry: AuditEntry }) {
  return (
    <SimpleGrid cols={{ base: 1, md: entry.details ? 3 : 2 }} data-testid="audit-change">
      <Stack gap={2}><Text size="xs" fw={600}>Before</Text><Code block>{show(entry.before)}</Code></Stack>
      <Stack gap={2}><Text size="xs" fw={600}>After</Text><Code block>{show(entry.after)}</Code></Stack>
      {entry.details ? <Stack gap={2}><Text size="xs" fw={600}>Details</Text><Code block>{show(entry.details)}</Code></Stack> : null}
    </SimpleGrid>
  );
}
