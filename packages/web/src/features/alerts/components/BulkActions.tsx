/**
 * The bar shown while alerts are selected: acknowledge, resolve or assign them all in one request, then
 * say how many changed and why any did not.
 */
import { useState } from 'react';
import { Button, Group, Paper, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconEye, IconX } from '@tabler/icons-react';
import type { AlertBulkBody, AlertBulkResult } from '@vigil/contracts';
import { readableMessage } from '../../../api/api-error.ts';
import { useCurrentUser } from '../../auth/index.ts';
import { useAssignees, useBulkAlerts } from '../api/alerts.ts';

/** A sentence for a bulk result: "3 alerts acknowledged; 1 not: Acknowledged already." */
export function bulkSummary(action: AlertBulkBody['action'], r: AlertBulkResult): string {
  const verb = action === 'ack' ? 'acknowledged' : action === 'resolve' ? 'resolved' : 'assigned';
  const firstError = r.results.find((x) => !x.ok)?.error?.message;
  return `${r.ok} ${r.ok === 1 ? 'alert' : 'alerts'} ${verb}${r.failed ? `; ${r.failed} not${firstError ? `: ${firstError.replace(/\.$/, '')}` : ''}` : ''}.`;
}

export function BulkActions({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const user = useCurrentUser();
  const bulk = useBulkAlerts();
  const assignees = useAssignees();
  const [assignee, setAssignee] = useState<string | null>(null);
  if (!ids.length || user.role === 'viewer') return null;

  const run = (body: AlertBulkBody) =>
    bulk.mutate(body, {
      onSuccess: (r) => {
        notifications.show({ color: r.failed ? 'orange' : 'green', title: 'Alerts updated', message: bulkSummary(body.action, r) });
        onDone();
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Could not update the alerts', message: readableMessage(e) }),
    });

  const people = assignees.data?.assignees ?? [];
  return (
    <Paper withBorder p="xs" radius="md" bg="var(--mantine-primary-color-light)" data-testid="bulk-actions" role="region" aria-label="Bulk actions">
      <Group gap="xs" wrap="wrap" justify="space-between">
        <Text size="sm" fw={600}>{ids.length} selected</Text>
        <Group gap="xs" wrap="wrap">
          <Button size="xs" color="yellow" leftSection={<IconEye size={14} />} loading={bulk.isPending && bulk.variables?.action === 'ack'} onClick={() => run({ ids, action: 'ack' })}>
            Acknowledge
          </Button>
          <Button size="xs" color="green" leftSection={<IconCircleCheck size={14} />} loading={bulk.isPending && bulk.variables?.action === 'resolve'} onClick={() => run({ ids, action: 'resolve' })}>
            Resolve
          </Button>
          <Group gap={4} wrap="nowrap">
            <Select
              size="xs"
              aria-label="Assign selected to"
              placeholder="Assign to…"
              data={[{ value: user.username, label: `Me (${user.username})` }, ...people.filter((p) => p !== user.username).map((p) => ({ value: p, label: p }))]}
              value={assignee}
              onChange={setAssignee}
              w={150}
              comboboxProps={{ withinPortal: true }}
            />
            <Button size="xs" variant="default" disabled={!assignee} loading={bulk.isPending && bulk.variables?.action === 'assign'} onClick={() => assignee && run({ ids, action: 'assign', assignee })}>
              Assign
            </Button>
          </Group>
          <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={onDone}>
            Clear
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
