/**
 * Silences: the list by state (active, pending, expired, all), creating one (also pre-filled from an
 * alert through `?new=1&match=…&comment=…`), and expiring one. Analysts and above change silences.
 */
import { useSearchParams } from 'react-router';
import { Badge, Button, Code, Group, Modal, Paper, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBellOff, IconPlus } from '@tabler/icons-react';
import { SILENCE_STATES, type Silence, type SilenceState } from '@vigil/contracts';
import { readableMessage } from '../../api/api-error.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatAgo, formatTimestamp } from '../../lib/time.ts';
import { useCurrentUser } from '../auth/index.ts';
import { useCreateSilence, useExpireSilence, useSilences } from './api/silences.ts';
import { SilenceForm } from './components/SilenceForm.tsx';

/** A local time to the minute. */
const minute = (iso: string) => formatTimestamp(iso).slice(0, 16);

const STATE_COLORS: Record<SilenceState, string> = { active: 'violet', pending: 'blue', expired: 'gray' };

function SilenceCard({ silence, canExpire }: { silence: Silence; canExpire: boolean }) {
  const expire = useExpireSilence();
  const s = silence;
  return (
    <Paper withBorder p="sm" radius="md" data-testid="silence" data-state={s.state} data-silence-id={s.id}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap={6}>
            <Badge color={STATE_COLORS[s.state]} variant={s.state === 'active' ? 'filled' : 'light'} size="sm" radius="sm">{s.state}</Badge>
            <Text size="xs" c="dimmed">by {s.createdBy}</Text>
          </Group>
          <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="silence-match-text">{s.match}</Code>
          {s.comment && <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{s.comment}</Text>}
          <Text size="xs" c="dimmed">
            {minute(s.startsAt)} → {minute(s.endsAt)}
            {s.state === 'active' ? ` (ends ${formatAgo(s.endsAt)})` : s.state === 'pending' ? ` (starts ${formatAgo(s.startsAt)})` : ''}
          </Text>
        </Stack>
        {canExpire && s.state !== 'expired' && (
          <Button
            size="xs" variant="light" color="red" loading={expire.isPending}
            aria-label={`Expire the silence ${s.match}`}
            onClick={() => expire.mutate(s.id, { onError: (e) => notifications.show({ color: 'red', title: 'Could not expire', message: readableMessage(e) }) })}
          >
            Expire
          </Button>
        )}
      </Group>
    </Paper>
  );
}

export function SilencesPage() {
  const user = useCurrentUser();
  const canWrite = user.role !== 'viewer';
  const [params, setParams] = useSearchParams();
  const state = (params.get('state') ?? 'active') as SilenceState | 'all';
  const list = useSilences(state === 'all' ? null : state);
  const create = useCreateSilence();
  const adding = params.get('new') === '1' && canWrite;
  const silences = list.data?.silences ?? [];

  const setParam = (changes: Record<string, string | null>) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    for (const [k, v] of Object.entries(changes)) if (v === null) next.delete(k); else next.set(k, v);
    return next;
  }, { replace: true });
  const closeForm = () => setParam({ new: null, match: null, comment: null });

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Stack gap={0}>
          <Title order={1} size="h2">Silences</Title>
          <Text size="xs" c="dimmed">Mute the notifications of the alerts a query matches, for a while.</Text>
        </Stack>
        {canWrite && <Button leftSection={<IconPlus size={16} />} onClick={() => { create.reset(); setParam({ new: '1' }); }}>New silence</Button>}
      </Group>
      <SegmentedControl
        value={state} onChange={(v) => setParam({ state: v })} aria-label="Silence state" style={{ alignSelf: 'flex-start' }}
        data={[...SILENCE_STATES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) })), { value: 'all', label: 'All' }]}
      />
      {list.error && <ErrorAlert error={list.error} title="Could not load silences" onRetry={() => void list.refetch()} />}
      {list.isLoading ? <Skeleton h={120} /> : silences.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Stack align="center" gap={4}>
            <IconBellOff size={28} stroke={1.4} />
            <Text fw={500}>No {state === 'all' ? '' : `${state} `}silences</Text>
            <Text size="sm" c="dimmed" ta="center">Silence from an alert's page (its rule and labels are filled in), or create one here.</Text>
          </Stack>
        </Paper>
      ) : (
        <Stack gap="xs" data-testid="silence-list">
          {silences.map((s) => <SilenceCard key={s.id} silence={s} canExpire={canWrite} />)}
        </Stack>
      )}
      <Modal opened={adding} onClose={closeForm} title="New silence" size="lg">
        <SilenceForm
          initialMatch={params.get('match') ?? ''}
          initialComment={params.get('comment') ?? ''}
          saving={create.isPending}
          error={create.error}
          onCancel={closeForm}
          onSubmit={(body) => create.mutate(body, {
            onSuccess: (s) => {
              setParam({ new: null, match: null, comment: null, state: s.state });
              notifications.show({ color: 'green', title: 'Silence created', message: s.match });
            },
          })}
        />
      </Modal>
    </Stack>
  );
}
