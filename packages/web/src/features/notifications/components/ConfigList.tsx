/**
 * A list of named configuration objects (escalation policies, time intervals): an introduction, an
 * add button, each item as a card with Edit and Delete for admins, the form in a dialog and the delete
 * confirmation (a refusal from the server shows inside it).
 */
import { useState, type ReactNode } from 'react';
import { Button, Group, Modal, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { ConfirmDelete } from './ConfirmDelete.tsx';

export interface ConfigListProps<T extends { id: string; name: string }> {
  /** What the objects are, e.g. "escalation policy". */
  noun: string;
  intro: ReactNode;
  addLabel: string;
  empty: string;
  admin: boolean;
  list: { error: unknown; isLoading: boolean; refetch: () => unknown };
  items: T[];
  /** `data-testid` of the list; each item's is this without the "-list". */
  testId: string;
  /** The body of an item's card. */
  render: (item: T) => ReactNode;
  /** The form for a new (undefined) or an existing item; `close` after saving or cancelling. */
  form: (item: T | undefined, close: () => void) => ReactNode;
  remove: { mutate: (id: string, opts: { onSuccess: () => void }) => void; isPending: boolean; error: unknown; reset: () => void };
}

export function ConfigList<T extends { id: string; name: string }>({ noun, intro, addLabel, empty, admin, list, items, testId, render, form, remove }: ConfigListProps<T>) {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [deleting, setDeleting] = useState<T | null>(null);
  const close = () => setEditing(null);

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>{intro}</Text>
        {admin && <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>{addLabel}</Button>}
      </Group>
      {list.error ? <ErrorAlert error={list.error} title={`Could not load the ${noun} list`} onRetry={() => void list.refetch()} /> : null}
      {list.isLoading ? <Skeleton h={120} /> : items.length === 0 ? (
        <Paper withBorder p="xl" radius="md"><Text size="sm" c="dimmed" ta="center">{empty}</Text></Paper>
      ) : (
        <Stack gap="xs" data-testid={testId}>
          {items.map((item) => (
            <Paper key={item.id} withBorder p="sm" radius="md" data-testid={testId.replace(/-list$/, '')}>
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>{render(item)}</Stack>
                {admin && (
                  <Group gap="xs">
                    <Button size="xs" variant="default" leftSection={<IconEdit size={14} />} onClick={() => setEditing(item)} aria-label={`Edit ${item.name}`}>Edit</Button>
                    <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => { remove.reset(); setDeleting(item); }} aria-label={`Delete ${item.name}`}>Delete</Button>
                  </Group>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <Modal opened={editing !== null} onClose={close} title={editing === 'new' ? `Add ${noun}` : `Edit ${editing?.name ?? ''}`} size="lg">
        {editing !== null && form(editing === 'new' ? undefined : editing, close)}
      </Modal>
      <ConfirmDelete
        what={deleting ? `the ${noun} "${deleting.name}"` : null}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      />
    </Stack>
  );
}
