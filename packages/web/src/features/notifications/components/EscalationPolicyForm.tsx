/**
 * Create or change an escalation policy: a name, ordered steps (wait N minutes, then notify these
 * channels; reorder, add, remove) and how many times the steps are climbed again.
 */
import { useState } from 'react';
import { ActionIcon, Alert, Button, Group, MultiSelect, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import type { EscalationPolicy, EscalationPolicyBody } from '@vigil/contracts';
import { ApiError, readableMessage } from '../../../api/api-error.ts';
import { durationMinutes, minutesDuration } from '../lib/duration.ts';

interface StepDraft {
  minutes: number | '';
  receivers: string[];
}

export interface EscalationPolicyFormProps {
  policy?: EscalationPolicy;
  /** Channels to pick receivers from. */
  channels: { value: string; label: string }[];
  saving: boolean;
  error: unknown;
  onSubmit: (body: EscalationPolicyBody) => void;
  onCancel: () => void;
}

export function EscalationPolicyForm({ policy, channels, saving, error, onSubmit, onCancel }: EscalationPolicyFormProps) {
  const [name, setName] = useState(policy?.name ?? '');
  const [steps, setSteps] = useState<StepDraft[]>(() => policy?.steps.map((s) => ({ minutes: durationMinutes(s.wait) ?? '', receivers: [...s.receivers] })) ?? [{ minutes: 5, receivers: [] }]);
  const [repeat, setRepeat] = useState<number | ''>(policy?.repeat ?? 0);
  const field = error instanceof ApiError ? String((error.details as { field?: string } | undefined)?.field ?? '') : '';
  const errorAt = (path: string) => (field === path || field.startsWith(`${path}[`) || field.startsWith(`${path}.`) ? readableMessage(error) : undefined);
  const setStep = (i: number, change: Partial<StepDraft>) => setSteps((prev) => prev.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const move = (i: number, by: -1 | 1) => setSteps((prev) => {
    const next = [...prev];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    return next;
  });
  const ready = name.trim() && steps.length > 0 && steps.every((s) => s.minutes !== '' && s.receivers.length > 0);
  const shown = error && !steps.some((_, i) => errorAt(`steps[${i}]`)) && field !== 'name' && field !== 'repeat';

  const submit = () => onSubmit({
    name: name.trim(),
    steps: steps.map((s) => ({ wait: minutesDuration(Number(s.minutes)), receivers: s.receivers })),
    repeat: repeat === '' ? 0 : repeat,
  });

  return (
    <Stack gap="sm" component="form" onSubmit={(e) => { e.preventDefault(); if (ready) submit(); }} data-testid="policy-form">
      <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={200} error={errorAt('name')} data-autofocus />
      <Title order={3} size="h6">Steps</Title>
      <Text size="xs" c="dimmed">Climbed while an alert stays open and unacknowledged; each wait counts from the step before (the first from when the alert was routed).</Text>
      {steps.map((s, i) => (
        <Paper key={i} withBorder p="xs" radius="md" data-testid="policy-step">
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" fw={600}>Step {i + 1}</Text>
              <Group gap={2} wrap="nowrap">
                <ActionIcon variant="subtle" color="gray" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move step ${i + 1} up`}><IconArrowUp size={16} /></ActionIcon>
                <ActionIcon variant="subtle" color="gray" disabled={i === steps.length - 1} onClick={() => move(i, 1)} aria-label={`Move step ${i + 1} down`}><IconArrowDown size={16} /></ActionIcon>
                <ActionIcon variant="subtle" color="red" disabled={steps.length === 1} onClick={() => setSteps((prev) => prev.filter((_, j) => j !== i))} aria-label={`Remove step ${i + 1}`}><IconTrash size={16} /></ActionIcon>
              </Group>
            </Group>
            <NumberInput label={`Step ${i + 1}: wait (minutes)`} min={0} step={1} decimalScale={2} value={s.minutes} onChange={(v) => setStep(i, { minutes: typeof v === 'number' ? v : '' })} required error={errorAt(`steps[${i}].wait`)} />
            <MultiSelect
              label={`Step ${i + 1}: then notify`} placeholder={s.receivers.length ? undefined : 'Channels'} data={channels} value={s.receivers}
              onChange={(v) => setStep(i, { receivers: v })} searchable required error={errorAt(`steps[${i}].receivers`)} comboboxProps={{ withinPortal: true }}
            />
          </Stack>
        </Paper>
      ))}
      <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setSteps((prev) => [...prev, { minutes: 15, receivers: [] }])} style={{ alignSelf: 'flex-start' }} disabled={steps.length >= 20}>Add step</Button>
      <NumberInput label="Repeat" description="Climb all steps again this many times after the last one" min={0} max={10} allowDecimal={false} value={repeat} onChange={(v) => setRepeat(typeof v === 'number' ? v : '')} error={errorAt('repeat')} />
      {shown ? <Alert color="red" variant="light" role="alert">{readableMessage(error)}</Alert> : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>Cancel</Button>
        <Button type="submit" loading={saving} disabled={!ready}>{policy ? 'Save policy' : 'Add policy'}</Button>
      </Group>
    </Stack>
  );
}
