/**
 * The evidence ledger: findings with their state (open, fixed, ignored) and the ids of the events
 * that show them; analysts add findings and change their state.
 */
import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { Link } from 'react-router';
import { FINDING_STATUSES, type Finding, type FindingStatus } from '@vigil/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatAgo } from '../../../lib/time.ts';
import { useAddFinding, useUpdateFinding } from '../api/incidents.ts';
import { FINDING_COLORS } from './format.ts';

/** The ledger of one incident. */
export function EvidenceLedger({ id, findings, canWrite }: { id: string; findings: Finding[]; canWrite: boolean }) {
  const update = useUpdateFinding(id);
  return (
    <Stack>
      {!findings.length && <Text c="dimmed" size="sm">No findings yet.</Text>}
      {findings.map((f) => (
        <Card key={f.id} withBorder padding="sm" data-testid="finding">
          <Group justify="space-between" align="flex-start">
            <Stack gap={2}>
              <Group gap="xs"><Text fw={600}>{f.title}</Text><Badge color={FINDING_COLORS[f.status]} variant="light">{f.status}</Badge></Group>
              {f.description && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{f.description}</Text>}
              <Text size="xs" c="dimmed">by {f.createdBy}, {formatAgo(f.createdAt)}</Text>
            </Stack>
            {canWrite && (
              <SegmentedControl size="xs" data={[...FINDING_STATUSES]} value={f.status} onChange={(v) => update.mutate({ findingId: f.id, body: { status: v as FindingStatus } })} aria-label={`State of ${f.title}`} />
            )}
          </Group>
          {f.eventIds.length > 0 && (
            <Group gap={6} mt="xs" data-testid="finding-events">
              <Text size="xs" c="dimmed">Events:</Text>
              {f.eventIds.map((e) => (
                <Anchor key={e} component={Link} to={`/search?event=${encodeURIComponent(e)}`} size="xs" ff="monospace">{e}</Anchor>
              ))}
            </Group>
          )}
        </Card>
      ))}
      {update.error && <ErrorAlert error={update.error} title="Could not change the finding" />}
      {canWrite && <AddFinding id={id} />}
    </Stack>
  );
}

/** The "add finding" form. */
function AddFinding({ id }: { id: string }) {
  const add = useAddFinding(id);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState('');
  const submit = () => {
    const eventIds = events.split(/[\s,]+/).filter(Boolean);
    add.mutate({ title: title.trim(), description, eventIds }, { onSuccess: () => { setTitle(''); setDescription(''); setEvents(''); } });
  };
  return (
    <Card withBorder padding="sm" maw={640}>
      <Stack gap="xs">
        <Text fw={600} size="sm">Add a finding</Text>
        <TextInput label="Title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-testid="finding-title" />
        <Textarea label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} rows={2} />
        <TextInput label="Event ids" description="Stored events that show it, separated by spaces or commas" value={events} onChange={(e) => setEvents(e.currentTarget.value)} data-testid="finding-events-input" />
        {add.error && <ErrorAlert error={add.error} title="Could not add the finding" />}
        <Group><Button size="xs" disabled={!title.trim()} loading={add.isPending} onClick={submit} data-testid="add-finding">Add finding</Button></Group>
      </Stack>
    </Card>
  );
}
