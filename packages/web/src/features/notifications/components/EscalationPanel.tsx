/**
 * Escalation policies: each with its steps (wait, then who is notified) and repeats; admins add,
 * change and delete them (a policy a route uses cannot be deleted: the server names the route).
 */
import { useState } from 'react';
import { Badge, Button, Group, Modal, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import type { EscalationPolicy } from '@vigil/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useCreateEscalationPolicy, useDeleteEscalationPolicy, useEscalationPolicies, useUpdateEscalationPolicy } from '../api/escalation-policies.ts';
import { useChannelOptions } from '../lib/channel-options.ts';
import { durationMinutes } from '../lib/duration.ts';
import { ConfirmDelete } from './ConfirmDelete.tsx';
import { EscalationPolicyForm } from './EscalationPolicyForm.tsx';

function waitText(wait: string): string {
  const m = durationMinutes(wait);
  return m === null ? wait : `${m} min`;
}

export function EscalationPanel({ admin }: { admin: boolean }) {
  const list = useEscalationPolicies();
  const policies = list.data?.escalationPolicies ?? [];
  const { options, nameOf } = useChannelOptions(policies.flatMap((p) => p.steps.flatMap((s) => s.receivers)));
  const create = useCreateEscalationPolicy();
  const update = useUpdateEscalationPolicy();
  const del = useDeleteEscalationPolicy();
  const [editing, setEditing] = useState<EscalationPolicy | 'new' | null>(null);
  const [deleting, setDeleting] = useState<EscalationPolicy | null>(null);
  const save = editing === 'new' ? create : update;
  const done = (name: string) => { setEditing(null); notifications.show({ color: 'green', title: 'Escalation policy saved', message: name }); };

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>Page more people while nobody acknowledges: a route names a policy, and its steps are climbed until the alert is acknowledged or resolved.</Text>
        {admin && <Button leftSection={<IconPlus size={16} />} onClick={() => { create.reset(); setEditing('new'); }}>Add policy</Button>}
      </Group>
      {list.error && <ErrorAlert error={list.error} title="Could not load escalation policies" onRetry={() => void list.refetch()} />}
      {list.isLoading ? <Skeleton h={120} /> : policies.length === 0 ? (
        <Paper withBorder p="xl" radius="md"><Text size="sm" c="dimmed" ta="center">No escalation policies yet.</Text></Paper>
      ) : (
        <Stack gap="xs" data-testid="policy-list">
          {policies.map((p) => (
            <Paper key={p.id} withBorder p="sm" radius="md" data-testid="policy">
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
                  <Group gap={6}>
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>{p.name}</Text>
                    <Badge size="sm" variant="light" radius="sm">{p.repeat ? `repeats ${p.repeat}×` : 'once'}</Badge>
                  </Group>
                  <Stack component="ol" gap={2} m={0} pl="md">
                    {p.steps.map((s, i) => (
                      <Text component="li" key={i} size="sm" style={{ overflowWrap: 'anywhere' }}>
                        after {waitText(s.wait)}: {s.receivers.map(nameOf).join(', ')}
                      </Text>
                    ))}
                  </Stack>
                </Stack>
                {admin && (
                  <Group gap="xs">
                    <Button size="xs" variant="default" leftSection={<IconEdit size={14} />} onClick={() => { update.reset(); setEditing(p); }} aria-label={`Edit ${p.name}`}>Edit</Button>
                    <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => { del.reset(); setDeleting(p); }} aria-label={`Delete ${p.name}`}>Delete</Button>
                  </Group>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'Add escalation policy' : `Edit ${editing?.name ?? ''}`} size="lg">
        {editing !== null && (
          <EscalationPolicyForm
            policy={editing === 'new' ? undefined : editing}
            channels={options}
            saving={save.isPending}
            error={save.error}
            onCancel={() => setEditing(null)}
            onSubmit={(body) => (editing === 'new'
              ? create.mutate(body, { onSuccess: (p) => done(p.name) })
              : update.mutate({ id: editing.id, body }, { onSuccess: (p) => done(p.name) }))}
          />
        )}
      </Modal>
      <ConfirmDelete
        what={deleting ? `the escalation policy "${deleting.name}"` : null}
        pending={del.isPending}
        error={del.error}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && del.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      />
    </Stack>
  );
}
