/**
 * An alert's history, oldest first (who did what, and when), and the box to add a note to it.
 */
import { useState } from 'react';
import { Button, Group, Stack, Text, Textarea, Timeline } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBell, IconCircleCheck, IconEye, IconMessage, IconStack2, IconUser } from '@tabler/icons-react';
import type { AlertHistoryEntry } from '@vigil/contracts';
import { readableMessage } from '../../../api/api-error.ts';
import { formatAgo, formatTimestamp } from '../../../lib/time.ts';
import { useNoteAlert } from '../api/alerts.ts';

const ICONS: Record<AlertHistoryEntry['action'], typeof IconBell> = {
  opened: IconBell,
  folded: IconStack2,
  acknowledged: IconEye,
  resolved: IconCircleCheck,
  assigned: IconUser,
  note: IconMessage,
};

const WORDS: Record<AlertHistoryEntry['action'], string> = {
  opened: 'Opened',
  folded: 'Repeated',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
  assigned: 'Assigned',
  note: 'Note',
};

export function AlertHistory({ history }: { history: AlertHistoryEntry[] }) {
  return (
    <Timeline bulletSize={22} lineWidth={2} active={history.length - 1} data-testid="alert-history">
      {history.map((h, i) => {
        const Icon = ICONS[h.action];
        return (
          <Timeline.Item key={i} bullet={<Icon size={12} />} title={<Text size="sm" fw={600}>{WORDS[h.action]}</Text>} data-action={h.action}>
            {h.text && <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{h.text}</Text>}
            <Text size="xs" c="dimmed" title={formatTimestamp(h.at)}>
              {h.actor} · {formatAgo(h.at)}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

export function AlertNoteForm({ alertId }: { alertId: string }) {
  const [text, setText] = useState('');
  const note = useNoteAlert();
  const submit = () =>
    note.mutate({ id: alertId, text: text.trim() }, {
      onSuccess: () => setText(''),
      onError: (e) => notifications.show({ color: 'red', title: 'Could not add the note', message: readableMessage(e) }),
    });
  return (
    <Stack gap={6}>
      <Textarea aria-label="New note" placeholder="Add a note: what you found, what you did…" autosize minRows={2} maxRows={8} maxLength={10_000} value={text} onChange={(e) => setText(e.currentTarget.value)} />
      <Group justify="flex-end">
        <Button size="xs" disabled={!text.trim()} loading={note.isPending} onClick={submit}>
          Add note
        </Button>
      </Group>
    </Stack>
  );
}
