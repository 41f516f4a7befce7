/**
 * Create a silence: the alerts to mute as a query (pre-filled from an alert), for a duration or until
 * an end time, starting now or later, and why.
 */
import { useState } from 'react';
import { Alert, Button, Chip, Group, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { CreateSilenceBody } from '@vigil/contracts';
import { ApiError, readableMessage } from '../../../api/api-error.ts';

/** The query in a monospace font (not its label). */
const MONO = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

/** Durations offered as one click. */
const QUICK_DURATIONS = ['1h', '2h', '4h', '1d', '1w'];

/** `datetime-local` value (local time) → ISO, or null when empty or invalid. */
export function localToIso(value: string): string | null {
  if (!value) return null;
  const t = new Date(value).getTime();
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

export interface SilenceFormProps {
  initialMatch?: string;
  initialComment?: string;
  saving: boolean;
  error: unknown;
  onSubmit: (body: CreateSilenceBody) => void;
  onCancel: () => void;
}

export function SilenceForm({ initialMatch = '', initialComment = '', saving, error, onSubmit, onCancel }: SilenceFormProps) {
  const [match, setMatch] = useState(initialMatch);
  const [mode, setMode] = useState<'duration' | 'until'>('duration');
  const [duration, setDuration] = useState('2h');
  const [until, setUntil] = useState('');
  const [starts, setStarts] = useState('');
  const [comment, setComment] = useState(initialComment);
  const field = error instanceof ApiError ? String((error.details as { field?: string } | undefined)?.field ?? '') : '';
  const errorAt = (f: string) => (field === f ? readableMessage(error) : undefined);
  const endsAt = localToIso(until);
  const ready = match.trim() && (mode === 'duration' ? duration.trim() : endsAt);

  const submit = () => {
    const startsAt = localToIso(starts);
    onSubmit({
      match: match.trim(),
      ...(startsAt ? { startsAt } : {}),
      ...(mode === 'duration' ? { duration: duration.trim() } : { endsAt: endsAt! }),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    });
  };

  return (
    <Stack gap="sm" component="form" onSubmit={(e) => { e.preventDefault(); if (ready) submit(); }} data-testid="silence-form">
      <Textarea
        label="Alerts to silence (query)"
        description="Over alert fields: rule.id, severity, tags, host.name, source.ip, … — e.g. host.name:web-1 AND severity:<=medium"
        required autosize minRows={2} maxRows={6} value={match} onChange={(e) => setMatch(e.currentTarget.value)}
        spellCheck={false} styles={MONO} error={errorAt('match')} data-autofocus data-testid="silence-match"
      />
      <SegmentedControl value={mode} onChange={(v) => setMode(v as 'duration' | 'until')} data={[{ value: 'duration', label: 'For a duration' }, { value: 'until', label: 'Until a time' }]} aria-label="How the silence ends" />
      {mode === 'duration' ? (
        <Stack gap={4}>
          <TextInput label="Duration" description="e.g. 30m, 2h, 1d" required value={duration} onChange={(e) => setDuration(e.currentTarget.value)} error={errorAt('duration')} spellCheck={false} />
          <Chip.Group value={duration} onChange={(v) => setDuration(String(v))}>
            <Group gap={6} role="group" aria-label="Quick durations">{QUICK_DURATIONS.map((d) => <Chip key={d} value={d} size="xs">{d}</Chip>)}</Group>
          </Chip.Group>
        </Stack>
      ) : (
        <TextInput label="Ends at" type="datetime-local" required value={until} onChange={(e) => setUntil(e.currentTarget.value)} error={errorAt('endsAt')} />
      )}
      <TextInput label="Starts at" description="Empty: now" type="datetime-local" value={starts} onChange={(e) => setStarts(e.currentTarget.value)} error={errorAt('startsAt')} />
      <Textarea label="Comment" description="Why — shown to everyone who sees the silence" autosize minRows={1} maxRows={4} value={comment} onChange={(e) => setComment(e.currentTarget.value)} maxLength={2000} />
      {error && !['match', 'duration', 'endsAt', 'startsAt'].includes(field) ? <Alert color="red" variant="light" role="alert">{readableMessage(error)}</Alert> : null}
      <Text size="xs" c="dimmed">Silenced alerts still open and show in Vigil; only their notifications and escalations stop.</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>Cancel</Button>
        <Button type="submit" loading={saving} disabled={!ready}>Create silence</Button>
      </Group>
    </Stack>
  );
}
