/**
 * Saved searches (stored server-side per user): open one, save the current search, delete.
 */
import { useState } from 'react';
import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBookmark, IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import type { SavedSearch } from '@vigil/contracts';
import { readableMessage } from '../../../api/api-error.ts';
import { rangeLabel, type TimeRange } from '../../../lib/time.ts';
import { useCreateSavedSearch, useDeleteSavedSearch, useSavedSearches } from '../api/search.ts';
import { DEFAULT_RANGE } from '../hooks/useSearchState.ts';

export interface SavedSearchesMenuProps {
  current: { q: string; range: TimeRange; columns: string[] };
  onOpen: (s: SavedSearch) => void;
}

export function SavedSearchesMenu({ current, onOpen }: SavedSearchesMenuProps) {
  const saved = useSavedSearches();
  const create = useCreateSavedSearch();
  const remove = useDeleteSavedSearch();
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');

  const save = async () => {
    try {
      await create.mutateAsync({ name: name.trim(), query: current.q, from: current.range.from, to: current.range.to, columns: current.columns });
      notifications.show({ color: 'green', message: `Saved “${name.trim()}”.` });
      setSaving(false);
      setName('');
    } catch {
      /* the error shows in the dialog */
    }
  };

  return (
    <>
      <Menu position="bottom-end" width={320} withinPortal closeOnItemClick>
        <Menu.Target>
          <Button variant="default" size="xs" leftSection={<IconBookmark size={14} />}>
            Saved
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconDeviceFloppy size={14} />} onClick={() => setSaving(true)}>
            Save current search…
          </Menu.Item>
          <Menu.Divider />
          <Menu.Label>Saved searches</Menu.Label>
          {saved.error && <Text size="xs" c="red" px="sm">{saved.error.message}</Text>}
          {saved.list.length === 0 && !saved.error && <Text size="xs" c="dimmed" px="sm" pb="xs">None yet.</Text>}
          {saved.list.map((s) => (
            <Menu.Item
              key={s.id}
              onClick={() => onOpen(s)}
              rightSection={
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="red"
                  aria-label={`Delete saved search ${s.name}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    remove.mutate(s.id, { onError: (err) => notifications.show({ color: 'red', message: readableMessage(err) }) });
                  }}
                >
                  <IconTrash size={14} />
                </ActionIcon>
              }
            >
              <Stack gap={0}>
                <Text size="sm" fw={500}>{s.name}</Text>
                <Text size="xs" c="dimmed" ff="monospace" truncate maw={240}>{s.query || '(all events)'} · {rangeLabel({ from: s.from ?? DEFAULT_RANGE.from, to: s.to ?? DEFAULT_RANGE.to })}</Text>
              </Stack>
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Modal opened={saving} onClose={() => setSaving(false)} title="Save search" centered>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void save();
          }}
        >
          <Stack>
            <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
            <Text size="xs" c="dimmed" ff="monospace">{current.q || '(all events)'} · {rangeLabel(current.range)}</Text>
            {create.error && <Text size="sm" c="red" role="alert">{create.error.message}</Text>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setSaving(false)}>Cancel</Button>
              <Button type="submit" loading={create.isPending} disabled={!name.trim()}>Save</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
