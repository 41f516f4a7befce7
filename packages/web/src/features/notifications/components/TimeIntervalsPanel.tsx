/**
 * Maintenance windows and office hours (time intervals): each with its ranges, zone and whether it is
 * active now; admins add, change and delete them (one a route uses cannot be deleted or renamed).
 */
import { useState } from 'react';
import { Badge, Button, Group, Modal, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import type { TimeInterval, TimeRange } from '@vigil/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useCreateTimeInterval, useDeleteTimeInterval, useTimeIntervals, useUpdateTimeInterval } from '../api/time-intervals.ts';
import { ConfirmDelete } from './ConfirmDelete.tsx';
import { TimeIntervalForm } from './TimeIntervalForm.tsx';

/** "sat, sun 22:00–06:00" for a range. */
export function rangeText(r: TimeRange): string {
  const days = r.weekdays?.length ? r.weekdays.map((d) => d.slice(0, 3)).join(', ') : 'every day';
  const times = r.start_time || r.end_time ? `${r.start_time ?? '00:00'}–${r.end_time ?? '24:00'}` : 'all day';
  return `${days} ${times}`;
}

export function TimeIntervalsPanel({ admin }: { admin: boolean }) {
  const list = useTimeIntervals();
  const intervals = list.data?.timeIntervals ?? [];
  const create = useCreateTimeInterval();
  const update = useUpdateTimeInterval();
  const del = useDeleteTimeInterval();
  const [editing, setEditing] = useState<TimeInterval | 'new' | null>(null);
  const [deleting, setDeleting] = useState<TimeInterval | null>(null);
  const save = editing === 'new' ? create : update;
  const done = (name: string) => { setEditing(null); notifications.show({ color: 'green', title: 'Time interval saved', message: name }); };

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>Recurring schedules in a time zone. A route mutes itself during a maintenance window (<code>mute_time_intervals</code>) or sends only during office hours (<code>active_time_intervals</code>).</Text>
        {admin && <Button leftSection={<IconPlus size={16} />} onClick={() => { create.reset(); setEditing('new'); }}>Add window</Button>}
      </Group>
      {list.error && <ErrorAlert error={list.error} title="Could not load time intervals" onRetry={() => void list.refetch()} />}
      {list.isLoading ? <Skeleton h={120} /> : intervals.length === 0 ? (
        <Paper withBorder p="xl" radius="md"><Text size="sm" c="dimmed" ta="center">No maintenance windows or office hours yet.</Text></Paper>
      ) : (
        <Stack gap="xs" data-testid="interval-list">
          {intervals.map((t) => (
            <Paper key={t.id} withBorder p="sm" radius="md" data-testid="interval">
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
                  <Group gap={6}>
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>{t.name}</Text>
                    {t.activeNow ? <Badge size="sm" color="orange" radius="sm">active now</Badge> : <Badge size="sm" variant="light" color="gray" radius="sm">inactive</Badge>}
                    <Text size="xs" c="dimmed">{t.location}</Text>
                  </Group>
                  {t.times.map((r, i) => <Text key={i} size="sm" ff="monospace">{rangeText(r)}</Text>)}
                </Stack>
                {admin && (
                  <Group gap="xs">
                    <Button size="xs" variant="default" leftSection={<IconEdit size={14} />} onClick={() => { update.reset(); setEditing(t); }} aria-label={`Edit ${t.name}`}>Edit</Button>
                    <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => { del.reset(); setDeleting(t); }} aria-label={`Delete ${t.name}`}>Delete</Button>
                  </Group>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'Add time interval' : `Edit ${editing?.name ?? ''}`} size="lg">
        {editing !== null && (
          <TimeIntervalForm
            interval={editing === 'new' ? undefined : editing}
            saving={save.isPending}
            error={save.error}
            onCancel={() => setEditing(null)}
            onSubmit={(body) => (editing === 'new'
              ? create.mutate(body, { onSuccess: (t) => done(t.name) })
              : update.mutate({ id: editing.id, body }, { onSuccess: (t) => done(t.name) }))}
          />
        )}
      </Modal>
      <ConfirmDelete
        what={deleting ? `the time interval "${deleting.name}"` : null}
        pending={del.isPending}
        error={del.error}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && del.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      />
    </Stack>
  );
}
