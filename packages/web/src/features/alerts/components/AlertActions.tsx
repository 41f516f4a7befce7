/**
 * What a person does to one alert: acknowledge, resolve (each with an optional note), assign. The quick
 * buttons sit on each narrow-screen card; the full bar heads the alert detail.
 */
import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, Textarea, type MantineSpacing, type StyleProp } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconEye } from '@tabler/icons-react';
import type { Alert } from '@vigil/contracts';
import { readableMessage } from '../../../api/api-error.ts';
import { useCurrentUser } from '../../auth/index.ts';
import { useAckAlert, useAssignAlert, useAssignees, useResolveAlert } from '../api/alerts.ts';

/** True when the role may change alerts (analyst and above). */
export function canTriage(role: string): boolean {
  return role !== 'viewer';
}

function failed(action: string, err: unknown) {
  notifications.show({ color: 'red', title: `Could not ${action} the alert`, message: readableMessage(err) });
}

/** Acknowledge and resolve buttons for one alert, sized for a thumb. */
export function AlertQuickActions({ alert, mt }: { alert: Alert; mt?: StyleProp<MantineSpacing> }) {
  const user = useCurrentUser();
  const ack = useAckAlert();
  const resolve = useResolveAlert();
  if (!canTriage(user.role) || alert.state === 'resolved') return null;
  return (
    <Group gap="xs" mt={mt} grow>
      {alert.state === 'open' && (
        <Button size="sm" variant="light" color="yellow" loading={ack.isPending} onClick={() => ack.mutate({ id: alert.id }, { onError: (e) => failed('acknowledge', e) })} aria-label={`Acknowledge ${alert.title}`}>
          Acknowledge
        </Button>
      )}
      <Button size="sm" variant="light" color="green" loading={resolve.isPending} onClick={() => resolve.mutate({ id: alert.id }, { onError: (e) => failed('resolve', e) })} aria-label={`Resolve ${alert.title}`}>
        Resolve
      </Button>
    </Group>
  );
}

/** The detail page's actions: acknowledge or resolve with a note, and assignment. */
export function AlertActionBar({ alert }: { alert: Alert }) {
  const user = useCurrentUser();
  const ack = useAckAlert();
  const resolve = useResolveAlert();
  const assign = useAssignAlert();
  const assignees = useAssignees();
  const [noteFor, setNoteFor] = useState<'ack' | 'resolve' | null>(null);
  const [note, setNote] = useState('');
  if (!canTriage(user.role)) return null;

  const people = assignees.data?.assignees ?? [];
  const options = [...new Set([user.username, ...people, ...(alert.assignee ? [alert.assignee] : [])])].map((p) => ({ value: p, label: p === user.username ? `Me (${p})` : p }));

  const run = (kind: 'ack' | 'resolve', text?: string) => {
    const m = kind === 'ack' ? ack : resolve;
    m.mutate({ id: alert.id, ...(text ? { note: text } : {}) }, {
      onSuccess: () => {
        setNoteFor(null);
        setNote('');
      },
      onError: (e) => failed(kind === 'ack' ? 'acknowledge' : 'resolve', e),
    });
  };

  return (
    <>
      <Group gap="xs" wrap="wrap" align="flex-end" data-testid="alert-actions">
        {alert.state === 'open' && (
          <Button.Group>
            <Button color="yellow" leftSection={<IconEye size={16} />} loading={ack.isPending} onClick={() => run('ack')}>
              Acknowledge
            </Button>
            <Button color="yellow" variant="light" onClick={() => setNoteFor('ack')} aria-label="Acknowledge with a note">
              …
            </Button>
          </Button.Group>
        )}
        {alert.state !== 'resolved' && (
          <Button.Group>
            <Button color="green" leftSection={<IconCheck size={16} />} loading={resolve.isPending} onClick={() => run('resolve')}>
              Resolve
            </Button>
            <Button color="green" variant="light" onClick={() => setNoteFor('resolve')} aria-label="Resolve with a note">
              …
            </Button>
          </Button.Group>
        )}
        <Select
          aria-label="Assignee"
          placeholder="Unassigned"
          data={options}
          value={alert.assignee}
          onChange={(v) => assign.mutate({ id: alert.id, assignee: v }, { onError: (e) => failed('assign', e) })}
          clearable
          searchable
          w={200}
          comboboxProps={{ withinPortal: true }}
          disabled={assign.isPending}
        />
      </Group>
      <Modal opened={noteFor !== null} onClose={() => setNoteFor(null)} title={noteFor === 'ack' ? 'Acknowledge with a note' : 'Resolve with a note'} centered>
        <Stack>
          <Textarea label="Note" autosize minRows={3} maxLength={10_000} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setNoteFor(null)}>Cancel</Button>
            <Button onClick={() => noteFor && run(noteFor, note.trim() || undefined)} loading={ack.isPending || resolve.isPending}>
              {noteFor === 'ack' ? 'Acknowledge' : 'Resolve'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
