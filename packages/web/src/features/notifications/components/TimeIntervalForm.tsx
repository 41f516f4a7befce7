/**
 * Create or change a time interval (a maintenance window or office hours): a name, a time zone, and
 * recurring ranges — weekdays (every day when none is picked) and a start and end time of day (the
 * whole day when empty; an end before the start runs past midnight).
 */
import { useState } from 'react';
import { ActionIcon, Alert, Button, Chip, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { WEEKDAYS, type TimeInterval, type TimeIntervalBody, type TimeRange, type Weekday } from '@vigil/contracts';
import { ApiError, readableMessage } from '../../../api/api-error.ts';

interface RangeDraft {
  weekdays: Weekday[];
  start: string;
  end: string;
}

/** IANA zones the browser knows (UTC first). */
function timeZones(): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...all.filter((z) => z !== 'UTC')];
}

/** A draft range as the API takes it (empty parts left out). */
export function rangeBody(r: RangeDraft): TimeRange {
  return { ...(r.weekdays.length ? { weekdays: WEEKDAYS.filter((d) => r.weekdays.includes(d)) } : {}), ...(r.start ? { start_time: r.start } : {}), ...(r.end ? { end_time: r.end } : {}) };
}

export interface TimeIntervalFormProps {
  interval?: TimeInterval;
  saving: boolean;
  error: unknown;
  onSubmit: (body: TimeIntervalBody) => void;
  onCancel: () => void;
}

export function TimeIntervalForm({ interval, saving, error, onSubmit, onCancel }: TimeIntervalFormProps) {
  const [name, setName] = useState(interval?.name ?? '');
  const [location, setLocation] = useState(interval?.location ?? 'UTC');
  const [ranges, setRanges] = useState<RangeDraft[]>(() => interval?.times.map((t) => ({ weekdays: [...(t.weekdays ?? [])], start: t.start_time ?? '', end: t.end_time ?? '' })) ?? [{ weekdays: ['saturday', 'sunday'], start: '22:00', end: '06:00' }]);
  const [zones] = useState(timeZones);
  const field = error instanceof ApiError ? String((error.details as { field?: string } | undefined)?.field ?? '') : '';
  const errorAt = (path: string) => (field === path || field.startsWith(`${path}.`) || field.startsWith(`${path}[`) ? readableMessage(error) : undefined);
  const setRange = (i: number, change: Partial<RangeDraft>) => setRanges((prev) => prev.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const ready = name.trim() && ranges.length > 0;
  const known = field === 'name' || field === 'location' || ranges.some((_, i) => errorAt(`times[${i}]`));

  return (
    <Stack gap="sm" component="form" onSubmit={(e) => { e.preventDefault(); if (ready) onSubmit({ name: name.trim(), location, times: ranges.map(rangeBody) }); }} data-testid="interval-form">
      <TextInput label="Name" description="What routes call it in mute_time_intervals / active_time_intervals" required value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={200} error={errorAt('name')} data-autofocus />
      <Select label="Time zone" data={zones} value={location} onChange={(v) => v && setLocation(v)} searchable allowDeselect={false} error={errorAt('location')} comboboxProps={{ withinPortal: true }} limit={50} />
      {ranges.map((r, i) => (
        <Paper key={i} withBorder p="xs" radius="md" data-testid="interval-range">
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" fw={600}>Range {i + 1}</Text>
              <ActionIcon variant="subtle" color="red" disabled={ranges.length === 1} onClick={() => setRanges((prev) => prev.filter((_, j) => j !== i))} aria-label={`Remove range ${i + 1}`}><IconTrash size={16} /></ActionIcon>
            </Group>
            <Chip.Group multiple value={r.weekdays} onChange={(v) => setRange(i, { weekdays: v as Weekday[] })}>
              <Group gap={4} role="group" aria-label={`Range ${i + 1}: weekdays (none = every day)`}>
                {WEEKDAYS.map((d) => <Chip key={d} value={d} size="xs">{d.slice(0, 3)}</Chip>)}
              </Group>
            </Chip.Group>
            <Group grow gap="xs" wrap="nowrap">
              <TextInput label={`Range ${i + 1}: from`} type="time" value={r.start} onChange={(e) => setRange(i, { start: e.currentTarget.value })} error={errorAt(`times[${i}].start_time`)} />
              <TextInput label={`Range ${i + 1}: to`} type="time" value={r.end} onChange={(e) => setRange(i, { end: e.currentTarget.value })} error={errorAt(`times[${i}].end_time`)} />
            </Group>
          </Stack>
        </Paper>
      ))}
      <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setRanges((prev) => [...prev, { weekdays: [], start: '', end: '' }])} style={{ alignSelf: 'flex-start' }}>Add range</Button>
      {error && !known ? <Alert color="red" variant="light" role="alert">{readableMessage(error)}</Alert> : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>Cancel</Button>
        <Button type="submit" loading={saving} disabled={!ready}>{interval ? 'Save window' : 'Add window'}</Button>
      </Group>
    </Stack>
  );
}
