/**
 * A delete confirmation dialog; a refusal from the server (409: a route still uses it) shows inside.
 */
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { readableMessage } from '../../../api/api-error.ts';

export interface ConfirmDeleteProps {
  /** What is deleted, e.g. `the escalation policy "night shift"`; null = closed. */
  what: string | null;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmDelete({ what, pending, error, onConfirm, onClose }: ConfirmDeleteProps) {
  return (
    <Modal opened={what !== null} onClose={onClose} title="Delete" centered>
      <Stack>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>Delete {what}?</Text>
        {error ? <Alert color="red" variant="light" role="alert">{readableMessage(error)}</Alert> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button color="red" loading={pending} onClick={onConfirm}>Delete</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
